#pragma once
/// \file xor_network.hpp
/// Demo 5 (seed 000, "实现 XOR"): a 2-3-1 network with sigmoid activations learns XOR by
/// full-batch gradient descent on E = ½ Σ (a − y)² over the four cases, the learning rate
/// and the initial weights drawn at random from a seed. It stops as soon as every output
/// is on the right side of 0.5 (a > 0.5 exactly for the cases with y = 1).

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace chainrule::demos {

/// The 13 parameters, in this order: the hidden layer's weights w[h][i] (hidden neuron
/// h = 0…2, input i = 0, 1) row by row, its biases b[h], the output weights v[h], the
/// output bias c.
inline constexpr std::size_t kXorParameters = 13;
std::string xor_parameter_name(std::size_t k);  ///< "w11" … "w32", "b1" … "b3", "v1" … "v3", "c"

/// The network's output a = σ(Σ_h v_h σ(w_h1 x1 + w_h2 x2 + b_h) + c) for the inputs (x1, x2).
double xor_output(std::span<const double> p, double x1, double x2);
/// The outputs for the four XOR inputs (0,0), (0,1), (1,0), (1,1).
std::array<double, 4> xor_outputs(std::span<const double> p);
/// Every output on the right side of 0.5: a < 0.5 for (0,0), (1,1) and a > 0.5 for the others.
bool xor_solved(const std::array<double, 4>& outputs);

struct XorIteration {
    std::size_t iteration = 0;     ///< updates made (0: the initial weights)
    std::vector<double> weights;   ///< the 13 parameters
    std::array<double, 4> outputs{};
    double loss = 0;               ///< E = ½ Σ (a − y)²
};

struct XorOptions {
    std::uint64_t seed = 0;
    std::size_t max_iterations = 200000;
    /// Called for iteration 0, every `every`-th iteration and the last one (printing).
    std::function<void(const XorIteration&)> on_iteration;
    std::size_t every = 1;
};

struct XorRun {
    std::uint64_t seed = 0;
    double learning_rate = 0;          ///< η uniform in [0.5, 2) from the seed
    std::vector<double> initial;       ///< weights uniform in [−1, 1) from the seed
    XorIteration last;                 ///< where training stopped
    bool solved = false;               ///< false: max_iterations reached first
    double seconds = 0;                ///< wall time of the training loop
};

/// The seed's random draws: first η, then the 13 weights in parameter order.
XorRun xor_initial(std::uint64_t seed);

/// Trains from xor_initial(options.seed): each iteration records E on a fresh tape, runs
/// one reverse sweep and makes one SGD update (models::Sgd) — until xor_solved() holds.
XorRun train_xor(const XorOptions& options);

}  // namespace chainrule::demos
