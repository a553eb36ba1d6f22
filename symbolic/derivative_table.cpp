// The derivative table: local partial derivatives of every node kind. A function's
// partial is its rule's symbolic derivative (ops/rules_*.hpp, through
// function_rules.hpp), written apart from the tape's numeric partial so that each
// checks the other (tests/lang/op_catalogue_test.cpp).
#include <stdexcept>

#include "diff.hpp"
#include "function_rules.hpp"
#include "functions.hpp"

namespace chainrule::symbolic {
namespace {

// d f(u) / du for the unary functions: the rule's symbolic derivative (ops/rules_*.hpp);
// `self` is the node f(u) itself.
Expr unary_partial(Function f, const Expr& u, const Expr& self) {
    return visit_unary_rule(f, [&]<class Rule>() { return Rule::derivative(u, self); });
}

// d f(a, b) / d(a or b); i selects the argument. xlogy is Expr's own; the others are the
// catalogue's (atan2, hypot, min, max, leaky_relu).
Expr binary_partial(Function f, const Expr& a, const Expr& b, std::size_t i, const Expr& self) {
    if (f == Function::xlogy) return i == 0 ? log(b) : a / b;
    return visit_binary_rule(f, [&]<class Rule>() { return Rule::derivative(a, b, static_cast<int>(i), self); });
}

Expr product_of_others(const Expr& product, std::size_t i) {
    std::vector<Expr> others;
    for (std::size_t j = 0; j < product.operands().size(); ++j)
        if (j != i) others.push_back(product[j]);
    return make_product(std::move(others));
}

Expr power_partial(const Expr& power, std::size_t i) {
    const Expr& u = power[0];
    const Expr& v = power[1];
    if (i == 0) return v * pow(u, v - 1);
    return xlogy(power, u);  // u^v \ln u, and 0 where u^v = 0
}

}  // namespace

Expr local_partial(const Expr& node, std::size_t i) {
    if (i >= node.operands().size())
        throw std::invalid_argument("chainrule::symbolic::local_partial: node has no operand " + std::to_string(i));
    switch (node.kind()) {
    case Kind::sum: return Expr(1);
    case Kind::product: return product_of_others(node, i);
    case Kind::power: return power_partial(node, i);
    case Kind::function:
        // logsumexp: the softmax e^{a_i - logsumexp(a)}, stable wherever logsumexp is.
        if (node.function() == Function::logsumexp) return exp(node[i] - node);
        if (node.operands().size() == 1) return unary_partial(node.function(), node[0], node);
        return binary_partial(node.function(), node[0], node[1], i, node);
    case Kind::constant:
    case Kind::symbol: break;
    }
    throw std::invalid_argument("chainrule::symbolic::local_partial: constants and symbols have no operands");
}

}  // namespace chainrule::symbolic
