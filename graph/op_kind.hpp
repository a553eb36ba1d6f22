#pragma once
/// \file op_kind.hpp
/// The op table: every kind of node a tape can record, its arity and its name.
/// The X-macro lists below are the single source of truth; the value and local
/// partials of each op live in op_rules_*.hpp (struct ops::<Name>), and the
/// conventions at singular points in docs/conventions.md.

#include <cstdint>
#include <optional>
#include <string_view>

// X(Name, "name"): unary ops y = f(x).
#define CHAINRULE_UNARY_OPS(X)                                                              \
    X(Neg, "neg") X(Exp, "exp") X(Log, "log") X(Sin, "sin") X(Cos, "cos") X(Tan, "tan")     \
    X(Cot, "cot") X(Asin, "asin") X(Acos, "acos") X(Atan, "atan") X(Acot, "acot")           \
    X(Sinh, "sinh") X(Cosh, "cosh") X(Tanh, "tanh") X(Coth, "coth") X(Sech, "sech")         \
    X(Csch, "csch") X(Sqrt, "sqrt") X(Cbrt, "cbrt") X(Abs, "abs") X(Sign, "sign")           \
    X(Expm1, "expm1") X(Log1p, "log1p") X(Sigmoid, "sigmoid") X(Relu, "relu")               \
    X(Softplus, "softplus") X(LogSigmoid, "log_sigmoid") X(Step, "step")

// X(Name, "name"): unary ops with one constant parameter p stored on the tape:
// x^p, p^x, log_p(x), leaky_relu(x; slope p), and arithmetic with a plain number
// (x + p, p + x, x − p, p − x, p·x and x·p, x/p, p/x): one node instead of a Const leaf
// plus a binary op.
#define CHAINRULE_PARAM_OPS(X)                                                                    \
    X(PowConst, "pow_const") X(ExpBase, "exp_base") X(LogBase, "log_base") X(LeakyRelu, "leaky_relu") \
    X(AddConst, "add_const") X(ConstAdd, "const_add") X(SubConst, "sub_const")                    \
    X(ConstSub, "const_sub") X(MulConst, "mul_const") X(DivConst, "div_const")                    \
    X(ConstDiv, "const_div")

// X(Name, "name"): binary ops y = f(a, b).
#define CHAINRULE_BINARY_OPS(X)                                                              \
    X(Add, "add") X(Sub, "sub") X(Mul, "mul") X(Div, "div") X(Pow, "pow") X(Atan2, "atan2") \
    X(Hypot, "hypot") X(Min, "min") X(Max, "max") X(LogAddExp, "logaddexp")

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
    X(BceWithLogits, "bce_with_logits", 2, false) X(SoftmaxCrossEntropy, "softmax_cross_entropy", 2, false)

namespace chainrule {

/// Kind of a recorded node. `Input` is an independent variable (a leaf that receives a
/// gradient); `Const` is a constant leaf.
enum class OpKind : std::uint8_t {
    Input,
    Const,
#define CHAINRULE_ENUM(name, text) name,
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

/// The op's name as used in messages ("sin", "mul", "pow_const", …).
std::string_view op_name(OpKind op) noexcept;

/// The op a user-typed function name refers to, with the seeds' aliases: ln → log,
/// tg → tan, ctg → cot, arcsin/arccos/arctan/arcctg → asin/acos/atan/acot,
/// logistic → sigmoid, heaviside → step. `pow` maps to the binary Pow. Returns
/// nothing for unknown names.
std::optional<OpKind> find_function(std::string_view name) noexcept;

}  // namespace chainrule
