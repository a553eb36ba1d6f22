// The op catalogue seen from Expr: which rule struct (ops/rules_*.hpp) a Function
// is.  The derivative table, numeric evaluation, the LaTeX printer and simplify
// visit it; nothing about a catalogue function is written in symbolic/ itself.
//
//   visit_unary_rule(Function::sin, [&]<class Rule>() { return Rule::derivative(u, self); })
//
// Expr-only functions (xlogy, logsumexp, pi, e) have no rule struct; leaky_relu(x,
// alpha) visits ops::LeakyRelu, the tape's param op, as a function of two arguments.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "../ops/rules.hpp"
#include "function_kind.hpp"

namespace chainrule::symbolic {

/// True for the catalogue's unary functions (exp, ..., step, ...).
constexpr bool is_unary_rule(Function f) noexcept { return static_cast<std::size_t>(f) < unary_function_count; }

/// True for atan2, hypot, min, max and leaky_relu.
constexpr bool is_binary_rule(Function f) noexcept {
    return !is_unary_rule(f) && (f < Function::xlogy || f == Function::leaky_relu);
}

/// visitor.template operator()<ops::Name>() for a unary function of the catalogue.
/// Throws std::logic_error for any other function.
template <class Visitor>
decltype(auto) visit_unary_rule(Function f, Visitor&& visitor) {
    switch (f) {
#define CHAINRULE_VISIT_UNARY(Name, fn, ...) \
    case Function::fn: return visitor.template operator()<ops::Name>();
        CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_VISIT_UNARY)
#undef CHAINRULE_VISIT_UNARY
        default: break;
    }
    throw std::logic_error("chainrule::symbolic: " + std::string(function_name(f)) + " is not a unary function");
}

/// visitor.template operator()<ops::Name>() for atan2, hypot, min, max (the catalogue's
/// binary functions) and leaky_relu (ops::LeakyRelu). Throws std::logic_error otherwise.
template <class Visitor>
decltype(auto) visit_binary_rule(Function f, Visitor&& visitor) {
    switch (f) {
#define CHAINRULE_VISIT_BINARY(Name, fn, ...) \
    case Function::fn: return visitor.template operator()<ops::Name>();
        CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_VISIT_BINARY)
#undef CHAINRULE_VISIT_BINARY
        case Function::leaky_relu: return visitor.template operator()<ops::LeakyRelu>();
        default: break;
    }
    throw std::logic_error("chainrule::symbolic: " + std::string(function_name(f)) + " is not a binary function");
}

/// The facts (ops/facts.hpp) of a catalogue function; the empty facts for Expr-only ones.
ops::Facts function_facts(Function f) noexcept;

/// The LaTeX set before f's parenthesised arguments: the rule's command (\sin, \sigma,
/// \operatorname{arccot}), else \operatorname{name} with underscores escaped
/// (\operatorname{leaky\_relu}). Never empty.
std::string latex_function_name(Function f);

}  // namespace chainrule::symbolic
