// One test per row of docs/conventions.md (named "convention: <op> at <point>"), and a
// test that keeps the table and the tests in step. Each test checks the row's value and
// first derivative(s) and, with chainrule::hessian, its second derivative (the column
// "second derivative") against closed forms; the rows whose convention test is in another
// file have a test "second derivative: <op> at <point>" here.
#include "chainrule.hpp"
#include "autodiff/second_order.hpp"  // chainrule.hpp does not include it

#include <boost/multiprecision/cpp_bin_float.hpp>

#define CATCH_CONFIG_ENABLE_PAIR_STRINGMAKER  // print (value, derivative) pairs on failure
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <string>
#include <string_view>
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

/// d²y/dx² of a one-input function recorded at x (chainrule::hessian, in double).
template <class F>
double second_derivative_at(double x, F f) {
    Tape<double> t;
    auto v = t.variable(x);
    return hessian(f(v), {v})(0, 0);
}

/// The 2 × 2 Hessian of a two-input function recorded at (a, b), in double.
template <class F>
Matrix<double> hessian_at(double a, double b, F f) {
    Tape<double> t;
    auto va = t.variable(a), vb = t.variable(b);
    return hessian(f(va, vb), {va, vb});
}

/// A 2 × 2 matrix, row by row.
Matrix<double> mat2(double h00, double h01, double h10, double h11) {
    Matrix<double> m(2, 2);
    m << h00, h01, h10, h11;
    return m;
}

/// A 1 × n matrix.
Matrix<double> row(std::initializer_list<double> v) {
    Matrix<double> m(1, static_cast<Eigen::Index>(v.size()));
    Eigen::Index k = 0;
    for (double x : v) m(0, k++) = x;
    return m;
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
        // op, point, value, derivative(s), second derivative, why / source
        if (cells.size() != 6 || cells[0] == "op" || cells[0].rfind("---", 0) == 0) continue;
        CHECK_FALSE(cells[4].empty());  // every row states its second derivative
        rows.insert("convention: " + cells[0] + " at " + cells[1]);
    }
    REQUIRE(rows.size() >= 20);
    std::set<std::string> tests, second_order_tests, here;
    for (const auto& tc : Catch::getRegistryHub().getTestCaseRegistry().getAllTests()) {
        if (tc.name.rfind("convention: ", 0) == 0) tests.insert(tc.name);
        if (tc.name.rfind("second derivative: ", 0) == 0) second_order_tests.insert(tc.name);
        if (std::string_view(tc.lineInfo.file).ends_with("conventions_test.cpp")) here.insert(tc.name);
    }
    // The second-derivative column is checked in this file: in the row's convention test,
    // or (for a convention test in another file) in "second derivative: <op> at <point>".
    for (const auto& r : rows) {
        const std::string second = "second derivative: " + r.substr(std::string("convention: ").size());
        INFO("docs/conventions.md row whose second derivative has no test here: \"" << r << "\"");
        CHECK((here.count(r) == 1 || (here.count(second) == 1 && tests.count(r) == 1)));
    }
    for (const auto& t : second_order_tests) {
        INFO("test \"" << t << "\" has no row in docs/conventions.md");
        CHECK(rows.count("convention: " + t.substr(std::string("second derivative: ").size())) == 1);
    }
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
    // |x|'' = 0 everywhere, also at the kink (sign' = 0)
    for (double x : {0.0, -0.0, -2.0, 2.0}) CHECK(second_derivative_at(x, [](auto v) { return abs(v); }) == 0.0);
}

TEST_CASE("convention: relu at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return relu(x); }) == std::pair{0.0, 0.0});
    CHECK(derivative_at(-0.0, [](auto x) { return relu(x); }) == 0.0);
    CHECK(derivative_at(1e-300, [](auto x) { return relu(x); }) == 1.0);
    for (double x : {0.0, -0.0, -1.0, 1.0}) CHECK(second_derivative_at(x, [](auto v) { return relu(v); }) == 0.0);
    // relu(x)·x = x² for x > 0: 2 from the right, 0 from the left, 0 at the kink (relu'' = 0
    // and relu' = 0 there: 2·relu'(0) + x·relu''(0) = 0)
    CHECK(second_derivative_at(0.5, [](auto v) { return relu(v) * v; }) == 2.0);
    CHECK(second_derivative_at(0.0, [](auto v) { return relu(v) * v; }) == 0.0);
}

TEST_CASE("convention: leaky_relu at x = 0") {
    for (double slope : {0.01, 0.2, -0.3, 1.5}) {
        CAPTURE(slope);
        CHECK(value_and_derivative(0.0, [&](auto x) { return leaky_relu(x, slope); }) == std::pair{0.0, slope});
        CHECK(derivative_at(-1.0, [&](auto x) { return leaky_relu(x, slope); }) == slope);
        CHECK(derivative_at(1.0, [&](auto x) { return leaky_relu(x, slope); }) == 1.0);
    }
    CHECK(derivative_at(0.0, [](auto x) { return leaky_relu(x); }) == 0.01);  // default slope
    for (double x : {0.0, -1.0, 1.0}) CHECK(second_derivative_at(x, [](auto v) { return leaky_relu(v, 0.2); }) == 0.0);
}

TEST_CASE("convention: elu at x = 0") {
    // Both branches have slope 1 at 0: e⁰ = 1 on the left, 1 on the right.
    CHECK(value_and_derivative(0.0, [](auto x) { return elu(x); }) == std::pair{0.0, 1.0});
    CHECK(derivative_at(-1e-300, [](auto x) { return elu(x); }) == 1.0);
    CHECK(derivative_at(1e-300, [](auto x) { return elu(x); }) == 1.0);
    CHECK(derivative_at(-1.0, [](auto x) { return elu(x); }) == std::exp(-1.0));
    // elu'' = e^x on the left (taken at 0: e^0 = 1), 0 on the right
    CHECK(second_derivative_at(0.0, [](auto x) { return elu(x); }) == 1.0);
    CHECK(second_derivative_at(1e-300, [](auto x) { return elu(x); }) == 0.0);
    CHECK(second_derivative_at(-1.0, [](auto x) { return elu(x); }) == Approx(std::exp(-1.0)).epsilon(1e-15));
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
    // selu'' = λα e^x on the left (λα at 0), 0 on the right
    CHECK(close(second_derivative_at(0.0, [](auto x) { return selu(x); }), lambda_alpha, 1e-15));
    CHECK(close(second_derivative_at(-1.0, [](auto x) { return selu(x); }), lambda_alpha * exp(cpp_bin_float_50(-1)),
                1e-15));
    CHECK(second_derivative_at(1e-300, [](auto x) { return selu(x); }) == 0.0);
}

TEST_CASE("convention: sign at every x, also 0") {
    for (double x : {-2.0, -0.0, 0.0, 1e-300, 2.0}) {
        CAPTURE(x);
        CHECK(derivative_at(x, [](auto v) { return sign(v); }) == 0.0);
        CHECK(second_derivative_at(x, [](auto v) { return sign(v); }) == 0.0);
    }
    CHECK(value_and_derivative(0.0, [](auto v) { return sign(v); }).first == 0.0);
    CHECK(value_and_derivative(-3.0, [](auto v) { return sign(v); }).first == -1.0);
}

TEST_CASE("convention: step at every x, also 0") {
    for (double x : {-2.0, -0.0, 0.0, 2.0}) {
        CAPTURE(x);
        CHECK(derivative_at(x, [](auto v) { return step(v); }) == 0.0);
        CHECK(second_derivative_at(x, [](auto v) { return step(v); }) == 0.0);
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
    // the partials ½ are constants at the tie: every second derivative is 0
    CHECK(hessian_at(2.0, 2.0, [](auto a, auto b) { return max(a, b); }) == mat2(0, 0, 0, 0));
    CHECK(hessian_at(3.0, 2.0, [](auto a, auto b) { return max(a, b); }) == mat2(0, 0, 0, 0));
    CHECK(second_derivative_at(2.0, [](auto x) { return max(x, x); }) == 0.0);
    // max(a, b)·a at a tie: ∂/∂a = ½·a + max, so ∂²/∂a² = 2·½ = 1, ∂²/∂a∂b = ½
    CHECK(hessian_at(2.0, 2.0, [](auto a, auto b) { return max(a, b) * a; }) == mat2(1, 0.5, 0.5, 0));
}

TEST_CASE("convention: min at a = b") {
    CHECK(gradient_at(2.0, 2.0, [](auto a, auto b) { return min(a, b); }) == std::vector{0.5, 0.5});
    CHECK(gradient_at(3.0, 2.0, [](auto a, auto b) { return min(a, b); }) == std::vector{0.0, 1.0});
    CHECK(derivative_at(2.0, [](auto x) { return min(x, x); }) == 1.0);
    CHECK(hessian_at(2.0, 2.0, [](auto a, auto b) { return min(a, b); }) == mat2(0, 0, 0, 0));
    CHECK(second_derivative_at(2.0, [](auto x) { return min(x, x); }) == 0.0);
}

TEST_CASE("convention: hypot at (0, 0)") {
    Tape<double> t;
    auto a = t.variable(0.0), b = t.variable(0.0);
    auto y = hypot(a, b);
    CHECK(y.value() == 0.0);
    CHECK(grad(y, {a, b}) == std::vector{0.0, 0.0});
    CHECK(gradient_at(3.0, 4.0, [](auto p, auto q) { return hypot(p, q); }) == std::vector{0.6, 0.8});
    // second order: the partials' convention (0, 0) is constant at the origin
    CHECK(hessian(y, {a, b}) == mat2(0, 0, 0, 0));
    // elsewhere (b², −ab; −ab, a²)/r³: at (3, 4) (16, −12; −12, 9)/125
    const Matrix<double> h = hessian_at(3.0, 4.0, [](auto p, auto q) { return hypot(p, q); });
    CHECK(h(0, 0) == Approx(16.0 / 125).epsilon(1e-15));
    CHECK(h(0, 1) == Approx(-12.0 / 125).epsilon(1e-15));
    CHECK(h(1, 0) == Approx(-12.0 / 125).epsilon(1e-15));
    CHECK(h(1, 1) == Approx(9.0 / 125).epsilon(1e-15));
}

TEST_CASE("convention: atan2 at (0, 0)") {
    Tape<double> t;
    auto a = t.variable(0.0), b = t.variable(0.0);
    auto y = atan2(a, b);
    CHECK(y.value() == 0.0);
    CHECK(grad(y, {a, b}) == std::vector{0.0, 0.0});
    // elsewhere (b/r², −a/r²)
    CHECK(gradient_at(1.0, 1.0, [](auto p, auto q) { return atan2(p, q); }) == std::vector{0.5, -0.5});
    // second order: the partials' convention (0, 0) is constant at the origin
    CHECK(hessian(y, {a, b}) == mat2(0, 0, 0, 0));
    // elsewhere, for θ = atan2(a, b): (−2ab, a² − b²; a² − b², 2ab)/r⁴; at (1, 2): (−4, −3; −3, 4)/25
    const Matrix<double> h = hessian_at(1.0, 2.0, [](auto p, auto q) { return atan2(p, q); });
    CHECK(h(0, 0) == Approx(-4.0 / 25).epsilon(1e-15));
    CHECK(h(0, 1) == Approx(-3.0 / 25).epsilon(1e-15));
    CHECK(h(1, 0) == Approx(-3.0 / 25).epsilon(1e-15));
    CHECK(h(1, 1) == Approx(4.0 / 25).epsilon(1e-15));
}

// ------------------------------------------------------------------ powers at 0

TEST_CASE("convention: pow(x, 2) at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return pow(x, 2); }) == std::pair{0.0, 0.0});
    // (x²)'' = 2 also at 0: the rule is p·x^(p−1), never e^(p ln x) (NaN at 0)
    CHECK(second_derivative_at(0.0, [](auto x) { return pow(x, 2); }) == 2.0);
    CHECK(second_derivative_at(-0.0, [](auto x) { return pow(x, 2); }) == 2.0);
    CHECK(second_derivative_at(0.0, [](auto x) { return pow(x, 3); }) == 0.0);  // 6x
}

TEST_CASE("convention: pow(x, 1) at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return pow(x, 1); }) == std::pair{0.0, 1.0});
    CHECK(second_derivative_at(0.0, [](auto x) { return pow(x, 1); }) == 0.0);
    CHECK(second_derivative_at(2.0, [](auto x) { return pow(x, 1); }) == 0.0);
}

TEST_CASE("convention: pow(x, 1.875) at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return pow(x, 1.875); }) == std::pair{0.0, 0.0});
    // 1.875·0.875·x^(−0.125): +∞ at 0
    CHECK(second_derivative_at(0.0, [](auto x) { return pow(x, 1.875); }) == kInf);
    CHECK(second_derivative_at(1.0, [](auto x) { return pow(x, 1.875); }) == 1.875 * 0.875);
}

TEST_CASE("convention: pow(x, 0) at every x, also 0") {
    for (double x : {0.0, -0.0, -2.0, 3.0, 1e300}) {
        CAPTURE(x);
        CHECK(value_and_derivative(x, [](auto v) { return pow(v, 0); }) == std::pair{1.0, 0.0});
        CHECK(second_derivative_at(x, [](auto v) { return pow(v, 0); }) == 0.0);
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
    // second order at a = 0: ∂²/∂a² = b(b − 1)·0^(b−2), ∂²/∂b² = a^b ln²a → 0,
    // ∂²/∂a∂b = a^(b−1)(1 + b ln a) → 0 for b > 1, −∞ for b = 1 (in both orders)
    const auto pow_ab = [](auto a, auto b) { return pow(a, b); };
    CHECK(hessian_at(0.0, 3.0, pow_ab) == mat2(0, 0, 0, 0));
    CHECK(hessian_at(0.0, 2.0, pow_ab) == mat2(2, 0, 0, 0));
    CHECK(hessian_at(0.0, 1.875, pow_ab) == mat2(kInf, 0, 0, 0));
    CHECK(hessian_at(0.0, 1.0, pow_ab) == mat2(0, -kInf, -kInf, 0));
    // b < 1: ∂/∂a is already +∞; ∂²/∂a² = b(b − 1)·0^(b−2) = −∞, ∂²/∂b² = 0
    const Matrix<double> h = hessian_at(0.0, 0.5, pow_ab);
    CHECK(h(0, 0) == -kInf);
    CHECK(h(1, 1) == 0.0);
    // away from 0: (b(b−1)a^(b−2), a^(b−1)(1 + b ln a); …, a^b ln²a) at (2, 3) = (12, 4(1 + 3 ln 2); …, 8 ln²2)
    const Matrix<double> h2 = hessian_at(2.0, 3.0, pow_ab);
    CHECK(h2(0, 0) == Approx(12.0).epsilon(1e-15));
    CHECK(h2(0, 1) == Approx(4 * (1 + 3 * std::log(2.0))).epsilon(1e-15));
    CHECK(h2(1, 0) == Approx(4 * (1 + 3 * std::log(2.0))).epsilon(1e-15));
    CHECK(h2(1, 1) == Approx(8 * std::log(2.0) * std::log(2.0)).epsilon(1e-15));
}

TEST_CASE("convention: pow(0, x) at x > 0") {
    for (double x : {0.5, 1.0, 2.0, 7.25}) {
        CAPTURE(x);
        CHECK(value_and_derivative(x, [](auto v) { return pow(0.0, v); }) == std::pair{0.0, 0.0});
        CHECK(second_derivative_at(x, [](auto v) { return pow(0.0, v); }) == 0.0);
    }
    // elsewhere (2^x)'' = 2^x ln²2
    CHECK(second_derivative_at(3.0, [](auto v) { return pow(2.0, v); }) ==
          Approx(8 * std::log(2.0) * std::log(2.0)).epsilon(1e-15));
}

TEST_CASE("convention: sqrt at x = 0") {
    CHECK(value_and_derivative(0.0, [](auto x) { return sqrt(x); }) == std::pair{0.0, kInf});
    CHECK(derivative_at(4.0, [](auto x) { return sqrt(x); }) == 0.25);
    // √'' = −1/(4x^(3/2)): −∞ at 0, −1/32 at 4
    CHECK(second_derivative_at(0.0, [](auto x) { return sqrt(x); }) == -kInf);
    CHECK(second_derivative_at(4.0, [](auto x) { return sqrt(x); }) == -1.0 / 32);
    // a direction that leaves x = 0 fixed gives 0, not ∞·0 = NaN
    Tape<double> t;
    auto x = t.variable(0.0), z = t.variable(2.0);
    CHECK(hessian(sqrt(x) + z * z, {x, z}) == mat2(-kInf, 0, 0, 2));
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
    // acot'' = 2x/(1 + x²)², the same formula everywhere, 0 at 0
    CHECK(second_derivative_at(0.0, [](auto v) { return acot(v); }) == 0.0);
    for (double x : {-3.0, -0.5, 0.5, 2.0}) {
        CAPTURE(x);
        CHECK(second_derivative_at(x, [](auto v) { return acot(v); }) ==
              Approx(2 * x / ((1 + x * x) * (1 + x * x))).epsilon(1e-15));
    }
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
    // second order: nothing propagated from the unused or zero-weighted sqrt
    CHECK(hessian(y, {x})(0, 0) == 2.0);
    CHECK(hessian(z, {x})(0, 0) == 2.0);
    const Matrix<double> h = hessian(u, {x, w});
    CHECK(h(0, 0) == 2.0);
    CHECK(h(1, 1) == 0.0);
    // ∂²u/∂x∂w = ∂ sqrt(x − x)/∂x: 0 from the tangent pass (x − x has tangent 0), NaN
    // from the sweep (∞ − ∞, as grad(unused) above)
    CHECK(h(1, 0) == 0.0);
    CHECK(std::isnan(h(0, 1)));
    // an adjoint of value 0 adds nothing to the gradient: the sweep's gradient is grad()'s
    const std::vector<double> at{3.0, 0.0}, along{0.0, 1.0};
    const auto s = second_order_sweep<double>(t, u.index(), std::span<const double>(at), std::span<const double>(along));
    CHECK(s.gradient == std::vector{6.0, 0.0});
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
    // e = 4a² + 2a: d²e/da² = 8, summed over both uses of b (and d²(a − a)/da² = 0)
    CHECK(hessian(e, {a})(0, 0) == 8.0);
    CHECK(hessian(a - a, {a})(0, 0) == 0.0);
    CHECK(hessian(a * a * a, {a})(0, 0) == 6 * 1.5);
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
    // σ'' = σ'(1 − 2σ) = −tanh(x/2)/(2 + 2 cosh x), finite; 0 at 0 and where σ' underflows.
    // From the rule σ'(x) = e^(−|x|)/(1 + e^(−|x|))² in dual numbers: its tangent has the
    // factor 1 − e^(−|x|), which loses digits near 0 (1e-13 at x = 1e-3).
    CHECK(second_derivative_at(0.0, [](auto v) { return sigmoid(v); }) == 0.0);
    for (double m : kFar)
        for (double x : {-m, m}) {
            CAPTURE(x);
            const double h = second_derivative_at(x, [](auto v) { return sigmoid(v); });
            REQUIRE(std::isfinite(h));
            const cpp_bin_float_50 X = big(x);
            CHECK(close(h, -tanh(X / 2) / (2 + 2 * cosh(X)), m < 0.1 ? 1e-12 : 1e-14));
        }
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
    // tanh'' = −2 tanh x/cosh²x, finite: 0 where cosh²x overflows (|x| ≳ 356 in double)
    CHECK(second_derivative_at(0.0, [](auto v) { return tanh(v); }) == 0.0);
    for (double m : kFar)
        for (double x : {-m, m}) {
            CAPTURE(x);
            const double h = second_derivative_at(x, [](auto v) { return tanh(v); });
            REQUIRE(std::isfinite(h));
            const cpp_bin_float_50 X = big(x), c = cosh(X);
            CHECK(close(h, -2 * tanh(X) / (c * c), 1e-14));
        }
    CHECK(second_derivative_at(1e4, [](auto v) { return tanh(v); }) == 0.0);
    CHECK(second_derivative_at(-1e4, [](auto v) { return tanh(v); }) == 0.0);
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
    // softplus'' = σ' = 1/(2 + 2 cosh x)
    for (double m : kFar)
        for (double x : {-m, m}) {
            CAPTURE(x);
            const double h = second_derivative_at(x, [](auto v) { return softplus(v); });
            REQUIRE(std::isfinite(h));
            CHECK(close(h, 1 / (2 + 2 * cosh(big(x))), 1e-14));
        }
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
    // log_sigmoid'' = −σ' = −1/(2 + 2 cosh x)
    for (double m : kFar)
        for (double x : {-m, m}) {
            CAPTURE(x);
            const double h = second_derivative_at(x, [](auto v) { return log_sigmoid(v); });
            REQUIRE(std::isfinite(h));
            CHECK(close(h, -1 / (2 + 2 * cosh(big(x))), 1e-14));
        }
}

// ------------------------------------------------------------------ precision

TEST_CASE("convention: expm1 at x = -40") {
    auto [y, d] = value_and_derivative(-40.0, [](auto v) { return expm1(v); });
    CHECK(y == -1.0);  // e^(−40) − 1 rounds to −1: y + 1 would give the derivative 0
    CHECK(close(d, exp(cpp_bin_float_50(-40)), 1e-15));
    CHECK(close(derivative_at(1e-10, [](auto v) { return expm1(v); }), exp(cpp_bin_float_50(1e-10)), 1e-15));
    // expm1'' = e^x, from x
    CHECK(close(second_derivative_at(-40.0, [](auto v) { return expm1(v); }), exp(cpp_bin_float_50(-40)), 1e-15));
    CHECK(close(second_derivative_at(1e-10, [](auto v) { return expm1(v); }), exp(cpp_bin_float_50(1e-10)), 1e-15));
}

TEST_CASE("convention: log1p at x = 1e-10") {
    auto [y, d] = value_and_derivative(1e-10, [](auto v) { return log1p(v); });
    const cpp_bin_float_50 X(1e-10);
    CHECK(close(y, log1p(X), 1e-15));
    CHECK(close(d, 1 / (1 + X), 1e-15));
    // near −1 too: 1 + x is exact there
    const double x = -1 + 1e-10;
    CHECK(close(derivative_at(x, [](auto v) { return log1p(v); }), 1 / (1 + cpp_bin_float_50(x)), 1e-15));
    // log1p'' = −1/(1 + x)², near 0 and near −1
    for (double at : {1e-10, x}) {
        CAPTURE(at);
        const cpp_bin_float_50 one_plus = 1 + cpp_bin_float_50(at);
        CHECK(close(second_derivative_at(at, [](auto v) { return log1p(v); }), -1 / (one_plus * one_plus), 1e-14));
    }
}

TEST_CASE("convention: asin and acos at x near -1 and 1") {
    for (double x : {1 - 1e-10, -1 + 1e-10, 1 - 0x1p-52, -1 + 0x1p-53}) {
        CAPTURE(x);
        const cpp_bin_float_50 X(x);
        const cpp_bin_float_50 want = 1 / sqrt(1 - X * X);
        CHECK(close(derivative_at(x, [](auto v) { return asin(v); }), want, 1e-15));
        CHECK(close(derivative_at(x, [](auto v) { return acos(v); }), cpp_bin_float_50(-want), 1e-15));
        // asin'' = x/((1 − x)(1 + x))^(3/2) = −acos''
        const cpp_bin_float_50 want2 = X / pow((1 - X) * (1 + X), cpp_bin_float_50(1.5));
        CHECK(close(second_derivative_at(x, [](auto v) { return asin(v); }), want2, 1e-14));
        CHECK(close(second_derivative_at(x, [](auto v) { return acos(v); }), cpp_bin_float_50(-want2), 1e-14));
    }
}

// ------------------------------------------------------------------ second derivatives of rows
// whose convention test is in another file (logsumexp_test.cpp, matrix_types_test.cpp)

TEST_CASE("second derivative: logaddexp at a and b from -1000 to 1000") {
    // the softmax's Hessian: ∂²/∂a² = ∂²/∂b² = −∂²/∂a∂b = σ'(a − b) = 1/(2 + 2 cosh(a − b)),
    // ¼ at a tie (not the 0 of the rule's constant ½ there)
    for (double a : {-1000.0, -30.0, 0.0, 1.0, 700.0, 1000.0})
        for (double b : {-1000.0, -1.0, 0.0, 709.0, 1000.0}) {
            CAPTURE(a, b);
            const Matrix<double> h = hessian_at(a, b, [](auto p, auto q) { return logaddexp(p, q); });
            REQUIRE(h.allFinite());
            const cpp_bin_float_50 s = 1 / (2 + 2 * cosh(big(a) - big(b)));
            CHECK(close(h(0, 0), s, 1e-14));
            CHECK(close(h(1, 1), s, 1e-14));
            CHECK(close(h(0, 1), cpp_bin_float_50(-s), 1e-14));
            CHECK(close(h(1, 0), cpp_bin_float_50(-s), 1e-14));
        }
    CHECK(hessian_at(1000.0, 1000.0, [](auto p, auto q) { return logaddexp(p, q); }) ==
          mat2(0.25, -0.25, -0.25, 0.25));
    CHECK(hessian_at(-1000.0, -1000.0, [](auto p, auto q) { return logaddexp(p, q); }) ==
          mat2(0.25, -0.25, -0.25, 0.25));
    // logaddexp(x, x) = x + ln 2: second derivative 0
    CHECK(second_derivative_at(3.0, [](auto x) { return logaddexp(x, x); }) == 0.0);
}

TEST_CASE("second derivative: logaddexp at an infinite argument") {
    // σ'(±∞) = 0, and the constant ½ of two equal infinities: every entry 0
    const auto lae = [](auto p, auto q) { return logaddexp(p, q); };
    CHECK(hessian_at(kInf, 3.0, lae) == mat2(0, 0, 0, 0));
    CHECK(hessian_at(-2.0, kInf, lae) == mat2(0, 0, 0, 0));
    CHECK(hessian_at(-kInf, 3.0, lae) == mat2(0, 0, 0, 0));
    CHECK(hessian_at(kInf, kInf, lae) == mat2(0, 0, 0, 0));
    CHECK(hessian_at(-kInf, -kInf, lae) == mat2(0, 0, 0, 0));
}

TEST_CASE("second derivative: elementwise matrix op at element with adjoint 0") {
    // J = Σ m_j √x_j: ∂²J/∂x_j² = −m_j/(4 x_j^(3/2)), and the masked entry at x = 0 gives 0,
    // not 0·∞ = NaN (the Hessian–vector product through the scalar expansion)
    Tape<double> t;
    auto x = t.variable(row({0, 1, 4}));
    auto J = sum(hadamard(t.constant(row({0, 1, 1})), sqrt(x)));
    const auto hv = hvp(J, std::vector<Mat<double>>{x}, std::vector<Matrix<double>>{row({1, 2, 3})});
    CHECK(hv.at(0) == row({0, -0.5, -3.0 / 32}));
}

TEST_CASE("second derivative: softmax_cross_entropy at logits -431, 279, 427 and label 0") {
    // J = −log softmax(z)_0: ∂²J/∂z² = diag p − p pᵀ, p = softmax(z) ≈ (e^(−858), e^(−148), 1)
    Tape<double> t;
    auto logits = t.variable(row({-431, 279, 427}));
    auto loss = softmax_cross_entropy(logits, std::vector<int>{0});
    const std::vector<cpp_bin_float_50> z{-431, 279, 427};
    cpp_bin_float_50 norm = 0;
    for (const auto& v : z) norm += exp(v - 427);
    std::vector<cpp_bin_float_50> p;
    for (const auto& v : z) p.push_back(exp(v - 427) / norm);
    for (int j = 0; j < 3; ++j) {
        CAPTURE(j);
        Matrix<double> v = Matrix<double>::Zero(1, 3);
        v(0, j) = 1;
        const Matrix<double> hv = hvp(loss, std::vector<Mat<double>>{logits}, std::vector<Matrix<double>>{v}).at(0);
        REQUIRE(hv.allFinite());
        for (int i = 0; i < 3; ++i) {
            CAPTURE(i);
            // p_i(1 − p_i) as p_i·Σ_{k≠i} p_k: 1 − p_2 = 5e-65 cancels even in 50 digits
            cpp_bin_float_50 others = 0;
            for (int k = 0; k < 3; ++k)
                if (k != i) others += p[k];
            const cpp_bin_float_50 want = i == j ? cpp_bin_float_50(p[i] * others) : cpp_bin_float_50(-p[i] * p[j]);
            CHECK(std::abs(hv(0, i) - want.convert_to<double>()) <= 1e-14 * std::abs(want.convert_to<double>()) + 1e-300);
        }
    }
    // tied logits (a tie of logaddexp in each row's log-softmax): p = ⅓, H = (diag p − p pᵀ)
    Tape<double> t0;
    auto zero = t0.variable(row({0, 0, 0}));
    const Matrix<double> hv = hvp(softmax_cross_entropy(zero, std::vector<int>{0}), std::vector<Mat<double>>{zero},
                                  std::vector<Matrix<double>>{row({1, 0, 0})}).at(0);
    CHECK(hv(0, 0) == Approx(2.0 / 9).epsilon(1e-15));
    CHECK(hv(0, 1) == Approx(-1.0 / 9).epsilon(1e-15));
    CHECK(hv(0, 2) == Approx(-1.0 / 9).epsilon(1e-15));
}

TEST_CASE("second derivative: bce_with_logits at z from -1e4 to 1e4") {
    // J = (1/N) Σ softplus(z) − y z: the Hessian is diag σ'(z)/N, 0 at z = ±1e4
    Tape<double> t;
    auto logits = t.variable(row({-1e4, 1e4, -1e4, 1e4, 0.5}));
    auto loss = bce_with_logits(logits, t.constant(row({1, 0, 0, 1, 1})));
    const Matrix<double> hv =
        hvp(loss, std::vector<Mat<double>>{logits}, std::vector<Matrix<double>>{row({1, 2, 3, 4, 5})}).at(0);
    CHECK(hv.leftCols(4) == row({0, 0, 0, 0}));
    CHECK(close(hv(0, 4), 5 / (2 + 2 * cosh(cpp_bin_float_50(0.5))) / 5, 1e-14));
}

}  // namespace conventions_test
