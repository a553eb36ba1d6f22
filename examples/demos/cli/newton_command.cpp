// Demo 8: Newton's method next to gradient descent; demo 3's verdicts by curvature.
#include "../newton.hpp"
#include "commands.hpp"

#include <fmt/core.h>

#include <array>
#include <string>
#include <vector>

namespace chainrule::demos::cli {

namespace {

std::string update_name(models::NewtonUpdate u) {
    switch (u) {
        case models::NewtonUpdate::None: return "";
        case models::NewtonUpdate::Newton: return "Newton";
        case models::NewtonUpdate::GradientStep: return "gradient step (H not positive definite)";
    }
    return "";
}

// Gradient descent's rows and Newton's side by side, a row per step of the longer run.
void print_side_by_side(const DescentRun& gd, const NewtonRun& newton, const std::vector<std::string>& names) {
    fmt::print("{:>4}", "step");
    for (int side = 0; side < 2; ++side) {
        fmt::print("{}", side ? "  |" : "");
        for (const auto& n : names) fmt::print("  {:>13}", n);
        fmt::print("  {:>13}", "J");
    }
    fmt::print("  {:>3}  update\n", "t");
    const std::size_t rows = std::max(gd.history.size(), newton.history.size());
    for (std::size_t k = 0; k < rows; ++k) {
        fmt::print("{:>4}", k);
        if (k < gd.history.size()) {
            for (double v : gd.history[k].parameters) fmt::print("  {:>13.7g}", v);
            fmt::print("  {:>13.7g}", gd.history[k].loss);
        } else {
            fmt::print("{}", std::string(15 * (names.size() + 1), ' '));
        }
        if (k < newton.history.size()) {
            const auto& s = newton.history[k];
            fmt::print("  |");
            for (double v : s.point.parameters) fmt::print("  {:>13.7g}", v);
            fmt::print("  {:>13.7g}", s.point.loss);
            if (k > 0) fmt::print("  {:>3g}  {}", s.step_length, update_name(s.update));
        }
        fmt::print("\n");
    }
    fmt::print("J < 0.01: gradient descent after {} updates, Newton's method after {}.\n", gd.updates(), newton.updates());
}

}  // namespace

void run_newton(const DemoArgs&) {
    heading("Demo 8: Newton's method next to gradient descent (seed 004's functions)");
    fmt::print("Newton: x <- x - t H^-1 grad J, the Hessian H from the tape (forward-over-reverse); t = 1 first,\n"
               "halved until J falls enough (Armijo); where H is not positive definite, a gradient step (-grad J)\n"
               "instead. Both stop as soon as J < 0.01. The same runs: chainrule descend 'x^2' --from x=1.2\n"
               "--method newton --until 'J < 0.01', chainrule descend 'x^2 + sin(y)^2' --from 'x=3, y=1' --method newton ...\n\n");
    fmt::print("J(x) = x^2 from x0 = 1.2: gradient descent (eta = 0.3) | Newton's method\n");
    print_side_by_side(square_descent(), square_newton(), {"x"});
    fmt::print("One Newton step: x1 = x0 - J'(x0)/J''(x0) = 1.2 - 2.4/2 = 0, the minimum (J is quadratic).\n\n");
    fmt::print("J(x, y) = x^2 + sin^2(y) from (3, 1): gradient descent (eta = 0.1) | Newton's method\n");
    const NewtonRun newton = square_sin_newton();
    print_side_by_side(square_sin_descent(), newton, {"x", "y"});
    const std::vector<double> e = models::symmetric_eigenvalues(newton.history.front().hessian);
    fmt::print("At (3, 1), H = diag(2, 2 cos 2) has eigenvalues {:.4g} and {:.4g}: not positive definite, so the\n"
               "first update is a gradient step (t = 1: to (-3, 1 - sin 2)); from there H is positive definite and\n"
               "Newton's steps give x = 0 and y -> y - tan(2y)/2 ~ -(4/3) y^3.\n",
               e.front(), e.back());
}

void print_curvature_verdicts() {
    fmt::print("\nThe verdicts explained by the curvature: J'' = 2 (from the tape's Hessian), and one update is\n"
               "x <- x - eta J'(x) = (1 - eta J'') x, so eta*J'' decides (eta = 0.5 and 1.1 added):\n\n");
    constexpr std::array<double, 6> rates{1.1, 1.0, 0.8, 0.5, 0.4, 0.1};
    fmt::print("{:>5}  {:>7}  {:>11}  {:<12}  {}\n", "eta", "eta*J''", "1 - eta*J''", "verdict", "what eta*J'' predicts");
    for (const CurvatureVerdict& v : learning_rates_by_curvature(rates))
        fmt::print("{:>5.1f}  {:>7.1f}  {:>11.1f}  {:<12}  {}\n", v.rate.eta, v.eta_curvature, 1 - v.eta_curvature,
                   to_string(v.rate.behaviour), v.prediction);
}

}  // namespace chainrule::demos::cli
