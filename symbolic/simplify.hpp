// simplify: rewrite an expression into what a person would write.
//
// Rules (applied bottom-up, repeatedly, until nothing changes):
//   constants     exact rational folding: 2 \cdot \frac{1}{2} -> 1, 4^{1/2} -> 2;
//                 irrational values stay symbolic (\ln 2, 2^{1/2}, e^{1})
//   functions     only trivial values fold: e^{0} = 1, \ln 1 = 0, \sin 0 = 0,
//                 \cos 0 = 1, \sigma(0) = 1/2, step/sign/abs/relu/min/max of
//                 constants, \sqrt[3]{-8} = -2, e^{\ln u} = u, \ln e^{u} = u,
//                 xlogy(0, y) = 0, xlogy(c, y) = c \ln y for a constant c != 0
//                 and xlogy(x, c) = x \ln c for a constant c > 0
//   sums          flatten; collect like terms (x + x -> 2 x, x y - y x -> 0),
//                 numeric terms merged at the place of the first; a numeric
//                 multiple of a sum is distributed only when that lets terms
//                 cancel or merge (x - (x - y) -> y, but -(o_1 - out) stays)
//   products      flatten; one leading numeric coefficient; like factors
//                 collected by adding exponents (x x -> x^2, x / x -> 1);
//                 a factor whose terms are all negative is negated and the
//                 sign moved to the coefficient (x (-a - b) -> -x (a + b))
//   powers        b^0 = 1, b^1 = b, 1^e = 1, (b^a)^n = b^{a n},
//                 (a b)^n = a^n b^n and (-a - b)^n = (-1)^n (a + b)^n for
//                 integer n
// Operand order is the user's: terms and factors keep the position of their
// first occurrence, the numeric coefficient goes first.  No expansion of
// products of sums, no trigonometric identities.
//
// The result is a fixed point: simplify(simplify(e)) == simplify(e).
// Rewrites such as x / x -> 1 and (x^{1/2})^2 -> x assume the expression is
// defined (x != 0, x >= 0), as in hand calculation.
#pragma once

#include "expr.hpp"

namespace chainrule::symbolic {

Expr simplify(const Expr& e);

}  // namespace chainrule::symbolic
