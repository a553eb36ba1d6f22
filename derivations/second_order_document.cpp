// The "Second derivatives" section of a worksheet (`--order 2`, second_order_derivation.hpp):
// for each parameter p, ∂²E/∂p² by the product rule over the first-order path product,
// each factor's derivative through the nodes it reads, the numbers, and the cross-check
// with forward-over-reverse; then the Hessian of E by the parameters. Only lays out.
#include "second_order_document.hpp"

#include "../precision/number_format.hpp"
#include "../symbolic/latex_printer.hpp"
#include "prose.hpp"

#include <set>

namespace chainrule::derivations {

namespace {

class SecondOrderLayout {
public:
    SecondOrderLayout(const Worksheet& w, Language language) : w_(w), language_(language) {
        options_.labels = w.options.labels;
    }
    std::string sym(std::size_t i) const { return symbolic::to_latex(w_.graph.symbol(i), options_); }
    std::string formula(const symbolic::Expr& e) const { return symbolic::to_latex(e, options_); }
    std::string num(const Real& x, const Certainty& c) const { return latex_number(x, c, w_.options.digits); }
    std::string factor(const Real& x, const Certainty& c) const {
        const std::string s = num(x, c);
        return x < 0 ? "\\left(" + s + "\\right)" : s;
    }
    // A formula used as a factor: parenthesised when it is a sum or has a leading sign.
    std::string factor_formula(const symbolic::Expr& e) const {
        const std::string f = formula(e);
        const bool compound = e.kind() == symbolic::Kind::sum || (!f.empty() && f.front() == '-');
        return compound ? "\\left(" + f + "\\right)" : f;
    }
    std::string dfrac(std::size_t of, std::size_t wrt) const {
        return "\\frac{\\partial " + sym(of) + "}{\\partial " + sym(wrt) + "}";
    }
    std::string second(std::size_t of, std::size_t p) const {
        return "\\frac{\\partial^2 " + sym(of) + "}{\\partial " + sym(p) + "^2}";
    }
    // A factor as the first-order section writes it: ∂of/∂wrt, or (∂of/∂wrt)_{y} with the
    // reads it holds fixed (chain_rule.hpp, LocalPartial::held_fixed) — which keeps it apart
    // from the derivative through the graph, ∂of/∂wrt, among the tangents.
    std::string factor_symbol(const PathFactor& f) const {
        if (f.partial.held_fixed.empty()) return dfrac(f.of, f.partial.wrt);
        std::string fixed;
        for (std::size_t k = 0; k < f.partial.held_fixed.size(); ++k) fixed += (k ? ", " : "") + sym(f.partial.held_fixed[k]);
        return "\\left(" + dfrac(f.of, f.partial.wrt) + "\\right)_{" + fixed + "}";
    }
    // ∂/∂p of a factor, written around the factor's own symbol: ∂/∂w5 (∂E/∂out_o1).
    std::string d_of_factor(const PathFactor& f, std::size_t p) const {
        return "\\frac{\\partial}{\\partial " + sym(p) + "}\\left(" + factor_symbol(f) + "\\right)";
    }
    Line say(Phrase phrase, const std::vector<Line>& args = {}) const { return derivations::say(language_, phrase, args); }
    const Worksheet& w() const { return w_; }

private:
    const Worksheet& w_;
    Language language_;
    symbolic::LatexOptions options_;
};

Line math_line(std::string latex) { return Line{Math{std::move(latex)}}; }

// "a = b = c" without a step that repeats the one before it.
std::string joined_steps(const std::vector<std::string>& steps) {
    std::string out, last;
    for (const std::string& step : steps) {
        if (step == last) continue;
        out += (out.empty() ? "" : " = ") + step;
        last = step;
    }
    return out;
}

// One path's product with factor k replaced (by its derivative's symbol or its number).
std::string product_rule_term(const SecondOrderLayout& L, const ChainPath& path, std::size_t k, std::size_t p,
                              const FactorDerivative* numbers) {
    std::string s;
    for (std::size_t i = 0; i < path.factors.size(); ++i) {
        if (i) s += " \\cdot ";
        const PathFactor& f = path.factors[i];
        if (i == k)
            s += numbers ? L.factor(numbers->value, numbers->certainty) : L.d_of_factor(f, p);
        else
            s += numbers ? L.factor(f.partial.value, f.partial.certainty) : L.factor_symbol(f);
    }
    return s;
}

// ∂²E/∂p² = Σ_paths Σ_k (…) as rows: the symbols, then the numbers, then the result.
void product_rule_rows(const SecondOrderLayout& L, const GradientDerivation& d, const SecondDerivation& s,
                       bool numbers, Equations& eq) {
    bool first = true;
    for (std::size_t path = 0; path < d.paths.size(); ++path)
        for (std::size_t k = 0; k < d.paths[path].factors.size(); ++k) {
            const FactorDerivative& fd = s.factors[path][k];
            if (numbers && fd.terms.empty()) continue;  // a factor that does not depend on p: a term 0
            const std::string term = product_rule_term(L, d.paths[path], k, s.wrt, numbers ? &fd : nullptr);
            eq.rows.push_back({first ? (numbers ? "" : L.second(s.output, s.wrt)) : "", (first ? "" : "+ ") + term, !first});
            first = false;
        }
    if (first) eq.rows.push_back({numbers ? "" : L.second(s.output, s.wrt), "0"});
}

// ∂/∂p (∂N/∂M) = Σ (∂f/∂M')·∂M'/∂p = numbers = value, or "= 0" when f does not depend on p.
void factor_rows(const SecondOrderLayout& L, const GradientDerivation& d, const SecondDerivation& s, Equations& eq) {
    std::set<std::pair<std::size_t, std::size_t>> shown;  // a factor on several paths: once
    for (std::size_t path = 0; path < d.paths.size(); ++path)
        for (std::size_t k = 0; k < d.paths[path].factors.size(); ++k) {
            const PathFactor& f = d.paths[path].factors[k];
            if (!shown.insert({f.of, f.partial.wrt}).second) continue;
            const FactorDerivative& fd = s.factors[path][k];
            std::string symbols, values;
            for (const FactorDerivative::Term& t : fd.terms) {
                const bool self = t.node == s.wrt, one = symbolic::is_one(t.formula);
                std::string symbol = self || !one ? L.factor_formula(t.formula) : "";
                std::string value = self || !one ? L.factor(t.value, t.certainty) : "";
                if (!self)
                    for (const Tangent& tg : s.tangents)
                        if (tg.node == t.node) {
                            symbol += (one ? "" : " \\cdot ") + L.dfrac(t.node, s.wrt);
                            value += (one ? "" : " \\cdot ") + L.factor(tg.value, tg.certainty);
                        }
                symbols += (symbols.empty() ? "" : " + ") + symbol;
                values += (values.empty() ? "" : " + ") + value;
            }
            std::string rhs = "\\frac{\\partial}{\\partial " + L.sym(s.wrt) + "}\\left(" + L.formula(f.partial.formula) +
                              "\\right) = ";
            if (fd.terms.empty()) rhs += "0";
            else rhs += joined_steps({symbols, values, L.num(fd.value, fd.certainty)});
            eq.rows.push_back({L.d_of_factor(f, s.wrt), rhs});
        }
}

void tangent_rows(const SecondOrderLayout& L, const SecondDerivation& s, Equations& eq) {
    for (const Tangent& t : s.tangents)
        if (t.node != s.wrt) eq.rows.push_back({L.dfrac(t.node, s.wrt), L.num(t.value, t.certainty)});
}

Phrase check_phrase(ReverseModeCheck c) {
    switch (c) {
        case ReverseModeCheck::Agrees: return Phrase::SecondOrderCheckAgrees;
        case ReverseModeCheck::Disagrees: return Phrase::SecondOrderCheckDisagrees;
        case ReverseModeCheck::CannotConfirm: break;
    }
    return Phrase::SecondOrderCheckOther;
}

void one_derivation(const SecondOrderLayout& L, const SecondDerivation& s, Document& doc) {
    const GradientDerivation& d = L.w().derivations[s.first];
    const Line p = math_line(L.sym(s.wrt)), grad = math_line(L.dfrac(s.output, s.wrt));
    doc.blocks.push_back(Heading{3, math_line(L.second(s.output, s.wrt))});
    doc.blocks.push_back(Paragraph{L.say(Phrase::SecondOrderProductRule, {grad, p})});
    Equations symbols;
    product_rule_rows(L, d, s, false, symbols);
    doc.blocks.push_back(std::move(symbols));
    doc.blocks.push_back(Paragraph{L.say(Phrase::SecondOrderFactors, {p})});
    Equations factors;
    factor_rows(L, d, s, factors);
    doc.blocks.push_back(std::move(factors));
    Equations tangents;
    tangent_rows(L, s, tangents);
    if (!tangents.rows.empty()) {
        doc.blocks.push_back(Paragraph{L.say(Phrase::SecondOrderTangents, {p})});
        doc.blocks.push_back(std::move(tangents));
    }
    doc.blocks.push_back(Paragraph{L.say(Phrase::SecondOrderNumbers)});
    Equations result;
    product_rule_rows(L, d, s, true, result);
    result.rows.push_back({"", L.num(s.result, s.result_certainty)});
    result.rows.front().lhs = L.second(s.output, s.wrt);
    doc.blocks.push_back(std::move(result));
    doc.blocks.push_back(Paragraph{L.say(check_phrase(second_order_check(s, L.w().options.digits)),
                                         {math_line(L.num(s.forward_over_reverse, s.forward_over_reverse_certainty))})});
}

void hessian_table(const SecondOrderLayout& L, const SecondOrderSection& s, Document& doc) {
    const std::size_t n = s.params.size();
    const std::size_t out = L.w().graph.output;
    doc.blocks.push_back(Paragraph{L.say(Phrase::SecondOrderHessian, {math_line(L.sym(out))})});
    Table t;
    t.header.push_back(Line{Text{""}});
    t.align.push_back(Align::Left);
    for (std::size_t j : s.params) {
        t.header.push_back(math_line("\\partial " + L.sym(j)));
        t.align.push_back(Align::Right);
    }
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<Line> row{math_line("\\partial " + L.sym(s.params[i]))};
        for (std::size_t j = 0; j < n; ++j) row.push_back(math_line(L.num(s.hessian[i * n + j], s.hessian_certainty[i * n + j])));
        t.rows.push_back(std::move(row));
    }
    doc.blocks.push_back(std::move(t));
}

}  // namespace

void second_order_document(const Worksheet& w, Language language, Document& doc) {
    const SecondOrderSection& s = w.second_order;
    if (w.options.order < 2 || s.params.empty()) return;
    const SecondOrderLayout L(w, language);
    doc.blocks.push_back(Heading{2, L.say(Phrase::SecondOrderHeading)});
    doc.blocks.push_back(Paragraph{L.say(s.derivations.empty() ? Phrase::SecondOrderHessianOnly : Phrase::SecondOrderIntro)});
    for (const SecondDerivation& d : s.derivations) one_derivation(L, d, doc);
    hessian_table(L, s, doc);
}

}  // namespace chainrule::derivations
