#pragma once
/// \file linear_regression.hpp
/// Demo 7 (seed 004, "线性回归"): fit z = w·x + b three ways on the same data — least
/// squares in closed form (the seed's formulas 4 and 5), gradient descent on the seed's
/// J = 1/(2m) Σ (z_i − y_i)², and a one-neuron network trained sample by sample on
/// loss_i = ½ (z_i − y_i)² (the seed's "neural network method").
///
/// Seed 004 gives the method but not its data (its book loads a file), so the data set is
/// our own, small and documented: ten points on y = 2x + 3 with a fixed ±0.1/±0.2 noise.

#include <array>
#include <cstddef>
#include <span>

namespace chainrule::demos {

struct Sample {
    double x, y;
};

/// x = 0.1, 0.2, …, 1.0; y = 2x + 3 + noise with noise = +0.1, −0.1, +0.2, −0.2, … (repeating
/// +0.1, −0.1, +0.2, −0.2), so Σ noise = 0.
inline constexpr std::array<Sample, 10> kRegressionData{{{0.1, 3.3}, {0.2, 3.3}, {0.3, 3.8}, {0.4, 3.6},
                                                          {0.5, 4.1}, {0.6, 4.1}, {0.7, 4.6}, {0.8, 4.4},
                                                          {0.9, 4.9}, {1.0, 4.9}}};

struct Line {
    double w = 0, b = 0;
};

/// Least squares, seed 004 formulas (4) and (5):
/// \f[ w = \frac{m\sum x_i y_i - \sum x_i \sum y_i}{m \sum x_i^2 - (\sum x_i)^2}, \qquad
///     b = \frac1m \sum (y_i - w x_i). \f]
Line least_squares(std::span<const Sample> data);

/// The seed's J = 1/(2m) Σ (w x_i + b − y_i)² at (w, b).
double regression_loss(std::span<const Sample> data, const Line& line);

struct DescentFit {
    Line line;
    std::size_t updates = 0;
    double loss = 0;
};

/// Full-batch gradient descent on J from (0, 0) (models::minimize, plain SGD, J through
/// models::mean_squared_error) until ‖∇J‖ < gradient_below or max_steps updates.
DescentFit gradient_descent_fit(std::span<const Sample> data, double eta = 1.0, double gradient_below = 1e-12,
                                std::size_t max_steps = 100000);

/// One linear neuron z = w x + b from (0, 0), one SGD update per sample on ½ (z − y)²
/// (models::squared_loss), samples in order, for `epochs` passes. A constant step over
/// single samples ends near the least-squares line, not on it.
Line neuron_fit(std::span<const Sample> data, double eta = 0.1, std::size_t epochs = 1000);

}  // namespace chainrule::demos
