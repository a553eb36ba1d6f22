#pragma once
/// \file functions.hpp
/// The functions an expression may call: every function of the core under its name and
/// its aliases (the op catalogue, ops/catalogue.hpp, through graph/op_kind.hpp's
/// function_table: ln, tg, ctg, arcsin … arcctg, logistic, heaviside, …), and
/// logsumexp, with the number of arguments each takes. The arithmetic ops (add, mul, …)
/// are operators, not functions.
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

/// f(x) for the unary ops of the core: −x, sqrt and every unary function of the op
/// catalogue (ops/catalogue.hpp), called by its C++ name.
template <class V>
V apply_unary(OpKind op, const V& x) {
    switch (op) {
        case OpKind::Neg: return -x;
        case OpKind::Sqrt: return sqrt(x);
#define CHAINRULE_LANG_UNARY(Name, fn, ...) \
    case OpKind::Name: return fn(x);
        CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_LANG_UNARY)
#undef CHAINRULE_LANG_UNARY
        default: break;
    }
    throw std::logic_error("chainrule::lang: op '" + std::string(op_name(op)) + "' is not a unary function");
}

/// f(a, b) for pow, logaddexp and the catalogue's binary functions (atan2, hypot, min, max).
template <class V>
V apply_binary(OpKind op, const V& a, const V& b) {
    switch (op) {
        case OpKind::Pow: return pow(a, b);
        case OpKind::LogAddExp: return logaddexp(a, b);
#define CHAINRULE_LANG_BINARY(Name, fn, ...) \
    case OpKind::Name: return fn(a, b);
        CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_LANG_BINARY)
#undef CHAINRULE_LANG_BINARY
        default: break;
    }
    throw std::logic_error("chainrule::lang: op '" + std::string(op_name(op)) + "' is not a binary function");
}

/// The slope leaky_relu(x) uses when none is given (as the core's default, 0.01).
inline constexpr std::string_view kDefaultLeakySlope = "0.01";

}  // namespace chainrule::lang
