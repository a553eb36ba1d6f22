#pragma once
/// \file claims_document.hpp
/// The verdicts of a claim check as words and as a document (a table: claim · verdict ·
/// right value · difference · note) for the Markdown and LaTeX renderers.

#include "claims.hpp"
#include "document.hpp"

#include <string>

namespace chainrule::derivations {

/// The note of claim i, plain text: how a correct number agrees ("rounded", "truncated,
/// not rounded"), where a carried-forward number comes from ("carried forward from #15
/// dE_o1/din_o1", "the rounding of #13 dE/dw5 carried forward"), and for a wrong one
/// "first error", the diagnosis and the later claims carried forward from it. Claims are
/// numbered from 1, as a reader counts them.
std::string claim_note(const ClaimReport& report, std::size_t i);

/// Significant digits to print claim i's right value with: at least `digits`, and one
/// more than the claim shows, so that the first digit where it differs is visible.
int right_value_digits(const ClaimResult& r, int digits);

/// One line: "23 claims: 17 correct, 5 carried forward, 3 wrong; first error: #8 E_o1".
std::string claims_summary(const ClaimReport& report);

/// The report as a document titled `title`, numbers with `digits` significant digits.
Document claims_document(const ClaimReport& report, int digits, std::string title = "Claim check");

}  // namespace chainrule::derivations
