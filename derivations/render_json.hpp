#pragma once
/// \file render_json.hpp
/// A worksheet as JSON for tools: every named node (definition as text and LaTeX, value)
/// and every step of every derivation (each factor's formula, LaTeX and value), the
/// result and the reverse-mode cross-check. Each number appears twice: "value" (a JSON
/// number, the nearest double) and "digits" (the decimal text the worksheet prints).

#include "worksheet.hpp"

#include <string>

namespace chainrule::derivations {

/// The worksheet as pretty-printed JSON (2-space indent).
std::string render_json(const Worksheet& w);

}  // namespace chainrule::derivations
