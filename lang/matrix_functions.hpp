#pragma once
/// \file matrix_functions.hpp
/// The functions of matrix models that are not element-wise functions of the core: their
/// names, arities and results (docs/matrix.md, "Matrix models in .chain"). The element-wise
/// ones (exp, sigmoid, relu, …) are the language's functions (functions.hpp) applied to a
/// matrix.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace chainrule::lang {

enum class MatrixFunction {
    Sum,                  ///< sum(A): Σ A_ij; sum(A, 1): column sums (1×n); sum(A, 2): row sums (m×1)
    Mean,                 ///< mean(A), mean(A, 1), mean(A, 2) likewise
    RowSums,              ///< row_sums(A) = sum(A, 2)
    ColSums,              ///< col_sums(A) = sum(A, 1)
    RowMeans,             ///< row_means(A) = mean(A, 2)
    ColMeans,             ///< col_means(A) = mean(A, 1)
    Softmax,              ///< softmax(Z) of each row
    LogSoftmax,           ///< log_softmax(Z) of each row
    Mse,                  ///< mse(P, Y) = mean((P − Y).^2)
    Bce,                  ///< bce(A, Y) = −mean(Y .* log(A) + (1 − Y) .* log(1 − A))
    BceWithLogits,        ///< bce_with_logits(Z, Y) = bce(σ(Z), Y), computed without log(0)
    SoftmaxCrossEntropy,  ///< softmax_cross_entropy(Z, Y): Y one-hot (Z's shape) or labels (n×1, 0-based)
    Trace,                ///< trace(A)
    Det,                  ///< det(A)
    LogDet,               ///< logdet(A) = ln det A
    Inv,                  ///< inv(A) = A⁻¹
    Norm,                 ///< norm(A) = ‖A‖_F
    Diag,                 ///< diag(v) (a vector → diagonal matrix), diag(A) (its diagonal as a column)
    Kron,                 ///< kron(A, B) = A ⊗ B
    Transpose,            ///< transpose(A) = A'
};

struct MatrixFunctionInfo {
    MatrixFunction function = MatrixFunction::Sum;
    std::size_t min_args = 1;
    std::size_t max_args = 1;
};

/// The matrix function of that name, if any.
std::optional<MatrixFunctionInfo> find_matrix_function(std::string_view name);


}  // namespace chainrule::lang
