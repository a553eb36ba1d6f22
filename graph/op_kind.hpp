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
    X(Hypot, "hypot") X(Min, "min") X(Max, "max")

namespace chainrule {

/// Kind of a recorded node. `Input` is an independent variable (a leaf that receives a
/// gradient); `Const` is a constant leaf.
enum class OpKind : std::uint8_t {
    Input,
    Const,
#define CHAINRULE_ENUM(name, text) name,
    CHAINRULE_UNARY_OPS(CHAINRULE_ENUM) CHAINRULE_PARAM_OPS(CHAINRULE_ENUM)
        CHAINRULE_BINARY_OPS(CHAINRULE_ENUM)
#undef CHAINRULE_ENUM
    Count_
};

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
