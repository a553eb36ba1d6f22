#pragma once
/// \file worksheet_html.hpp
/// What links an HTML worksheet's graph picture to its derivation (docs/html.md): for each
/// named node the edges of its chain-rule paths up to the output and the section deriving
/// ∂E/∂node; for each derivative ∂a/∂b the Document writes, the edges it stands for (one
/// for a local partial, every path from b up to a otherwise). Graph facts only — the
/// numbers shown are the worksheet's own, formatted as its DOT picture formats them.

#include "prose.hpp"
#include "render_html.hpp"
#include "worksheet.hpp"

#include <string>

namespace chainrule::derivations {

/// HtmlPage's links for `doc`, the document of `w` (worksheet_document or
/// exercise_sheet), its words in `language`: data_json =
///   {"nodes": [{"name", "tex", "role", "paths": [edge…], "derivation": id|null}],
///    "edges": [{"of", "wrt", "tex": "\frac{∂of}{∂wrt} = number"}],
///    "factors": {id: {"edges": [edge…], "tex", "note"?}}}
/// with nodes and edges by their index (node i is the DOT picture's n<i>, render_dot.hpp);
/// factor_ids and heading_ids for the renderer. The page's controls (a button per variable)
/// are HtmlPage::figure's business (tools/html_output.hpp).
HtmlPage worksheet_links(const Worksheet& w, const Document& doc, Language language = Language::English);

}  // namespace chainrule::derivations
