// Results that are exact rationals are shown as fractions too (−6/125 = −0.048): the
// expression and its derivatives evaluated in exact arithmetic at the point's decimals.
// Expected fractions by hand arithmetic, written out with each case.
#include "lang/calculus.hpp"
#include "precision/number_format.hpp"
#include "lang/parser.hpp"
#include "lang/reports.hpp"
#include "symbolic/arithmetic.hpp"
#include "symbolic/exact_value.hpp"
#include "symbolic/functions.hpp"

#include "calculus_support.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace exact_fractions_test {

using namespace chainrule;
using namespace chainrule::lang;
using namespace chainrule::lang::test_support;
using symbolic::Expr;

namespace {

std::string grad_text(const std::string& expression, const std::string& at) {
    const Source s{"expression", expression};
    const Point p = point(at);
    return gradient_text(p, gradient_at(parse_expression(s), s, p), 10);
}

Rational q(long p, long d) { return Rational(p) / d; }

// A line "name = p/q = decimal" has two " = ": true when any line of grad's text does.
bool shows_fraction(const std::string& text) {
    std::size_t begin = 0;
    for (std::size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1) {
        const std::string line = text.substr(begin, end - begin);
        const std::size_t first = line.find(" = ");
        if (first != std::string::npos && line.find(" = ", first + 3) != std::string::npos) return true;
    }
    return false;
}

// A number as grad prints it (10 digits; the format itself is number_format's business).
std::string n(const char* decimal) { return format_number(Real(decimal), 10); }

}  // namespace

TEST_CASE("exact_rational_value: + − × ÷, powers, piecewise functions; nothing irrational") {
    const Expr x = Expr::symbol("x"), y = Expr::symbol("y");
    const std::map<std::string, Rational, std::less<>> at{{"x", q(1, 5)}, {"y", q(-3, 2)}};
    // x³ − 2x at 1/5: 1/125 − 50/125 = −49/125
    CHECK(symbolic::exact_rational_value(pow(x, 3) - 2 * x, at) == q(-49, 125));
    // x/y = (1/5)/(−3/2) = −2/15
    CHECK(symbolic::exact_rational_value(x / y, at) == q(-2, 15));
    // sqrt(9/4) = 3/2 exactly; sqrt(2) is not rational
    CHECK(symbolic::exact_rational_value(sqrt(Expr::rational(9, 4) * pow(x, 0)), at) == q(3, 2));
    CHECK(!symbolic::exact_rational_value(sqrt(Expr(2) + x * 0 + y - y), at));
    // relu(y) = 0, abs(y) = 3/2, max(x, y) = 1/5, sign(y) = −1, step(0) = 1
    CHECK(symbolic::exact_rational_value(relu(y) + abs(y) + max(x, y) + sign(y), at) == q(7, 10));
    CHECK(symbolic::exact_rational_value(step(x - x * 1), at) == 1);
    CHECK(!symbolic::exact_rational_value(sin(x), at));
    CHECK(!symbolic::exact_rational_value(symbolic::pi() * x, at));
    CHECK(!symbolic::exact_rational_value(x + Expr::symbol("z"), at));  // no value for z
    CHECK(!symbolic::exact_rational_value(pow(x - Expr::rational(1, 5), -1), at));  // 1/0
    // (x^64)^64 at 1/5: 4096·log2(5) ≈ 9510 bits, beyond the 4096-bit bound: not computed
    CHECK(!symbolic::exact_rational_value(pow(pow(x, 64), 64), at));
}

TEST_CASE("grad shows exact rational results as fractions as well") {
    // f = 3/x² at x = 5: f = 3/25 = 0.12, f' = −6/x³ = −6/125 = −0.048 (the textbook's)
    CHECK(grad_text("3/x^2", "x=5") == "f = 3/25 = " + n("0.12") + "\n∂f/∂x = -6/125 = " + n("-0.048") + "\n");
    // f = x/(x² + y) at (2, 1): f = 2/5; ∂f/∂x = (x² + y − 2x²)/(x² + y)² = (5 − 8)/25 = −3/25;
    // ∂f/∂y = −x/(x² + y)² = −2/25
    CHECK(grad_text("x/(x^2 + y)", "x=2, y=1") == "f = 2/5 = " + n("0.4") + "\n∂f/∂x = -3/25 = " + n("-0.12") +
                                                      "\n∂f/∂y = -2/25 = " + n("-0.08") + "\n");
    // f = x/3 at 1: 1/3, whose decimal never ends
    CHECK(grad_text("x/3", "x=1") == "f = 1/3 = 0.3333333333\n∂f/∂x = 1/3 = 0.3333333333\n");
    // a relu neuron with decimal weights: relu(0.5·0.2 − 0.3·(−0.4)) = relu(0.22) = 11/50;
    // ∂/∂w = 0.2 = 1/5, ∂/∂v = 0.4 = 2/5 (the active side)
    CHECK(grad_text("relu(w*0.2 - v*(-0.4))", "w=0.5, v=0.3") ==
          "f = 11/50 = " + n("0.22") + "\n∂f/∂w = 1/5 = " + n("0.2") + "\n∂f/∂v = 2/5 = " + n("0.4") + "\n");
}

TEST_CASE("no fraction for integers, irrational results, or long fractions") {
    CHECK(grad_text("x^2", "x=3") == "f = " + n("9") + "\n∂f/∂x = " + n("6") + "\n");
    CHECK(!shows_fraction(grad_text("sin(x)", "x=1")));
    CHECK(shows_fraction(grad_text("x/4", "x=1")));
    // 1/1234567 has a 7-digit denominator: decimal only
    CHECK(!shows_fraction(grad_text("x/1234567", "x=1")));
    // 123457/2 has a 6-digit numerator: shown; 1234567/2 has 7: not
    CHECK(grad_text("x/2", "x=123457").find("123457/2") != std::string::npos);
    const std::string big = grad_text("x/2", "x=1234567");
    CHECK(!shows_fraction(big.substr(0, big.find('\n') + 1)));  // f = 1234567/2: decimal only
    CHECK(big.find("∂f/∂x = 1/2 = ") != std::string::npos);       // its derivative 1/2 is short
    // the value is irrational, the partial rational: only the partial gets a fraction
    const std::string t = grad_text("x/4 + sqrt(2)", "x=1");
    CHECK(!shows_fraction(t.substr(0, t.find('\n') + 1)));
    CHECK(t.find("∂f/∂x = 1/4 = " + n("0.25")) != std::string::npos);
}

TEST_CASE("grad JSON lists the fractions that the text shows") {
    const Source s{"expression", "3/x^2"};
    const Point p = point("x=5");
    const std::string json = gradient_json(p, gradient_at(parse_expression(s), s, p));
    CHECK(json.find("\"fractions\": {\n    \"value\": \"3/25\",\n    \"gradient\": {\n      \"x\": \"-6/125\"") !=
          std::string::npos);
    const Source t{"expression", "sin(x)"};
    CHECK(gradient_json(p, gradient_at(parse_expression(t), t, p)).find("fractions") == std::string::npos);
}

}  // namespace exact_fractions_test
