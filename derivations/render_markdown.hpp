#pragma once
/// \file render_markdown.hpp
/// Markdown with math as GitHub and Typora render it: `$…$` inline, display blocks as
/// `$$\begin{aligned} … \end{aligned}$$` with rows wider than a screen (kScreenWidthEm)
/// broken (equation_breaking.hpp), headings with math at display size, tables as pipe
/// tables. Text is UTF-8 as it is.

#include "document.hpp"

#include <string>

namespace chainrule::derivations {

/// The document as Markdown. Plain text is escaped (Markdown punctuation, `|` in tables).
std::string render_markdown(const Document& doc);

}  // namespace chainrule::derivations
