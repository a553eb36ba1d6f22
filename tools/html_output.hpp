#pragma once
/// \file html_output.hpp
/// `--format html` (docs/html.md): a worksheet, an exercise sheet or a claim report as one
/// self-contained page — the same Document as every other format (derivations::render_html),
/// KaTeX inlined (katex_assets.hpp), and for worksheets the graph drawn by Graphviz with the
/// links between picture and derivation (derivations/worksheet_html.hpp).

#include "../derivations/claims.hpp"
#include "../derivations/worksheet.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chainrule::tools {

/// The worksheet's page, its prose in `language` ("en" | "zh"). Throws ToolError when
/// KaTeX or Graphviz's dot is missing or dot fails.
std::string worksheet_html(const derivations::Worksheet& w, std::string_view language);

/// An exercise sheet's page (its blanks go to `blanks`): a key with the graph, a blank sheet
/// without (the picture would show the answers).
std::string sheet_html(const derivations::Worksheet& w, derivations::SheetKind kind, const derivations::SheetParts& parts,
                       std::string_view language, std::vector<derivations::Blank>* blanks);

/// The claim report's page (no graph).
std::string claims_html(const derivations::ClaimReport& report, int digits, const std::string& title,
                        std::string_view language);

/// A document's page (English, no graph): the matrix-form worksheet.
std::string document_html(const derivations::Document& doc);

/// Checks that what the pages need is there (KaTeX, Graphviz's dot), so that a command
/// writing many pages can stop before it writes any. Throws ToolError as worksheet_html.
void require_html_tools();

}  // namespace chainrule::tools
