// Symbolic differentiation.
//
// diff(f, x) applies the sum, product and chain rules with the derivative
// table below and returns the *simplified* result.  Every derivative of a
// function is written with the function's own nodes, so that substituting a
// name for an inner node reads like a hand derivation (with out = \sigma(in),
// d out / d in = out (1 - out)).
//
//   (u^{c})'      = c u^{c-1} u'                              (c constant)
//   (u^{v})'      = v u^{v-1} u' + \operatorname{xlogy}(u^{v}, u) v'
//                   (= u^{v} \ln u \, v', taken as 0 where u^{v} = 0; the
//                   printers show xlogy(a, b) as a \ln b: (a^x)' = a^x \ln a)
//   \exp' = \exp        \ln' u = 1/u        \sin' = \cos     \cos' = -\sin
//   \tan' = 1 + \tan^2  \cot' = -(1 + \cot^2)
//   \arcsin' = (1 - u^2)^{-1/2}   \arccos' = -(1 - u^2)^{-1/2}
//   \arctan' = 1/(1 + u^2)        \operatorname{arccot}' = -1/(1 + u^2)
//   \sinh' = \cosh  \cosh' = \sinh  \tanh' = 1 - \tanh^2  \coth' = 1 - \coth^2
//   \operatorname{sech}' = -\operatorname{sech}\tanh
//   \operatorname{csch}' = -\operatorname{csch}\coth
//   \sqrt[3]{u}' = \frac{1}{3}\sqrt[3]{u}^{-2}   |u|' = sign(u)
//   sign' = 0   step' = 0   expm1' = \exp   log1p' = 1/(1 + u)
//   \sigma' = \sigma (1 - \sigma)   softplus' = \sigma   log_sigmoid'(u) = \sigma(-u)
//   relu' = 1 - step(-u)                      (so relu'(0) = 0)
//   leaky_relu: \partial_x = \alpha + (1 - \alpha)(1 - step(-x)),
//               \partial_\alpha = x step(-x)
//   max: \partial_a = (1 + sign(a - b))/2,  \partial_b = (1 - sign(a - b))/2
//   min: \partial_a = (1 - sign(a - b))/2,  \partial_b = (1 + sign(a - b))/2
//        (ties split the derivative: 1/2 each)
//   atan2(y, x): \partial_y = x/(x^2 + y^2),  \partial_x = -y/(x^2 + y^2)
//   hypot(a, b): \partial_a = a/hypot(a, b),  \partial_b = b/hypot(a, b)
//   xlogy(x, y): \partial_x = \ln y,  \partial_y = x/y
//   logsumexp(a_1, ..., a_n): \partial_{a_i} = e^{a_i - logsumexp(a_1, ..., a_n)}
//                             (the softmax)
//   \pi' = e' = 0 (constants)
#pragma once

#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "expr.hpp"

namespace chainrule::symbolic {

/// \frac{\partial f}{\partial x}, simplified.  Throws std::invalid_argument
/// if `x` is not a symbol.
Expr diff(const Expr& f, const Expr& x);
/// Same, with the symbol given by name.
Expr diff(const Expr& f, std::string_view x);
inline Expr diff(const Expr& f, const char* x) { return diff(f, std::string_view(x)); }
/// The order-th derivative (order 0 returns simplify(f)).
Expr diff(const Expr& f, const Expr& x, unsigned order);
/// \frac{\partial f}{\partial x} without the final simplification (only the
/// cheap canonicalisation of construction) — for showing raw chain-rule steps.
Expr diff_unsimplified(const Expr& f, const Expr& x);

/// diff(f, x) for many symbols x of one f, each the same expression as
/// diff(f, x).  When f is a sum, its terms are indexed by the symbols they
/// contain, so that each partial visits only the terms containing x: the n
/// partials of a sum of n products w_k x_k cost O(n) in all, not O(n^2).
class PartialDerivatives {
public:
    explicit PartialDerivatives(Expr f);
    /// diff(f, x).  Throws std::invalid_argument if `x` is not a symbol.
    Expr operator()(const Expr& x) const;

private:
    Expr unsimplified(const Expr& x) const;
    Expr f_;
    std::unordered_map<const void*, std::vector<std::size_t>> terms_with_;  // symbol → terms of f_
};

/// Local partial derivative of a node with respect to its i-th operand,
/// written in terms of the operands (the chain-rule factor a tape needs):
/// for a sum 1; for a product the product of the other factors; for powers
/// and functions the table above (e.g. sigmoid(u), i = 0 -> \sigma(u)(1 - \sigma(u))).
/// Not simplified.  Throws std::invalid_argument for constants and symbols or
/// if i is out of range.
Expr local_partial(const Expr& node, std::size_t i);

}  // namespace chainrule::symbolic
