// `chainrule diff` prints only what chainrule reads back: for expressions that call every
// function of the language (and its aliases) at least once, the text form of ∂f/∂x and
// ∂f/∂y is parsed by the language's own parser, and its value at several points equals
// the derivative — checked against a 50-digit central difference of f itself (independent
// of the symbolic differentiation) and against the derivative before printing.
#include "lang/calculus.hpp"
#include "lang/constants.hpp"
#include "lang/functions.hpp"
#include "lang/parser.hpp"
#include "lang/to_symbolic.hpp"
#include "symbolic/evaluate.hpp"
#include "symbolic/text_printer.hpp"

#include <catch2/catch.hpp>

#include <set>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace diff_roundtrip_test {

using namespace chainrule;
using namespace chainrule::lang;

namespace {

// Every function and alias at least once; the points below are inside every domain and
// away from every kink (x − y ≠ 0, x ≠ y², …).
const std::vector<std::string> kExpressions = {
    "exp(x*y) + log(x*y + 1) + ln(x + y) + log(x, y + 1)",
    "expm1(x*y) + log1p(x*y) + sqrt(x^2 + y) + cbrt(x*y + 2)",
    "abs(x - 2*y) + sign(x - y)*x^2 + step(x - y)*y^2 + heaviside(x)*x*y",
    "sin(x*y) + cos(x + y) + tan(x/3) + tg(y/4) + cot(x + 1) + ctg(y + 1)",
    "asin(x/3) + arcsin(y/4) + acos(x/3) + arccos(y/5)",
    "atan(x*y) + arctan(x) + arctg(y) + acot(x*y) + arcctg(x) + arccot(y)",
    "sinh(x*y) + cosh(x - y) + tanh(x*y) + coth(x + 1) + sech(x + y) + csch(y + 1)",
    "sigmoid(x*y) + logistic(x) + relu(x - y) + softplus(x*y) + log_sigmoid(x - y) + logsigmoid(y)",
    "leaky_relu(x - y) + leaky_relu(y - x, 0.2)*x",
    "pow(x, y) + x^y + y^x + x**2",
    "atan2(y, x) + hypot(x, y) + min(x, y^2) + max(x^2, y)",
    "logaddexp(x, y) + logsumexp(x, y, x*y) + logsumexp(x)*y",
    "pi*x^2*y + e^(x*y) + exp(1)*x + e*y",
    "x/(x^2 + y) - 3/(x*y)^2 + (x - y)^3",
    "erf(x*y) + erfc(x - y) + gelu(x*y) + silu(x - y) + swish(y)*x",
    "elu(x - y) + selu(y - x) + softsign(x*y) + mish(x - y)",
};

const std::vector<std::map<std::string, Real>> kPoints = {
    {{"x", Real("1.3")}, {"y", Real("0.7")}},
    {{"x", Real("0.45")}, {"y", Real("1.9")}},
    {{"x", Real("2.2")}, {"y", Real("0.35")}},
};

symbolic::Expr read(const std::string& text, const std::string& name) {
    const Source s{name, text};
    return to_symbolic(bind_constants(parse_expression(s), std::vector<std::string>{"x", "y"}), s);
}

void call_names(const ExprNode& e, std::set<std::string>& out) {
    if (e.kind == ExprNode::Kind::Call) out.insert(e.text);
    for (const ExprNode& o : e.operands) call_names(o, out);
}

}  // namespace

TEST_CASE("the round-trip expressions call every function of the language") {
    std::set<std::string> called;
    for (const std::string& e : kExpressions) call_names(parse_expression(Source{"expression", e}), called);
    for (const std::string& name : function_names()) {
        INFO("no round-trip expression calls " << name);
        CHECK(called.count(name) == 1);
    }
}

TEST_CASE("diff's text is read back by the language and is the derivative") {
    const Real h("1e-20");  // 50 digits: truncation ~h², rounding ~1e-50/h
    for (const std::string& expression : kExpressions) {
        const symbolic::Expr f = read(expression, "expression");
        for (const char* wrt : {"x", "y"}) {
            const Source s{"expression", expression};
            const symbolic::Expr d = derivative(parse_expression(s), s, wrt);
            const std::string text = symbolic::to_text(d);
            INFO("d/d" << wrt << " " << expression << " = " << text);
            symbolic::Expr back;
            REQUIRE_NOTHROW(back = read(text, "derivative"));
            for (const auto& point : kPoints) {
                auto plus = point, minus = point;
                plus[wrt] += h;
                minus[wrt] -= h;
                const Real fd = (symbolic::evaluate<Real>(f, plus) - symbolic::evaluate<Real>(f, minus)) / (2 * h);
                const Real got = symbolic::evaluate<Real>(back, point);
                INFO("at x = " << point.at("x") << ", y = " << point.at("y") << ": read back " << got << ", central difference " << fd);
                CHECK(abs(got - fd) <= Real("1e-25") * (1 + abs(fd)));
                CHECK(abs(got - symbolic::evaluate<Real>(d, point)) <= Real("1e-40") * (1 + abs(got)));
            }
        }
    }
}

TEST_CASE("diff x^y by y reads back as x^y*log(x), not xlogy") {
    const Source s{"expression", "x^y"};
    CHECK(symbolic::to_text(derivative(parse_expression(s), s, "y")) == "x^y*log(x)");
    const Source t{"expression", "2^x"};
    CHECK(symbolic::to_text(derivative(parse_expression(t), t, "x")) == "2^x*log(2)");
}

}  // namespace diff_roundtrip_test
