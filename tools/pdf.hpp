#pragma once
/// \file pdf.hpp
/// A LaTeX document compiled to PDF with pdflatex (from PATH), in a scratch directory
/// that is removed afterwards. pdflatex runs without shell escape, in non-stop mode, with
/// no terminal input, in the scratch directory, and with MKTEXTFM=0 (a missing font is an
/// error at once). Every document chainrule renders needs only pdflatex: Latin text
/// through T1 fonts, Chinese through the CJK package (derivations/latex_text.hpp).

#include <filesystem>
#include <string>

namespace chainrule::tools {

/// Throws ToolError (naming the Debian package) when pdflatex is not on PATH.
void require_pdflatex();

/// The PDF bytes of `tex`. Throws ToolError when pdflatex is not installed, or fails:
/// naming the LaTeX package or font that is missing and its Debian package (CJKutf8 and
/// the Arphic font for Chinese text), else quoting the first error line of its log.
std::string latex_to_pdf(const std::string& tex);

}  // namespace chainrule::tools
