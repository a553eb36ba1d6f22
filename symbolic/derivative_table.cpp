// The derivative table: local partial derivatives of every node kind.
#include <stdexcept>

#include "diff.hpp"
#include "functions.hpp"

namespace chainrule::symbolic {
namespace {

Expr half() { return Expr::rational(1, 2); }

Expr square(const Expr& u) { return pow(u, 2); }
Expr reciprocal(const Expr& u) { return pow(u, -1); }

// d f(u) / du for the unary functions; `self` is the node f(u) itself.
Expr unary_partial(Function f, const Expr& u, const Expr& self) {
    switch (f) {
    case Function::exp: return self;
    case Function::log: return reciprocal(u);
    case Function::sin: return cos(u);
    case Function::cos: return -sin(u);
    case Function::tan: return 1 + square(self);
    case Function::cot: return -(1 + square(self));
    case Function::asin: return pow(1 - square(u), Expr::rational(-1, 2));
    case Function::acos: return -pow(1 - square(u), Expr::rational(-1, 2));
    case Function::atan: return reciprocal(1 + square(u));
    case Function::acot: return -reciprocal(1 + square(u));
    case Function::sinh: return cosh(u);
    case Function::cosh: return sinh(u);
    case Function::tanh: return 1 - square(self);
    case Function::coth: return 1 - square(self);
    case Function::sech: return -(self * tanh(u));
    case Function::csch: return -(self * coth(u));
    case Function::cbrt: return Expr::rational(1, 3) * pow(self, -2);
    case Function::abs: return sign(u);
    case Function::sign:
    case Function::step: return Expr(0);
    case Function::expm1: return exp(u);
    case Function::log1p: return reciprocal(1 + u);
    case Function::sigmoid: return self * (1 - self);
    case Function::relu: return 1 - step(-u);
    case Function::softplus: return sigmoid(u);
    case Function::log_sigmoid: return sigmoid(-u);
    default: break;
    }
    throw std::logic_error("unary_partial: not a unary function");
}

// d f(a, b) / d(a or b); i selects the argument.
Expr binary_partial(Function f, const Expr& a, const Expr& b, std::size_t i, const Expr& self) {
    switch (f) {
    case Function::atan2:  // atan2(y = a, x = b)
        return (i == 0 ? b : -a) / (square(b) + square(a));
    case Function::hypot: return (i == 0 ? a : b) / self;
    case Function::max: return half() * (i == 0 ? 1 + sign(a - b) : 1 - sign(a - b));
    case Function::min: return half() * (i == 0 ? 1 - sign(a - b) : 1 + sign(a - b));
    case Function::xlogy: return i == 0 ? log(b) : a / b;
    case Function::leaky_relu:  // leaky_relu(x = a, alpha = b)
        return i == 0 ? b + (1 - b) * (1 - step(-a)) : a * step(-a);
    default: break;
    }
    throw std::logic_error("binary_partial: not a binary function");
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
