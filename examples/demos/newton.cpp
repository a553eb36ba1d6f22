#include "newton.hpp"

#include "autodiff/replay.hpp"
#include "autodiff/second_order.hpp"
#include "graph/var_functions.hpp"

#include <fmt/format.h>

#include <cmath>

namespace chainrule::demos {

namespace {
// The seeds' objectives (as in descent.cpp), recorded on the tape the loop hands over.
Var<double> square(Tape<double>&, std::span<const Var<double>> p) { return pow(p[0], 2); }
Var<double> square_plus_sin_squared(Tape<double>&, std::span<const Var<double>> p) {
    return pow(p[0], 2) + pow(sin(p[1]), 2);
}

// J″(x0) of J = x², from the Hessian of the recorded tape.
double square_curvature(double x0) {
    Tape<double> tape;
    const Var<double> x = tape.variable(x0);
    return hessian(pow(x, 2), {x})(0, 0);
}
}  // namespace

NewtonRun newton_method(const models::Objective<double>& objective, const std::vector<double>& start, double loss_below,
                        std::size_t max_steps) {
    models::NewtonOptions<double> options;
    options.stop.loss_below = loss_below;
    options.stop.max_steps = max_steps;
    return models::newton_minimize<double>(objective, start, options);
}

NewtonRun square_newton(double x0, double loss_below) { return newton_method(square, {x0}, loss_below); }

NewtonRun square_sin_newton(double x0, double y0, double loss_below) {
    return newton_method(square_plus_sin_squared, {x0, y0}, loss_below);
}

std::string curvature_prediction(double eta_curvature) {
    const double f = 1 - eta_curvature;  // x_{k+1} = f·x_k
    if (eta_curvature > 2) return fmt::format("> 2: |1 - eta*J''| = {:g} > 1, diverges", std::abs(f));
    if (eta_curvature == 2) return "= 2: x -> -x, oscillates forever";
    if (eta_curvature > 1) return fmt::format("in (1, 2): x -> {:g}x, overshoots but converges", f);
    if (eta_curvature == 1) return "= 1: x -> 0 in one step (the Newton step)";
    if (eta_curvature > 0) return fmt::format("in (0, 1): x -> {:g}x, converges from one side", f);
    return "<= 0: no descent";
}

std::vector<CurvatureVerdict> learning_rates_by_curvature(std::span<const double> rates, double x0, std::size_t steps,
                                                          double target) {
    const double curvature = square_curvature(x0);
    const std::vector<RateRun> runs = compare_learning_rates(rates, x0, steps, target);
    std::vector<CurvatureVerdict> out;
    for (const RateRun& r : runs)
        out.push_back({r, curvature, r.eta * curvature, curvature_prediction(r.eta * curvature)});
    return out;
}

}  // namespace chainrule::demos
