// The functions an Expr node can apply (Kind::function), with their names and
// arities.  The user-facing constructors (exp, sigmoid, ...) are in
// functions.hpp; this header only enumerates them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace chainrule::symbolic {

enum class Function : std::uint8_t {
    // unary
    exp, log, sin, cos, tan, cot, asin, acos, atan, acot,
    sinh, cosh, tanh, coth, sech, csch,
    cbrt, abs, sign, expm1, log1p,
    sigmoid, relu, softplus, log_sigmoid, step,
    // binary
    atan2, hypot, min, max, xlogy, leaky_relu,
    // variadic: one or more arguments
    logsumexp,
    // no argument: the mathematical constants \pi and e (exact, never a decimal)
    pi, e,
};

inline constexpr std::size_t function_count = static_cast<std::size_t>(Function::e) + 1;

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
