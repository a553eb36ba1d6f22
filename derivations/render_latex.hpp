#pragma once
/// \file render_latex.hpp
/// A standalone LaTeX document (`article` + `amsmath`) that compiles with pdflatex.

#include "document.hpp"

#include <string>

namespace chainrule::derivations {

/// The document as a complete .tex file. Plain text is escaped for LaTeX.
std::string render_latex(const Document& doc);

}  // namespace chainrule::derivations
