#pragma once
/// \file descent.hpp
/// Demos 1–3 (seed 004): gradient descent on J(x) = x² and J(x, y) = x² + sin²(y), and the
/// x² descent with four learning rates side by side. The descent itself is
/// models::minimize() with plain SGD (the loop behind `chainrule descend`); these
/// functions only fix the seeds' functions, starts and stopping rules.

#include "models/contour.hpp"
#include "models/training_loop.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chainrule::demos {

using DescentRun = models::TrainingResult<double>;

/// Plain gradient descent x ← x − η ∇J(x) on `objective` from `start`, stopping as soon
/// as J < loss_below (if given) or after max_steps updates. history[k] is the point
/// after k updates (step 0 is the start).
DescentRun gradient_descent(const models::Objective<double>& objective, std::vector<double> start, double eta,
                            std::optional<double> loss_below, std::size_t max_steps);

/// Demo 1: J(x) = x² from x0 = 1.2 with η = 0.3 until J < 0.01 (seed 004's first table).
DescentRun square_descent(double x0 = 1.2, double eta = 0.3, double loss_below = 0.01);

/// Demo 2: J(x, y) = x² + sin²(y) from (3, 1) with η = 0.1 until J < 0.01 (seed 004's
/// table 2-3).
DescentRun square_sin_descent(double x0 = 3, double y0 = 1, double eta = 0.1, double loss_below = 0.01);
/// x² + sin²(y) in plain doubles, for the contour lines of the picture.
double square_sin(double x, double y);
/// The iterates (x_k, y_k) of a two-variable run, for contour_path_svg().
std::vector<models::Point2> path_of(const DescentRun& run);

/// What a learning rate does to the x² descent, read off the iterates.
enum class Behaviour {
    Diverges,    ///< |x| grows (for x², η > 1: x_k = (1 − 2η)^k x_0)
    Oscillates,  ///< x changes sign at every update and |x| stays the same (η = 1)
    Overshoots,  ///< x jumps across the minimum (sign changes) but |x| shrinks
    Fast,        ///< x keeps its sign and J falls below the target within the run
    Slow,        ///< x keeps its sign but J is still ≥ the target at the end
};
std::string to_string(Behaviour b);

struct RateRun {
    double eta = 0;
    DescentRun run;            ///< a fixed number of updates (no loss bound), to compare
    Behaviour behaviour{};
    std::size_t sign_changes = 0;
    double contraction = 0;    ///< (|x_n| / |x_0|)^(1/n): how much |x| shrinks per update
    std::optional<std::size_t> first_below;  ///< first step with J < target, if any
    std::string explanation;   ///< one sentence with the numbers behind the verdict
};

/// Demo 3: the x² descent from x0 with each η for `steps` updates, each classified from
/// its iterates (sign changes, contraction of |x|, first step with J < target).
std::vector<RateRun> compare_learning_rates(std::span<const double> rates, double x0 = 1.2, std::size_t steps = 10,
                                            double target = 0.01);

/// The classification of one run of x (history of a one-variable descent).
RateRun classify_rate(double eta, DescentRun run, double target);

}  // namespace chainrule::demos
