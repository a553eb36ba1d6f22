#include "function_kind.hpp"

#include <array>

namespace chainrule::symbolic {
namespace {

// Indexed by the enumerator value; order must match the enum.
constexpr std::array<std::string_view, function_count> names = {
    "exp",  "log",  "sin",  "cos",  "tan",   "cot",   "asin",    "acos",
    "atan", "acot", "sinh", "cosh", "tanh",  "coth",  "sech",    "csch",
    "cbrt", "abs",  "sign", "expm1", "log1p", "sigmoid", "relu", "softplus",
    "log_sigmoid", "step", "atan2", "hypot", "min", "max", "xlogy", "leaky_relu",
    "logsumexp", "pi", "e",
};

}  // namespace

std::string_view function_name(Function f) noexcept { return names[static_cast<std::size_t>(f)]; }

std::size_t function_arity(Function f) noexcept {
    if (f >= Function::pi) return 0;
    if (f == Function::logsumexp) return 1;
    return f >= Function::atan2 ? 2 : 1;
}

bool is_variadic(Function f) noexcept { return f == Function::logsumexp; }

bool accepts_arguments(Function f, std::size_t n) noexcept {
    return is_variadic(f) ? n >= function_arity(f) : n == function_arity(f);
}

std::optional<Function> function_from_name(std::string_view name) noexcept {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<Function>(i);
    return std::nullopt;
}

}  // namespace chainrule::symbolic
