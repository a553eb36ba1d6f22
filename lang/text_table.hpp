#pragma once
/// \file text_table.hpp
/// Plain-text tables for the terminal: left-aligned columns two spaces apart, widths in
/// characters as a terminal shows them (UTF-8 continuation bytes take no column, East
/// Asian wide characters such as Chinese take two, as wcwidth counts them), no
/// trailing spaces.

#include <string>
#include <vector>

namespace chainrule::lang {

/// The rows (the first one is usually a header), one line each.
std::string left_aligned_columns(const std::vector<std::vector<std::string>>& rows);

}  // namespace chainrule::lang
