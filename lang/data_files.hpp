#pragma once
/// \file data_files.hpp
/// A matrix of numbers read from a data file, for `input X = load("x.csv")`:
///   - CSV (.csv, .txt): one row per line, entries separated by ',' (blanks around them
///     allowed), blank lines and lines starting with '#' skipped;
///   - JSON (.json): an array of rows, each an array of numbers ([[1, 2], [3, 4]]), or one
///     array of numbers (a column).
/// Numbers keep their decimal text (0.1 is read as 1/10, rounded once to the 50-digit
/// Real), as the literals of a .chain file do. Errors name the file, line and column.

#include "diagnostic.hpp"
#include "numbers.hpp"

#include "../graph/matrix.hpp"

#include <cstdint>
#include <filesystem>

namespace chainrule::lang {

/// Most entries a data file may hold (a 60000×784 MNIST matrix is 4.7e7: use the C++ API).
inline constexpr std::size_t kMaxDataEntries = 4'000'000;

/// Largest data file read (bytes): 4 000 000 numbers of up to ~60 characters.
inline constexpr std::uintmax_t kMaxDataFileBytes = std::uintmax_t{256} << 20;

/// The matrix in `path` (by its extension: .json is JSON, anything else CSV). Throws
/// LangError: the file cannot be read, a cell is not a number, rows differ in length, the
/// file is empty or holds more than kMaxDataEntries numbers.
Matrix<Real> load_matrix_file(const std::filesystem::path& path);

}  // namespace chainrule::lang
