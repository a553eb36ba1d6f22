#include "functions.hpp"

namespace chainrule::symbolic {

Expr pi() { return make_function(Function::pi, {}); }
Expr e() { return make_function(Function::e, {}); }

#define CHAINRULE_EXPR_UNARY(Name, fn, ...) \
    Expr fn(const Expr& x) { return make_function(Function::fn, {x}); }
CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_EXPR_UNARY)
#undef CHAINRULE_EXPR_UNARY

#define CHAINRULE_EXPR_BINARY(Name, fn, ...) \
    Expr fn(const Expr& a, const Expr& b) { return make_function(Function::fn, {a, b}); }
CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_EXPR_BINARY)
#undef CHAINRULE_EXPR_BINARY

Expr log(const Expr& x, const Expr& base) { return log(x) / log(base); }
Expr sqrt(const Expr& x) { return make_power(x, Expr::rational(1, 2)); }
Expr pow(const Expr& base, const Expr& exponent) { return make_power(base, exponent); }

Expr logsumexp(std::vector<Expr> args) { return make_function(Function::logsumexp, std::move(args)); }
Expr logaddexp(const Expr& a, const Expr& b) { return make_function(Function::logsumexp, {a, b}); }
Expr xlogy(const Expr& x, const Expr& y) { return make_function(Function::xlogy, {x, y}); }
Expr leaky_relu(const Expr& x, const Expr& alpha) { return make_function(Function::leaky_relu, {x, alpha}); }

}  // namespace chainrule::symbolic
