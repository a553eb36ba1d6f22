#pragma once
/// \file outputs.hpp
/// The printed result of `worksheet`, `check` and `gradcheck` in the format asked for.
/// Every text format comes from a derivations::Document (the worksheet, the claim report,
/// the gradient check) through one renderer — render_text, render_markdown, render_latex;
/// JSON, CSV and DOT are data for tools, serialised directly. The command line (tools/)
/// asks here and does not render; `pdf` is `tex` run through pdflatex by tools/pdf.hpp.

#include "../derivations/claims.hpp"
#include "../derivations/worksheet.hpp"
#include "gradcheck_report.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chainrule::lang {

/// The languages a document's own words can be written in: "en", "zh" (derivations/prose.hpp).
bool is_language(std::string_view code);

/// The worksheet as "md", "tex", "json" or "dot", its prose in `language` ("en" | "zh").
/// Throws std::invalid_argument for another format or language.
std::string worksheet_output(const derivations::Worksheet& w, std::string_view format, std::string_view language);

/// The claim report as "text", "md", "tex" or "json"; `title` heads md and tex (empty:
/// "Claim check" in the language).
/// An exercise sheet's document (derivations::exercise_sheet) in md or tex; its blanks go
/// to `blanks`.
std::string sheet_output(const derivations::Worksheet& w, derivations::SheetKind kind, const derivations::SheetParts& parts,
                         std::string_view format, std::string_view language, std::vector<derivations::Blank>* blanks);

std::string claims_output(const derivations::ClaimReport& report, std::string_view format, int digits,
                          const std::string& title, std::string_view language);

/// The gradient check as "text" or "json".
std::string gradcheck_output(const ModelGradcheck& c, std::string_view format, int digits);

}  // namespace chainrule::lang
