// Demo 7: linear regression three ways (seed 004).
#include "../linear_regression.hpp"
#include "commands.hpp"

#include <fmt/core.h>

namespace chainrule::demos::cli {

void run_regression(const DemoArgs&) {
    heading("Demo 7: linear regression z = w x + b three ways (seed 004)");
    fmt::print("data (y = 2x + 3 + a fixed noise of +-0.1, +-0.2):\n");
    for (const Sample& s : kRegressionData) fmt::print("  ({:.1f}, {:.1f})", s.x, s.y);
    fmt::print("\n\n");
    const Line ls = least_squares(kRegressionData);
    const DescentFit gd = gradient_descent_fit(kRegressionData);
    const Line nn = neuron_fit(kRegressionData);
    fmt::print("{:<58} {:>12} {:>12} {:>14}\n", "method", "w", "b", "J");
    fmt::print("{:<58} {:>12.8f} {:>12.8f} {:>14.10f}\n", "least squares (closed form, seed formulas 4 and 5)", ls.w,
               ls.b, regression_loss(kRegressionData, ls));
    fmt::print("{:<58} {:>12.8f} {:>12.8f} {:>14.10f}\n",
               fmt::format("gradient descent on J, eta = 1, {} updates", gd.updates), gd.line.w, gd.line.b, gd.loss);
    fmt::print("{:<58} {:>12.8f} {:>12.8f} {:>14.10f}\n", "one neuron, SGD per sample, eta = 0.1, 1000 epochs",
               nn.w, nn.b, regression_loss(kRegressionData, nn));
    fmt::print("\nJ = 1/(2m) sum (w x_i + b - y_i)^2. Gradient descent converges to the closed form; the neuron, "
               "updated one sample at a time with a constant step, ends near it.\n");
}

}  // namespace chainrule::demos::cli
