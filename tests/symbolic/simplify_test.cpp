// simplify: the forms a person writes, checked as text (the expected strings
// are the hand simplifications), plus idempotence and value preservation.
#include <catch2/catch.hpp>

#include <random>

#include "symbolic/symbolic.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace simplify_test {

using namespace chainrule::symbolic;

namespace {

const Expr x = Expr::symbol("x");
const Expr y = Expr::symbol("y");
const Expr z = Expr::symbol("z");
const Expr a = Expr::symbol("a");
const Expr b = Expr::symbol("b");

std::string s(const Expr& e) { return to_text(simplify(e)); }

}  // namespace

TEST_CASE("numeric factors, identities and like terms", "[simplify]") {
    CHECK(s(2 * (Expr(1) / 2) * x) == "x");
    CHECK(s(x * x) == "x^2");
    CHECK(s(0 * x + 1 * y) == "y");
    CHECK(s(x + x) == "2*x");
    CHECK(s(x - x) == "0");
    CHECK(s(2 * x * y + 3 * y * x) == "5*x*y");  // like terms regardless of factor order
    CHECK(s(x * y * x) == "x^2*y");
    CHECK(s(x / x) == "1");
    CHECK(s(pow(x, 3) / x) == "x^2");
    CHECK(s(x * sqrt(x)) == "x^(3/2)");
    CHECK(s(sqrt(x) * sqrt(x)) == "x");
    CHECK(s(pow(pow(x, 2), 3)) == "x^6");
    CHECK(s(pow(sqrt(x), 2)) == "x");
    CHECK(s(pow(2 * x, 2)) == "4*x^2");
    CHECK(s(1 + x + 2 - 3) == "x");
    CHECK(s(Expr::rational(1, 3) + Expr::rational(1, 6)) == "1/2");
    CHECK(s((x + y) * (y + x)) == "(x + y)^2");  // like factors regardless of term order
    CHECK(s(x * pow(x * y, -1)) == "1/y");
    CHECK(s(sqrt(Expr(2)) * sqrt(Expr(2))) == "2");
    CHECK(s(2 * sqrt(Expr(2))) == "2*sqrt(2)");
    CHECK(s(sqrt(pow(x, 2))) == "sqrt(x^2)");  // = |x|, not x
}

TEST_CASE("functions of constants: only the trivial values fold", "[simplify]") {
    CHECK(s(exp(Expr(0))) == "1");
    CHECK(s(log(Expr(1))) == "0");
    CHECK(s(sin(Expr(0))) == "0");
    CHECK(s(cos(Expr(0))) == "1");
    CHECK(s(sigmoid(Expr(0))) == "1/2");
    CHECK(s(exp(Expr(1))) == "e");  // exp(1) is the constant e, exact
    CHECK(s(exp(Expr(2))) == "exp(2)");
    CHECK(s(log(Expr(2))) == "log(2)");
    CHECK(s(sin(Expr(1))) == "sin(1)");
    CHECK(s(abs(Expr(-3))) == "3");
    CHECK(s(sign(Expr(-2))) == "-1");
    CHECK(s(sign(Expr(0))) == "0");
    CHECK(s(step(Expr(0))) == "1");
    CHECK(s(step(Expr(-1))) == "0");
    CHECK(s(relu(Expr(-5))) == "0");
    CHECK(s(max(Expr(2), Expr(7))) == "7");
    CHECK(s(min(x, x)) == "x");
    CHECK(s(cbrt(Expr(-8))) == "-2");
    CHECK(s(cbrt(Expr(2))) == "cbrt(2)");
    CHECK(s(sqrt(Expr(4) / 9)) == "2/3");
    CHECK(s(exp(log(x))) == "x");
    CHECK(s(log(exp(x + 1))) == "x + 1");
    CHECK(s(xlogy(Expr(0), x)) == "0");
    CHECK(s(xlogy(3, x)) == "3*log(x)");
    CHECK(s(xlogy(x, Expr(1))) == "0");
    // x may be 0 and y too: the node keeps the convention xlogy(0, y) = 0, and prints as
    // the product a person writes (and the language reads back).
    CHECK(simplify(xlogy(x, y)).function() == Function::xlogy);
    CHECK(s(xlogy(x, y)) == "x*log(y)");
    CHECK(s(leaky_relu(Expr(-2), Expr::rational(1, 10))) == "-1/5");
}

TEST_CASE("signs are pulled to the front", "[simplify]") {
    const Expr o1 = Expr::symbol("o1");
    const Expr out = Expr::symbol("out");
    CHECK(s(-1 * (o1 - out) * 1) == "-(o1 - out)");
    CHECK(s(z * (-a - b)) == "-z*(a + b)");
    CHECK(s(-(-a - b)) == "a + b");
    CHECK(s(x / (-a - b)) == "-x/(a + b)");
    CHECK(s((-a - b) * (-a - b)) == "(a + b)^2");
    CHECK(s(-a - b) == "-a - b");  // a lone sum is left as written
}

TEST_CASE("a numeric multiple of a sum is distributed only to cancel", "[simplify]") {
    CHECK(s(x - (x - y)) == "y");
    CHECK(s(1 - (1 - x)) == "x");
    CHECK(s(2 * (x + y) - 2 * x) == "2*y");
    CHECK(s(z - (x - y)) == "z - (x - y)");
    CHECK(s(2 * (x + y)) == "2*(x + y)");
}

TEST_CASE("the user's operand order is kept", "[simplify]") {
    CHECK(s(b * a * x) == "b*a*x");
    CHECK(s(x * 3) == "3*x");
    CHECK(s(y + x + y) == "2*y + x");
    CHECK(s(x + 1) == "x + 1");
    CHECK(s(1 + x) == "1 + x");
}

TEST_CASE("the textbook derivations", "[simplify]") {
    const Expr o1 = Expr::symbol("o1");
    const Expr out = Expr::symbol("out");
    const Expr in = Expr::symbol("in");
    // E = 1/2 (o1 - out)^2:  dE/dout = -(o1 - out)
    const Expr e = Expr::rational(1, 2) * pow(o1 - out, 2);
    CHECK(to_text(diff(e, out)) == "-(o1 - out)");
    // out = sigma(in):  d out / d in = out (1 - out)
    const Expr d = substitute(diff(sigmoid(in), in), sigmoid(in), out);
    CHECK(to_text(d) == "out*(1 - out)");
    CHECK(to_latex(d) == "\\mathrm{out} \\left(1 - \\mathrm{out}\\right)");
    // The explicit sigmoid:  d/dx 1/(1 + e^{-x}) = e^{-x} / (1 + e^{-x})^2
    CHECK(to_text(diff(1 / (1 + exp(-x)), x)) == "exp(-x)/(1 + exp(-x))^2");
}

TEST_CASE("simplify is idempotent and preserves values", "[simplify]") {
    const Expr w = Expr::symbol("w");
    const std::vector<Expr> batch = {
        2 * (Expr(1) / 2) * x,
        x * x * y / (x * y),
        (x + y) * (x + y) * (y + x),
        x - (x - y) + 2 * (y - x),
        pow(pow(x * y, 2), Expr::rational(1, 2)),
        sigmoid(w * x + b) * (1 - sigmoid(w * x + b)) * x,
        diff(pow(x, x) * sin(x * y), x),
        diff(log(1 + exp(-w * x)) / (x * x + 1), w),
        diff(atan2(y, x) * hypot(x, y), y),
        diff(softplus(x) * relu(y) + leaky_relu(x, Expr(0.01)), x),
        -(-a - b) * (-(a + b)),
        xlogy(pow(x, y), x) + xlogy(Expr(2), y) - log(y) * 2,
        exp(log(x + 0 * y)) - x,
        Expr::rational(3, 4) * pow(Expr(16), Expr::rational(3, 4)) * x / 6,
        1 / (1 / (1 / x)),
        diff(tan(x) * cot(x) + sech(x) * csch(x) + coth(x), x),
    };
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> dist(0.3, 1.7);
    for (const Expr& e : batch) {
        const Expr once = simplify(e);
        INFO(to_text(e) << "  ->  " << to_text(once));
        CHECK(simplify(once) == once);
        const std::map<std::string, double> values = {
            {"x", dist(rng)}, {"y", dist(rng)}, {"w", dist(rng)}, {"a", dist(rng)}, {"b", dist(rng)}};
        CHECK(evaluate(once, values) == Approx(evaluate(e, values)).epsilon(1e-12));
    }
}

}  // namespace simplify_test
