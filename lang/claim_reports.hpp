#pragma once
/// \file claim_reports.hpp
/// The printed forms of a claim check (`chainrule check`): an aligned plain-text table
/// for the terminal and JSON for tools. Markdown and LaTeX come from
/// derivations/claims_document.hpp through the document renderers.

#include "../derivations/claims.hpp"
#include "../derivations/prose.hpp"

#include <string>

namespace chainrule::lang {

/// The summary line, then columns: # · claim · verdict · right value · note.
std::string claims_text(const derivations::ClaimReport& report, int digits,
                        derivations::Language language = derivations::Language::English);

/// {"summary", "first_error": claim number or null, "claims": [{"number", "claim",
/// "quantity", "verdict", "agreement", "claimed", "right", "right_digits", "difference",
/// "first_error", "carried_from", "root_errors", "carried_to", "diagnosis", "note",
/// "points_checked", "points_holding"}]}; a second derivative also has "order" (2), "wrt"
/// (its two leaves, in the model's order), "quantity_latex" and "slip" (what explains a
/// wrong number: "first derivative", "other entry", "product of first derivatives",
/// "sign", "twice", "half"; else null) — claim numbers count from 1; numbers are the
/// nearest doubles, "right_digits" the decimal text with `digits` significant digits.
std::string claims_json(const derivations::ClaimReport& report, int digits);

}  // namespace chainrule::lang
