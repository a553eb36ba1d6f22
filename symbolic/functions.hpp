// Elementary and neural-network functions of Expr.
//
// These are free functions in chainrule::symbolic so that generic code (the
// autodiff tape replayed with T = Expr) finds them by argument-dependent
// lookup when it calls `exp(x)`, `pow(x, 2)`, `max(a, b)` unqualified.  Each
// builds a node; nothing is evaluated (see simplify.hpp for folding
// exp(0) = 1 and friends, evaluate.hpp for numbers, diff.hpp for derivatives).
//
// Domains are those of the real functions; outside them `evaluate` returns
// what the floating-point function returns (usually NaN).  Conventions at
// non-differentiable points are the op catalogue's (ops/rules_*.hpp,
// docs/conventions.md); `diff` and `evaluate` follow them.
#pragma once

#include <concepts>
#include <initializer_list>
#include <vector>

#include "../ops/constants.hpp"
#include "../ops/catalogue.hpp"
#include "arithmetic.hpp"
#include "expr.hpp"

namespace chainrule::symbolic {

/// int, long, ..., float, double: the scalar types mixed overloads accept.
template <class A>
concept arithmetic_scalar = plain_integer<A> || std::floating_point<A>;

// -------------------------------------------------------------- constants
/// The constant \pi, exact: a node of its own (never a decimal), evaluated at
/// the precision of the number type (MPFR's \pi for Real).  Printed \pi in
/// LaTeX, pi in text.  Its derivative is 0.
Expr pi();
/// Euler's number e = exp(1), exact; printed \mathrm{e} (upright, ISO 80000-2)
/// in LaTeX, e in text.  exp(1) builds this node, and e^{u} builds exp(u).
Expr e();

// ------------------------------------------------- the catalogue's functions
/// One function node per call, for every unary function of the op catalogue
/// (ops/catalogue.hpp): exp, log, sin, cos, tan, cot, asin, acos, atan, acot, sinh,
/// cosh, tanh, coth, sech, csch, cbrt, abs, sign, expm1, log1p, sigmoid, relu,
/// softplus, log_sigmoid, step, ...  Their domains, derivatives (what diff uses),
/// numeric values (what evaluate uses), printed names and conventions are the rule
/// structs' (ops/rules_*.hpp): sign(0) = 0, step(0) = 1, relu'(0) = 0,
/// acot x = \pi/2 - \arctan x, ...  exp(1) builds the constant e(), and e^{u} builds
/// exp(u).
#define CHAINRULE_EXPR_UNARY(Name, fn, ...) Expr fn(const Expr& x);
CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_EXPR_UNARY)
#undef CHAINRULE_EXPR_UNARY

/// atan2(y, x) (the angle of the point (x, y), in (-\pi, \pi]), hypot(a, b) =
/// \sqrt{a^2 + b^2}, min(a, b), max(a, b) (a tie splits the derivative 1/2-1/2): the
/// catalogue's binary functions, with a plain number allowed on either side.
#define CHAINRULE_EXPR_BINARY(Name, fn, ...)                            \
    Expr fn(const Expr& a, const Expr& b);                             \
    template <arithmetic_scalar A>                                     \
    Expr fn(const Expr& a, A b) { return fn(a, Expr(b)); }             \
    template <arithmetic_scalar A>                                     \
    Expr fn(A a, const Expr& b) { return fn(Expr(a), b); }
CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_EXPR_BINARY)
#undef CHAINRULE_EXPR_BINARY

// ---------------------------------------------------- written with others
/// \log_{b} x = \frac{\ln x}{\ln b}; built from log, so no node of its own.
Expr log(const Expr& x, const Expr& base);
/// x^{1/2} — a power node, so that it combines with other powers of x;
/// printed \sqrt{x}.  Domain x >= 0.
Expr sqrt(const Expr& x);
/// base^{exponent}.  For non-integer exponents the base must be >= 0.
Expr pow(const Expr& base, const Expr& exponent);
template <arithmetic_scalar A>
Expr pow(const Expr& base, A exponent) { return pow(base, Expr(exponent)); }
template <arithmetic_scalar A>
Expr pow(A base, const Expr& exponent) { return pow(Expr(base), exponent); }

// ----------------------------------------------------------- Expr only
/// \operatorname{logsumexp}(a_1, ..., a_n) = \ln \sum_i e^{a_i}, n >= 1,
/// evaluated stably as m + \ln \sum_i e^{a_i - m} with m = \max_i a_i.  One
/// n-ary node: nested calls flatten, logsumexp(a) = a.  Partial derivatives
/// are the softmax: \partial/\partial a_i = e^{a_i - logsumexp(a_1, ..., a_n)}.
/// Throws std::invalid_argument for no argument.
Expr logsumexp(std::vector<Expr> args);
inline Expr logsumexp(std::initializer_list<Expr> args) { return logsumexp(std::vector<Expr>(args)); }
/// \ln(e^{a} + e^{b}) = logsumexp(a, b) (what a tape records per argument).
Expr logaddexp(const Expr& a, const Expr& b);
/// x \ln y, with value 0 whenever x = 0 (even for y = 0), as scipy's xlogy.
/// Partial derivatives: \ln y and x / y.
Expr xlogy(const Expr& x, const Expr& y);
/// x for x > 0, \alpha x for x <= 0 (the tape's param op ops::LeakyRelu, here with
/// \alpha an argument).  \partial/\partial x = \alpha + (1 - \alpha)(1 - step(-x))
/// (so the slope at 0 is \alpha); \partial/\partial\alpha = x step(-x).
Expr leaky_relu(const Expr& x, const Expr& alpha);

}  // namespace chainrule::symbolic

namespace chainrule::ops {

/// The constants of an op rule in Expr: the exact \pi and the exact decimal (selu's
/// \lambda and \alpha as the rationals PyTorch's decimals are).
template <>
struct OpConstants<symbolic::Expr> {
    static symbolic::Expr pi() { return symbolic::pi(); }
    static symbolic::Expr decimal(const char* text) { return symbolic::Expr::decimal(text); }
};

}  // namespace chainrule::ops
