// to_text and to_latex: exact strings for precedence, fractions, powers,
// functions and options.  Printing is faithful to the structure (no
// simplification), so raw nodes are built where a case needs one.
#include <catch2/catch.hpp>

#include <sstream>

#include "symbolic/node.hpp"
#include "symbolic/symbolic.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace printer_test {

using namespace chainrule::symbolic;

namespace {

const Expr x = Expr::symbol("x");
const Expr y = Expr::symbol("y");
const Expr a = Expr::symbol("a");
const Expr b = Expr::symbol("b");
const Expr c = Expr::symbol("c");

}  // namespace

TEST_CASE("text: precedence and parentheses", "[print]") {
    const Expr o1 = Expr::symbol("o1");
    const Expr out = Expr::symbol("out_o1");
    CHECK(to_text(-(o1 - out) * out * (1 - out)) == "-(o1 - out_o1)*out_o1*(1 - out_o1)");
    CHECK(to_text(pow(x, 2)) == "x^2");
    CHECK(to_text(sin(x)) == "sin(x)");
    CHECK(to_text((a + b) / c) == "(a + b)/c");
    CHECK(to_text(a / (b * c)) == "a/(b*c)");
    CHECK(to_text(a * b / c) == "a*b/c");
    CHECK(to_text(a - (b - c)) == "a - (b - c)");
    CHECK(to_text(a - b * c) == "a - b*c");
    CHECK(to_text(-a + b) == "-a + b");
    CHECK(to_text(-pow(x, 2)) == "-x^2");
    CHECK(to_text(pow(-x, 2)) == "(-x)^2");
    CHECK(to_text(pow(a * b, 2)) == "(a*b)^2");
    CHECK(to_text(pow(a + b, c + 1)) == "(a + b)^(c + 1)");
    CHECK(to_text(pow(x, -y)) == "x^(-y)");
    CHECK(to_text(pow(pow(x, a), b)) == "(x^a)^b");
    CHECK(to_text(1 / x) == "1/x");
    CHECK(to_text(1 / pow(x, 2)) == "1/x^2");
    CHECK(to_text(sqrt(x + 1)) == "sqrt(x + 1)");
    CHECK(to_text(1 / sqrt(x)) == "1/sqrt(x)");
    CHECK(to_text(pow(x, Expr::rational(1, 3))) == "x^(1/3)");
    CHECK(to_text(exp(-x)) == "exp(-x)");
    CHECK(to_text(atan2(y, x)) == "atan2(y, x)");
    CHECK(to_text(Expr::rational(1, 2) * pow(a - b, 2)) == "(a - b)^2/2");
    CHECK(to_text(-x / 2) == "-x/2");
    CHECK(to_text(x - Expr::rational(1, 2)) == "x - 1/2");
    CHECK(to_text(pow(Expr::rational(1, 2), x)) == "(1/2)^x");
    CHECK(to_text(pow(Expr(-2), x)) == "(-2)^x");
    CHECK(to_text(Expr(-3)) == "-3");
    CHECK(to_text(detail::raw_product({x, Expr(-2)})) == "x*(-2)");  // faithful to raw structure
}

TEST_CASE("text: decimals option, stream and fmt", "[print]") {
    TextOptions decimals;
    decimals.decimal_constants = true;
    CHECK(to_text(Expr(0.55) * x, decimals) == "0.55*x");
    CHECK(to_text(x - Expr(0.25), decimals) == "x - 0.25");
    CHECK(to_text(Expr::rational(1, 3) * x, decimals) == "x/3");
    std::ostringstream os;
    os << (x + 1);
    CHECK(os.str() == "x + 1");
    CHECK(fmt::format("[{}]", x * y) == "[x*y]");
}

TEST_CASE("latex: fractions, powers and precedence", "[print]") {
    CHECK(to_latex((a + b) / c) == "\\frac{a + b}{c}");
    CHECK(to_latex(a - (b - c)) == "a - \\left(b - c\\right)");
    CHECK(to_latex(pow(a * b, 2)) == "\\left(a b\\right)^{2}");
    CHECK(to_latex(pow(a + b, 2)) == "\\left(a + b\\right)^{2}");
    CHECK(to_latex(pow(x, a + b)) == "x^{a + b}");
    CHECK(to_latex(pow(pow(x, a), b)) == "\\left(x^{a}\\right)^{b}");
    CHECK(to_latex(a / (b * c)) == "\\frac{a}{b c}");
    CHECK(to_latex((a + b) * c / (a - b)) == "\\frac{\\left(a + b\\right) c}{a - b}");
    CHECK(to_latex(1 / x) == "\\frac{1}{x}");
    CHECK(to_latex(-x / 2) == "-\\frac{x}{2}");
    CHECK(to_latex(3 * x / (2 * y)) == "\\frac{3 x}{2 y}");
    CHECK(to_latex(Expr::rational(1, 2) * pow(a - b, 2)) == "\\frac{1}{2} \\left(a - b\\right)^{2}");
    CHECK(to_latex(Expr::rational(-3, 4)) == "-\\frac{3}{4}");
    CHECK(to_latex(pow(x, Expr::rational(3, 2))) == "x^{3/2}");
    CHECK(to_latex(sqrt(x)) == "\\sqrt{x}");
    CHECK(to_latex(1 / (2 * sqrt(x))) == "\\frac{1}{2 \\sqrt{x}}");
    CHECK(to_latex(pow(Expr(-2), x)) == "\\left(-2\\right)^{x}");
    CHECK(to_latex(pow(Expr::rational(1, 2), x)) == "\\left(\\frac{1}{2}\\right)^{x}");
    CHECK(to_latex(2 * pow(Expr(3), x)) == "2 \\cdot 3^{x}");
    CHECK(to_latex(detail::raw_product({x, Expr(-2)})) == "x \\cdot \\left(-2\\right)");
    CHECK(to_latex(-(a + b)) == "-\\left(a + b\\right)");
    CHECK(to_latex(-a * b + c) == "-a b + c");
    CHECK(to_latex(a - b / c) == "a - \\frac{b}{c}");
}

TEST_CASE("latex: functions", "[print]") {
    // e upright, as ISO 80000-2 prints constants (a node named e stays italic)
    CHECK(to_latex(exp(-x)) == "\\mathrm{e}^{-x}");
    CHECK(to_latex(1 / (1 + exp(-x))) == "\\frac{1}{1 + \\mathrm{e}^{-x}}");
    CHECK(to_latex(pow(exp(x), 2)) == "\\left(\\mathrm{e}^{x}\\right)^{2}");
    CHECK(to_latex(sigmoid(x)) == "\\sigma\\left(x\\right)");
    CHECK(to_latex(log(x)) == "\\ln\\left(x\\right)");
    CHECK(to_latex(pow(sin(x), 2)) == "\\sin\\left(x\\right)^{2}");
    CHECK(to_latex(asin(x) + acot(x)) == "\\arcsin\\left(x\\right) + \\operatorname{arccot}\\left(x\\right)");
    CHECK(to_latex(relu(x)) == "\\operatorname{relu}\\left(x\\right)");
    CHECK(to_latex(abs(x - 1)) == "\\left|x - 1\\right|");
    CHECK(to_latex(cbrt(x)) == "\\sqrt[3]{x}");
    CHECK(to_latex(max(a, b)) == "\\max\\left(a, b\\right)");
    CHECK(to_latex(leaky_relu(x, Expr::symbol("alpha"))) == "\\operatorname{leaky\\_relu}\\left(x, \\alpha\\right)");
    CHECK(to_latex(expm1(x) * y) == "\\left(\\mathrm{e}^{x} - 1\\right) y");
    CHECK(to_latex(log1p(-x)) == "\\ln\\left(1 - x\\right)");
    CHECK(to_latex(log_sigmoid(x)) == "\\ln\\left(\\sigma\\left(x\\right)\\right)");
    LatexOptions no_power;
    no_power.exp_as_power = false;
    CHECK(to_latex(exp(x / 2), no_power) == "\\exp\\left(\\frac{x}{2}\\right)");
}

TEST_CASE("latex: symbol names, labels and decimals", "[print]") {
    const Expr w5 = Expr::symbol("w5");
    const Expr out_h1 = Expr::symbol("out_h1");
    CHECK(to_latex(w5 * out_h1) == "w_{5} \\mathrm{out}_{h_{1}}");
    CHECK(to_latex(pow(w5, 2)) == "w_{5}^{2}");
    LatexOptions options;
    options.labels = {{"out_h1", "\\hat{y}_{1}"}, {"w5", "w'"}};
    CHECK(to_latex(w5 * out_h1, options) == "w' \\hat{y}_{1}");
    CHECK(to_latex(pow(w5, 2), options) == "{w'}^{2}");  // no double superscript
    options.labels["w5"] = "\\input{secret}";
    CHECK_THROWS_AS(to_latex(w5, options), std::invalid_argument);
    LatexOptions decimals;
    decimals.decimal_constants = true;
    CHECK(to_latex(Expr(0.55) * x - Expr(0.1), decimals) == "0.55 x - 0.1");
    CHECK(to_latex(Expr::rational(1, 3), decimals) == "\\frac{1}{3}");
}

TEST_CASE("latex: numbers substituted for symbols", "[print]") {
    const Expr t = Expr::symbol("target_o1");
    const Expr o = Expr::symbol("out_o1");
    const Expr h = Expr::symbol("out_h1");
    LatexOptions numbers;
    numbers.numeric_symbols = {{"target_o1", "0.01"}, {"out_o1", "0.7514"}, {"out_h1", "0.5933"}, {"d", "-0.25"},
                               {"s", "1.5 \\times 10^{-12}"}};
    CHECK(to_latex(-(t - o) * o * (1 - o) * h, numbers) ==
          "-\\left(0.01 - 0.7514\\right) \\cdot 0.7514 \\cdot \\left(1 - 0.7514\\right) \\cdot 0.5933");
    const Expr d = Expr::symbol("d");
    const Expr s = Expr::symbol("s");
    CHECK(to_latex(h + d, numbers) == "0.5933 - 0.25");
    CHECK(to_latex(d + h, numbers) == "-0.25 + 0.5933");
    CHECK(to_latex(h * d, numbers) == "0.5933 \\cdot \\left(-0.25\\right)");
    CHECK(to_latex(pow(d, 2), numbers) == "\\left(-0.25\\right)^{2}");
    CHECK(to_latex(pow(s, 2), numbers) == "\\left(1.5 \\times 10^{-12}\\right)^{2}");
    CHECK(to_latex(pow(h, 2), numbers) == "0.5933^{2}");
    CHECK(to_latex(2 * h, numbers) == "2 \\cdot 0.5933");
    CHECK(to_latex(h / o, numbers) == "\\frac{0.5933}{0.7514}");
    CHECK(to_latex(sigmoid(d), numbers) == "\\sigma\\left(-0.25\\right)");
    numbers.numeric_symbols["d"] = "\\input{x}";
    CHECK_THROWS_AS(to_latex(d, numbers), std::invalid_argument);
}

TEST_CASE("a long decimal constant prints as its decimal, short fractions stay fractions", "[print]") {
    // selu's λ and λα (PyTorch's decimals; λα their exact product, Python decimal at 200 digits).
    const Rational lambda = parse_decimal("1.0507009873554804934193349852946");
    const Rational lambda_alpha = lambda * parse_decimal("1.6732632423543772848170429916717");
    CHECK(long_fraction_as_decimal(lambda) == "1.0507009873554804934193349852946");
    CHECK(long_fraction_as_decimal(-lambda_alpha) ==
          "-1.75809934084737685994021752081231934206024580891220830977098282");
    CHECK(to_text(Expr(lambda) * x) == "1.0507009873554804934193349852946*x");
    CHECK(to_latex(Expr(lambda) * x) == "1.0507009873554804934193349852946 x");
    CHECK(to_text(x / 3 + Expr(lambda)) == "x/3 + 1.0507009873554804934193349852946");
    // Short denominators, and long ones whose decimal is longer, stay fractions.
    CHECK_FALSE(long_fraction_as_decimal(Rational(6, 125)));
    CHECK_FALSE(long_fraction_as_decimal(Rational(1) / pow(Integer(2), 40)));  // 40 decimals vs 15 characters
    CHECK_FALSE(long_fraction_as_decimal(Rational(1) / (pow(Integer(10), 13) * 3)));  // not terminating
    CHECK(to_text(Expr(Rational(6, 125)) * x) == "6*x/125");
}

TEST_CASE("latex: an exponent holding a function call is set as exp(...)", "[print]") {
    CHECK(to_latex(exp(x * y)) == "\\mathrm{e}^{x y}");
    CHECK(to_latex(exp(sin(x))) == "\\exp\\left(\\sin\\left(x\\right)\\right)");
    CHECK(to_latex(exp(x - logsumexp({x, y}))) ==
          "\\exp\\left(x - \\operatorname{logsumexp}\\left(x, y\\right)\\right)");
    CHECK(to_latex(exp(pi() * x)) == "\\mathrm{e}^{\\pi x}");  // π is no call
}

}  // namespace printer_test
