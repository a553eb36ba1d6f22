#pragma once
/// \file certainty.hpp
/// What the precision ladder (ladder.hpp) established about one computed number, and the
/// comparison of two evaluations of it that establishes it.

#include "real.hpp"

#include <optional>
#include <string>

namespace chainrule {

/// Significant digits of a number whose every requested digit is certified.
inline constexpr int kAllDigits = 1000;

struct Certainty {
    /// Significant digits known to be right: kAllDigits (every digit asked for), or fewer
    /// when the ladder reached kPrecisionCap first (printed with fewer digits and a mark);
    /// 0 when not one digit could be certified.
    int digits = kAllDigits;
    /// Set when the number could not be told from zero: |x| < 10^zero_below at every
    /// precision, shrinking as the precision grew (printed as 0 with that bound). A long
    /// long: MPFR's widened range (real.hpp) reaches decimal exponents of ±1.388e18.
    std::optional<long long> zero_below;
    /// Set when a rung underflowed or overflowed (MPFR's flags: some step of it left the
    /// exponent range, real.hpp) and this number came out 0, ±∞ or NaN there: the value is
    /// an artefact of the range, not established (digits is 0; printed as ?). More
    /// precision cannot help, since every rung has the same range.
    bool out_of_range = false;
    /// Set when the number was 0 at every rung up to the cap, from rungs that rounded, and
    /// the same computation with its operations rounded up or down (RoundingPattern) gave
    /// another value: a rounding artefact, not an exact 0 (1 + e^−10000 is 1 at every
    /// precision below 4343 digits, so log(1 + e^−10000) is 0 at every rung). Then
    /// zero_below holds the bound the directed roundings give, or, when they give none,
    /// digits is 0 (printed "? (cannot be settled: rounding at every precision up to …)").
    bool rounding_sensitive = false;
    /// The precision (decimal digits) of the higher of the two evaluations that settled it.
    int precision = kWorkingDigits;
    /// The very same value at every rung up to the cap, and not a rounding artefact: an
    /// exact result (0.5·2, a zero gradient), which needed no more precision than the
    /// first rung.
    bool same_at_every_rung = false;

    bool complete() const { return digits == kAllDigits && !zero_below && !out_of_range; }
};

/// An interval that holds the true value of a certified number.
struct Enclosure {
    Real lo, hi;
};

/// What the certainty `c` of the computed value x establishes about the true value: [x, x]
/// when complete (every printed digit certain), x ± one unit of its last certain digit when
/// it has fewer digits, [−10^b, 10^b] for zero within 10^b; nothing for a number with no
/// certain digit, one out of range, and for a non-finite x that is not complete.
std::optional<Enclosure> enclosure(const Real& x, const Certainty& c);

/// The comparison of one number evaluated at precision `lo_digits` (lo) and at a higher
/// precision (hi), for printing with `digits` significant digits. Settled when both round
/// to the same `digits`-digit text, or are the same infinity, or both NaN, or both 0.
bool settles(const Real& lo, const Real& hi, int digits);

/// The certainty of a number whose value at a rung of `precision` digits is an artefact
/// of MPFR's exponent range: digits 0, out_of_range set.
Certainty out_of_range_certainty(int precision);

/// True when `x`, computed by a rung that raised MPFR's underflow or overflow flag
/// (`range_exceeded`), cannot be trusted: it is 0, ±∞ or NaN, the values a step that left
/// the range produces (exp(−10³⁰) → 0, exp(10³⁰) → ∞, 0·∞ → NaN) or leads to (1/∞ → 0).
/// A finite non-zero value of such a rung is judged as usual.
bool range_artefact(const Real& x, bool range_exceeded);

/// The certainty of a number that was 0 at every rung but is a rounding artefact: dev_lo
/// and dev_hi are the largest changes that rounding its operations up or down
/// (RoundingPattern) made to it at the last two rungs (lo_digits, hi_digits), NaN when a
/// run failed; `operations` the count of operations one evaluation rounds. Rounding noise
/// shrinks like 10^-precision: when dev_hi ≤ dev_lo·10^{-(hi_digits − lo_digits)/2}, the
/// value is zero within 10^b, b the decimal ceiling of dev_hi·operations (each operation
/// may add an error of the size one directed rounding showed; for dev_hi = 0,
/// dev_lo·operations·10^{-(hi_digits − lo_digits)}). Otherwise, or when that bound is 1 or
/// more, there is no bound: digits 0. Either way rounding_sensitive is set and precision
/// is hi_digits. An estimate from the sizes rounding showed, not interval arithmetic.
Certainty rounding_artefact_certainty(const Real& dev_lo, const Real& dev_hi, int lo_digits, int hi_digits,
                                      unsigned long long operations);

/// The certainty of a number still unsettled at the ladder's last rung (lo at lo_digits,
/// hi at hi_digits): the most leading digits both agree in; or, when none agree and the
/// value shrank at least as fast as rounding noise does (|hi| ≤ |lo|·10^{-(hi_digits −
/// lo_digits)/2}, or hi = 0), zero within 10^zero_below; else digits = 0.
Certainty final_certainty(const Real& lo, const Real& hi, int lo_digits, int hi_digits, int digits);

}  // namespace chainrule
