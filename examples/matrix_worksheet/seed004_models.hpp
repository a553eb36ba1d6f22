#pragma once
// Two models written with matrix nodes, for matrix-form worksheets:
//  - seed 004's one-layer logistic classifier on 3 samples with 2 features,
//    Z = X·W + B, A = Logistic(Z), J = binary cross-entropy (from the logits Z);
//  - seed 004's MNIST network shape, 784-64-16-10 with sigmoid hidden layers and a softmax
//    cross-entropy loss, on one batch of 128 (shapes and formulas only).
#include "chainrule.hpp"

#include <vector>

namespace seed004 {

using chainrule::Matrix;
using chainrule::Tape;
using chainrule::Var;

/// X (3×2), Y (3×1) and the starting W (2×1), B (1×1) of the logistic example.
struct LogisticData {
    Matrix<double> X{{0.5, 1.0}, {1.5, -0.5}, {-1.0, 2.0}};
    Matrix<double> Y{{1.0}, {0.0}, {1.0}};
    Matrix<double> W{{0.2}, {-0.3}};
    Matrix<double> B{{0.1}};
};

/// Records the logistic classifier; returns the loss J.
template <class T>
Var<T> record_logistic(Tape<T>& tape, const LogisticData& d = {}) {
    const auto X = tape.constant(d.X.cast<T>(), "X");
    const auto Y = tape.constant(d.Y.cast<T>(), "Y");
    const auto W = tape.variable(d.W.cast<T>(), "W");
    const auto B = tape.variable(d.B.cast<T>(), "B");
    const auto Z = (X * W + B).named("Z");
    sigmoid(Z).named("A");
    return bce_with_logits(Z, Y).named("J");
}

/// Records the 784-64-16-10 network on one batch of `batch` samples (zeros: only the
/// shapes matter); returns the loss J.
template <class T>
Var<T> record_mnist_shape(Tape<T>& tape, Eigen::Index batch = 128) {
    const auto X = tape.constant(Matrix<T>::Zero(batch, 784), "X");
    const auto Y = tape.constant(Matrix<T>::Zero(batch, 10), "Y");
    const auto W1 = tape.variable(Matrix<T>::Zero(784, 64), "W_1"), B1 = tape.variable(Matrix<T>::Zero(1, 64), "B_1");
    const auto W2 = tape.variable(Matrix<T>::Zero(64, 16), "W_2"), B2 = tape.variable(Matrix<T>::Zero(1, 16), "B_2");
    const auto W3 = tape.variable(Matrix<T>::Zero(16, 10), "W_3"), B3 = tape.variable(Matrix<T>::Zero(1, 10), "B_3");
    const auto Z1 = (X * W1 + B1).named("Z_1");
    const auto A1 = sigmoid(Z1).named("A_1");
    const auto Z2 = (A1 * W2 + B2).named("Z_2");
    const auto A2 = sigmoid(Z2).named("A_2");
    const auto Z3 = (A2 * W3 + B3).named("Z_3");
    return softmax_cross_entropy(Z3, Y).named("J");
}

}  // namespace seed004
