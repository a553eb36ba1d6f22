#pragma once
/// \file numbers.hpp
/// Numbers of the language: literals are exact rationals (0.1 is 1/10, not the nearest
/// double) and become 50-digit reals only when they reach the tape, so every digit a
/// worksheet prints is right.

#include "../symbolic/expr.hpp"

#include "../precision/real.hpp"

#include <string>
#include <string_view>

namespace chainrule::lang {

/// The tape's scalar: chainrule::Real (the same type as derivations::Real), recorded at the
/// current precision (50 digits, or a rung of the precision ladder).
using Real = ::chainrule::Real;
using Rational = symbolic::Rational;

/// The exact value of a literal accepted by the grammar ("0.1", "-2", "2.5e-3", ".5").
Rational exact_value(std::string_view literal);

/// The literal as a Real of the current precision, correctly rounded from its decimal text.
Real real_value(std::string_view literal);

/// True when r is a decimal of at most `max_digits` significant digits (1/2, 0.125, 3e-7,
/// but not 1/3): such a constant converts to Real and back to its exact symbolic
/// value, so folding it keeps a worksheet's formulas exact.
bool is_short_decimal(const Rational& r, int max_digits = 50);

/// A short decimal (is_short_decimal) as a Real, exactly.
Real short_decimal_to_real(const Rational& r);

}  // namespace chainrule::lang
