#pragma once
/// \file ladder.hpp
/// The precision ladder: compute, then verify. A computation is run at kWorkingDigits
/// (50) and again at twice the precision, 100, 200, … up to kPrecisionCap (1600); a number
/// is certified as soon as two consecutive rungs round it to the same printed text
/// (certainty.hpp) without being the very same value: identical values — exact results,
/// or a cancellation that lost every digit at both rungs — climb on, a zero to the cap, a
/// non-zero value until it was the same at every rung up to kIdenticalTrusted digits.
/// Numbers still unsettled at the cap are printed with the digits the last
/// two rungs agree in, or as zero within a bound. A rung whose arithmetic underflowed or
/// overflowed (MPFR's flags, watched per rung: RangeWatch) certifies none of its numbers
/// that are 0, ±∞ or NaN: they are not established (Certainty::out_of_range), since every
/// rung has the same exponent range (real.hpp).
///
/// A zero that is the same at every rung is exact only if no rounding made it: when the last
/// rung rounded some operation (MPFR's inexact flag, InexactWatch), the computation is
/// repeated at the first rung with its operations rounded up, down and in mixed patterns
/// (RoundingPattern, 8 runs). An exact zero (0·w, relu'(−2), x − x, 0.5·2 − 1) stays 0 in
/// every run; a rounding artefact moves: 1 + e^−10000 is 1 at every precision below 4343
/// digits, so log(1 + e^−10000) is 0 at every rung, but 1 + e^−10000 rounded up is not 1.
/// Such a zero is not certified: it is zero within the bound the same patterns give at the
/// last two rungs, or ? (Certainty::rounding_sensitive; rounding_artefact_certainty). A
/// pattern can miss an artefact that needs three or more operations rounded in one
/// particular combination of directions; a non-zero value the same at every rung is
/// trusted as before.
///
/// The computation is any function that fills a list of numbers at the current precision
/// (PrecisionScope), in the same order at every rung, and also under any rounding pattern
/// (a run that throws or changes the count leaves the zeros under test unsettled).

#include "certainty.hpp"

#include <functional>
#include <vector>

namespace chainrule {

/// A non-zero value identical at every rung up to this precision is taken as exact.
inline constexpr int kIdenticalTrusted = 400;

/// Runs `evaluate(numbers)` at each rung of the ladder (the list is cleared before each
/// call) until every number settles for `digits` significant digits or the cap is
/// reached. Returns the certainty of each number; `numbers` holds the last rung's values.
/// `evaluate` must produce the same count of numbers at every rung (std::logic_error
/// otherwise). Its last call may be a run under a RoundingPattern (the test of the zeros),
/// so a caller takes the values from `numbers`, not from what that call left behind, and
/// records nothing from a run under a pattern (rounds_to_nearest() is false there).
std::vector<Certainty> run_ladder(const std::function<void(std::vector<Real>&)>& evaluate, int digits,
                                  std::vector<Real>& numbers, int cap = kPrecisionCap);

/// The cap for a computation whose inputs reach 10^±max_exponent: kPrecisionCap, or more
/// when inputs as large as 1e1610 or as small as 1e-1000 make cancellations of that depth
/// possible (x + 1e1610 − 1e1610, exp(x) − 1 − x − x²/2 at 1e-1000): the rung of at
/// least 4·max_exponent + 400 digits, at most kLargestCap.
int ladder_cap(int max_exponent);

/// The largest cap ladder_cap gives (inputs are limited to exponents of ±9999).
inline constexpr int kLargestCap = 51200;

}  // namespace chainrule
