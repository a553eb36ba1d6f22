#pragma once
/// \file render_html.hpp
/// A Document as one self-contained HTML page (docs/html.md): text escaped, every math
/// piece in an element whose `data-tex` attribute holds its LaTeX, typeset in the browser
/// by KaTeX (whose script, style and fonts the caller inlines: HtmlPage::katex). Sections
/// (level-2 headings and what follows them) fold and unfold; a print stylesheet lays the
/// page out on A4 as the PDF worksheet is. Like every renderer it computes nothing: the
/// numbers are the Document's, the graph picture and the data of the links between graph
/// and derivation (worksheet_html.hpp) come ready-made.

#include "document.hpp"

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace chainrule::derivations {

/// What a page has besides its Document.
struct HtmlPage {
    std::string language = "en";  ///< the `lang` attribute ("en", "zh")
    /// `<style>`/`<script>` elements that load KaTeX (tools/katex_assets.hpp). Empty: the
    /// math stays LaTeX source in the page.
    std::string katex;
    /// Trusted HTML shown after the title (the graph's SVG and its controls); empty: none.
    std::string figure;
    /// JSON for the page's script (worksheet_html.hpp: nodes, edges, factors); empty: {}.
    std::string data_json;
    /// LaTeX of a derivative ∂a/∂b exactly as the Document writes it → its id in data_json's
    /// "factors": each occurrence is marked (\htmlData) so that hovering it shows its edges.
    std::map<std::string, std::string, std::less<>> factor_ids;
    /// A heading whose only content is this math → the id its element gets (the target of
    /// "go to the derivation").
    std::map<std::string, std::string, std::less<>> heading_ids;
};

/// `text` with & < > " ' as character references and control characters and invalid
/// UTF-8 spelled out (\x1b), safe inside an element or a quoted attribute.
std::string escape_html(std::string_view text);

/// The page. Equation rows wider than the page (kPageWidthEm) are broken as for LaTeX.
std::string render_html(const Document& doc, const HtmlPage& page = {});

}  // namespace chainrule::derivations
