#pragma once
/// \file pdf.hpp
/// A LaTeX document compiled to PDF with pdflatex (from PATH), in a scratch directory
/// that is removed afterwards. pdflatex runs without shell escape, in non-stop mode, with
/// no terminal input.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace chainrule::tools {

/// The executable `name` in the directories of PATH, if any.
std::optional<std::filesystem::path> find_program(std::string_view name);

/// The PDF bytes of `tex`. Throws ToolError when pdflatex is not installed, or fails
/// (quoting the first error line of its log).
std::string latex_to_pdf(const std::string& tex);

}  // namespace chainrule::tools
