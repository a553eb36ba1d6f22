#include "constants.hpp"

#include <algorithm>

namespace chainrule::lang {

std::optional<MathConstant> find_math_constant(std::string_view name) {
    if (name == math_constant_name(MathConstant::Pi)) return MathConstant::Pi;
    if (name == math_constant_name(MathConstant::E)) return MathConstant::E;
    return std::nullopt;
}

namespace {

void bind(ExprNode& e, const IsUserName& is_user_name) {
    if (e.kind == ExprNode::Kind::Name && find_math_constant(e.text) && !is_user_name(e.text))
        e.kind = ExprNode::Kind::Constant;
    for (ExprNode& operand : e.operands) bind(operand, is_user_name);  // depth ≤ the parser's limit
}

}  // namespace

ExprNode bind_constants(ExprNode expression, const IsUserName& is_user_name) {
    bind(expression, is_user_name);
    return expression;
}

ExprNode bind_constants(ExprNode expression, const std::vector<std::string>& user_names) {
    return bind_constants(std::move(expression), [&](std::string_view name) {
        return std::find(user_names.begin(), user_names.end(), name) != user_names.end();
    });
}

}  // namespace chainrule::lang
