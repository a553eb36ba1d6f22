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
};

inline constexpr std::size_t function_count = static_cast<std::size_t>(Function::leaky_relu) + 1;

/// The name used by to_text and by the C++ constructor ("sigmoid", "atan2", ...).
std::string_view function_name(Function f) noexcept;
/// Number of arguments (1 or 2).
std::size_t function_arity(Function f) noexcept;
/// Inverse of function_name.
std::optional<Function> function_from_name(std::string_view name) noexcept;

}  // namespace chainrule::symbolic
