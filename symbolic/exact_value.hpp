// exact_rational_value: the value of an Expr in exact rational arithmetic, when it has one.
//
//   exact_rational_value(x^3 - 2 x, {{"x", 1/5}})  ->  -49/125
//   exact_rational_value(sin(x), ...)               ->  nullopt (irrational in general)
//
// For results that are exact rationals, so that they can be shown as fractions
// (-6/125 = -0.048) next to their decimals: a gradient of a polynomial or a
// rational function at decimal inputs, a relu network with decimal weights.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "expr.hpp"

namespace chainrule::symbolic {

/// The exact value of e when every symbol of e has a rational value in `values` and e
/// is built from constants, sums, products, powers with a rational result (integer
/// exponents; 4^{1/2} = 2, while 2^{1/2} has none) and the piecewise-rational
/// functions abs, sign, step, relu, min, max, leaky_relu with the conventions of
/// functions.hpp (sign(0) = 0, step(0) = 1, ties of min and max give either argument,
/// the same number).  std::nullopt for anything else: a symbol without a value, the
/// constants pi and e, exp, log, sin, ... (their values at rationals are irrational but
/// for trivial arguments that simplify already folds), a division by 0, or a number
/// whose numerator or denominator would exceed `max_bits` bits (so that x^64 nested
/// in x^64 is not computed at all).
std::optional<Rational> exact_rational_value(const Expr& e, const std::map<std::string, Rational, std::less<>>& values,
                                    unsigned max_bits = 4096);

}  // namespace chainrule::symbolic
