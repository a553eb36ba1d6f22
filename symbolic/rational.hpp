// Exact rational helpers behind numeric constants: parsing decimal text,
// converting doubles, exact powers and roots, decimal printing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "expr.hpp"

namespace chainrule::symbolic {

/// p/q reduced, for any sign of q != 0 (Boost 1.74's cpp_rational(p, q)
/// throws for q < 0).
Rational make_rational(const Integer& p, const Integer& q);

/// "0.55" -> 11/20; accepts [+-]digits[.digits][(e|E)[+-]digits] and ".5".
/// Throws std::invalid_argument on anything else or |exponent| > 10000.
Rational parse_decimal(std::string_view text);

/// The exact value m 2^e of a finite double.  Throws std::invalid_argument
/// for NaN and infinities.
Rational exact_rational(double value);

/// Same for a long double (64-bit mantissa on x86).
Rational exact_rational(long double value);

/// The value of the shortest decimal text that reads back as `value`
/// (0.1 -> 1/10).  Throws std::invalid_argument for NaN and infinities.
Rational shortest_decimal_rational(double value);
Rational shortest_decimal_rational(float value);

/// Integer value if r is an integer that fits in a long.
std::optional<long> small_integer(const Rational& r);

/// r^n exactly; precondition: r != 0 when n < 0.
Rational pow_int(const Rational& r, long n);

/// r^{p/q} if it is rational (4^{3/2} = 8, (8/27)^{1/3} = 2/3), else nullopt.
/// Negative r yields nullopt (real roots of negatives are left symbolic).
std::optional<Rational> exact_power(const Rational& r, const Rational& exponent);

/// "0.55", "-3", "0.125" when r has a terminating decimal expansion of at
/// most `max_digits` fractional digits, else nullopt.
std::optional<std::string> terminating_decimal(const Rational& r, int max_digits = 12);

/// The terminating decimal of a fraction whose denominator has more than 12 digits, when
/// that decimal is the shorter text, else nullopt: a long decimal constant reads as the
/// decimal it was written as (selu's λ, 1.0507009873554804934193349852946, instead of
/// 5253504936777402467096674926473/5000000000000000000000000000000), while 6/125 and
/// 1/1099511627776 (2⁻⁴⁰) stay fractions. Exact either way.
std::optional<std::string> long_fraction_as_decimal(const Rational& r);

}  // namespace chainrule::symbolic
