// The functions an Expr node can apply (Kind::function), with their names and
// arities.  The user-facing constructors (exp, sigmoid, ...) are in
// functions.hpp; this header only enumerates them.
//
// The unary and binary functions are the op catalogue's (ops/catalogue.hpp:
// CHAINRULE_UNARY_FUNCTIONS, CHAINRULE_BINARY_FUNCTIONS), in its order, generated
// from it; their derivative, numeric value, printed name and folds come from their
// rule structs (symbolic/function_rules.hpp).  After them come the functions only
// Expr has: xlogy, leaky_relu(x, alpha) (a param op on a tape), the n-ary
// logsumexp, and the constants pi and e.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "../ops/catalogue.hpp"

namespace chainrule::symbolic {

enum class Function : std::uint8_t {
#define CHAINRULE_FUNCTION_ENUM(Name, fn, ...) fn,
    // unary: exp, log, sin, ..., step, and every later row of the catalogue
    CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_FUNCTION_ENUM)
    // binary: atan2, hypot, min, max
    CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_FUNCTION_ENUM)
#undef CHAINRULE_FUNCTION_ENUM
    // binary, Expr only: x ln y, and leaky_relu(x, alpha)
    xlogy, leaky_relu,
    // variadic: one or more arguments
    logsumexp,
    // no argument: the mathematical constants \pi and e (exact, never a decimal)
    pi, e,
};

inline constexpr std::size_t function_count = static_cast<std::size_t>(Function::e) + 1;

/// The number of unary functions: Function values below it take one argument.
#define CHAINRULE_FUNCTION_COUNT(...) +1
inline constexpr std::size_t unary_function_count = 0 CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_FUNCTION_COUNT);
#undef CHAINRULE_FUNCTION_COUNT

/// The name used by to_text and by the C++ constructor ("sigmoid", "atan2", ...,
/// "logsumexp", "pi", "e").
std::string_view function_name(Function f) noexcept;
/// Number of arguments: 0 for the constants pi and e, 1 or 2; for the variadic
/// logsumexp the least number, 1.
std::size_t function_arity(Function f) noexcept;
/// True for the functions of any number of arguments >= function_arity (logsumexp).
bool is_variadic(Function f) noexcept;
/// True when f may be applied to n arguments.
bool accepts_arguments(Function f, std::size_t n) noexcept;
/// Inverse of function_name.
std::optional<Function> function_from_name(std::string_view name) noexcept;

}  // namespace chainrule::symbolic
