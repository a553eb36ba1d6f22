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

/// Graphs with more named nodes than this are not drawn on an HTML page (dot's layout time
/// grows fast, and such a picture is no longer read): the page says so instead.
inline constexpr std::size_t kMaxGraphNodes = 200;

/// Whether the page of `w` has a picture of its graph (at most kMaxGraphNodes nodes).
inline bool graph_is_drawn(const Worksheet& w) { return w.graph.nodes.size() <= kMaxGraphNodes; }

/// HtmlPage's links for `doc`, the document of `w` (worksheet_document or
/// exercise_sheet), its words in `language`: data_json =
///   {"nodes": [{"name", "tex", "role", "paths": [edge…], "derivation": id|null}],
///    "edges": [{"of", "wrt", "tex": "\frac{∂of}{∂wrt} = number"}],
///    "factors": {id: {"edges": [edge…], "tex", "note"?}}}
/// with nodes and edges by their index (node i is the DOT picture's n<i>, render_dot.hpp);
/// factor_ids and heading_ids for the renderer. Without a picture (graph_is_drawn false)
/// the edge lists are empty — there is nothing to light, and a node's paths would make the
/// data grow as the square of the graph (a 400-node chain: 1.2 MB). The page's controls (a button per variable)
/// are HtmlPage::figure's business (tools/html_output.hpp).
HtmlPage worksheet_links(const Worksheet& w, const Document& doc, Language language = Language::English);

}  // namespace chainrule::derivations
