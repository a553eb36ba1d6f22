// Function rule of simplify: only values a person would write down without a
// calculator (exp(0) = 1, sigma(0) = 1/2, |-3| = 3, ...) and inverse pairs.
// Irrational values such as ln 2 or sin 1 stay symbolic.
#include <optional>

#include "arithmetic.hpp"
#include "rational.hpp"
#include "simplify_rules.hpp"

namespace chainrule::symbolic::detail {
namespace {

using Value = std::optional<Rational>;

bool is_call(const Expr& e, Function f) { return e.kind() == Kind::function && e.function() == f; }

int sign_of(const Rational& r) { return r > 0 ? 1 : (r < 0 ? -1 : 0); }

// Values of unary functions at a rational argument that are rational.
Value fold_unary(Function f, const Rational& x) {
    switch (f) {
    case Function::abs: return Rational(abs(x));
    case Function::sign: return Rational(sign_of(x));
    case Function::step: return Rational(x >= 0 ? 1 : 0);
    case Function::relu: return x > 0 ? x : Rational(0);
    case Function::cbrt: {
        auto root = exact_power(abs(x), Rational(1, 3));
        if (root) return x < 0 ? Value(-*root) : root;
        return std::nullopt;
    }
    default: break;
    }
    if (x == 0) {
        switch (f) {
        case Function::exp:
        case Function::cos:
        case Function::cosh:
        case Function::sech: return Rational(1);
        case Function::sin:
        case Function::tan:
        case Function::asin:
        case Function::atan:
        case Function::sinh:
        case Function::tanh:
        case Function::expm1:
        case Function::log1p: return Rational(0);
        case Function::sigmoid: return Rational(1, 2);
        default: break;
        }
    }
    if (x == 1 && (f == Function::log || f == Function::acos)) return Rational(0);
    return std::nullopt;
}

Value fold_binary(Function f, const Rational& a, const Rational& b) {
    switch (f) {
    case Function::min: return a < b ? a : b;
    case Function::max: return a < b ? b : a;
    case Function::leaky_relu: return a > 0 ? a : Rational(a * b);
    case Function::xlogy:
        if (a == 0 || b == 1) return Rational(0);
        return std::nullopt;
    default: return std::nullopt;
    }
}

// e^{\ln u} = u, \ln e^{u} = u, \ln e = 1, ||u|| = |u|.
std::optional<Expr> inverse_pair(Function f, const Expr& u) {
    if (f == Function::exp && is_call(u, Function::log)) return u[0];
    if (f == Function::log && is_call(u, Function::exp)) return u[0];
    if (f == Function::log && is_call(u, Function::e)) return Expr(1);
    if (f == Function::abs && is_call(u, Function::abs)) return u;
    return std::nullopt;
}

std::optional<Expr> simplify_binary(Function f, const Expr& a, const Expr& b) {
    if ((f == Function::min || f == Function::max) && a == b) return a;
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
