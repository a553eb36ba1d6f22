#pragma once
/// \file number_format.hpp
/// Numbers as chainrule prints them: a fixed count of significant digits, correctly
/// rounded, trailing zeros dropped, scientific notation below 1e−5, from 1e15, and when the
/// integer part has more digits than are significant (never false zeros). The
/// certified forms print what the precision ladder (ladder.hpp) established: every digit,
/// fewer digits with a mark, or zero within a bound.

#include "certainty.hpp"

#include <string>

namespace chainrule {

/// Plain text, e.g. "0.08186670504", "-0.0145365614", "1.5e-12"; "NaN", "inf", "-inf"
/// for non-finite values. digits ∈ [1, 40]; throws std::invalid_argument otherwise.
std::string format_number(const Real& x, int digits);

/// The same number as LaTeX: "1.5 \times 10^{-12}"; "\infty", "-\infty", "\mathrm{NaN}".
std::string latex_number(const Real& x, int digits);

/// Plain text of a certified number: format_number with min(digits, c.digits) digits and,
/// when fewer than asked for are certain, a trailing "(k digits certain)"; a zero within a
/// bound as "0 (±1e-800)"; no digit certain: "? (cancellation)"; NaN as "undefined".
std::string format_number(const Real& x, const Certainty& c, int digits);

/// LaTeX of a certified number: fewer digits get a dagger (0.4999^{\dagger}), a zero within
/// a bound prints 0_{\pm 10^{-800}}, no digit certain \text{?}, NaN \text{undefined}.
std::string latex_number(const Real& x, const Certainty& c, int digits);

/// True when the formatted number begins with a minus sign (so that a product or a
/// power must wrap it in parentheses).
bool is_negative_text(const std::string& formatted);

}  // namespace chainrule
