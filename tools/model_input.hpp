#pragma once
/// \file model_input.hpp
/// The MODEL argument of the commands that read a .chain model: a file, or "-" for
/// standard input (a model typed or piped in: `… | chainrule worksheet -`).

#include "../lang/model.hpp"

#include <string>

namespace chainrule::tools {

/// Loads the model at `path` ("-": standard input, named <stdin> in messages) and prints
/// its warnings (lang::Model::warnings) on stderr. Throws LangError (a missing file
/// included).
lang::Model load_model(const std::string& path);

/// Where a command's result goes: `output` when given; for --format pdf or html without -o,
/// MODEL's file name with .pdf / .html in the current directory (neither is for a
/// terminal; "worksheet.pdf" / "worksheet.html" for standard input); else "" (standard output).
std::string output_path(const std::string& model, const std::string& format, const std::string& output);

}  // namespace chainrule::tools
