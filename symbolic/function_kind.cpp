#include "function_kind.hpp"

#include <array>

namespace chainrule::symbolic {
namespace {

// Indexed by the enumerator value: generated from the same lists as the enum.
#define CHAINRULE_FUNCTION_NAME(Name, fn, ...) #fn,
constexpr std::array<std::string_view, function_count> names = {
    CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_FUNCTION_NAME) CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_FUNCTION_NAME)
    "xlogy", "leaky_relu", "logsumexp", "pi", "e",
};
#undef CHAINRULE_FUNCTION_NAME

}  // namespace

std::string_view function_name(Function f) noexcept { return names[static_cast<std::size_t>(f)]; }

std::size_t function_arity(Function f) noexcept {
    if (f >= Function::pi) return 0;
    if (f == Function::logsumexp) return 1;
    return static_cast<std::size_t>(f) < unary_function_count ? 1 : 2;
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
