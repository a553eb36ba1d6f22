#pragma once
/// \file number_format.hpp
/// Numbers as chainrule prints them: a fixed count N of significant digits, correctly
/// rounded; scientific notation below 1e−5, from 1e15, and when the integer part has more
/// digits than are significant (never false zeros). The certified forms print what the
/// precision ladder (ladder.hpp) established: every digit, fewer digits with a mark, or
/// zero within a bound.
///
/// **Trailing zeros.** A number that *is* a short decimal prints short: the inputs 0.5
/// and 0.05, an exact result 0.25 or 0.0208, at any N. Every other number prints exactly N
/// significant digits, trailing zeros kept, so that the reader can count them:
/// 0.12000000000000001234 at 16 digits is 0.1200000000000000, 1/3 at 4 digits 0.3333, 9.9999
/// at 3 digits 10.0.
///
/// "Is a short decimal" for a binary MPFR value: let d be x rounded to N significant
/// digits; x prints short when |x − d| ≤ |d|·10^−(N+20) (kExactGuardDigits), i.e. when x
/// agrees with d in 20 more digits than are printed — or, when x carries fewer digits than
/// that (N = 30 at 50-digit precision), in all but the last 5 digits x carries
/// (1.2^10 = 6.1917364224 computed at 50 digits is off by a few ulps). A decimal input such as 0.1 is not
/// a binary number, but the recording reads it at the working precision (50 digits and
/// up), within 10^−50 of 0.1, and an exact result computed from such inputs stays that
/// close, even after a subtraction that cancels many leading digits; a number that is not
/// a short decimal is within 10^−(N+20) of one only by a coincidence of 1 in 10^20.
/// The guard is fixed in digits printed, not in digits computed, for two reasons:
/// - *across the ladder's rungs* the decision is about the same number: the ladder
///   certifies a number when two precisions print the same text, so a value that is
///   short at one rung and not at the next (0.1 + 10^−40, short at 50 digits only if the
///   guard followed the precision) keeps climbing until two rungs agree;
/// - a value recorded once at 50 digits and replayed at 200 (a C++ tape of Reals) is as
///   short at 200 digits as it was at 50.
/// A value that needs more digits than its precision carries (N = 40 on a 50-digit
/// tape) is not decided short: it prints N digits, which the ladder has certified.
/// Non-finite values, zero, and numbers with at most N digits that are exact in binary
/// (0.5, 0.0078125) need no guard.

#include "certainty.hpp"

#include <string>

namespace chainrule {

/// Digits beyond the printed ones in which a number must agree with its rounding to be
/// printed as a short decimal (see the file comment).
inline constexpr int kExactGuardDigits = 20;

/// Plain text, e.g. "0.08186670504", "-0.01453656140", "1.5e-12", "0.5"; "NaN", "inf",
/// "-inf" for non-finite values. digits ∈ [1, 40]; throws std::invalid_argument otherwise.
std::string format_number(const Real& x, int digits);

/// True when x, rounded to `digits` significant digits, is x itself up to 10^−(digits +
/// kExactGuardDigits) relative: x prints without its trailing zeros. True for 0; false for
/// non-finite values. digits ∈ [1, 40]; throws std::invalid_argument otherwise.
bool is_short_decimal(const Real& x, int digits);

/// The same number as LaTeX: "1.5 \times 10^{-12}"; "\infty", "-\infty", "\mathrm{NaN}".
std::string latex_number(const Real& x, int digits);

/// Plain text of a certified number: format_number with min(digits, c.digits) digits and,
/// when fewer than asked for are certain, a trailing "(k digits certain)"; a zero within a
/// bound as "0 (±1e-800)"; no digit certain: "? (cancellation)", or for a rounding
/// artefact with no bound "? (cannot be settled: rounding at every precision up to 1600
/// digits)" (Certainty::rounding_sensitive); NaN as "undefined"; a
/// value not established because the arithmetic left its range (Certainty::out_of_range,
/// even a NaN) as "? (underflow or overflow: … 10^±1.388e18)".
std::string format_number(const Real& x, const Certainty& c, int digits);

/// The magnitude where the arithmetic's range ends, as text: "10^±1.388e18" (2^(2^62 − 1),
/// the widened range of real.hpp; the smallest positive number is about its reciprocal).
std::string range_limit_text();

/// LaTeX of a certified number: fewer digits get a dagger (0.4999^{\dagger}), a zero within
/// a bound prints 0_{\pm 10^{-800}}, no digit certain or out of range \text{?}, NaN
/// \text{undefined}.
std::string latex_number(const Real& x, const Certainty& c, int digits);

/// True when the formatted number begins with a minus sign (so that a product or a
/// power must wrap it in parentheses).
bool is_negative_text(const std::string& formatted);

}  // namespace chainrule
