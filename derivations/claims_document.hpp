#pragma once
/// \file claims_document.hpp
/// The verdicts of a claim check as words and as a document (a table: claim · verdict ·
/// right value · difference · note) for the Markdown and LaTeX renderers.

#include "claims.hpp"
#include "document.hpp"
#include "prose.hpp"

#include <string>

namespace chainrule::derivations {

/// The note of claim i, plain text: how a correct number agrees ("rounded", "truncated,
/// not rounded"), where a carried-forward number comes from ("carried forward from #15
/// dE_o1/din_o1", "the rounding of #13 dE/dw5 carried forward"), and for a wrong one
/// "first error", the diagnosis and the later claims carried forward from it. Claims are
/// numbered from 1, as a reader counts them.
std::string claim_note(const ClaimReport& report, std::size_t i, Language language = Language::English);

/// Significant digits to print claim i's right value with: at least `digits`, and one
/// more than the claim shows, so that the first digit where it differs is visible (a wrong
/// exact claim, 151/125 or an integer: down to the first digit where they differ, and one
/// more); at most 40.
int right_value_digits(const ClaimResult& r, int digits);

/// The claim as a report's claim column prints it: as written (`r.claim.text`, text); a
/// second derivative as its quantity (math: \frac{\partial^2 E}{\partial w_{5}^2}, whose
/// text face is ∂²E/∂w5²) and the right side as written (text): "∂²E/∂w5² = -0.0208".
Line claim_cell(const ClaimResult& r);

/// One line: "23 claims: 17 correct, 5 carried forward, 3 wrong; first error: #8 E_o1".
std::string claims_summary(const ClaimReport& report, Language language = Language::English);

/// A verdict in words: "carried forward", "沿用前错".
std::string verdict_text(ClaimVerdict v, Language language = Language::English);

/// The report as a document titled `title` (empty: "Claim check" in the language),
/// numbers with `digits` significant digits, its own words in `language` (prose.hpp;
/// the checker's diagnoses of wrong numbers and notes at infinite derivatives stay in
/// English).
Document claims_document(const ClaimReport& report, int digits, std::string title = {},
                         Language language = Language::English);

}  // namespace chainrule::derivations
