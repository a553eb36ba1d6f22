#include "matrix_functions.hpp"

#include <array>
#include <utility>

namespace chainrule::lang {

namespace {

using F = MatrixFunction;

constexpr std::array<std::pair<std::string_view, MatrixFunctionInfo>, 20> kFunctions = {{
    {"sum", {F::Sum, 1, 2}},
    {"mean", {F::Mean, 1, 2}},
    {"row_sums", {F::RowSums, 1, 1}},
    {"col_sums", {F::ColSums, 1, 1}},
    {"row_means", {F::RowMeans, 1, 1}},
    {"col_means", {F::ColMeans, 1, 1}},
    {"softmax", {F::Softmax, 1, 1}},
    {"log_softmax", {F::LogSoftmax, 1, 1}},
    {"mse", {F::Mse, 2, 2}},
    {"bce", {F::Bce, 2, 2}},
    {"bce_with_logits", {F::BceWithLogits, 2, 2}},
    {"softmax_cross_entropy", {F::SoftmaxCrossEntropy, 2, 2}},
    {"trace", {F::Trace, 1, 1}},
    {"det", {F::Det, 1, 1}},
    {"logdet", {F::LogDet, 1, 1}},
    {"inv", {F::Inv, 1, 1}},
    {"norm", {F::Norm, 1, 1}},
    {"diag", {F::Diag, 1, 1}},
    {"kron", {F::Kron, 2, 2}},
    {"transpose", {F::Transpose, 1, 1}},
}};

}  // namespace

std::optional<MatrixFunctionInfo> find_matrix_function(std::string_view name) {
    for (const auto& [n, info] : kFunctions)
        if (n == name) return info;
    return std::nullopt;
}

}  // namespace chainrule::lang
