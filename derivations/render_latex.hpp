#pragma once
/// \file render_latex.hpp
/// A standalone LaTeX document (`article` + `amsmath`, A4, 11pt, Latin Modern) that
/// compiles with pdflatex and fits its pages: rows too wide for the 17 cm line are broken
/// (equation_breaking.hpp), table cells wrap (table_layout.hpp: never smaller than
/// \footnotesize, never scaled), and an equation block that cannot be cut (one very long
/// number) is shrunk to the line width by TeX itself, saying so in the log
/// ("chainrule: … was shrunk to the line width"). Headings set their math at
/// display size. Text in any language: latex_text.hpp (Chinese loads the CJK package).

#include "document.hpp"

#include <string>

namespace chainrule::derivations {

/// The document as a complete .tex file. Plain text is escaped for LaTeX (latex_text.hpp).
std::string render_latex(const Document& doc);

}  // namespace chainrule::derivations
