// evaluate: exact constants, every function's convention, three scalar types.
#include <catch2/catch.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>

#include <unordered_map>

#include "symbolic/symbolic.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace evaluate_test {

using namespace chainrule::symbolic;
using Big = boost::multiprecision::cpp_bin_float_50;

namespace {

const Expr x = Expr::symbol("x");
const Expr y = Expr::symbol("y");

double at(const Expr& f, double xv = 0.0, double yv = 0.0) { return evaluate<double>(f, {{"x", xv}, {"y", yv}}); }

}  // namespace

TEMPLATE_TEST_CASE("constants convert exactly into T", "[evaluate]", double, long double, Big) {
    using T = TestType;
    CHECK(evaluate<T>(Expr::rational(1, 3), {}) == T(1) / T(3));
    CHECK(evaluate<T>(Expr::decimal("0.55"), {}) == T(11) / T(20));
    CHECK(evaluate<T>(x / 7, {{"x", T(2)}}) == T(2) * (T(1) / T(7)));
    CHECK(evaluate<T>(pow(x, 3), {{"x", T(-2)}}) == T(-8));
    CHECK(evaluate<T>(pow(x, -2), {{"x", T(4)}}) == T(1) / T(16));
    CHECK(evaluate<T>(sqrt(x), {{"x", T(2)}}) == sqrt(T(2)));
}

TEST_CASE("50-digit evaluation keeps 50 digits", "[evaluate]") {
    const Big third = evaluate<Big>(Expr::rational(1, 3) + x, {{"x", Big(0)}});
    CHECK(abs(third - Big("0.33333333333333333333333333333333333333333333333333")) < Big("1e-49"));
    const Big pi = evaluate<Big>(4 * atan(x), {{"x", Big(1)}});
    CHECK(abs(pi - boost::math::constants::pi<Big>()) < Big("1e-48"));
    const Big tiny = evaluate<Big>(expm1(x) - x, {{"x", Big("1e-30")}});
    CHECK(abs(tiny - Big("5e-61")) < Big("1e-75"));
}

TEST_CASE("conventions of the piecewise functions", "[evaluate]") {
    CHECK(at(sign(x), 0.0) == 0.0);
    CHECK(at(sign(x), -3.0) == -1.0);
    CHECK(at(step(x), 0.0) == 1.0);
    CHECK(at(step(x), -1e-300) == 0.0);
    CHECK(at(relu(x), 0.0) == 0.0);
    CHECK(at(relu(x), 2.5) == 2.5);
    CHECK(at(leaky_relu(x, y), -2.0, 0.1) == Approx(-0.2));
    CHECK(at(leaky_relu(x, y), 0.0, 0.1) == 0.0);
    CHECK(at(xlogy(x, y), 0.0, 0.0) == 0.0);
    CHECK(at(xlogy(x, y), 2.0, std::exp(1.0)) == Approx(2.0));
    CHECK(at(abs(x), -4.0) == 4.0);
    CHECK(at(min(x, y), 1.0, 2.0) == 1.0);
    CHECK(at(max(x, y), 1.0, 2.0) == 2.0);
    CHECK(at(hypot(x, y), 3.0, 4.0) == 5.0);
    CHECK(at(cbrt(x), -8.0) == Approx(-2.0));
}

TEST_CASE("trigonometric conventions", "[evaluate]") {
    const double pi = boost::math::constants::pi<double>();
    CHECK(at(acot(x), 1.0) == Approx(pi / 4));
    CHECK(at(acot(x), -1.0) == Approx(3 * pi / 4));  // continuous branch, range (0, pi)
    CHECK(at(acot(x), 0.0) == Approx(pi / 2));
    CHECK(at(atan2(y, x), -1.0, 1.0) == Approx(3 * pi / 4));
    CHECK(at(cot(x), pi / 4) == Approx(1.0));
    CHECK(at(sech(x), 0.0) == 1.0);
    CHECK(at(coth(x) * tanh(x), 0.7) == Approx(1.0));
    CHECK(at(csch(x) * sinh(x), 0.7) == Approx(1.0));
}

TEST_CASE("activations do not overflow", "[evaluate]") {
    CHECK(at(sigmoid(x), 0.0) == 0.5);
    CHECK(at(sigmoid(x), 800.0) == 1.0);
    CHECK(at(sigmoid(x), -40.0) == Approx(std::exp(-40.0)).epsilon(1e-12));
    CHECK(at(softplus(x), 1000.0) == 1000.0);
    CHECK(at(softplus(x), 0.0) == Approx(std::log(2.0)));
    CHECK(at(log_sigmoid(x), -1000.0) == -1000.0);
    CHECK(at(log_sigmoid(x), 0.0) == Approx(-std::log(2.0)));
    CHECK(at(log1p(x), 1e-18) == 1e-18);
    CHECK(at(expm1(x), 1e-18) == 1e-18);
}

TEST_CASE("symbol values come from any map; missing ones are named", "[evaluate]") {
    const Expr f = x * y + 1;
    CHECK(evaluate(f, std::map<std::string, double>{{"x", 2.0}, {"y", 3.0}}) == 7.0);
    CHECK(evaluate(f, std::unordered_map<std::string, double>{{"x", 2.0}, {"y", 3.0}}) == 7.0);
    CHECK(evaluate(f, std::map<std::string, double, std::less<>>{{"x", 2.0}, {"y", 3.0}}) == 7.0);
    CHECK(evaluate_with<double>(f, [](const std::string& n) { return n == "x" ? 2.0 : 5.0; }) == 11.0);
    CHECK_THROWS_AS(evaluate<double>(f, {{"x", 1.0}}), std::out_of_range);
    CHECK_THROWS_WITH(evaluate<double>(f, {{"x", 1.0}}), Catch::Contains("'y'"));
    try {
        evaluate<double>(f, {{"y", 1.0}});
        FAIL("no exception");
    } catch (const unbound_symbol& e) {
        CHECK(e.symbol() == "x");
    }
}

TEST_CASE("shared subexpressions are evaluated once", "[evaluate]") {
    Expr e = x;
    for (int i = 0; i < 200; ++i) e = e * e + e;  // a tree of 3^200 nodes, a DAG of ~600
    CHECK(evaluate<double>(e, {{"x", 0.0}}) == 0.0);
}

}  // namespace evaluate_test
