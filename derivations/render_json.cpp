#include "render_json.hpp"

#include "../symbolic/latex_printer.hpp"
#include "../symbolic/text_printer.hpp"
#include "../precision/number_format.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>

namespace chainrule::derivations {
namespace {

using nlohmann::json;

class JsonWriter {
public:
    explicit JsonWriter(const Worksheet& w) : w_(w) { latex_.labels = w.options.labels; }

    // "value" (a double; null when not finite), "digits" (the printed text); when the
    // precision ladder could not certify every digit, "certain_digits" or "zero_below".
    json number(const Real& x, const Certainty& c = {}) const {
        json j = {{"value", x.convert_to<double>()}, {"digits", format_number(x, c, w_.options.digits)}};
        if (c.zero_below)
            j["zero_below"] = *c.zero_below;
        else if (!c.complete())
            j["certain_digits"] = c.digits;
        return j;
    }
    json formula(const symbolic::Expr& e) const {
        return {{"text", symbolic::to_text(e)}, {"latex", symbolic::to_latex(e, latex_)}};
    }
    const std::string& name(std::size_t i) const { return w_.graph.nodes[i].name; }

    // "held_fixed": the other reads of `of` that depend on `wrt`, which this local partial
    // holds fixed (the sheet writes it (∂of/∂wrt)_{…}); empty when it equals the
    // derivative through the graph (chain_rule.hpp, LocalPartial).
    json partial(const LocalPartial& p) const {
        json j = {{"of", name(p.of)}, {"wrt", name(p.wrt)}, {"formula", formula(p.formula)}};
        j["held_fixed"] = json::array();
        for (std::size_t r : p.held_fixed) j["held_fixed"].push_back(name(r));
        j["value"] = number(p.value, p.certainty);
        return j;
    }

    // A count as a JSON integer; a path count past 2^53 (a double that is no longer an
    // exact integer) as the nearest double, which JSON writes with an exponent.
    static json count(double n) {
        if (n >= 0 && n <= 9007199254740992.0) return static_cast<std::uint64_t>(n);
        return n;
    }

    json node(const NamedNode& n) const {
        static const char* roles[] = {"variable", "constant", "defined"};
        json j = {{"name", n.name}, {"role", roles[static_cast<int>(n.role)]}, {"value", number(n.value, n.value_certainty)}};
        if (n.role == NodeRole::Defined) j["definition"] = formula(n.definition);
        return j;
    }

    json path(const ChainPath& p) const {
        json j = {{"nodes", json::array()}, {"factors", json::array()}, {"product", number(p.product, p.product_certainty)}};
        for (std::size_t n : p.nodes) j["nodes"].push_back(name(n));
        for (const PathFactor& f : p.factors) {
            json fj = partial(f.partial);
            fj["of"] = name(f.of);  // a merged factor spans from f.of down to f.partial.wrt
            fj["through"] = json::array();
            for (std::size_t t : f.through) fj["through"].push_back(name(t));
            j["factors"].push_back(fj);
        }
        return j;
    }

    json delta(const DeltaStep& s) const {
        json j = {{"node", name(s.node)}, {"delta", number(s.value, s.certainty)}, {"terms", json::array()}};
        for (const auto& [c, p] : s.terms) j["terms"].push_back({{"consumer", name(c)}, {"partial", partial(p)}});
        return j;
    }

    json derivation(const GradientDerivation& d) const {
        json j = {{"output", name(d.output)}, {"wrt", name(d.wrt)},
                  {"style", d.style == ChainStyle::Paths ? "paths" : "deltas"}, {"path_count", count(d.path_count)}};
        if (d.style == ChainStyle::Paths) {
            j["paths"] = json::array();
            for (const ChainPath& p : d.paths) j["paths"].push_back(path(p));
        } else {
            j["deltas"] = json::array();
            for (const DeltaStep& s : d.deltas) j["deltas"].push_back(delta(s));
        }
        j["result"] = number(d.result, d.result_certainty);
        j["reverse_mode"] = number(d.reverse_mode, d.reverse_mode_certainty);
        const ReverseModeCheck check = reverse_mode_check(d, w_.options.digits);
        j["agrees_with_reverse_mode"] = check == ReverseModeCheck::Agrees;  // false when it cannot confirm
        j["cross_check"] = check == ReverseModeCheck::Agrees      ? "agrees"
                           : check == ReverseModeCheck::Disagrees ? "disagrees"
                                                                  : "cannot confirm";
        if (d.after_update) j["after_update"] = number(*d.after_update, d.after_update_certainty);
        return j;
    }

    json document() const {
        json j = {{"output", name(w_.graph.output)}, {"digits", w_.options.digits}, {"nodes", json::array()},
                  {"derivations", json::array()}};
        j["notation"] =
            "result, reverse_mode, delta: derivatives through the graph (every path from the output down). "
            "A partial (of, wrt, formula): of's formula differentiated by wrt with its other reads held fixed; "
            "when held_fixed is not empty those reads depend on wrt too, the partial differs from the derivative "
            "through the graph, and the worksheet writes it (∂of/∂wrt) with held_fixed as a subscript.";
        for (const NamedNode& n : w_.graph.nodes) j["nodes"].push_back(node(n));
        for (const GradientDerivation& d : w_.derivations) j["derivations"].push_back(derivation(d));
        if (w_.options.learning_rate) j["learning_rate"] = number(*w_.options.learning_rate);
        if (w_.options.order == 2) j["second_order"] = second_order();
        return j;
    }

    // --order 2: each ∂²E/∂p² (its product-rule terms, every factor's derivative, the
    // tangents ∂M/∂p), the forward-over-reverse value, and the Hessian by the parameters.
    json second_order() const {
        const SecondOrderSection& s = w_.second_order;
        json j = {{"derivations", json::array()}, {"parameters", json::array()}, {"hessian", json::array()}};
        for (const SecondDerivation& d : s.derivations) {
            json dj = {{"output", name(d.output)}, {"wrt", name(d.wrt)}, {"factors", json::array()}, {"tangents", json::array()}};
            for (std::size_t p = 0; p < d.factors.size(); ++p)
                for (std::size_t k = 0; k < d.factors[p].size(); ++k) {
                    const FactorDerivative& f = d.factors[p][k];
                    json fj = {{"path", p}, {"factor", k}, {"derivative", number(f.value, f.certainty)},
                               {"term", number(d.terms[p][k], d.term_certainty[p][k])}, {"terms", json::array()}};
                    for (const FactorDerivative::Term& t : f.terms)
                        fj["terms"].push_back({{"node", name(t.node)}, {"formula", formula(t.formula)},
                                                 {"value", number(t.value, t.certainty)}});
                    dj["factors"].push_back(std::move(fj));
                }
            for (const Tangent& t : d.tangents) dj["tangents"].push_back({{"node", name(t.node)}, {"value", number(t.value, t.certainty)}});
            dj["result"] = number(d.result, d.result_certainty);
            dj["forward_over_reverse"] = number(d.forward_over_reverse, d.forward_over_reverse_certainty);
            j["derivations"].push_back(std::move(dj));
        }
        const std::size_t n = s.params.size();
        for (std::size_t i = 0; i < n; ++i) {
            j["parameters"].push_back(name(s.params[i]));
            json row = json::array();
            for (std::size_t k = 0; k < n; ++k) row.push_back(number(s.hessian[i * n + k], s.hessian_certainty[i * n + k]));
            j["hessian"].push_back(std::move(row));
        }
        return j;
    }

private:
    const Worksheet& w_;
    symbolic::LatexOptions latex_;
};

}  // namespace

std::string render_json(const Worksheet& w) { return JsonWriter(w).document().dump(2) + "\n"; }

}  // namespace chainrule::derivations
