#pragma once
/// \file matrix_declarations.hpp
/// The value of a matrix declaration (`param W[2,1] = [0.1; -0.2]`):
///   - a literal [1, 2; 3, 4] (rows of the same length);
///   - `zeros`, `ones` (a declared shape is needed);
///   - `xavier(seed N)`: W_ij ~ U(−a, a), a = √(6/(rows + cols)) (Glorot & Bengio 2010, the
///     rows as fan-in and the columns as fan-out, as for the W of X W); `he(seed N)`:
///     a = √(6/rows) (He et al. 2015); `uniform(lo, hi, seed N)`: U(lo, hi). The numbers come
///     from splitmix64(N) row by row (models/splitmix.hpp), so they are the same on every
///     machine and compiler;
///   - `load("x.csv")` or `load("x.json")` (data_files.hpp), the file relative to the .chain
///     file's folder.
/// A declared shape must match the value's. Errors (LangError) point at the declaration.

#include "ast.hpp"
#include "diagnostic.hpp"
#include "numbers.hpp"
#include "parser.hpp"

#include "../graph/matrix.hpp"

#include <filesystem>
#include <vector>

namespace chainrule::lang {

/// Most entries a declared matrix may have.
inline constexpr Eigen::Index kMaxDeclaredEntries = 4'000'000;

/// The matrix of a literal's rows. Throws LangError at the first entry of a row whose length
/// differs from the first row's.
Matrix<Real> literal_matrix(const std::vector<std::vector<NumberText>>& rows, const Source& source);

/// The matrix `d` declares (d.matrix is set). `directory`: where load() looks.
Matrix<Real> declared_matrix(const Declaration& d, const Source& source, const std::filesystem::path& directory);

}  // namespace chainrule::lang
