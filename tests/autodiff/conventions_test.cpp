// One test per row of docs/conventions.md (named "convention: <op> at <point>"), and a
// test that keeps the table and the tests in step.
#include "chainrule.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#define CATCH_CONFIG_ENABLE_PAIR_STRINGMAKER  // print (value, derivative) pairs on failure
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <string>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace conventions_test {

using namespace chainrule;
using boost::multiprecision::cpp_bin_float_50;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.14159265358979323846;

/// dy/dx of a one-input function f recorded at x.
template <class F>
double derivative_at(double x, F f) {
    Tape<double> t;
    auto v = t.variable(x);
    return grad(f(v), {v})[0];
}

/// (value, dy/dx) of a one-input function recorded at x.
template <class F>
std::pair<double, double> value_and_derivative(double x, F f) {
    Tape<double> t;
    auto v = t.variable(x);
    auto y = f(v);
    return {y.value(), grad(y, {v})[0]};
}

/// (∂y/∂a, ∂y/∂b) of a two-input function recorded at (a, b).
template <class F>
std::vector<double> gradient_at(double a, double b, F f) {
    Tape<double> t;
    auto va = t.variable(a), vb = t.variable(b);
    return grad(f(va, vb), {va, vb});
}

/// |got − want| ≤ rel·|want|, where want is a 50-digit reference rounded to double
/// (an exact 0 when the true value underflows).
bool close(double got, const cpp_bin_float_50& want, double rel) {
    const double w = want.convert_to<double>();
    return std::abs(got - w) <= rel * std::abs(w);
}

std::string trim(std::string s) {
    std::string out;
    for (char c : s)
        if (c != '`') out += c;
    const auto b = out.find_first_not_of(' '), e = out.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

}  // namespace

TEST_CASE("every row of docs/conventions.md has a test and every convention test a row") {
    const auto doc = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "docs" / "conventions.md";
    std::ifstream in(doc);
    REQUIRE(in.good());
    std::set<std::string> rows;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("| ", 0) != 0) continue;
        std::vector<std::string> cells;
        std::size_t start = 1;
        for (std::size_t bar; (bar = line.find('|', start)) != std::string::npos; start = bar + 1)
            cells.push_back(trim(line.substr(start, bar - start)));
        if (cells.size() != 5 || cells[0] == "op" || cells[0].rfind("---", 0) == 0) continue;
        rows.insert("convention: " + cells[0] + " at " + cells[1]);
    }
    REQUIRE(rows.size() >= 20);
    std::set<std::string> tests;
    for (const auto& tc : Catch::getRegistryHub().getTestCaseRegistry().getAllTests())
        if (tc.name.rfind("convention: ", 0) == 0) tests.insert(tc.name);
    for (const auto& r : rows) {
        INFO("docs/conventions.md row without a test named \"" << r << "\"");
        CHECK(tests.count(r) == 1);
    }
    for (const auto& t : tests) {
        INFO("test \"" << t << "\" has no row in docs/conventions.md");
        CHECK(rows.count(t) == 1);
    }
}

// ------------------------------------------------------------------ kinks

TEST_CASE("convention: abs at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return abs(x); }) == std::pair{0.0, 0.0});
    CHECK(derivative_at(-0.0, [](auto x) { return abs(x); }) == 0.0);
    CHECK(derivative_at(-2.0, [](auto x) { return abs(x); }) == -1.0);  // sign elsewhere
    CHECK(derivative_at(2.0, [](auto x) { return abs(x); }) == 1.0);
}

TEST_CASE("convention: relu at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return relu(x); }) == std::pair{0.0, 0.0});
    CHECK(derivative_at(-0.0, [](auto x) { return relu(x); }) == 0.0);
    CHECK(derivative_at(1e-300, [](auto x) { return relu(x); }) == 1.0);
}

TEST_CASE("convention: leaky_relu at x = 0") {
    for (double slope : {0.01, 0.2, -0.3, 1.5}) {
        CAPTURE(slope);
        CHECK(value_and_derivative(0.0, [&](auto x) { return leaky_relu(x, slope); }) == std::pair{0.0, slope});
        CHECK(derivative_at(-1.0, [&](auto x) { return leaky_relu(x, slope); }) == slope);
        CHECK(derivative_at(1.0, [&](auto x) { return leaky_relu(x, slope); }) == 1.0);
    }
    CHECK(derivative_at(0.0, [](auto x) { return leaky_relu(x); }) == 0.01);  // default slope
}

TEST_CASE("convention: elu at x = 0") {
    // Both branches have slope 1 at 0: e⁰ = 1 on the left, 1 on the right.
    CHECK(value_and_derivative(0.0, [](auto x) { return elu(x); }) == std::pair{0.0, 1.0});
    CHECK(derivative_at(-1e-300, [](auto x) { return elu(x); }) == 1.0);
    CHECK(derivative_at(1e-300, [](auto x) { return elu(x); }) == 1.0);
    CHECK(derivative_at(-1.0, [](auto x) { return elu(x); }) == std::exp(-1.0));
}

TEST_CASE("convention: selu at x = 0") {
    // λ and α as PyTorch documents them; λα = 1.75809934084737685994021752081… (the exact
    // product of the two decimals, 50 digits).
    const cpp_bin_float_50 lambda("1.0507009873554804934193349852946");
    const cpp_bin_float_50 lambda_alpha = lambda * cpp_bin_float_50("1.6732632423543772848170429916717");
    const auto [y, d] = value_and_derivative(0.0, [](auto x) { return selu(x); });
    CHECK(y == 0.0);
    CHECK(close(d, lambda_alpha, 1e-15));  // the left branch, as PyTorch
    CHECK(close(derivative_at(-1e-300, [](auto x) { return selu(x); }), lambda_alpha, 1e-15));
    CHECK(derivative_at(1e-300, [](auto x) { return selu(x); }) == lambda.convert_to<double>());
}

TEST_CASE("convention: sign at every x, also 0") {
    for (double x : {-2.0, -0.0, 0.0, 1e-300, 2.0}) {
        CAPTURE(x);
        CHECK(derivative_at(x, [](auto v) { return sign(v); }) == 0.0);
    }
    CHECK(value_and_derivative(0.0, [](auto v) { return sign(v); }).first == 0.0);
    CHECK(value_and_derivative(-3.0, [](auto v) { return sign(v); }).first == -1.0);
}

TEST_CASE("convention: step at every x, also 0") {
    for (double x : {-2.0, -0.0, 0.0, 2.0}) {
        CAPTURE(x);
        CHECK(derivative_at(x, [](auto v) { return step(v); }) == 0.0);
    }
    CHECK(value_and_derivative(0.0, [](auto v) { return step(v); }).first == 1.0);   // H(0) = 1
    CHECK(value_and_derivative(-0.0, [](auto v) { return step(v); }).first == 1.0);
    CHECK(value_and_derivative(-1e-300, [](auto v) { return step(v); }).first == 0.0);
}

TEST_CASE("convention: max at a = b") {
    CHECK(gradient_at(2.0, 2.0, [](auto a, auto b) { return max(a, b); }) == std::vector{0.5, 0.5});
    CHECK(gradient_at(3.0, 2.0, [](auto a, auto b) { return max(a, b); }) == std::vector{1.0, 0.0});
    CHECK(gradient_at(1.0, 2.0, [](auto a, auto b) { return max(a, b); }) == std::vector{0.0, 1.0});
    CHECK(derivative_at(2.0, [](auto x) { return max(x, x); }) == 1.0);  // ½ + ½ through one node
}

TEST_CASE("convention: min at a = b") {
    CHECK(gradient_at(2.0, 2.0, [](auto a, auto b) { return min(a, b); }) == std::vector{0.5, 0.5});
    CHECK(gradient_at(3.0, 2.0, [](auto a, auto b) { return min(a, b); }) == std::vector{0.0, 1.0});
    CHECK(derivative_at(2.0, [](auto x) { return min(x, x); }) == 1.0);
}

TEST_CASE("convention: hypot at (0, 0)") {
    Tape<double> t;
    auto a = t.variable(0.0), b = t.variable(0.0);
    auto y = hypot(a, b);
    CHECK(y.value() == 0.0);
    CHECK(grad(y, {a, b}) == std::vector{0.0, 0.0});
    CHECK(gradient_at(3.0, 4.0, [](auto p, auto q) { return hypot(p, q); }) == std::vector{0.6, 0.8});
}

TEST_CASE("convention: atan2 at (0, 0)") {
    Tape<double> t;
    auto a = t.variable(0.0), b = t.variable(0.0);
    auto y = atan2(a, b);
    CHECK(y.value() == 0.0);
    CHECK(grad(y, {a, b}) == std::vector{0.0, 0.0});
    // elsewhere (b/r², −a/r²)
    CHECK(gradient_at(1.0, 1.0, [](auto p, auto q) { return atan2(p, q); }) == std::vector{0.5, -0.5});
}

// ------------------------------------------------------------------ powers at 0

TEST_CASE("convention: pow(x, 2) at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return pow(x, 2); }) == std::pair{0.0, 0.0});
}

TEST_CASE("convention: pow(x, 1) at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return pow(x, 1); }) == std::pair{0.0, 1.0});
}

TEST_CASE("convention: pow(x, 1.875) at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return pow(x, 1.875); }) == std::pair{0.0, 0.0});
}

TEST_CASE("convention: pow(x, 0) at every x, also 0") {
    for (double x : {0.0, -0.0, -2.0, 3.0, 1e300}) {
        CAPTURE(x);
        CHECK(value_and_derivative(x, [](auto v) { return pow(v, 0); }) == std::pair{1.0, 0.0});
    }
}

TEST_CASE("convention: pow(a, b) at a = 0, b > 0") {
    // ∂/∂b = a^b ln a → 0; ∂/∂a = b·0^(b−1): 0 for b > 1, 1 for b = 1, +∞ for b < 1.
    CHECK(gradient_at(0.0, 2.0, [](auto a, auto b) { return pow(a, b); }) == std::vector{0.0, 0.0});
    CHECK(gradient_at(0.0, 1.875, [](auto a, auto b) { return pow(a, b); }) == std::vector{0.0, 0.0});
    CHECK(gradient_at(0.0, 1.0, [](auto a, auto b) { return pow(a, b); }) == std::vector{1.0, 0.0});
    CHECK(gradient_at(0.0, 0.5, [](auto a, auto b) { return pow(a, b); }) == std::vector{kInf, 0.0});
    // b = 0 away from a = 0: ∂/∂a = 0 exactly, ∂/∂b = ln a
    CHECK(gradient_at(2.0, 0.0, [](auto a, auto b) { return pow(a, b); }) == std::vector{0.0, std::log(2.0)});
}

TEST_CASE("convention: pow(0, x) at x > 0") {
    for (double x : {0.5, 1.0, 2.0, 7.25}) {
        CAPTURE(x);
        CHECK(value_and_derivative(x, [](auto v) { return pow(0.0, v); }) == std::pair{0.0, 0.0});
    }
}

TEST_CASE("convention: sqrt at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return sqrt(x); }) == std::pair{0.0, kInf});
    CHECK(derivative_at(4.0, [](auto x) { return sqrt(x); }) == 0.25);
}

TEST_CASE("convention: acot at every x, also 0") {
    auto acot_value = [](double x) { return value_and_derivative(x, [](auto v) { return acot(v); }); };
    CHECK(acot_value(0.0) == std::pair{kPi / 2, -1.0});
    CHECK(acot_value(1.0).first == Approx(kPi / 4).epsilon(1e-15));
    CHECK(acot_value(-1.0).first == Approx(3 * kPi / 4).epsilon(1e-15));
    // continuous at 0 (atan(1/x) would jump from −π/2 to π/2)
    CHECK(acot_value(-1e-300).first == kPi / 2);
    CHECK(acot_value(1e-300).first == kPi / 2);
    // range (0, π)
    CHECK(acot_value(1e10).first > 0.0);
    CHECK(acot_value(-1e10).first < kPi);
    CHECK(acot_value(-1e10).first == Approx(kPi - 1e-10).epsilon(1e-15));
    for (double x : {-3.0, -0.5, 0.5, 2.0}) CHECK(acot_value(x).second == Approx(-1 / (1 + x * x)).epsilon(1e-15));
}

// ------------------------------------------------------------------ the reverse sweep

TEST_CASE("convention: reverse sweep at unused node or node times 0") {
    // sqrt(x − x) = sqrt(0) has the local partial +∞.
    Tape<double> t;
    auto x = t.variable(3.0), w = t.variable(0.0);
    auto unused = sqrt(x - x);
    auto y = x * x;
    CHECK(grad(y, {x})[0] == 6.0);
    // times a constant 0 and times a variable that is 0
    auto z = x * x + 0.0 * sqrt(x - x);
    CHECK(grad(z, {x})[0] == 6.0);
    auto u = x * x + w * sqrt(x - x);
    CHECK(grad(u, {x, w}) == std::vector{6.0, 0.0});
    CHECK(unused.value() == 0.0);
    // and the ∞ is real where the node is used: d/dx sqrt(x − x) through both paths
    // gives ∞ − ∞ = NaN, as the mathematics has no derivative there.
    CHECK(std::isnan(grad(unused, {x})[0]));
}

TEST_CASE("convention: reverse sweep at shared node") {
    Tape<double> t;
    auto a = t.variable(1.5);
    CHECK(grad(a - a, {a})[0] == 0.0);
    CHECK(grad(a / a, {a})[0] == 0.0);
    auto b = 2.0 * a;
    auto e = b * b + b;
    CHECK(b.value() == 3.0);
    CHECK(grad(e, {a})[0] == 2 * (2 * 3.0 + 1));  // de/da = 2(2b + 1) = 14
    CHECK(grad(e, {b})[0] == 2 * 3.0 + 1);
}

// ------------------------------------------------------------------ overflow and underflow
// References are closed forms evaluated in cpp_bin_float_50 (exponent range ±10^(2.6e8)),
// then rounded to double.

namespace {
const double kFar[] = {1e-3, 1, 10, 30, 40, 100, 300, 700, 800, 1e3, 1e4};

cpp_bin_float_50 big(double x) { return cpp_bin_float_50(x); }
}  // namespace

TEST_CASE("convention: sigmoid at x from -1e4 to 1e4") {
    for (double m : kFar)
        for (double x : {-m, m}) {
            CAPTURE(x);
            auto [y, d] = value_and_derivative(x, [](auto v) { return sigmoid(v); });
            REQUIRE(std::isfinite(y));
            REQUIRE(std::isfinite(d));
            CHECK(y >= 0.0);
            CHECK(y <= 1.0);
            const cpp_bin_float_50 X = big(x);
            CHECK(close(y, 1 / (1 + exp(-X)), 1e-15));
            CHECK(close(d, 1 / (2 + 2 * cosh(X)), 1e-14));  // σ' = 1/(e^x + 2 + e^−x)
        }
    // y(1 − y) would lose everything: σ'(40) ≈ 4.25e-18 exactly, not 0
    CHECK(derivative_at(40.0, [](auto v) { return sigmoid(v); }) > 4e-18);
    // in 50 digits the far tail is representable: σ(−800) > 0 and σ'(−800) correct
    Tape<cpp_bin_float_50> t;
    auto x = t.variable(cpp_bin_float_50(-800));
    auto y = sigmoid(x);
    CHECK(y.value() > 0);
    const cpp_bin_float_50 want = 1 / (2 + 2 * cosh(cpp_bin_float_50(-800)));
    const cpp_bin_float_50 got = grad(y, {x})[0];
    CHECK(want > 0);
    CHECK(abs(got - want) <= cpp_bin_float_50("1e-45") * want);
    CHECK(abs(y.value() - exp(cpp_bin_float_50(-800))) <= cpp_bin_float_50("1e-45") * y.value());
}

TEST_CASE("convention: tanh at x from -1e4 to 1e4") {
    for (double m : kFar)
        for (double x : {-m, m}) {
            CAPTURE(x);
            auto [y, d] = value_and_derivative(x, [](auto v) { return tanh(v); });
            REQUIRE(std::isfinite(y));
            REQUIRE(std::isfinite(d));
            const cpp_bin_float_50 X = big(x);
            CHECK(close(y, tanh(X), 1e-15));
            const cpp_bin_float_50 c = cosh(X);
            CHECK(close(d, 1 / (c * c), 1e-14));
        }
    // tanh'(±100) = 4e^(−200)/(1 + e^(−200))² ≈ 5.5e-87, a tiny correct value, not 0 = 1 − y²
    for (double x : {-100.0, 100.0}) {
        const double d = derivative_at(x, [](auto v) { return tanh(v); });
        const cpp_bin_float_50 e = exp(cpp_bin_float_50(-200));
        CHECK(close(d, 4 * e / ((1 + e) * (1 + e)), 1e-14));
        CHECK(d > 5e-87);
    }
    CHECK(value_and_derivative(1e4, [](auto v) { return tanh(v); }) == std::pair{1.0, 0.0});
    CHECK(value_and_derivative(-1e4, [](auto v) { return tanh(v); }) == std::pair{-1.0, 0.0});
}

TEST_CASE("convention: softplus at x from -1e4 to 1e4") {
    for (double m : kFar)
        for (double x : {-m, m}) {
            CAPTURE(x);
            auto [y, d] = value_and_derivative(x, [](auto v) { return softplus(v); });
            REQUIRE(std::isfinite(y));
            REQUIRE(std::isfinite(d));
            const cpp_bin_float_50 X = big(x);
            CHECK(close(y, log1p(exp(X)), 1e-15));
            CHECK(close(d, 1 / (1 + exp(-X)), 1e-15));
        }
    CHECK(value_and_derivative(1e4, [](auto v) { return softplus(v); }) == std::pair{1e4, 1.0});
    CHECK(value_and_derivative(-1e4, [](auto v) { return softplus(v); }) == std::pair{0.0, 0.0});
}

TEST_CASE("convention: log_sigmoid at x from -1e4 to 1e4") {
    for (double m : kFar)
        for (double x : {-m, m}) {
            CAPTURE(x);
            auto [y, d] = value_and_derivative(x, [](auto v) { return log_sigmoid(v); });
            REQUIRE(std::isfinite(y));
            REQUIRE(std::isfinite(d));
            const cpp_bin_float_50 X = big(x);
            CHECK(close(y, -log1p(exp(-X)), 1e-15));
            CHECK(close(d, 1 / (1 + exp(X)), 1e-15));
        }
    CHECK(value_and_derivative(-300.0, [](auto v) { return log_sigmoid(v); }) == std::pair{-300.0, 1.0});
    CHECK(value_and_derivative(-1e4, [](auto v) { return log_sigmoid(v); }) == std::pair{-1e4, 1.0});
}

// ------------------------------------------------------------------ precision

TEST_CASE("convention: expm1 at x = -40") {
    auto [y, d] = value_and_derivative(-40.0, [](auto v) { return expm1(v); });
    CHECK(y == -1.0);  // e^(−40) − 1 rounds to −1: y + 1 would give the derivative 0
    CHECK(close(d, exp(cpp_bin_float_50(-40)), 1e-15));
    CHECK(close(derivative_at(1e-10, [](auto v) { return expm1(v); }), exp(cpp_bin_float_50(1e-10)), 1e-15));
}

TEST_CASE("convention: log1p at x = 1e-10") {
    auto [y, d] = value_and_derivative(1e-10, [](auto v) { return log1p(v); });
    const cpp_bin_float_50 X(1e-10);
    CHECK(close(y, log1p(X), 1e-15));
    CHECK(close(d, 1 / (1 + X), 1e-15));
    // near −1 too: 1 + x is exact there
    const double x = -1 + 1e-10;
    CHECK(close(derivative_at(x, [](auto v) { return log1p(v); }), 1 / (1 + cpp_bin_float_50(x)), 1e-15));
}

TEST_CASE("convention: asin and acos at x near -1 and 1") {
    for (double x : {1 - 1e-10, -1 + 1e-10, 1 - 0x1p-52, -1 + 0x1p-53}) {
        CAPTURE(x);
        const cpp_bin_float_50 X(x);
        const cpp_bin_float_50 want = 1 / sqrt(1 - X * X);
        CHECK(close(derivative_at(x, [](auto v) { return asin(v); }), want, 1e-15));
        CHECK(close(derivative_at(x, [](auto v) { return acos(v); }), cpp_bin_float_50(-want), 1e-15));
    }
}

}  // namespace conventions_test
