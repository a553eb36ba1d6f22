#include "op_kind.hpp"

#include <array>
#include <utility>

namespace chainrule {
namespace {

struct OpInfo {
    std::string_view name;
    int arity;
    bool param;
    bool matrix_valued = false;
};

constexpr std::array<OpInfo, static_cast<std::size_t>(OpKind::MatrixEnd_)> kOpInfo = {{
    {"input", 0, false},
    {"const", 0, false},
#define CHAINRULE_UNARY_INFO(name, text) {text, 1, false},
#define CHAINRULE_PARAM_INFO(name, text) {text, 1, true},
#define CHAINRULE_BINARY_INFO(name, text) {text, 2, false},
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

constexpr std::array<std::pair<std::string_view, OpKind>, 13> kAliases = {{
    {"ln", OpKind::Log},
    {"tg", OpKind::Tan},
    {"ctg", OpKind::Cot},
    {"arcsin", OpKind::Asin},
    {"arccos", OpKind::Acos},
    {"arctan", OpKind::Atan},
    {"arctg", OpKind::Atan},
    {"arcctg", OpKind::Acot},
    {"arccot", OpKind::Acot},
    {"logistic", OpKind::Sigmoid},
    {"heaviside", OpKind::Step},
    {"pow", OpKind::Pow},
    {"logsigmoid", OpKind::LogSigmoid},
}};

const OpInfo& info(OpKind op) noexcept { return kOpInfo[static_cast<std::size_t>(op)]; }

}  // namespace

int arity(OpKind op) noexcept { return info(op).arity; }
bool has_param(OpKind op) noexcept { return info(op).param; }
std::string_view op_name(OpKind op) noexcept { return info(op).name; }
bool is_matrix_valued(OpKind op) noexcept { return info(op).matrix_valued; }

std::optional<OpKind> find_function(std::string_view name) noexcept {
    for (const auto& [alias, op] : kAliases)
        if (alias == name) return op;
    for (std::size_t i = 2; i < static_cast<std::size_t>(OpKind::Count_); ++i) {
        const auto op = static_cast<OpKind>(i);
        if (kOpInfo[i].name == name && !has_param(op) && op != OpKind::Neg) return op;
    }
    if (name == "leaky_relu") return OpKind::LeakyRelu;
    return std::nullopt;
}

}  // namespace chainrule
