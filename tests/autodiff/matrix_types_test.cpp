// Matrix nodes in float and cpp_bin_float_50, the numerical stability of softmax and the
// losses, and the conventions of docs/conventions.md for matrix ops.
#include "chainrule.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace matrix_types_test {

using namespace chainrule;
using boost::multiprecision::cpp_bin_float_50;
using R = cpp_bin_float_50;

namespace {

/// A deterministic matrix with entries in (−1, 1), in any scalar type.
template <class T>
Matrix<T> pattern(Eigen::Index rows, Eigen::Index cols, int seed) {
    Matrix<T> m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m(i) = T(std::sin(1.7 * double(i + 1) * seed)) * T(0.9);
    return m;
}

/// A 2-layer MLP (tanh hidden layer with a bias row, softmax cross-entropy) on Tape<T>;
/// returns the loss, W1 and W2.
template <class T>
struct Mlp {
    Tape<T> tape;
    Mat<T> w1, b1, w2;
    Var<T> loss;
    Mlp() {
        w1 = tape.variable(pattern<T>(3, 4, 1));
        b1 = tape.variable(pattern<T>(1, 4, 2));
        w2 = tape.variable(pattern<T>(4, 3, 3));
        const Mat<T> x = tape.constant(pattern<T>(5, 3, 4));
        loss = softmax_cross_entropy(tanh(x * w1 + b1) * w2, std::vector<int>{0, 2, 1, 1, 0});
    }
};

/// A 1×n matrix of the given values.
template <class T>
Matrix<T> row(std::initializer_list<double> values) {
    Matrix<T> m(1, static_cast<Eigen::Index>(values.size()));
    Eigen::Index j = 0;
    for (double v : values) m(0, j++) = T(v);
    return m;
}

/// The largest |reverse-mode gradient − 50-digit central difference| of the MLP's
/// parameters, relative to max(1, the largest difference).
template <class T>
double mlp_gradient_error() {
    Mlp<T> m;
    const std::vector<Mat<T>> params{m.w1, m.b1, m.w2};
    const std::vector<Matrix<T>> g = grad(m.loss, params);
    double worst = 0;
    for (std::size_t q = 0; q < params.size(); ++q) {
        const Matrix<R> fd = central_difference_matrix_gradient<R>(m.tape, m.loss.index(), params[q].index(), R("1e-20"));
        const Matrix<R> error = g[q].unaryExpr([](const T& x) { return R(x); }) - fd;
        const R scale = std::max(R(1), R(fd.cwiseAbs().maxCoeff()));
        worst = std::max(worst, R(error.cwiseAbs().maxCoeff() / scale).template convert_to<double>());
    }
    return worst;
}

}  // namespace

TEST_CASE("matrix ops in float: the MLP gradient agrees with 50-digit differences to float precision") {
    CHECK(mlp_gradient_error<float>() <= 1e-5);
}

TEST_CASE("matrix ops in cpp_bin_float_50: the MLP gradient agrees with 50-digit differences to 1e-25") {
    CHECK(mlp_gradient_error<R>() <= 1e-25);
}

TEST_CASE("replay of a matrix tape from double to 50 digits matches recording in 50 digits") {
    Mlp<double> d;
    Mlp<R> exact;
    Tape<R> replayed = replay<R>(d.tape);
    // The patterns differ by double rounding only: the 50-digit values agree to ~1e-15.
    CHECK(abs(replayed.value(d.loss.index()) - exact.loss.value()) < R("1e-14"));
    backward(replayed.var(d.loss.index()));
    CHECK((replayed.adjoint_matrix(d.w1.index()) - grad(exact.loss, exact.w1)).cwiseAbs().maxCoeff() < R("1e-14"));
}

TEST_CASE("softmax cross-entropy of logits [-431, 279, 427] with label 0: finite loss 858, gradient (-1, 0, 1)") {
    Tape<double> t;
    auto logits = t.variable(row<double>({-431, 279, 427}));
    auto loss = softmax_cross_entropy(logits, std::vector<int>{0});
    CHECK(loss.value() == 858.0);  // 427 + 431 + ln(1 + e^-148 + e^-858), the last term < 1e-64
    const Matrix<double> g = grad(loss, logits);
    CHECK(g.allFinite());
    CHECK(g(0, 0) == -1.0);
    CHECK(std::abs(g(0, 1)) < 1e-64);  // e^-148
    CHECK(g(0, 2) == 1.0);
}

TEST_CASE("convention: softmax_cross_entropy at logits -431, 279, 427 and label 0") {
    Tape<float> t;
    auto logits = t.variable(row<float>({-431, 279, 427}));
    auto loss = softmax_cross_entropy(logits, std::vector<int>{0});
    CHECK(loss.value() == 858.0f);
    CHECK(grad(loss, logits) == row<float>({-1, 0, 1}));  // e^-148 underflows in float
}

TEST_CASE("softmax and log-softmax rows stay finite for logits far apart") {
    Tape<double> t;
    Matrix<double> z(2, 3);
    z << 1000, 0, -1000, -800, -800, -800;
    auto logits = t.variable(z);
    const Matrix<double> s = softmax(logits).value();
    const Matrix<double> l = log_softmax(logits).value();
    CHECK(s.allFinite());
    CHECK(l.allFinite());
    CHECK(s(0, 0) == 1.0);
    CHECK(l(0, 2) == -2000.0);
    CHECK(std::abs(s(1, 1) - 1.0 / 3) < 1e-16);
    CHECK(std::abs(s.row(0).sum() - 1) < 1e-15);
    const Matrix<double> g = grad(sum(hadamard(t.constant(z / 1000.0), log_softmax(logits))), logits);
    CHECK(g.allFinite());
}

TEST_CASE("convention: bce_with_logits at z from -1e4 to 1e4") {
    Tape<double> t;
    auto logits = t.variable(row<double>({-1e4, 1e4, -1e4, 1e4}));
    auto loss = bce_with_logits(logits, t.constant(row<double>({1, 0, 0, 1})));
    // softplus(−1e4) + 1e4 = 1e4, softplus(1e4) = 1e4, the right answers are free: mean = 5000
    CHECK(loss.value() == 5000.0);
    CHECK(grad(loss, logits) == row<double>({-0.25, 0.25, 0, 0}));  // (σ(z) − y)/4
}

TEST_CASE("convention: elementwise matrix op at element with adjoint 0") {
    // sqrt'(0) = +∞; an element whose output adjoint is 0 contributes 0, not 0·∞ = NaN.
    Tape<double> t;
    auto x = t.variable(row<double>({0, 1, 4}));
    CHECK(grad(sum(hadamard(t.constant(row<double>({0, 1, 1})), sqrt(x))), x) == row<double>({0, 0.5, 0.25}));
}

TEST_CASE("the loss values are the documented formulas") {
    Tape<double> t;
    Matrix<double> p(2, 2), y(2, 2);
    p << 0.5, -1, 2, 0;
    y << 0, 1, 1, 0;
    auto P = t.variable(p);
    auto Y = t.constant(y);
    CHECK(std::abs(mse_loss(P, Y).value() - (0.25 + 4 + 1 + 0) / 4) < 1e-16);
    const double bce = (std::log1p(std::exp(0.5)) + std::log1p(std::exp(-1.0)) + 1 + std::log1p(std::exp(-2.0)) +
                        std::log(2.0)) / 4;  // softplus(z) − y z per element
    CHECK(std::abs(bce_with_logits(P, Y).value() - bce) < 1e-15);
    // rows (0.5, −1) with target class 1 and (2, 0) with target class 0
    const double ce = (std::log(std::exp(0.5) + std::exp(-1.0)) + 1 + std::log(std::exp(2.0) + 1) - 2) / 2;
    CHECK(std::abs(softmax_cross_entropy(P, Y).value() - ce) < 1e-15);
}

}  // namespace matrix_types_test
