#include "worksheet_html.hpp"

#include "chain_rule.hpp"
#include "prose.hpp"

#include "../precision/number_format.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace chainrule::derivations {
namespace {

using Edges = std::vector<std::size_t>;

// Nodes that `start` reaches by following `next` (reads or consumers), `start` included.
std::vector<bool> reach(const NamedGraph& g, std::size_t start, bool upwards) {
    std::vector<bool> seen(g.nodes.size(), false);
    std::vector<std::size_t> todo{start};
    seen[start] = true;
    while (!todo.empty()) {
        const std::size_t n = todo.back();
        todo.pop_back();
        for (std::size_t m : upwards ? g.nodes[n].consumers : g.nodes[n].reads)
            if (!seen[m]) seen[m] = true, todo.push_back(m);
    }
    return seen;
}

// The edges on the paths from `low` up to `high`: those whose lower end `low` reaches and
// whose upper end reaches `high`.
Edges edges_between(const Worksheet& w, std::size_t high, std::size_t low) {
    const std::vector<bool> above_low = reach(w.graph, low, true), below_high = reach(w.graph, high, false);
    Edges out;
    for (std::size_t e = 0; e < w.edges.size(); ++e)
        if (above_low[w.edges[e].wrt] && below_high[w.edges[e].of]) out.push_back(e);
    return out;
}

std::optional<std::size_t> edge_index(const Worksheet& w, std::size_t of, std::size_t wrt) {
    for (std::size_t e = 0; e < w.edges.size(); ++e)
        if (w.edges[e].of == of && w.edges[e].wrt == wrt) return e;
    return std::nullopt;
}

// An edge as its local partial, as the sheet writes it: \frac{∂of}{∂wrt} = value, with
// the reads it holds fixed as a subscript, (∂E/∂w)_{y} = 0.008.
std::string edge_tex(const Worksheet& w, const std::vector<std::string>& symbols, std::size_t e) {
    const LocalPartial& p = w.edges[e];
    std::string tex = "\\frac{\\partial " + symbols[p.of] + "}{\\partial " + symbols[p.wrt] + "}";
    if (!p.held_fixed.empty()) {
        std::string fixed;
        for (std::size_t k = 0; k < p.held_fixed.size(); ++k) fixed += (k ? ", " : "") + symbols[p.held_fixed[k]];
        tex = "\\left(" + tex + "\\right)_{" + fixed + "}";
    }
    return tex + " = " + latex_number(p.value, p.certainty, w.options.digits);
}

// The balanced {…} group starting at `open` (a '{'), braces included; npos when unbalanced.
std::size_t group_end(std::string_view s, std::size_t open) {
    if (open >= s.size() || s[open] != '{') return std::string_view::npos;
    int depth = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        depth += s[i] == '{' ? 1 : s[i] == '}' ? -1 : 0;
        if (depth == 0) return i + 1;
    }
    return std::string_view::npos;
}

// Finds the derivatives a document's math writes and what each stands for. The forms are
// worksheet_document.cpp's: \frac{\partial A}{\partial B}, \partial A/\partial B (table
// cells) and a local partial with held-fixed reads, \left(\frac{…}{…}\right)_{…}.
class FactorIndex {
public:
    FactorIndex(const Worksheet& w, const std::vector<std::string>& symbols, Language language, HtmlPage& page,
                nlohmann::json& factors)
        : w_(w), language_(language), page_(page), factors_(factors), symbols_(symbols), drawn_(graph_is_drawn(w)) {
        for (std::size_t i = 0; i < symbols_.size(); ++i) node_of_[symbols_[i]] = i;
    }

    void scan(std::string_view latex) {
        static constexpr std::string_view frac = "\\frac{\\partial ";
        for (std::size_t i = latex.find("\\partial "); i != std::string_view::npos; i = latex.find("\\partial ", i + 1)) {
            if (i >= 6 && latex.substr(i - 6, frac.size()) == frac) fraction(latex, i - 6);
            else if (i < 1 || latex[i - 1] != '{') slashed(latex, i);
        }
    }

private:
    // \frac{\partial A}{\partial B}, and the held-fixed form around it.
    void fraction(std::string_view latex, std::size_t start) {
        static constexpr std::string_view bottom = "{\\partial ";
        const std::size_t top_end = group_end(latex, start + 5);
        if (top_end == std::string_view::npos || latex.substr(top_end, bottom.size()) != bottom) return;
        const std::size_t bottom_end = group_end(latex, top_end);
        if (bottom_end == std::string_view::npos || bottom_end < top_end + bottom.size() + 1) return;
        const auto a = node(latex.substr(start + 15, top_end - 1 - (start + 15)));
        const auto b = node(latex.substr(top_end + bottom.size(), bottom_end - 1 - (top_end + bottom.size())));
        if (!a || !b) return;
        const std::string_view key = latex.substr(start, bottom_end - start);
        static constexpr std::string_view left = "\\left(", right = "\\right)_{";
        if (start >= left.size() && latex.substr(start - left.size(), left.size()) == left &&
            latex.substr(bottom_end, right.size()) == right) {
            const std::string_view held = latex.substr(start - left.size(), bottom_end + 7 - (start - left.size()));
            if (const auto e = edge_index(w_, *a, *b)) add(held, Edges{*e}, *a, *b);
        }
        add(key, edges_between(w_, *a, *b), *a, *b);
    }

    // \partial A/\partial B: B is the longest node symbol that follows.
    void slashed(std::string_view latex, std::size_t start) {
        const std::size_t slash = latex.find("/\\partial ", start);
        if (slash == std::string_view::npos) return;
        const auto a = node(latex.substr(start + 9, slash - (start + 9)));
        std::optional<std::size_t> b;
        std::size_t length = 0;
        for (const auto& [symbol, index] : node_of_)
            if (symbol.size() > length && latex.substr(slash + 10, symbol.size()) == symbol) b = index, length = symbol.size();
        if (a && b) add(latex.substr(start, slash + 10 + length - start), edges_between(w_, *a, *b), *a, *b);
    }

    std::optional<std::size_t> node(std::string_view symbol) const {
        const auto it = node_of_.find(symbol);
        return it == node_of_.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }

    // A factor: its edges, and what its tooltip says — a local partial is its edge's
    // label; a derivative through the graph names its paths (and its value when `a` is
    // the output: the adjoint of `b`).
    void add(std::string_view key, const Edges& edges, std::size_t a, std::size_t b) {
        if (edges.empty() || page_.factor_ids.count(key)) return;
        const std::string id = "f" + std::to_string(page_.factor_ids.size());
        page_.factor_ids.emplace(std::string(key), id);
        if (edges.size() == 1) {
            factors_[id] = {{"edges", drawn_ ? edges : Edges{}}, {"tex", edge_tex(w_, symbols_, edges.front())}};
            return;
        }
        std::string tex = std::string(key);
        if (a == w_.graph.output) {
            const NamedNode& n = w_.graph.nodes[b];
            tex += " = " + latex_number(n.adjoint, n.adjoint_certainty, w_.options.digits);
        }
        const double paths = count_paths(w_.graph, a, b);
        const std::string note = paths == 1 ? say_text(language_, Phrase::FactorOnePath)
                                            : say_text(language_, Phrase::FactorManyPaths, {fmt_count(paths)});
        factors_[id] = {{"edges", drawn_ ? edges : Edges{}}, {"tex", tex}, {"note", note}};
    }

    static std::string fmt_count(double n) {
        return n < 1e15 ? std::to_string(static_cast<long long>(n)) : format_number(Real(n), 3);
    }

    const Worksheet& w_;
    Language language_;
    HtmlPage& page_;
    nlohmann::json& factors_;
    const std::vector<std::string>& symbols_;
    const bool drawn_;
    std::map<std::string, std::size_t, std::less<>> node_of_;
};

void scan_line(FactorIndex& index, const Line& line) {
    for (const Inline& piece : line)
        if (const auto* m = std::get_if<Math>(&piece)) index.scan(m->latex);
}

void scan_document(FactorIndex& index, const Document& doc) {
    for (const Block& b : doc.blocks) {
        if (const auto* h = std::get_if<Heading>(&b)) scan_line(index, h->content);
        if (const auto* p = std::get_if<Paragraph>(&b)) scan_line(index, p->content);
        if (const auto* e = std::get_if<Equations>(&b))
            for (const EquationRow& r : e->rows) index.scan(r.lhs), index.scan(r.rhs);
        if (const auto* t = std::get_if<Table>(&b)) {
            for (const Line& cell : t->header) scan_line(index, cell);
            for (const auto& row : t->rows)
                for (const Line& cell : row) scan_line(index, cell);
        }
    }
}

const char* role_name(NodeRole r) {
    return r == NodeRole::Variable ? "variable" : r == NodeRole::Constant ? "constant" : "defined";
}

}  // namespace

HtmlPage worksheet_links(const Worksheet& w, const Document& doc, Language language) {
    const NamedGraph& g = w.graph;
    HtmlPage page;
    nlohmann::json nodes = nlohmann::json::array(), edges = nlohmann::json::array(), factors = nlohmann::json::object();
    const std::vector<std::string> symbols = node_symbols(w);
    for (std::size_t e = 0; e < w.edges.size(); ++e)
        edges.push_back({{"of", w.edges[e].of}, {"wrt", w.edges[e].wrt}, {"tex", edge_tex(w, symbols, e)}});
    std::map<std::size_t, std::string> derivation_of;
    for (const GradientDerivation& d : w.derivations) {
        const std::string heading = "\\frac{\\partial " + symbols[d.output] + "}{\\partial " + symbols[d.wrt] + "}";
        derivation_of.emplace(d.wrt, "d-" + g.nodes[d.wrt].name);
        page.heading_ids.emplace(heading, "d-" + g.nodes[d.wrt].name);
    }
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        const auto it = derivation_of.find(i);
        nodes.push_back({{"name", g.nodes[i].name}, {"tex", symbols[i]}, {"role", role_name(g.nodes[i].role)},
                         {"paths", i == g.output || !graph_is_drawn(w) ? Edges{} : edges_between(w, g.output, i)},
                         {"derivation", it == derivation_of.end() ? nlohmann::json() : nlohmann::json(it->second)}});
    }
    FactorIndex index(w, symbols, language, page, factors);
    scan_document(index, doc);
    page.data_json = nlohmann::json{{"nodes", nodes}, {"edges", edges}, {"factors", factors}}.dump();
    return page;
}

}  // namespace chainrule::derivations
