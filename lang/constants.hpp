#pragma once
/// \file constants.hpp
/// The mathematical constants an expression may name: `pi` (π) and `e` (Euler's number).
/// They are exact: recorded as π and e themselves (Tape::math_constant), evaluated at the
/// working precision of each rung of the precision ladder, printed as π and e in
/// formulas — never a decimal.
///
/// The user's own names come first: a variable of --at / --from called `e`, or a node
/// of a .chain file declared or defined as `e`, is that value wherever the expression
/// names it, and the constant is not available there (exp(1) still is e).

#include "../graph/math_constants.hpp"
#include "ast.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chainrule::lang {

/// The constant a name means: "pi" → Pi, "e" → E, anything else nothing.
std::optional<MathConstant> find_math_constant(std::string_view name);

/// True when a name is one of the user's own (a variable, a declared or defined node).
using IsUserName = std::function<bool(std::string_view name)>;

/// `expression` with every Name node `pi` or `e` that is not a user's name turned into a
/// Constant node (ExprNode::Kind::Constant); Constant nodes and other names are kept.
ExprNode bind_constants(ExprNode expression, const IsUserName& is_user_name);

/// bind_constants with the user's names listed.
ExprNode bind_constants(ExprNode expression, const std::vector<std::string>& user_names);

}  // namespace chainrule::lang
