// Function rule of simplify: only values a person would write down without a
// calculator (exp(0) = 1, sigma(0) = 1/2, |-3| = 3, ...) and inverse pairs, as the
// catalogue's facts state them (ops/facts.hpp). Irrational values such as ln 2 or
// sin 1 stay symbolic.
#include <optional>

#include "arithmetic.hpp"
#include "rational.hpp"
#include "function_rules.hpp"
#include "simplify_rules.hpp"

namespace chainrule::symbolic::detail {
namespace {

using Value = std::optional<Rational>;

bool is_call(const Expr& e, Function f) { return e.kind() == Kind::function && e.function() == f; }

Rational fraction(const ops::Fraction& q) { return Rational(q.num) / Rational(q.den); }

// Values of unary functions at a rational argument that are rational: the rule's facts
// (ops/rules_*.hpp) say which — exact at every rational (|x|, sign, step, relu), a real
// root (cbrt), a rational value at 0 or 1 (exp 0 = 1, sigma(0) = 1/2, ln 1 = 0).
Value fold_unary(Function f, const Rational& x) {
    return visit_unary_rule(f, [&]<class Rule>() -> Value {
        constexpr ops::Facts facts = Rule::facts;
        if constexpr (facts.exact_on_rationals) return Rational(Rule::value(x));
        if constexpr (facts.root > 0) {
            if (x < 0 && facts.root % 2 == 0) return std::nullopt;
            auto root = exact_power(abs(x), Rational(1, facts.root));
            if (root && x < 0) return Value(-*root);
            return root;
        }
        if (x == 0 && facts.at_zero) return fraction(*facts.at_zero);
        if (x == 1 && facts.at_one) return fraction(*facts.at_one);
        return std::nullopt;
    });
}

Value fold_binary(Function f, const Rational& a, const Rational& b) {
    if (f == Function::xlogy) {
        if (a == 0 || b == 1) return Rational(0);
        return std::nullopt;
    }
    return visit_binary_rule(f, [&]<class Rule>() -> Value {
        if constexpr (Rule::facts.exact_on_rationals) return Rational(Rule::value(a, b));
        return std::nullopt;
    });
}

// The rules' inverse pairs and idempotent functions: e^{\ln u} = u, \ln e^{u} = u,
// \ln e = 1 (e = exp(1)), ||u|| = |u|.
std::optional<Expr> inverse_pair(Function f, const Expr& u) {
    if (u.kind() != Kind::function) return std::nullopt;
    const ops::Facts facts = function_facts(f);
    if (facts.idempotent && u.function() == f) return u;
    if (facts.inverse.empty()) return std::nullopt;
    const std::optional<Function> g = function_from_name(facts.inverse);
    if (u.function() == g) return u[0];
    if (g == Function::exp && u.function() == Function::e) return Expr(1);
    return std::nullopt;
}

std::optional<Expr> simplify_binary(Function f, const Expr& a, const Expr& b) {
    if (a == b && function_facts(f).idempotent) return a;  // min(a, a) = max(a, a) = a
    if (f == Function::hypot && is_zero(a)) return make_function(Function::abs, {b});
    if (f == Function::hypot && is_zero(b)) return make_function(Function::abs, {a});
    if (f != Function::xlogy) return std::nullopt;
    if (is_zero(a) || is_one(b)) return Expr(0);
    // Where x cannot be 0 (or ln y is finite), xlogy(x, y) is just x ln y.
    const bool x_nonzero = is_constant(a) || is_call(a, Function::exp);
    const bool y_positive_constant =
        (is_constant(b) && b.value() > 0) || is_call(b, Function::e) || is_call(b, Function::pi);
    if (x_nonzero || y_positive_constant) return make_product({a, make_function(Function::log, {b})});
    return std::nullopt;
}

}  // namespace

Expr simplify_function(Function f, const std::vector<Expr>& args) {
    if (args.empty() || is_variadic(f)) return make_function(f, args);  // pi, e; logsumexp flattens
    if (args.size() == 1) {
        if (is_constant(args[0]))
            if (Value v = fold_unary(f, args[0].value())) return Expr(*v);
        if (auto e = inverse_pair(f, args[0])) return *e;
    } else {
        if (is_constant(args[0]) && is_constant(args[1]))
            if (Value v = fold_binary(f, args[0].value(), args[1].value())) return Expr(*v);
        if (auto e = simplify_binary(f, args[0], args[1])) return *e;
    }
    return make_function(f, args);
}

}  // namespace chainrule::symbolic::detail
