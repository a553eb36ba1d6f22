#pragma once
/// \file variation.hpp
/// The grid of a `vary LOW..HIGH step STEP` clause (`param w5 = 0.4 vary 0.1..0.9 step
/// 0.05`): the values LOW, LOW + STEP, … up to HIGH, exact in decimal (0.1 + 2·0.05 is
/// 0.2, not 0.20000000000000001), written as plain decimals ("0.2", "-1.25", "3"). An
/// exercise (exercise.hpp) draws each varied value from its grid.

#include "ast.hpp"
#include "diagnostic.hpp"
#include "numbers.hpp"

#include <cstddef>
#include <string>

namespace chainrule::lang {

class VariationGrid {
public:
    /// The grid of d's variation (d.variation must be set). Throws LangError at the clause
    /// for a const (vary applies to input, target and param), LOW > HIGH, a STEP of 0, more
    /// than kMaxPoints points, or a declared value outside [LOW, HIGH].
    VariationGrid(const Source& source, const Declaration& d);

    static constexpr std::size_t kMaxPoints = 1'000'000;

    /// Number of grid points (≥ 1).
    std::size_t size() const noexcept { return points_; }
    /// Point k (0 ≤ k < size()) as an exact value and as the decimal text a .chain file holds.
    Rational value(std::size_t k) const;
    std::string text(std::size_t k) const;

private:
    Rational low_, step_;
    std::size_t points_ = 0;
};

/// r as a plain decimal ("0.15", "-2", "1250"); r must be a decimal (denominator 2^a 5^b).
std::string plain_decimal(const Rational& r);

}  // namespace chainrule::lang
