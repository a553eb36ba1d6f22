#pragma once
/// \file number_format.hpp
/// Numbers as worksheets print them: a fixed count of significant digits, correctly
/// rounded from a 50-digit value (so every printed digit is right), trailing zeros
/// dropped, scientific notation below 1e−5 and from 1e15.

#include "named_graph.hpp"

#include <string>

namespace chainrule::derivations {

/// Plain text, e.g. "0.08186670504", "-0.0145365614", "1.5e-12"; "NaN", "inf", "-inf"
/// for non-finite values (a domain error shows in the worksheet rather than aborting it).
/// digits ∈ [1, 40]; throws std::invalid_argument otherwise.
std::string format_number(const Real& x, int digits);

/// The same number as LaTeX: "1.5 \times 10^{-12}"; negative numbers keep their sign.
std::string latex_number(const Real& x, int digits);

/// True when the formatted number begins with a minus sign (so that a product or a
/// power must wrap it in parentheses).
bool is_negative_text(const std::string& formatted);

}  // namespace chainrule::derivations
