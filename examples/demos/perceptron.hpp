#pragma once
/// \file perceptron.hpp
/// Demo 4 (seed 000): the AND gate as one perceptron with a step activation — the seed's
/// truth table for w = (0.5, 0.5), b = −0.8 — and Rosenblatt's perceptron rule finding a
/// separating line from random weights.

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace chainrule::demos {

struct Perceptron {
    double w1 = 0, w2 = 0, b = 0;
};

/// The four inputs of a two-input gate and the AND targets, in truth-table order.
struct GateCase {
    double x1, x2;
    int target;
};
inline constexpr std::array<GateCase, 4> kAndGate{{{0, 0, 0}, {0, 1, 0}, {1, 0, 0}, {1, 1, 1}}};

struct TruthRow {
    double x1 = 0, x2 = 0;
    double z = 0;    ///< w1 x1 + w2 x2 + b
    int output = 0;  ///< f(z) = step(z): 1 if z ≥ 0, else 0 (the seed's sgn)
    int target = 0;  ///< x1 AND x2
};

/// The truth table of `p` on the AND inputs, recorded on a tape (step() is the seed's
/// activation, H(0) = 1).
std::vector<TruthRow> truth_table(const Perceptron& p);

struct PerceptronEpoch {
    std::size_t epoch = 0;   ///< 1, 2, …
    Perceptron after;        ///< the weights at the end of the epoch
    std::size_t errors = 0;  ///< misclassified samples seen during the epoch (each caused an update)
};

struct PerceptronTraining {
    std::uint64_t seed = 0;
    double eta = 0;
    Perceptron start;                     ///< w1, w2, b uniform in [−1, 1) from the seed
    std::vector<PerceptronEpoch> epochs;  ///< the last one has 0 errors when separated
    bool separated = false;
    const Perceptron& result() const { return epochs.empty() ? start : epochs.back().after; }
};

/// Rosenblatt's rule (1958), sample by sample in truth-table order:
/// \f[ w_i \leftarrow w_i + \eta\,(y - f(z))\,x_i, \qquad b \leftarrow b + \eta\,(y - f(z)), \f]
/// until an epoch makes no mistake (the perceptron convergence theorem guarantees this for
/// linearly separable data such as AND) or after max_epochs.
PerceptronTraining train_perceptron(std::uint64_t seed, double eta = 0.1, std::size_t max_epochs = 1000);
/// The same rule from a given start (seed 0 in the result).
PerceptronTraining train_perceptron_from(const Perceptron& start, double eta = 0.1, std::size_t max_epochs = 1000);

}  // namespace chainrule::demos
