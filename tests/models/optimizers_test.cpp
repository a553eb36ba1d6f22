// The update rules step by step on J(x) = (x − 3)², ∇J = 2(x − 3), from x₀ = 0 with
// η = 0.1, against values worked by hand (the arithmetic is in the comments).
#include "models/optimizers.hpp"

#include <Eigen/Dense>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace optimizers_test {

using namespace chainrule::models;
using Catch::Matchers::Contains;

namespace {

double gradient(double x) { return 2 * (x - 3); }

// Runs `steps` updates of `opt` from x = 0 and returns x₁ … x_steps.
std::vector<double> run(Optimizer<double>& opt, int steps) {
    std::vector<double> x{0.0}, path;
    for (int t = 0; t < steps; ++t) {
        const std::vector<double> g{gradient(x[0])};
        opt.step(x, g);
        path.push_back(x[0]);
    }
    return path;
}

}  // namespace

TEST_CASE("sgd: p <- p - eta g, three steps by hand") {
    Sgd<double> sgd(0.1);
    const std::vector<double> x = run(sgd, 3);
    CHECK(x[0] == Approx(0.6).epsilon(1e-15));    // g = 2(0 − 3) = −6;       0 + 0.6
    CHECK(x[1] == Approx(1.08).epsilon(1e-15));   // g = 2(0.6 − 3) = −4.8;   0.6 + 0.48
    CHECK(x[2] == Approx(1.464).epsilon(1e-15));  // g = 2(1.08 − 3) = −3.84; 1.08 + 0.384
    CHECK(sgd.steps() == 3);
    CHECK(sgd.name() == "sgd");
}

TEST_CASE("momentum: v <- mu v + g, p <- p - eta v (PyTorch), four steps by hand") {
    Momentum<double> m(0.1, 0.9);
    const std::vector<double> x = run(m, 4);
    CHECK(x[0] == Approx(0.6).epsilon(1e-14));     // g = −6;     v = −6;                    0 + 0.6
    CHECK(x[1] == Approx(1.62).epsilon(1e-14));    // g = −4.8;   v = 0.9(−6) − 4.8 = −10.2;   0.6 + 1.02
    CHECK(x[2] == Approx(2.814).epsilon(1e-14));   // g = −2.76;  v = −9.18 − 2.76 = −11.94;   1.62 + 1.194
    CHECK(x[3] == Approx(3.9258).epsilon(1e-14));  // g = −0.372; v = −10.746 − 0.372 = −11.118; overshoots 3
    CHECK(m.name() == "momentum");
}

TEST_CASE("nesterov: v <- mu v + g, p <- p - eta (g + mu v), three steps by hand") {
    Momentum<double> n(0.1, 0.9, true);
    const std::vector<double> x = run(n, 3);
    CHECK(x[0] == Approx(1.14).epsilon(1e-14));      // g = −6; v = −6; g + 0.9v = −11.4
    CHECK(x[1] == Approx(2.3328).epsilon(1e-14));    // g = −3.72; v = −5.4 − 3.72 = −9.12; g + 0.9v = −11.928
    CHECK(x[2] == Approx(3.325056).epsilon(1e-14));  // g = −1.3344; v = −8.208 − 1.3344 = −9.5424; g + 0.9v = −9.92256
    CHECK(n.name() == "nesterov");
}

TEST_CASE("adam: Kingma & Ba Algorithm 1 with bias correction, three steps by hand") {
    Adam<double> adam(0.1, 0.9, 0.999, 0.0);  // ε = 0 keeps the hand arithmetic exact
    const std::vector<double> x = run(adam, 3);
    // t = 1: g = −6, m = 0.1(−6) = −0.6, v = 0.001·36 = 0.036; m̂ = −0.6/(1 − 0.9) = −6,
    // v̂ = 0.036/(1 − 0.999) = 36; p = 0 − 0.1·(−6)/√36 = 0.1 (without the corrections
    // the step would be 0.1·0.6/√0.036 = 0.316).
    CHECK(x[0] == Approx(0.1).epsilon(1e-13));
    // t = 2: g = 2(0.1 − 3) = −5.8; m = 0.9(−0.6) + 0.1(−5.8) = −1.12;
    // v = 0.999·0.036 + 0.001·33.64 = 0.069604; m̂ = −1.12/(1 − 0.81), v̂ = 0.069604/(1 − 0.998001).
    const double x2 = 0.1 + 0.1 * (1.12 / 0.19) / std::sqrt(0.069604 / 0.001999);  // 0.199897…
    CHECK(x[1] == Approx(x2).epsilon(1e-13));
    // t = 3: g = 2(x₂ − 3); m = 0.9·m₂ + 0.1g; v = 0.999·v₂ + 0.001g²; 1 − 0.9³ = 0.271,
    // 1 − 0.999³ = 0.002997001.
    const double g3 = 2 * (x2 - 3), m3 = 0.9 * -1.12 + 0.1 * g3, v3 = 0.999 * 0.069604 + 0.001 * g3 * g3;
    CHECK(x[2] == Approx(x2 - 0.1 * (m3 / 0.271) / std::sqrt(v3 / 0.002997001)).epsilon(1e-13));
    CHECK(adam.name() == "adam");
}

TEST_CASE("adam: with a constant gradient the bias-corrected step is exactly eta g / (|g| + eps)") {
    // m_t = (1 − β₁ᵗ)g and v_t = (1 − β₂ᵗ)g², so m̂ = g and v̂ = g² at every t.
    Adam<double> adam(0.01);  // defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8
    std::vector<double> p{1.0};
    const std::vector<double> g{-4.0};
    for (int t = 1; t <= 5; ++t) {
        adam.step(p, g);
        CHECK(p[0] == Approx(1.0 + t * 0.01 * 4.0 / (4.0 + 1e-8)).epsilon(1e-14));
    }
}

TEST_CASE("optimizers: 50-digit arithmetic gives the hand values to 45 digits") {
    using R = boost::multiprecision::cpp_bin_float_50;
    Momentum<R> m(R("0.1"), R("0.9"));
    std::vector<R> x{R(0)};
    for (int t = 0; t < 3; ++t) {
        const std::vector<R> g{2 * (x[0] - 3)};
        m.step(x, g);
    }
    CHECK(boost::multiprecision::abs(x[0] - R("2.814")) < R("1e-45"));
}

TEST_CASE("optimizers: blocks of an Eigen matrix and a vector, state per block") {
    Eigen::Matrix2d W;
    W << 1, 2, 3, 4;
    Eigen::Matrix2d dW = Eigen::Matrix2d::Constant(10);
    std::vector<double> b{0.5}, db{-1};
    Momentum<double> m(0.1, 0.5);
    const ParameterBlock<double> blocks[] = {parameter_block(W, dW), parameter_block(b, db)};
    m.step(blocks);  // v = g: W − 1, b + 0.1
    CHECK(W(0, 0) == Approx(0.0).margin(1e-15));
    CHECK(W(1, 1) == Approx(3.0));
    CHECK(b[0] == Approx(0.6));
    m.step(blocks);  // v = 0.5g + g = 1.5g: W − 1.5, b + 0.15
    CHECK(W(0, 1) == Approx(-0.5));
    CHECK(b[0] == Approx(0.75));
}

TEST_CASE("optimizers: a changed block layout is an error naming both layouts, reset starts over") {
    Adam<double> adam(0.1);
    std::vector<double> p(4, 1.0), g(4, 1.0), p3(3, 1.0), g3(3, 1.0);
    adam.step(p, g);
    CHECK_THROWS_AS(adam.step(p3, g3), ModelError);
    CHECK_THROWS_WITH(adam.step(p3, g3), Contains("1 blocks of sizes (4)") && Contains("1 blocks of sizes (3)"));
    CHECK_THROWS_WITH(adam.step({parameter_block(p, g), parameter_block(p3, g3)}), Contains("changed"));
    adam.reset();
    CHECK(adam.steps() == 0);
    CHECK_NOTHROW(adam.step(p3, g3));
    CHECK_THROWS_WITH(adam.step(std::span<double>(p), std::span<const double>(g3)), Contains("gradient of 3"));
    CHECK_THROWS_AS(parameter_block(p, g3), ModelError);
}

TEST_CASE("optimizers: hyper-parameters out of range are errors") {
    CHECK_THROWS_WITH(Sgd<double>(0.0), Contains("learning rate must be positive"));
    CHECK_THROWS_WITH(Sgd<double>(-1.0), Contains("learning rate"));
    CHECK_THROWS_WITH(Sgd<double>(std::nan("")), Contains("learning rate"));
    CHECK_THROWS_WITH(Momentum<double>(0.1, 1.0), Contains("momentum must be in [0, 1)"));
    CHECK_THROWS_WITH(Adam<double>(0.1, 0.9, 1.0), Contains("beta2"));
    CHECK_THROWS_WITH(Adam<double>(0.1, -0.1), Contains("beta1"));
    CHECK_THROWS_WITH(Adam<double>(0.1, 0.9, 0.999, -1.0), Contains("epsilon"));
    Sgd<double> sgd(0.1);
    CHECK_THROWS_AS(sgd.set_learning_rate(0.0), ModelError);
    sgd.set_learning_rate(0.5);
    CHECK(sgd.learning_rate() == 0.5);
}

TEST_CASE("make_optimizer: by name, unknown names listed") {
    OptimizerSettings<double> s;
    s.learning_rate = 0.1;
    for (const char* name : {"sgd", "momentum", "nesterov", "adam"}) {
        s.name = name;
        CHECK(make_optimizer(s)->name() == name);
    }
    s.name = "newton";
    CHECK_THROWS_WITH(make_optimizer(s), Contains("unknown optimizer 'newton'") && Contains("sgd, momentum, nesterov, adam"));
}

}  // namespace optimizers_test
