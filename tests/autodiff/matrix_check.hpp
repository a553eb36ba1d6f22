#pragma once
// Gradient checks of matrix graphs: a function of matrix and scalar variables is recorded
// on a Tape<double>; its reverse-mode gradient (in double, and in a 50-digit replay of the
// same tape) is compared with 50-digit central differences (replay in cpp_bin_float_50,
// h = 1e-20, which uses only the ops' forward rules). The check itself is compiled once,
// in matrix_check.cpp, so the Eigen instantiations in cpp_bin_float_50 are not repeated
// in every test file.
#include "chainrule.hpp"

#include <functional>
#include <random>
#include <string>
#include <vector>

namespace matrix_check {

using M = chainrule::Matrix<double>;
using Mats = std::vector<chainrule::Mat<double>>;
using Vars = std::vector<chainrule::Var<double>>;
/// Builds the scalar to differentiate from the recorded variables.
using Builder = std::function<chainrule::Var<double>(const Mats&, const Vars&)>;

/// A matrix of uniform random numbers in [lo, hi] (deterministic for a seed).
M random_matrix(Eigen::Index rows, Eigen::Index cols, double lo, double hi, unsigned seed);

/// Σ C ⊙ Y for a fixed random C of Y's shape: a scalar whose gradient w.r.t. Y is C, so
/// every element of a matrix-valued op is checked with its own weight.
chainrule::Var<double> probe(const chainrule::Mat<double>& y, unsigned seed = 99);

/// The worst errors of a check, relative to max(1, the largest finite-difference entry).
struct Report {
    double double_error = 0;  ///< double reverse mode vs the 50-digit difference
    double exact_error = 0;   ///< 50-digit replay's reverse mode vs the 50-digit difference
    std::vector<chainrule::Shape> gradient_shapes;  ///< of each matrix variable's gradient
    std::string detail;       ///< where the worst double error is
};

/// Records build(mats, vars) for matrix variables with the given values and scalar
/// variables with the given values, and compares the gradients (see the file comment).
Report check_gradient(const std::vector<M>& matrices, const std::vector<double>& scalars, const Builder& build);

}  // namespace matrix_check
