#pragma once
/// \file functions.hpp
/// The functions an expression may call: every function of the core (graph/op_kind.hpp)
/// under its name and its aliases (ln, tg, ctg, arcsin … arcctg, logistic, heaviside),
/// with the number of arguments each takes. The arithmetic ops (add, mul, …) are
/// operators, not functions.
///
/// apply_unary / apply_binary call the function of that name on any value type whose
/// namespace provides the functions — Var<T> (graph/var_functions.hpp) and
/// symbolic::Expr (symbolic/functions.hpp) — so the tape and the symbolic engine read
/// an expression the same way.

#include "../graph/op_kind.hpp"
#include "ast.hpp"
#include "diagnostic.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chainrule::lang {

/// max_args of a function that takes any number of arguments (logsumexp).
inline constexpr std::size_t kAnyNumberOfArguments = static_cast<std::size_t>(-1);

struct FunctionInfo {
    OpKind op = OpKind::Exp;
    std::size_t min_args = 1;
    std::size_t max_args = 1;
};

/// The function `name` calls: log(x) and log(x, base), leaky_relu(x) and
/// leaky_relu(x, slope), pow/atan2/hypot/min/max/logaddexp with two arguments,
/// logsumexp(a, b, …) with one or more (recorded as logaddexp nodes folded left), the
/// rest with one.
std::optional<FunctionInfo> find_language_function(std::string_view name);

/// Every callable name (functions and aliases), sorted.
const std::vector<std::string>& function_names();

/// The function a Call node calls, after checking that it exists and that the number of
/// arguments fits; throws LangError at the call otherwise.
FunctionInfo resolve_call(const ExprNode& call, const Source& source);

/// f(x) for the unary ops of the core (Neg … Step).
template <class V>
V apply_unary(OpKind op, const V& x) {
    switch (op) {
        case OpKind::Neg: return -x;
        case OpKind::Exp: return exp(x);
        case OpKind::Log: return log(x);
        case OpKind::Sin: return sin(x);
        case OpKind::Cos: return cos(x);
        case OpKind::Tan: return tan(x);
        case OpKind::Cot: return cot(x);
        case OpKind::Asin: return asin(x);
        case OpKind::Acos: return acos(x);
        case OpKind::Atan: return atan(x);
        case OpKind::Acot: return acot(x);
        case OpKind::Sinh: return sinh(x);
        case OpKind::Cosh: return cosh(x);
        case OpKind::Tanh: return tanh(x);
        case OpKind::Coth: return coth(x);
        case OpKind::Sech: return sech(x);
        case OpKind::Csch: return csch(x);
        case OpKind::Sqrt: return sqrt(x);
        case OpKind::Cbrt: return cbrt(x);
        case OpKind::Abs: return abs(x);
        case OpKind::Sign: return sign(x);
        case OpKind::Expm1: return expm1(x);
        case OpKind::Log1p: return log1p(x);
        case OpKind::Sigmoid: return sigmoid(x);
        case OpKind::Relu: return relu(x);
        case OpKind::Softplus: return softplus(x);
        case OpKind::LogSigmoid: return log_sigmoid(x);
        case OpKind::Step: return step(x);
        default: break;
    }
    throw std::logic_error("chainrule::lang: op '" + std::string(op_name(op)) + "' is not a unary function");
}

/// f(a, b) for pow, atan2, hypot, min, max, logaddexp.
template <class V>
V apply_binary(OpKind op, const V& a, const V& b) {
    switch (op) {
        case OpKind::Pow: return pow(a, b);
        case OpKind::Atan2: return atan2(a, b);
        case OpKind::Hypot: return hypot(a, b);
        case OpKind::Min: return min(a, b);
        case OpKind::Max: return max(a, b);
        case OpKind::LogAddExp: return logaddexp(a, b);
        default: break;
    }
    throw std::logic_error("chainrule::lang: op '" + std::string(op_name(op)) + "' is not a binary function");
}

/// The slope leaky_relu(x) uses when none is given (as the core's default, 0.01).
inline constexpr std::string_view kDefaultLeakySlope = "0.01";

}  // namespace chainrule::lang
