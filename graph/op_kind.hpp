#pragma once
/// \file op_kind.hpp
/// The op table: every kind of node a tape can record, its arity and its name. The scalar
/// ops are the rows of the op catalogue (ops/catalogue.hpp: CHAINRULE_UNARY_OPS,
/// CHAINRULE_PARAM_OPS, CHAINRULE_BINARY_OPS, each row X(Name, fn, aliases…)), whose
/// rule structs ops::<Name> hold value, partials and facts (ops/rules_*.hpp); the matrix
/// ops are listed below.

#include "../ops/catalogue.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

// X(Name, "name", arity, MatrixValued): matrix ops (graph/mat_*.hpp, docs/matrix.md). Their
// values live in the tape's matrix store; a scalar-valued one (sum, mean, the losses) has
// its value in the scalar value buffer like any scalar node. `MatMap` applies a unary or
// param op of the lists above to every element, `MatZip` a binary op with broadcasting.
#define CHAINRULE_MATRIX_OPS(X)                                                                         \
    X(MatInput, "mat_input", 0, true) X(MatConst, "mat_const", 0, true) X(MatMap, "map", 1, true)      \
    X(MatZip, "zip", 2, true) X(MatMul, "matmul", 2, true) X(Transpose, "transpose", 1, true)          \
    X(Reshape, "reshape", 1, true) X(SliceRows, "slice_rows", 1, true) X(MatSum, "sum", 1, false)     \
    X(MatMean, "mean", 1, false) X(RowSums, "row_sums", 1, true) X(ColSums, "col_sums", 1, true)      \
    X(RowMeans, "row_means", 1, true) X(ColMeans, "col_means", 1, true) X(Softmax, "softmax", 1, true) \
    X(LogSoftmax, "log_softmax", 1, true) X(MseLoss, "mse_loss", 2, false)                            \
    X(BceWithLogits, "bce_with_logits", 2, false) X(SoftmaxCrossEntropy, "softmax_cross_entropy", 2, false)  \
    X(Trace, "trace", 1, false) X(Det, "det", 1, false) X(LogDet, "logdet", 1, false)                   \
    X(Inverse, "inv", 1, true) X(FrobeniusNorm, "norm", 1, false) X(Diag, "diag", 1, true)              \
    X(Kron, "kron", 2, true)

namespace chainrule {

/// Kind of a recorded node. `Input` is an independent variable (a leaf that receives a
/// gradient); `Const` is a constant leaf.
enum class OpKind : std::uint8_t {
    Input,
    Const,
#define CHAINRULE_ENUM(name, ...) name,
    CHAINRULE_UNARY_OPS(CHAINRULE_ENUM) CHAINRULE_PARAM_OPS(CHAINRULE_ENUM)
        CHAINRULE_BINARY_OPS(CHAINRULE_ENUM)
    /// The number of scalar op kinds: loops over [0, Count_) visit the scalar ops only.
    Count_,
#define CHAINRULE_MATRIX_ENUM(name, text, arity, matrix_valued) name,
    CHAINRULE_MATRIX_OPS(CHAINRULE_MATRIX_ENUM)
#undef CHAINRULE_MATRIX_ENUM
#undef CHAINRULE_ENUM
    /// One past the last matrix op kind.
    MatrixEnd_
};

/// True for the matrix ops (CHAINRULE_MATRIX_OPS): the reverse sweep and replay hand
/// these to the tape's matrix store. One comparison: matrix ops follow Count_.
constexpr bool is_matrix_op(OpKind op) noexcept { return op > OpKind::Count_; }

/// True for the ops whose value is a matrix (in the matrix store); false for scalar ops
/// and for the matrix ops that give a scalar (sum, mean, the losses).
bool is_matrix_valued(OpKind op) noexcept;

/// How many node inputs an op reads (0 for leaves, 1 for unary and param ops, 2 for binary).
int arity(OpKind op) noexcept;

/// True for the ops that carry a constant parameter (CHAINRULE_PARAM_OPS: PowConst, …, ConstDiv).
bool has_param(OpKind op) noexcept;

/// True for the unary ops that are not differentiable where their argument is 0 (the
/// catalogue's Facts::singular is a kink or jump at 0: abs, relu, sign, step, leaky_relu, selu).
bool kinks_at_zero(OpKind op) noexcept;

/// The op's name as used in messages ("sin", "mul", "pow_const", …).
std::string_view op_name(OpKind op) noexcept;

/// The op a user-typed function name refers to: the name of a unary function, sqrt,
/// leaky_relu, pow, atan2, hypot, min, max, logaddexp, or an alias of the catalogue (ln →
/// log, tg → tan, ctg → cot, arcsin/arccos/arctan/arcctg → asin/acos/atan/acot, logistic →
/// sigmoid, heaviside → step, …). Returns nothing for unknown names, for operators (add,
/// neg, …) and for the internal param ops (pow_const, …).
std::optional<OpKind> find_function(std::string_view name) noexcept;

/// A name find_function accepts, with its op.
struct FunctionName {
    std::string_view name;
    OpKind op;
};

/// Every name find_function accepts (names, then aliases, in catalogue order).
std::span<const FunctionName> function_table() noexcept;

}  // namespace chainrule
