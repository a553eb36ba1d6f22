#include "functions.hpp"

namespace chainrule::symbolic {
namespace {

Expr apply(Function f, const Expr& x) { return make_function(f, {x}); }
Expr apply(Function f, const Expr& a, const Expr& b) { return make_function(f, {a, b}); }

}  // namespace

Expr pi() { return make_function(Function::pi, {}); }
Expr e() { return make_function(Function::e, {}); }

Expr exp(const Expr& x) { return apply(Function::exp, x); }
Expr log(const Expr& x) { return apply(Function::log, x); }
Expr log(const Expr& x, const Expr& base) { return log(x) / log(base); }
Expr expm1(const Expr& x) { return apply(Function::expm1, x); }
Expr log1p(const Expr& x) { return apply(Function::log1p, x); }
Expr sqrt(const Expr& x) { return make_power(x, Expr::rational(1, 2)); }
Expr cbrt(const Expr& x) { return apply(Function::cbrt, x); }
Expr pow(const Expr& base, const Expr& exponent) { return make_power(base, exponent); }

Expr sin(const Expr& x) { return apply(Function::sin, x); }
Expr cos(const Expr& x) { return apply(Function::cos, x); }
Expr tan(const Expr& x) { return apply(Function::tan, x); }
Expr cot(const Expr& x) { return apply(Function::cot, x); }
Expr asin(const Expr& x) { return apply(Function::asin, x); }
Expr acos(const Expr& x) { return apply(Function::acos, x); }
Expr atan(const Expr& x) { return apply(Function::atan, x); }
Expr acot(const Expr& x) { return apply(Function::acot, x); }
Expr atan2(const Expr& y, const Expr& x) { return apply(Function::atan2, y, x); }

Expr sinh(const Expr& x) { return apply(Function::sinh, x); }
Expr cosh(const Expr& x) { return apply(Function::cosh, x); }
Expr tanh(const Expr& x) { return apply(Function::tanh, x); }
Expr coth(const Expr& x) { return apply(Function::coth, x); }
Expr sech(const Expr& x) { return apply(Function::sech, x); }
Expr csch(const Expr& x) { return apply(Function::csch, x); }

Expr abs(const Expr& x) { return apply(Function::abs, x); }
Expr sign(const Expr& x) { return apply(Function::sign, x); }
Expr step(const Expr& x) { return apply(Function::step, x); }
Expr hypot(const Expr& a, const Expr& b) { return apply(Function::hypot, a, b); }
Expr min(const Expr& a, const Expr& b) { return apply(Function::min, a, b); }
Expr max(const Expr& a, const Expr& b) { return apply(Function::max, a, b); }
Expr logsumexp(std::vector<Expr> args) { return make_function(Function::logsumexp, std::move(args)); }
Expr logaddexp(const Expr& a, const Expr& b) { return apply(Function::logsumexp, a, b); }
Expr xlogy(const Expr& x, const Expr& y) { return apply(Function::xlogy, x, y); }

Expr sigmoid(const Expr& x) { return apply(Function::sigmoid, x); }
Expr relu(const Expr& x) { return apply(Function::relu, x); }
Expr softplus(const Expr& x) { return apply(Function::softplus, x); }
Expr log_sigmoid(const Expr& x) { return apply(Function::log_sigmoid, x); }
Expr leaky_relu(const Expr& x, const Expr& alpha) { return apply(Function::leaky_relu, x, alpha); }

}  // namespace chainrule::symbolic
