#include "op_kind.hpp"

#include "../ops/rules.hpp"

#include <array>

namespace chainrule {
namespace {

struct OpInfo {
    std::string_view name;
    int arity;
    bool param;
    bool matrix_valued = false;
    bool kink_at_zero = false;
};

// Facts::kink_or_jump_at_zero() of a rule struct; false for one without facts (the operators).
template <class Rule>
constexpr bool kink_at_zero() {
    if constexpr (requires { Rule::facts; })
        return Rule::facts.kink_or_jump_at_zero();
    else
        return false;
}

constexpr std::array<OpInfo, static_cast<std::size_t>(OpKind::MatrixEnd_)> kOpInfo = {{
    {"input", 0, false},
    {"const", 0, false},
#define CHAINRULE_UNARY_INFO(name, fn, ...) {#fn, 1, false, false, kink_at_zero<ops::name>()},
#define CHAINRULE_PARAM_INFO(name, fn, ...) {#fn, 1, true, false, kink_at_zero<ops::name>()},
#define CHAINRULE_BINARY_INFO(name, fn, ...) {#fn, 2, false},
    CHAINRULE_UNARY_OPS(CHAINRULE_UNARY_INFO) CHAINRULE_PARAM_OPS(CHAINRULE_PARAM_INFO)
        CHAINRULE_BINARY_OPS(CHAINRULE_BINARY_INFO)
    {"count_", 0, false},
#define CHAINRULE_MATRIX_INFO(name, text, arity, matrix_valued) {text, arity, false, matrix_valued},
    CHAINRULE_MATRIX_OPS(CHAINRULE_MATRIX_INFO)
#undef CHAINRULE_MATRIX_INFO
#undef CHAINRULE_UNARY_INFO
#undef CHAINRULE_PARAM_INFO
#undef CHAINRULE_BINARY_INFO
}};

// The names a user may call: each unary function under its name and aliases, sqrt,
// leaky_relu, and the binary ops that are functions (pow, atan2, …, logaddexp); not the
// operators (neg, add, …) and not the param ops a tape records for x^p, p^x, x + p, ….
#define CHAINRULE_NAME_ENTRY(alias, Name) FunctionName{#alias, OpKind::Name},
#define CHAINRULE_FUNCTION_NAMES(Name, fn, ...) \
    CHAINRULE_NAME_ENTRY(fn, Name) CHAINRULE_EACH_ALIAS(CHAINRULE_NAME_ENTRY, Name, __VA_ARGS__)
constexpr FunctionName kFunctionNames[] = {
    CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_FUNCTION_NAMES) CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_FUNCTION_NAMES)
    CHAINRULE_NAME_ENTRY(sqrt, Sqrt) CHAINRULE_NAME_ENTRY(leaky_relu, LeakyRelu) CHAINRULE_NAME_ENTRY(pow, Pow)
    CHAINRULE_NAME_ENTRY(logaddexp, LogAddExp)
};
#undef CHAINRULE_FUNCTION_NAMES
#undef CHAINRULE_NAME_ENTRY

const OpInfo& info(OpKind op) noexcept { return kOpInfo[static_cast<std::size_t>(op)]; }

}  // namespace

int arity(OpKind op) noexcept { return info(op).arity; }
bool has_param(OpKind op) noexcept { return info(op).param; }
std::string_view op_name(OpKind op) noexcept { return info(op).name; }
bool is_matrix_valued(OpKind op) noexcept { return info(op).matrix_valued; }
bool kinks_at_zero(OpKind op) noexcept { return info(op).kink_at_zero; }

std::span<const FunctionName> function_table() noexcept { return kFunctionNames; }

std::optional<OpKind> find_function(std::string_view name) noexcept {
    for (const FunctionName& f : kFunctionNames)
        if (f.name == name) return f.op;
    return std::nullopt;
}

}  // namespace chainrule
