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
// non-differentiable points are listed with each function and are the ones
// `diff` and `evaluate` follow.
#pragma once

#include <concepts>
#include <initializer_list>
#include <vector>

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

// ------------------------------------------------------------ exponential
/// e^{x}.  Printed  \mathrm{e}^{x}; exp(1) is the constant e().
Expr exp(const Expr& x);
/// \ln x, natural logarithm, x > 0.
Expr log(const Expr& x);
/// \log_{b} x = \frac{\ln x}{\ln b}; built from log, so no node of its own.
Expr log(const Expr& x, const Expr& base);
/// e^{x} - 1 (kept as one node: accurate near 0 when evaluated).
Expr expm1(const Expr& x);
/// \ln(1 + x), x > -1 (one node, accurate near 0).
Expr log1p(const Expr& x);
/// x^{1/2} — a power node, so that it combines with other powers of x;
/// printed \sqrt{x}.  Domain x >= 0.
Expr sqrt(const Expr& x);
/// \sqrt[3]{x}, the real cube root, defined for all real x (a function node,
/// not x^{1/3}, because powers with fractional exponents need x >= 0).
Expr cbrt(const Expr& x);
/// base^{exponent}.  For non-integer exponents the base must be >= 0.
Expr pow(const Expr& base, const Expr& exponent);
template <arithmetic_scalar A>
Expr pow(const Expr& base, A exponent) { return pow(base, Expr(exponent)); }
template <arithmetic_scalar A>
Expr pow(A base, const Expr& exponent) { return pow(Expr(base), exponent); }

// ---------------------------------------------------------- trigonometric
Expr sin(const Expr& x);
Expr cos(const Expr& x);
/// \tan x, x != \pi/2 + k\pi.
Expr tan(const Expr& x);
/// \cot x = \cos x / \sin x, x != k\pi.
Expr cot(const Expr& x);
/// \arcsin x, -1 <= x <= 1 (differentiable for |x| < 1).
Expr asin(const Expr& x);
/// \arccos x, -1 <= x <= 1 (differentiable for |x| < 1).
Expr acos(const Expr& x);
/// \arctan x, range (-\pi/2, \pi/2).
Expr atan(const Expr& x);
/// \operatorname{arccot} x = \pi/2 - \arctan x: continuous, range (0, \pi).
Expr acot(const Expr& x);
/// Angle of the point (x, y): \operatorname{atan2}(y, x) \in (-\pi, \pi],
/// as std::atan2.  Not differentiable at the origin.
Expr atan2(const Expr& y, const Expr& x);
template <arithmetic_scalar A>
Expr atan2(const Expr& y, A x) { return atan2(y, Expr(x)); }
template <arithmetic_scalar A>
Expr atan2(A y, const Expr& x) { return atan2(Expr(y), x); }

// ------------------------------------------------------------- hyperbolic
Expr sinh(const Expr& x);
Expr cosh(const Expr& x);
Expr tanh(const Expr& x);
/// \coth x = 1 / \tanh x, x != 0.
Expr coth(const Expr& x);
/// \operatorname{sech} x = 1 / \cosh x.
Expr sech(const Expr& x);
/// \operatorname{csch} x = 1 / \sinh x, x != 0.
Expr csch(const Expr& x);

// ------------------------------------------------------ piecewise / misc
/// |x|.  Derivative sign(x), hence 0 at x = 0.
Expr abs(const Expr& x);
/// sign(x) \in {-1, 0, 1} with sign(0) = 0.  Derivative 0 (everywhere,
/// by convention, including x = 0).
Expr sign(const Expr& x);
/// Heaviside step: step(x) = 1 for x >= 0, 0 for x < 0 (so step(0) = 1).
/// Derivative 0 by convention.
Expr step(const Expr& x);
/// \sqrt{a^2 + b^2}, computed without overflow.  Not differentiable at (0, 0).
Expr hypot(const Expr& a, const Expr& b);
template <arithmetic_scalar A>
Expr hypot(const Expr& a, A b) { return hypot(a, Expr(b)); }
template <arithmetic_scalar A>
Expr hypot(A a, const Expr& b) { return hypot(Expr(a), b); }
/// \min(a, b).  At ties the derivative is split:  \partial/\partial a = 1/2.
Expr min(const Expr& a, const Expr& b);
template <arithmetic_scalar A>
Expr min(const Expr& a, A b) { return min(a, Expr(b)); }
template <arithmetic_scalar A>
Expr min(A a, const Expr& b) { return min(Expr(a), b); }
/// \max(a, b).  At ties the derivative is split:  \partial/\partial a = 1/2.
Expr max(const Expr& a, const Expr& b);
template <arithmetic_scalar A>
Expr max(const Expr& a, A b) { return max(a, Expr(b)); }
template <arithmetic_scalar A>
Expr max(A a, const Expr& b) { return max(Expr(a), b); }
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

// ------------------------------------------------- neural-network helpers
/// \sigma(x) = \frac{1}{1 + e^{-x}}.  Derivative \sigma(x)(1 - \sigma(x)),
/// expressed with the sigmoid node itself.
Expr sigmoid(const Expr& x);
/// \operatorname{relu}(x) = \max(x, 0).  Derivative 1 - step(-x): 1 for
/// x > 0, 0 for x <= 0 (so relu'(0) = 0).
Expr relu(const Expr& x);
/// \operatorname{softplus}(x) = \ln(1 + e^{x}).  Derivative \sigma(x).
Expr softplus(const Expr& x);
/// \ln \sigma(x) = -\operatorname{softplus}(-x).  Derivative \sigma(-x).
Expr log_sigmoid(const Expr& x);
/// x for x > 0, \alpha x for x <= 0.  \partial/\partial x =
/// \alpha + (1 - \alpha)(1 - step(-x)) (so the slope at 0 is \alpha);
/// \partial/\partial\alpha = x step(-x).
Expr leaky_relu(const Expr& x, const Expr& alpha);

}  // namespace chainrule::symbolic
