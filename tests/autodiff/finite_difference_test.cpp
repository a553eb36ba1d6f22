// central_difference_gradient (autodiff/finite_difference.hpp): the documented accuracy,
// the input order, and the errors.
#include "chainrule.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <span>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace finite_difference_test {

using namespace chainrule;
using boost::multiprecision::cpp_bin_float_50;
using R = cpp_bin_float_50;

TEST_CASE("central difference of a quadratic is exact up to rounding") {
    // f = x² + 3xy − y: the central difference has no truncation error for a quadratic,
    // so only the rounding term ε·|f|/h ≈ 1e-50·10/1e-20 remains.
    Tape<double> t;
    auto x = t.variable(1.5), y = t.variable(-2.0);
    auto f = x * x + 3.0 * x * y - y;
    const auto g = central_difference_gradient<R>(t, f.index(), R("1e-20"));
    REQUIRE(g.size() == 2);
    CHECK(abs(g[0] - R(2 * 1.5 + 3 * -2.0)) < R("1e-28"));
    CHECK(abs(g[1] - R(3 * 1.5 - 1)) < R("1e-28"));
}

TEST_CASE("central difference: truncation error h^2/6 f''' at a given point") {
    // f = exp(x) at x = 0.5 with h = 1e-3: g − e^x = e^x(h²/6 + O(h⁴)).
    Tape<double> t;
    auto x = t.variable(0.0);
    auto f = exp(x);
    const std::vector<R> at{R("0.5")};
    const R h("1e-3");
    const auto g = central_difference_gradient<R>(t, f.index(), std::span<const R>(at), h);
    const R e = exp(R("0.5"));
    const R predicted = e * h * h / 6;
    CHECK(abs((g[0] - e) - predicted) < R("1e-4") * predicted);
}

TEST_CASE("central difference: one component per Input, in creation order, constants excluded") {
    Tape<double> t;
    auto a = t.variable(2.0);
    auto c = t.constant(10.0);
    auto b = t.variable(3.0);
    auto f = a * c + b * b * b;
    const auto g = central_difference_gradient<R>(t, f.index(), R("1e-20"));
    REQUIRE(g.size() == 2);
    CHECK(abs(g[0] - 10) < R("1e-25"));
    CHECK(abs(g[1] - 27) < R("1e-25"));
}

TEST_CASE("central difference at a kink gives the average slope (documented)") {
    Tape<double> t;
    auto x = t.variable(0.0);
    auto f = abs(x) + 0.5 * relu(x);  // slopes −1 and 1.5
    const auto g = central_difference_gradient<R>(t, f.index(), R("1e-20"));
    CHECK(abs(g[0] - R("0.25")) < R("1e-25"));
}

TEST_CASE("central difference: wrong number of inputs or a bad output node throws") {
    Tape<double> t;
    auto x = t.variable(1.0), y = t.variable(2.0);
    auto f = x * y;
    const std::vector<double> one{1.0};
    REQUIRE_THROWS_WITH(central_difference_gradient<double>(t, f.index(), std::span<const double>(one), 1e-6),
                        Catch::Contains("needs 2 input values, got 1"));
    REQUIRE_THROWS_WITH(central_difference_gradient<double>(t, 99, 1e-6), Catch::Contains("no node #99"));
}

}  // namespace finite_difference_test
