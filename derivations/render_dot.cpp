#include "render_dot.hpp"

#include "../precision/number_format.hpp"

#include <fmt/format.h>

namespace chainrule::derivations {
namespace {

// DOT double-quoted strings: escape backslash and quote; newlines become \n.
std::string dot_quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string render_dot(const Worksheet& w) {
    const NamedGraph& g = w.graph;
    const int digits = w.options.digits;
    std::string out = "digraph chainrule {\n  rankdir=BT;\n  node [shape=box, fontname=\"Helvetica\"];\n";
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        const NamedNode& n = g.nodes[i];
        std::string label = n.name + "\n= " + format_number(n.value, n.value_certainty, digits) + "\n∂" + g.nodes[g.output].name + "/∂" +
                            n.name + " = " + format_number(n.adjoint, n.adjoint_certainty, digits);
        const char* style = n.role == NodeRole::Variable ? ", style=filled, fillcolor=\"#dbe9ff\""
                            : n.role == NodeRole::Constant ? ", style=dashed" : "";
        out += fmt::format("  n{} [label={}{}];\n", i, dot_quoted(label), style);
    }
    for (const LocalPartial& p : w.edges)
        out += fmt::format("  n{} -> n{} [label={}];\n", p.wrt, p.of,
                           dot_quoted(format_number(p.value, p.certainty, digits)));
    return out + "}\n";
}

}  // namespace chainrule::derivations
