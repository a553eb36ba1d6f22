#pragma once
/// \file render_markdown.hpp
/// Markdown with math as GitHub and Typora render it: `$…$` inline, display blocks as
/// `$$\begin{aligned} … \end{aligned}$$`, tables as pipe tables.

#include "document.hpp"

#include <string>

namespace chainrule::derivations {

/// The document as Markdown. Plain text is escaped (Markdown punctuation, `|` in tables).
std::string render_markdown(const Document& doc);

}  // namespace chainrule::derivations
