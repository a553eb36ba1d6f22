// Demo 8 (Newton's method next to gradient descent) and demo 3's verdicts by curvature,
// against hand computations: J = x² has J'' = 2, so x ← (1 − 2η)x and Newton's x₁ = 0;
// J = x² + sin²(y) from (3, 1): H = diag(2, 2 cos 2) is not positive definite, so a gradient
// step to (−3, 1 − sin 2), then x → 0, y → y − tan(2y)/2.
#include "demos/newton.hpp"
#include "tools/run_process.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace newton_demo_test {

using namespace chainrule::demos;
using chainrule::models::NewtonUpdate;
using Catch::Contains;

TEST_CASE("demo 8: Newton on x^2 from 1.2 is one step to 0 (gradient descent with eta 0.3: 3)") {
    const NewtonRun run = square_newton();
    REQUIRE(run.updates() == 1);
    CHECK(run.history[1].point.parameters[0] == 0.0);  // 1.2 − 2.4/2, exact in LDLᵀ
    CHECK(run.history[1].update == NewtonUpdate::Newton);
    CHECK(run.history[1].step_length == 1.0);
    CHECK(square_descent().updates() == 3);
}

TEST_CASE("demo 8: Newton on x^2 + sin^2(y) from (3, 1) takes 2 updates (gradient descent with eta 0.1: 16)") {
    const NewtonRun run = square_sin_newton();
    REQUIRE(run.updates() == 2);
    CHECK(run.history[1].update == NewtonUpdate::GradientStep);
    REQUIRE(run.history[1].eigenvalues.size() == 2);
    CHECK(run.history[1].eigenvalues[0] == Approx(2 * std::cos(2.0)).epsilon(1e-14));
    CHECK(run.history[1].eigenvalues[1] == Approx(2.0).epsilon(1e-14));
    const double y1 = 1 - std::sin(2.0);
    CHECK(run.history[1].point.parameters[0] == -3.0);
    CHECK(run.history[1].point.parameters[1] == Approx(y1).epsilon(1e-14));
    CHECK(run.history[2].update == NewtonUpdate::Newton);
    CHECK(run.history[2].point.parameters[0] == 0.0);
    const double y2 = y1 - std::tan(2 * y1) / 2;
    CHECK(run.history[2].point.parameters[1] == Approx(y2).epsilon(1e-12));
    CHECK(run.history.back().point.loss == Approx(std::pow(std::sin(y2), 2)).epsilon(1e-10));
    CHECK(square_sin_descent().updates() == 16);
}

TEST_CASE("demo 3 by curvature: eta*J'' = 2 oscillates, < 2 converges, = 1 is one step, > 2 diverges") {
    constexpr std::array<double, 6> rates{1.1, 1.0, 0.8, 0.5, 0.4, 0.1};
    const std::vector<CurvatureVerdict> v = learning_rates_by_curvature(rates);
    REQUIRE(v.size() == 6);
    for (const CurvatureVerdict& c : v) {
        CHECK(c.curvature == 2.0);  // J'' of x², from the tape's Hessian
        CHECK(c.eta_curvature == 2 * c.rate.eta);
    }
    CHECK(v[0].rate.behaviour == Behaviour::Diverges);
    CHECK_THAT(v[0].prediction, Contains("diverges"));
    CHECK(v[1].rate.behaviour == Behaviour::Oscillates);
    CHECK(v[1].prediction == "= 2: x -> -x, oscillates forever");
    CHECK(v[2].rate.behaviour == Behaviour::Overshoots);
    CHECK(v[3].rate.run.history[1].parameters[0] == 0.0);  // η = 0.5: x1 = (1 − 1)·1.2
    CHECK(v[3].prediction == "= 1: x -> 0 in one step (the Newton step)");
    CHECK(v[4].rate.behaviour == Behaviour::Fast);
    CHECK(v[5].rate.behaviour == Behaviour::Slow);
    CHECK_THAT(v[5].prediction, Contains("x -> 0.8x"));
}

TEST_CASE("chainrule-demos newton and learning-rates print Newton's counts and eta*J''") {
    const auto r = cli_test::run({"newton"});
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("J < 0.01: gradient descent after 3 updates, Newton's method after 1."));
    CHECK_THAT(r.out, Contains("J < 0.01: gradient descent after 16 updates, Newton's method after 2."));
    CHECK_THAT(r.out, Contains("eigenvalues -0.8323 and 2"));
    const auto rates = cli_test::run({"learning-rates"});
    REQUIRE(rates.exit_code == 0);
    CHECK_THAT(rates.out, Contains("  1.0      2.0         -1.0  oscillation   = 2: x -> -x, oscillates forever"));
    CHECK_THAT(rates.out, Contains("  0.5      1.0          0.0  fast          = 1: x -> 0 in one step"));
}

}  // namespace newton_demo_test
