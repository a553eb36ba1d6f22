#include "claim_identity.hpp"

#include "../symbolic/evaluate.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <random>

namespace chainrule::derivations::detail {
namespace {

using boost::multiprecision::isfinite;

// The formula's value with every named node's value from `truth`'s tape; Error naming the
// symbol when the formula uses a name the model does not have.
Real formula_value(const QuantityTruth& truth, const symbolic::Expr& formula) {
    try {
        return symbolic::evaluate<Real>(formula, truth.named_values());
    } catch (const symbolic::unbound_symbol& e) {
        throw Error("chainrule: the formula uses '" + e.symbol() + "', which is not a named node of the model");
    }
}

// Every named leaf of the tape (variables and constants), when none are chosen.
std::vector<std::string> named_leaves(const Tape<Real>& tape) {
    std::vector<std::string> out;
    for (NodeIndex i = 0; i < tape.size(); ++i) {
        const OpKind op = tape.node(i).op;
        if ((op == OpKind::Input || op == OpKind::Const) && !tape.name(i).empty()) out.emplace_back(tape.name(i));
    }
    return out;
}

}  // namespace

bool formula_agrees(const Real& formula, const Real& truth) {
    using boost::multiprecision::abs;
    if (isnan(formula) || isnan(truth)) return false;  // undefined is never a match
    if (!isfinite(formula) || !isfinite(truth)) return formula == truth;  // the same infinity
    return abs(formula - truth) <= Real("1e-30") * (1 + abs(truth));
}

IdentityCheck check_identity(QuantityTruth& truth, const ClaimQuantity& q, const symbolic::Expr& formula,
                             const std::vector<std::string>& perturbed, std::size_t points, std::uint64_t seed) {
    IdentityCheck r;
    r.at_point = formula_value(truth, formula);
    r.holds_at_point = formula_agrees(r.at_point, truth.quantity(q));
    const std::vector<std::string> leaves = perturbed.empty() ? named_leaves(truth.tape()) : perturbed;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    for (std::size_t draw = 0; r.checked < points && draw < 4 * points; ++draw) {
        std::map<std::string, Real> at;
        for (const std::string& name : leaves) at[name] = truth.value(name) * (1 + Real(u(rng)) / 2) + Real(u(rng)) / 10;
        const Tape<Real> moved = retape(truth.tape(), at);
        QuantityTruth there(moved);
        const Real expected = there.quantity(q), got = formula_value(there, formula);
        if (!isfinite(expected)) continue;  // outside the model's domain: draw again
        ++r.checked;
        if (formula_agrees(got, expected)) ++r.holding;
    }
    return r;
}

}  // namespace chainrule::derivations::detail
