#include "worksheet.hpp"

#include "../symbolic/latex_names.hpp"
#include "number_format.hpp"

#include <algorithm>
#include <stdexcept>

namespace chainrule::derivations {

namespace {

std::vector<std::size_t> parameters(const NamedGraph& g, const std::vector<std::string>& wrt) {
    std::vector<std::size_t> out;
    if (wrt.empty()) {
        for (std::size_t i = 0; i < g.nodes.size(); ++i)
            if (g.nodes[i].role == NodeRole::Variable) out.push_back(i);
        return out;
    }
    for (const std::string& name : wrt) {
        const std::size_t i = g.at(name);
        if (i == g.output)
            throw Error("chainrule: cannot derive " + name + " with respect to itself");
        if (std::find(out.begin(), out.end(), i) != out.end())
            throw Error("chainrule: '" + name + "' is listed twice in wrt");
        out.push_back(i);
    }
    return out;
}

}  // namespace

Worksheet make_worksheet(NamedGraph graph, WorksheetOptions options) {
    if (options.digits < 1 || options.digits > 40)
        throw std::invalid_argument("chainrule: digits must be between 1 and 40, got " + std::to_string(options.digits));
    for (const auto& [name, label] : options.labels) {
        if (!graph.find(name))
            throw Error("chainrule: label for '" + name + "', which is not a named node the output depends on");
        symbolic::validate_latex_label(label);
    }
    Worksheet w{std::move(graph), {}, std::move(options)};
    for (std::size_t p : parameters(w.graph, w.options.wrt)) {
        switch (w.options.style) {
            case StyleChoice::Auto: w.derivations.push_back(derive_auto(w.graph, p)); break;
            case StyleChoice::Paths: w.derivations.push_back(derive_paths(w.graph, p)); break;
            case StyleChoice::Deltas: w.derivations.push_back(derive_deltas(w.graph, p)); break;
            case StyleChoice::Both:
                if (count_paths(w.graph, w.graph.output, p) <= static_cast<double>(kMaxPaths))
                    w.derivations.push_back(derive_paths(w.graph, p));
                w.derivations.push_back(derive_deltas(w.graph, p));
                break;
        }
    }
    if (w.options.learning_rate)
        for (GradientDerivation& d : w.derivations)
            d.after_update = w.graph.nodes[d.wrt].value - *w.options.learning_rate * d.result;
    return w;
}

bool agrees_with_reverse_mode(const GradientDerivation& d, int digits) {
    using boost::multiprecision::abs;
    using boost::multiprecision::pow;
    const Real scale = abs(d.reverse_mode) > abs(d.result) ? abs(d.reverse_mode) : abs(d.result);
    return abs(d.result - d.reverse_mode) <= scale * pow(Real(10), -(digits + 2));
}

}  // namespace chainrule::derivations
