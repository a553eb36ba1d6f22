// Demo 7: the three fits against the normal equations worked by hand.
#include "demos/linear_regression.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace linear_regression_demo_test {

using namespace chainrule::demos;

namespace {
// The data: x = 0.1 … 1.0, y = 2x + 3 + noise, noise = +0.1 −0.1 +0.2 −0.2 +0.1 −0.1 +0.2 −0.2 +0.1 −0.1.
//   Σx = 5.5, Σx² = 3.85, Σnoise = 0 so Σy = 2·5.5 + 30 = 41,
//   Σx·noise = .01 − .02 + .06 − .08 + .05 − .06 + .14 − .16 + .09 − .10 = −0.07,
//   Σxy = 2·3.85 + 3·5.5 − 0.07 = 24.13.
// Normal equations (seed 004 formulas 4, 5), m = 10:
//   w = (10·24.13 − 5.5·41) / (10·3.85 − 5.5²) = (241.3 − 225.5) / 8.25 = 15.8 / 8.25 = 316/165
//   b = (41 − w·5.5) / 10 = 4.1 − 0.55·316/165 = 502.7/165
constexpr double kW = 316.0 / 165.0;  // 1.915151…
constexpr double kB = 502.7 / 165.0;  // 3.046666…
}  // namespace

TEST_CASE("demo 7: the data set is ten points on 2x + 3 with zero-sum noise") {
    double sx = 0, sy = 0;
    for (const Sample& s : kRegressionData) {
        sx += s.x;
        sy += s.y;
    }
    CHECK(sx == Approx(5.5));
    CHECK(sy == Approx(41.0));
}

TEST_CASE("demo 7: least squares in closed form is the hand solution") {
    const Line ls = least_squares(kRegressionData);
    CHECK(ls.w == Approx(kW).epsilon(1e-13));
    CHECK(ls.b == Approx(kB).epsilon(1e-13));
}

TEST_CASE("demo 7: gradient descent on J reaches the closed form") {
    const DescentFit gd = gradient_descent_fit(kRegressionData);
    CHECK(gd.line.w == Approx(kW).margin(1e-9));
    CHECK(gd.line.b == Approx(kB).margin(1e-9));
    CHECK(gd.updates > 0);
    CHECK(gd.loss == Approx(regression_loss(kRegressionData, {kW, kB})).epsilon(1e-12));
}

TEST_CASE("demo 7: the one-neuron network ends near the closed form, not below its loss") {
    const Line nn = neuron_fit(kRegressionData);
    // Per-sample updates with a constant η = 0.1 circle the optimum; the residuals are ≤ 0.2,
    // so each step moves (w, b) by at most about 0.1·0.2 — well inside 0.05.
    CHECK(nn.w == Approx(kW).margin(0.05));
    CHECK(nn.b == Approx(kB).margin(0.05));
    CHECK(regression_loss(kRegressionData, nn) >= regression_loss(kRegressionData, {kW, kB}));
}

TEST_CASE("demo 7: J is the seed's 1/(2m) sum of squares") {
    // At w = 2, b = 3 the residuals are −noise: Σ noise² = 6·0.1² + 4·0.2² = 0.06 + 0.16 = 0.22 → J = 0.22/20.
    CHECK(regression_loss(kRegressionData, {2, 3}) == Approx(0.011).epsilon(1e-12));
}

}  // namespace linear_regression_demo_test
