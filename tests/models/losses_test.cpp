// The losses of seed 004: values and ∂ℓ/∂a against closed forms, and gradients against
// 50-digit central differences of the same recording (autodiff/finite_difference.hpp).
#include "models/losses.hpp"

#include "autodiff/finite_difference.hpp"
#include "autodiff/reverse_sweep.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace losses_test {

using namespace chainrule;
using namespace chainrule::models;
using Catch::Matchers::Contains;
using R50 = boost::multiprecision::cpp_bin_float_50;

namespace {

struct Result {
    double value;
    double derivative;
    double finite_difference;  // 50-digit central difference, h = 1e-20
};

// ℓ(a) recorded on a double tape at a: value, reverse-mode ∂ℓ/∂a, and its reference.
Result at(double a, const std::function<Var<double>(const Var<double>&)>& loss) {
    Tape<double> tape;
    const Var<double> x = tape.variable(a, "a");
    const Var<double> l = loss(x);
    const double fd = static_cast<double>(central_difference_gradient<R50>(tape, l.index(), R50("1e-20"))[0]);
    return {l.value(), grad(l, {x})[0], fd};
}

void check(const Result& r, double value, double derivative) {
    CHECK(r.value == Approx(value).epsilon(1e-14));
    CHECK(r.derivative == Approx(derivative).epsilon(1e-14).margin(1e-300));
    CHECK(r.finite_difference == Approx(r.derivative).epsilon(1e-14).margin(1e-300));
}

}  // namespace

TEST_CASE("squared loss: 1/2 (a - y)^2, derivative a - y") {
    check(at(0.7, [](auto& a) { return squared_loss(a, 0.2); }), 0.125, 0.5);  // ½·0.5² ; 0.7 − 0.2
    check(at(-1.0, [](auto& a) { return squared_loss(a, 2.0); }), 4.5, -3.0);  // ½·9 ; −3
}

TEST_CASE("squared loss: a target recorded as a named constant keeps its name") {
    Tape<double> tape;
    const Var<double> a = tape.variable(3.0, "a"), y = tape.constant(1.0, "y");
    const Var<double> l = squared_loss(a, y);
    CHECK(l.value() == 2.0);
    CHECK(grad(l, {a})[0] == 2.0);
    CHECK(tape.find("y").has_value());
}

TEST_CASE("mean squared error: 1/(2m) sum (a_i - y_i)^2, derivatives (a_i - y_i)/m") {
    Tape<double> tape;
    const std::vector<Var<double>> a{tape.variable(1.0), tape.variable(2.0), tape.variable(4.0)};
    const std::vector<double> y{0.0, 2.0, 2.0};
    const Var<double> J = mean_squared_error<double>(a, y);
    CHECK(J.value() == Approx(5.0 / 6));  // (1 + 0 + 4)/(2·3)
    const std::vector<double> g = grad(J, a);
    CHECK(g[0] == Approx(1.0 / 3));  // (1 − 0)/3
    CHECK(g[1] == 0.0);
    CHECK(g[2] == Approx(2.0 / 3));  // (4 − 2)/3
    const std::vector<R50> fd = central_difference_gradient<R50>(tape, J.index(), R50("1e-20"));
    for (std::size_t i = 0; i < 3; ++i) CHECK(static_cast<double>(fd[i]) == Approx(g[i]).margin(1e-15));
    CHECK_THROWS_WITH(mean_squared_error<double>(a, std::span<const double>(y).first(2)), Contains("3 predictions and 2 targets"));
    CHECK_THROWS_AS(mean_squared_error<double>({}, {}), ModelError);
}

TEST_CASE("absolute loss: |a - y|, derivative sign(a - y), 0 at a = y") {
    check(at(0.3, [](auto& a) { return absolute_loss(a, 1.0); }), 0.7, -1.0);
    check(at(2.5, [](auto& a) { return absolute_loss(a, 1.0); }), 1.5, 1.0);
    const Result kink = at(1.0, [](auto& a) { return absolute_loss(a, 1.0); });
    CHECK(kink.value == 0.0);
    CHECK(kink.derivative == 0.0);  // docs/conventions.md: abs'(0) = 0
}

TEST_CASE("binary cross-entropy: -[y ln a + (1 - y) ln(1 - a)], derivative (a - y)/(a(1 - a))") {
    check(at(0.8, [](auto& a) { return binary_cross_entropy(a, 1.0); }), -std::log(0.8), -0.2 / 0.16);
    check(at(0.8, [](auto& a) { return binary_cross_entropy(a, 0.0); }), -std::log(0.2), 0.8 / 0.16);
    check(at(0.3, [](auto& a) { return binary_cross_entropy(a, 0.25); }),
          -(0.25 * std::log(0.3) + 0.75 * std::log(0.7)), 0.05 / 0.21);
}

TEST_CASE("binary cross-entropy: a probability of 0 or 1, or a label outside [0, 1], is an error") {
    for (double p : {0.0, 1.0, -0.1, 1.5})
        CHECK_THROWS_WITH(at(p, [](auto& a) { return binary_cross_entropy(a, 1.0); }),
                          Contains("probability in (0, 1)") && Contains("with_logits"));
    CHECK_THROWS_WITH(at(0.5, [](auto& a) { return binary_cross_entropy(a, 2.0); }), Contains("label y in [0, 1]"));
}

TEST_CASE("binary cross-entropy with logits: softplus(z) - y z, derivative sigmoid(z) - y") {
    const double z = 0.5, s = 1 / (1 + std::exp(-z));
    check(at(z, [](auto& a) { return binary_cross_entropy_with_logits(a, 1.0); }), -std::log(s), s - 1);
    check(at(z, [](auto& a) { return binary_cross_entropy_with_logits(a, 0.0); }), -std::log(1 - s), s);
    check(at(-2.0, [](auto& a) { return binary_cross_entropy_with_logits(a, 0.3); }),
          -(0.3 * std::log(1 / (1 + std::exp(2.0))) + 0.7 * std::log(1 - 1 / (1 + std::exp(2.0)))),
          1 / (1 + std::exp(2.0)) - 0.3);
}

TEST_CASE("binary cross-entropy with logits at z = +-800 is finite") {
    struct Case {
        double z, y, value, derivative;
    };
    // ℓ = softplus(z) − yz: softplus(800) = 800, softplus(−800) = e^(−800) ≈ 0 (underflows).
    for (const Case& c : {Case{800, 1, 0, 0}, Case{800, 0, 800, 1}, Case{-800, 1, 800, -1}, Case{-800, 0, 0, 0}}) {
        const Result r = at(c.z, [&](auto& a) { return binary_cross_entropy_with_logits(a, c.y); });
        CHECK(std::isfinite(r.value));
        CHECK(std::isfinite(r.derivative));
        CHECK(r.value == Approx(c.value).margin(1e-300));
        CHECK(r.derivative == Approx(c.derivative).margin(1e-300));
    }
}

TEST_CASE("hinge loss: max(0, 1 - y a), derivative -y below the margin, 0 at and past it") {
    check(at(0.3, [](auto& a) { return hinge_loss(a, 1.0); }), 0.7, -1.0);
    check(at(0.5, [](auto& a) { return hinge_loss(a, -1.0); }), 1.5, 1.0);
    check(at(2.0, [](auto& a) { return hinge_loss(a, 1.0); }), 0.0, 0.0);
    const Result kink = at(1.0, [](auto& a) { return hinge_loss(a, 1.0); });  // y a = 1
    CHECK(kink.value == 0.0);
    CHECK(kink.derivative == 0.0);  // relu'(0) = 0
    CHECK_THROWS_WITH(at(0.5, [](auto& a) { return hinge_loss(a, 0.0); }), Contains("label y of -1 or +1"));
}

TEST_CASE("exponential loss: e^(-y a), derivative -y e^(-y a)") {
    check(at(0.5, [](auto& a) { return exponential_loss(a, -1.0); }), std::exp(0.5), std::exp(0.5));
    check(at(0.5, [](auto& a) { return exponential_loss(a, 1.0); }), std::exp(-0.5), -std::exp(-0.5));
    CHECK_THROWS_AS(at(0.5, [](auto& a) { return exponential_loss(a, 0.5); }), ModelError);
}

TEST_CASE("0-1 loss: 0 when a = y, else 1, as a plain value") {
    CHECK(zero_one_loss(1.0, 1.0) == 0.0);
    CHECK(zero_one_loss(0.0, 1.0) == 1.0);
    CHECK(zero_one_loss(-1, 1) == 1);
    STATIC_REQUIRE(std::is_same_v<decltype(zero_one_loss(1.0, 1.0)), double>);
}

TEST_CASE("losses record in 50 digits too") {
    Tape<R50> tape;
    const Var<R50> a = tape.variable(R50("0.8"));
    const Var<R50> l = binary_cross_entropy(a, R50(1));
    CHECK(boost::multiprecision::abs(l.value() + boost::multiprecision::log(R50("0.8"))) < R50("1e-48"));
    CHECK(boost::multiprecision::abs(grad(l, {a})[0] + R50("1.25")) < R50("1e-48"));
}

}  // namespace losses_test
