#include "second_order_derivation.hpp"

#include "../autodiff/second_order.hpp"
#include "../symbolic/diff.hpp"

#include <algorithm>
#include <set>

namespace chainrule::derivations {

namespace {

// ∂f/∂p of a factor's formula: a term per named node it reads that depends on p.
FactorDerivative factor_derivative(const NamedGraph& g, const symbolic::Expr& formula, std::size_t p) {
    FactorDerivative fd;
    for (const std::string& name : symbolic::free_symbols(formula)) {
        const std::optional<std::size_t> m = g.find(name);
        if (!m || (*m != p && count_paths(g, *m, p) == 0)) continue;
        symbolic::Expr d = symbolic::diff(formula, name);
        if (symbolic::is_constant(d) && symbolic::is_zero(d)) continue;
        fd.terms.push_back({*m, std::move(d), {}, {}});
    }
    std::sort(fd.terms.begin(), fd.terms.end(), [](const auto& a, const auto& b) { return a.node < b.node; });
    return fd;
}

SecondDerivation second_derivation(const NamedGraph& g, const GradientDerivation& d, std::size_t index) {
    SecondDerivation s;
    s.output = d.output;
    s.wrt = d.wrt;
    s.first = index;
    std::set<std::size_t> used;
    for (const ChainPath& path : d.paths) {
        std::vector<FactorDerivative> row;
        for (const PathFactor& f : path.factors) {
            row.push_back(factor_derivative(g, f.partial.formula, d.wrt));
            for (const FactorDerivative::Term& t : row.back().terms) used.insert(t.node);
        }
        s.terms.emplace_back(row.size());
        s.term_certainty.emplace_back(row.size());
        s.factors.push_back(std::move(row));
    }
    for (std::size_t m : used) s.tangents.push_back({m, {}, {}});
    return s;
}

}  // namespace

SecondOrderSection second_order_section(const NamedGraph& g, const std::vector<GradientDerivation>& first) {
    SecondOrderSection s;
    for (std::size_t i = 0; i < first.size(); ++i) {
        const GradientDerivation& d = first[i];
        if (g.nodes[d.wrt].role != NodeRole::Variable) continue;
        if (std::find(s.params.begin(), s.params.end(), d.wrt) == s.params.end()) s.params.push_back(d.wrt);
        const bool derived = std::any_of(s.derivations.begin(), s.derivations.end(),
                                         [&](const SecondDerivation& x) { return x.wrt == d.wrt; });
        if (d.style == ChainStyle::Paths && !derived) s.derivations.push_back(second_derivation(g, d, i));
    }
    s.hessian.resize(s.params.size() * s.params.size());
    s.hessian_certainty.resize(s.hessian.size());
    return s;
}

namespace {

std::size_t input_position(const Tape<Real>& tape, NodeIndex node) {
    const auto& in = tape.inputs();
    return static_cast<std::size_t>(std::find(in.begin(), in.end(), node) - in.begin());
}

// The numbers of one derivation, from the tangents of the sweep along p.
void evaluate_terms(const NamedGraph& g, const GradientDerivation& d, const std::vector<Real>& tangent,
                    SecondDerivation& s) {
    for (Tangent& t : s.tangents) t.value = tangent[g.nodes[t.node].tape_index];
    const auto tangent_of = [&](std::size_t m) {
        return std::find_if(s.tangents.begin(), s.tangents.end(), [m](const Tangent& t) { return t.node == m; })->value;
    };
    s.result = 0;
    for (std::size_t p = 0; p < s.factors.size(); ++p)
        for (std::size_t k = 0; k < s.factors[p].size(); ++k) {
            FactorDerivative& fd = s.factors[p][k];
            fd.value = 0;
            for (FactorDerivative::Term& t : fd.terms) {
                t.value = evaluate_formula(g, t.formula);
                fd.value += t.value * tangent_of(t.node);
            }
            Real term = fd.value;
            for (std::size_t i = 0; i < d.paths[p].factors.size(); ++i)
                if (i != k) term *= d.paths[p].factors[i].partial.value;
            s.terms[p][k] = term;
            s.result += term;
        }
}

}  // namespace

void evaluate_second_order(const NamedGraph& g, const std::vector<GradientDerivation>& first, const Tape<Real>& tape,
                           NodeIndex output, SecondOrderSection& s) {
    const std::size_t n = s.params.size();
    const std::vector<Real> x = recorded_inputs<Real>(tape);
    std::vector<Real> v(x.size(), Real(0));
    for (std::size_t j = 0; j < n; ++j) {
        const std::size_t pj = input_position(tape, g.nodes[s.params[j]].tape_index);
        v[pj] = 1;
        const SecondOrderSweep<Real> sweep =
            second_order_sweep<Real>(tape, output, std::span<const Real>(x), std::span<const Real>(v));
        v[pj] = 0;
        for (std::size_t i = 0; i < n; ++i)
            s.hessian[i * n + j] = sweep.hv[input_position(tape, g.nodes[s.params[i]].tape_index)];
        for (SecondDerivation& d : s.derivations)
            if (d.wrt == s.params[j]) {
                evaluate_terms(g, first[d.first], sweep.tangent, d);
                d.forward_over_reverse = sweep.hv[pj];
            }
    }
}

}  // namespace chainrule::derivations
