// Demo 5: the XOR network — its forward pass by hand, its random draws, training to the
// right side of 0.5, and determinism (the weights themselves depend on the seed).
#include "demos/random.hpp"
#include "demos/xor_network.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace xor_demo_test {

using namespace chainrule::demos;

TEST_CASE("demo 5: the forward pass of the 2-3-1 network, by hand") {
    // Layout w11 w12 w21 w22 w31 w32 | b1 b2 b3 | v1 v2 v3 | c.
    std::vector<double> p(kXorParameters, 0.0);
    // All zero: h = σ(0) = ½ for every neuron, a = σ(0) = ½.
    CHECK(xor_output(p, 1, 1) == 0.5);
    // v1 = 2, c = −1, rest 0: a = σ(2·½ − 1) = σ(0) = ½ again.
    p[9] = 2;
    p[12] = -1;
    CHECK(xor_output(p, 0, 1) == Approx(0.5).margin(1e-15));
    // w11 = ln 3 makes h1(1, 0) = σ(ln 3) = 3/4, so a = σ(2·¾ − 1) = σ(½) = 1/(1 + e^(−½)).
    p[0] = std::log(3.0);
    CHECK(xor_output(p, 1, 0) == Approx(1 / (1 + std::exp(-0.5))).epsilon(1e-14));
    CHECK(xor_output(p, 0, 1) == Approx(0.5).margin(1e-15));  // x1 = 0: w11 does not count
    CHECK(xor_parameter_name(0) == "w11");
    CHECK(xor_parameter_name(5) == "w32");
    CHECK(xor_parameter_name(8) == "b3");
    CHECK(xor_parameter_name(9) == "v1");
    CHECK(xor_parameter_name(12) == "c");
}

TEST_CASE("demo 5: the right side of 0.5") {
    CHECK(xor_solved({0.1, 0.9, 0.6, 0.4}));
    CHECK_FALSE(xor_solved({0.1, 0.9, 0.6, 0.5}));  // 0.5 is on neither side
    CHECK_FALSE(xor_solved({0.6, 0.9, 0.6, 0.4}));
}

TEST_CASE("demo 5: the learning rate and weights are drawn from the seed, in range") {
    const XorRun a = xor_initial(11), b = xor_initial(11), c = xor_initial(12);
    CHECK(a.learning_rate >= 0.5);
    CHECK(a.learning_rate < 2.0);
    REQUIRE(a.initial.size() == kXorParameters);
    for (double w : a.initial) {
        CHECK(w >= -1);
        CHECK(w < 1);
    }
    CHECK(a.initial == b.initial);
    CHECK(a.learning_rate == b.learning_rate);
    CHECK(a.initial != c.initial);
}

TEST_CASE("demo 5: training puts every output on the right side of 0.5, and a seed repeats its run") {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        INFO("seed " << seed);
        std::vector<XorIteration> seen;
        XorOptions options;
        options.seed = seed;
        options.every = 100;
        options.on_iteration = [&](const XorIteration& it) { seen.push_back(it); };
        const XorRun run = train_xor(options);
        REQUIRE(run.solved);
        // Recomputed from the final weights by the forward pass, not taken from the run:
        const auto a = xor_outputs(run.last.weights);
        CHECK(a[0] < 0.5);
        CHECK(a[1] > 0.5);
        CHECK(a[2] > 0.5);
        CHECK(a[3] < 0.5);
        // E = ½ Σ (a − y)² at the last weights.
        const double E = 0.5 * (a[0] * a[0] + (1 - a[1]) * (1 - a[1]) + (1 - a[2]) * (1 - a[2]) + a[3] * a[3]);
        CHECK(run.last.loss == Approx(E).epsilon(1e-12));
        // Printed: iteration 0, every 100th, the last.
        REQUIRE(seen.size() >= 2);
        CHECK(seen.front().iteration == 0);
        CHECK(seen.front().weights == xor_initial(seed).initial);
        CHECK(seen.back().iteration == run.last.iteration);
        for (std::size_t i = 1; i + 1 < seen.size(); ++i) CHECK(seen[i].iteration % 100 == 0);
        const XorRun again = train_xor(options);
        CHECK(again.last.iteration == run.last.iteration);
        CHECK(again.last.weights == run.last.weights);
    }
}

TEST_CASE("demo 5: the loss falls over training (gradient descent with a reverse sweep per iteration)") {
    XorOptions options;
    options.seed = 5;
    const XorRun run = train_xor(options);
    const auto a0 = xor_outputs(run.initial);
    const double E0 = 0.5 * (a0[0] * a0[0] + (1 - a0[1]) * (1 - a0[1]) + (1 - a0[2]) * (1 - a0[2]) + a0[3] * a0[3]);
    CHECK(run.last.loss < E0);
    XorOptions capped = options;
    capped.max_iterations = 1;  // one update, then stop: not solved from random weights
    const XorRun one = train_xor(capped);
    CHECK(one.last.iteration <= 1);
}

TEST_CASE("the demos' random numbers: uniform below 1 and not below 0, standard normal") {
    Random r(2024);
    double sum = 0, sum2 = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double z = r.normal();
        sum += z;
        sum2 += z * z;
    }
    // Mean 0 and variance 1 within 5 standard errors (1/√n ≈ 0.0022; var's ≈ √(2/n) ≈ 0.0032).
    CHECK(std::abs(sum / n) < 0.011);
    CHECK(std::abs(sum2 / n - 1) < 0.016);
    double lo = 1, hi = 0;
    for (int i = 0; i < 10000; ++i) {
        const double u = r.uniform();
        lo = std::min(lo, u);
        hi = std::max(hi, u);
    }
    CHECK(lo >= 0);
    CHECK(hi < 1);
    CHECK(Random(7).uniform() == Random(7).uniform());
}

}  // namespace xor_demo_test
