// Linear and Mlp: initialisation (bounds of Glorot & Bengio 2010 and He et al. 2015, seed
// determinism, the first weights by hand), shapes, and gradients against 50-digit central
// differences (the recorded tape replayed in cpp_bin_float_50 with h = 1e-20, which uses
// only the ops' forward rules: autodiff/finite_difference.hpp).
#include "autodiff/finite_difference.hpp"
#include "models/classifier.hpp"
#include "models/mlp.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace layers_test {

using namespace chainrule;
using namespace chainrule::models;
using R = boost::multiprecision::cpp_bin_float_50;

namespace {

Matrix<double> sample_matrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
    SplitMix64 rng(seed);
    Matrix<double> m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m(i) = rng.uniform(-1, 1);
    return m;
}

// Worst |reverse − difference| / max(1, |difference|) over every entry of every parameter
// of the recording, for the double sweep and for the sweep of the 50-digit replay.
struct Errors {
    double in_double = 0;
    double in_50_digits = 0;
};
Errors gradient_errors(const Var<double>& loss, const std::vector<Mat<double>>& parameters) {
    Tape<double>& tape = loss.tape();
    const std::vector<Matrix<double>> g = grad(loss, parameters);
    Tape<R> exact = replay<R>(tape);
    backward(exact.var(loss.index()));
    Errors e;
    for (std::size_t q = 0; q < parameters.size(); ++q) {
        const Matrix<R> fd = central_difference_matrix_gradient<R>(tape, loss.index(), parameters[q].index(), R("1e-20"));
        const Matrix<R> ex = exact.adjoint_matrix(parameters[q].index());
        REQUIRE(g[q].rows() == fd.rows());
        REQUIRE(g[q].cols() == fd.cols());
        for (Eigen::Index i = 0; i < fd.size(); ++i) {
            const double scale = std::max(1.0, abs(fd(i)).convert_to<double>());
            e.in_double = std::max(e.in_double, std::abs(g[q](i) - fd(i).convert_to<double>()) / scale);
            e.in_50_digits = std::max(e.in_50_digits, abs(R(ex(i) - fd(i))).convert_to<double>() / scale);
        }
    }
    return e;
}

}  // namespace

TEST_CASE("init: Xavier and He bounds") {
    // Xavier a = √(6/(784 + 64)) = √(6/848) = 0.0841158…; He a = √(6/784) = 0.0874817…
    CHECK(init_bound(Init::Xavier, 784, 64) == Approx(0.08411582311380664).epsilon(1e-15));
    CHECK(init_bound(Init::He, 784, 64) == Approx(0.08748177652797065).epsilon(1e-15));
    CHECK(init_bound(Init::Zero, 3, 4) == 0.0);
    CHECK_THROWS_AS(init_bound(Init::He, 0, 4), ModelError);
    for (Init init : {Init::Xavier, Init::He}) {
        SplitMix64 rng(11);
        const Linear<double> layer(784, 64, init, rng);
        const double a = init_bound(init, 784, 64);
        CHECK(layer.weight().cwiseAbs().maxCoeff() <= a);
        CHECK(layer.weight().cwiseAbs().maxCoeff() > 0.99 * a);  // 50 176 draws reach the bound
        CHECK(layer.bias().isZero());
        // U(−a, a) has mean 0 and variance a²/3 (2/(in + out) for Xavier, 2/in for He).
        const double n = static_cast<double>(layer.weight().size());
        const double mean = layer.weight().sum() / n;
        const double variance = (layer.weight().array() - mean).square().sum() / n;
        CHECK(std::abs(mean) < 0.01 * a);
        CHECK(variance == Approx(a * a / 3).epsilon(0.02));
    }
}

TEST_CASE("init: the first weights by hand, and seed determinism") {
    // splitmix64(7) draws 7191089600892374487 and 309689372594955804; u = (draw ≫ 11)·2⁻⁵³
    // = 0.38982974839127…, 0.01678829452815…; Xavier 4 → 3: a = √(6/7) = 0.92582009977255;
    // W_00 = −a + 2a·u = −0.20399566667272, W_01 = −0.89473421874241 (row by row).
    SplitMix64 rng(7);
    const Linear<double> layer(4, 3, Init::Xavier, rng);
    CHECK(layer.weight()(0, 0) == Approx(-0.2039956666727203).epsilon(1e-14));
    CHECK(layer.weight()(0, 1) == Approx(-0.8947342187424144).epsilon(1e-14));
    CHECK(layer.weight()(0, 2) == Approx(0.7420645866087607).epsilon(1e-14));
    const Mlp<double> a({784, 64, 16, 10}, Activation::Sigmoid, Init::Xavier, 5);
    const Mlp<double> b({784, 64, 16, 10}, Activation::Sigmoid, Init::Xavier, 5);
    const Mlp<double> c({784, 64, 16, 10}, Activation::Sigmoid, Init::Xavier, 6);
    for (std::size_t l = 0; l < 3; ++l) {
        CHECK(a.layers()[l].weight() == b.layers()[l].weight());
        CHECK(a.layers()[l].weight() != c.layers()[l].weight());
    }
}

TEST_CASE("mlp: layer shapes, logits shape and a wrong input width") {
    const Mlp<double> mlp({5, 4, 3, 2}, Activation::Relu, Init::He, 1);
    REQUIRE(mlp.layers().size() == 3);
    CHECK(mlp.layers()[1].inputs() == 4);
    CHECK(mlp.layers()[1].outputs() == 3);
    CHECK(mlp.layers()[2].bias().rows() == 1);
    CHECK(mlp.logits(sample_matrix(7, 5, 2)).rows() == 7);
    CHECK(mlp.logits(sample_matrix(7, 5, 2)).cols() == 2);
    CHECK_THROWS_AS(mlp.logits(sample_matrix(7, 6, 2)), ShapeError);
    CHECK_THROWS_AS(Mlp<double>({5}, Activation::Relu), ModelError);
    CHECK_THROWS_AS(Linear<double>(0, 3), ModelError);
}

TEST_CASE("linear: Z = X W + b row by row") {
    Linear<double> layer(2, 2);
    layer.weight() << 1, 2, 3, 4;
    layer.bias() << 10, 20;
    Tape<double> tape;
    Matrix<double> x(1, 2);
    x << 1, -1;
    const Mat<double> z = Linear<double>::apply(tape.constant(x), layer.record(tape, true));
    // [1 −1]·[[1 2] [3 4]] + [10 20] = [1 − 3 + 10, 2 − 4 + 20] = [8, 18]
    CHECK(z.value()(0, 0) == 8.0);
    CHECK(z.value()(0, 1) == 18.0);
}

TEST_CASE("mlp: gradients of the softmax cross-entropy match 50-digit differences") {
    for (Activation act : {Activation::Sigmoid, Activation::Relu, Activation::Tanh, Activation::Identity}) {
        CAPTURE(activation_name(act));
        Mlp<double> mlp({4, 3, 3, 2}, act, Init::Xavier, 3);
        // Biases ≠ 0: with b = 0 a sample whose first-layer ReLUs are all off gives a second
        // layer input of exactly 0, a kink, where relu'(0) = 0 and the difference gives ½.
        for (std::size_t l = 0; l < 3; ++l) mlp.layers()[l].bias() = sample_matrix(1, mlp.layers()[l].outputs(), 30 + l);
        Tape<double> tape;
        const Mlp<double>::Recorded r = mlp.record(tape.constant(sample_matrix(5, 4, 8)));
        const std::vector<int> labels{0, 1, 1, 0, 1};
        const Var<double> loss = softmax_cross_entropy(r.logits, labels);
        REQUIRE(r.parameters.size() == 6);
        const Errors e = gradient_errors(loss, r.parameters);
        CHECK(e.in_double < 1e-14);
        CHECK(e.in_50_digits < 1e-28);  // the difference's rounding: 1e-50/h = 1e-30
    }
}

TEST_CASE("linear: the input needs no gradient, a variable input gets X̄ = Z̄ Wᵀ") {
    SplitMix64 rng(21);
    const Linear<double> layer(3, 2, Init::He, rng);
    Tape<double> tape;
    const Mat<double> x = tape.variable(sample_matrix(4, 3, 22));
    const Linear<double>::Nodes nodes = layer.record(tape, true);
    const Var<double> loss = mean(sigmoid(Linear<double>::apply(x, nodes)));
    const Errors e = gradient_errors(loss, {x, nodes.weight, nodes.bias});
    CHECK(e.in_double < 1e-14);
    CHECK(e.in_50_digits < 1e-28);  // the difference's rounding: 1e-50/h = 1e-30
}

TEST_CASE("classifier: predicted classes and accuracy") {
    Matrix<double> logits(3, 3);
    logits << 0.1, 2.0, -1.0,   // class 1
        5.0, 5.0, 0.0,          // a tie: the first, class 0
        -3.0, -2.0, -1.0;       // class 2
    CHECK(predicted_classes(logits) == std::vector<int>{1, 0, 2});
    // A 2 → 2 identity layer: the logits are the inputs.
    Mlp<double> mlp({2, 2}, Activation::Identity, Init::Zero);
    mlp.layers()[0].weight() = Matrix<double>::Identity(2, 2);
    Matrix<double> x(4, 2);
    x << 1, 0, 0, 1, 2, 1, 1, 3;
    CHECK(accuracy(mlp, x, std::vector<int>{0, 1, 0, 0}) == 0.75);
    CHECK_THROWS_AS(accuracy(mlp, x, std::vector<int>{0}), ModelError);
}

}  // namespace layers_test
