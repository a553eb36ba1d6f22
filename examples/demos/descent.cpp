#include "descent.hpp"

#include "graph/var_functions.hpp"
#include "models/optimizers.hpp"

#include <fmt/format.h>

#include <cmath>

namespace chainrule::demos {

namespace {
// The seeds' objectives, recorded on the tape minimize() hands over.
Var<double> square(Tape<double>&, std::span<const Var<double>> p) { return pow(p[0], 2); }
Var<double> square_plus_sin_squared(Tape<double>&, std::span<const Var<double>> p) {
    return pow(p[0], 2) + pow(sin(p[1]), 2);
}
}  // namespace

DescentRun gradient_descent(const models::Objective<double>& objective, std::vector<double> start, double eta,
                            std::optional<double> loss_below, std::size_t max_steps) {
    models::Sgd<double> sgd(eta);
    models::TrainingOptions<double> options;
    options.stop.loss_below = loss_below;
    options.stop.max_steps = max_steps;
    return models::minimize<double>(objective, std::move(start), sgd, options);
}

DescentRun square_descent(double x0, double eta, double loss_below) {
    return gradient_descent(square, {x0}, eta, loss_below, 1000);
}

DescentRun square_sin_descent(double x0, double y0, double eta, double loss_below) {
    return gradient_descent(square_plus_sin_squared, {x0, y0}, eta, loss_below, 1000);
}

double square_sin(double x, double y) { return x * x + std::sin(y) * std::sin(y); }

std::vector<models::Point2> path_of(const DescentRun& run) {
    std::vector<models::Point2> path;
    for (const auto& s : run.history) path.push_back({s.parameters.at(0), s.parameters.at(1)});
    return path;
}

std::string to_string(Behaviour b) {
    switch (b) {
        case Behaviour::Diverges: return "divergence";
        case Behaviour::Oscillates: return "oscillation";
        case Behaviour::Overshoots: return "overshoot";
        case Behaviour::Fast: return "fast";
        case Behaviour::Slow: return "slow";
    }
    return "?";
}

namespace {

// The sentence behind a verdict, with the numbers it was read from.
std::string explain(const RateRun& r, double target) {
    const double x0 = r.run.history.front().parameters[0];
    const auto& last = r.run.last();
    const std::string reach = r.first_below ? fmt::format("J < {:g} after {} updates", target, *r.first_below)
                                            : fmt::format("J = {:.4g} after {} updates, still >= {:g}", last.loss,
                                                          last.step, target);
    switch (r.behaviour) {
        case Behaviour::Diverges:
            return fmt::format("{}|x| grows by a factor {:.3g} per update ({:g} -> {:.4g}): J = {:.4g} after {} updates "
                               "and rising without bound",
                               r.sign_changes == last.step ? "x changes sign at every update and " : "",
                               r.contraction, x0, last.parameters[0], last.loss, last.step);
        case Behaviour::Oscillates:
            return fmt::format("x changes sign at every update and |x| stays {:g} (factor {:.3g} per update): "
                               "J never falls",
                               std::abs(last.parameters[0]), r.contraction);
        case Behaviour::Overshoots:
            return fmt::format("x jumps across the minimum ({} sign changes) while |x| shrinks by a factor {:.3g} "
                               "per update; {}",
                               r.sign_changes, r.contraction, reach);
        case Behaviour::Fast:
        case Behaviour::Slow:
            return fmt::format("x keeps its sign ({:g} -> {:.4g}), |x| shrinks by a factor {:.3g} per update; {}", x0,
                               last.parameters[0], r.contraction, reach);
    }
    return {};
}

}  // namespace

RateRun classify_rate(double eta, DescentRun run, double target) {
    RateRun r;
    r.eta = eta;
    r.run = std::move(run);
    const auto& h = r.run.history;
    for (std::size_t k = 0; k < h.size(); ++k) {
        if (k > 0 && h[k].parameters[0] * h[k - 1].parameters[0] < 0) ++r.sign_changes;
        if (!r.first_below && h[k].loss < target) r.first_below = k;
    }
    const std::size_t n = h.size() - 1;
    const double x0 = std::abs(h.front().parameters[0]), xn = std::abs(h.back().parameters[0]);
    r.contraction = n == 0 ? 1.0 : std::pow(xn / x0, 1.0 / double(n));
    // |x| "does not shrink" up to rounding: a relative 1e-9 covers the last bits of n updates.
    const bool shrinking = xn < x0 * (1 - 1e-9);
    const bool growing = xn > x0 * (1 + 1e-9);
    if (growing)
        r.behaviour = Behaviour::Diverges;
    else if (r.sign_changes == n && n > 0 && !shrinking)
        r.behaviour = Behaviour::Oscillates;
    else if (r.sign_changes > 0)
        r.behaviour = Behaviour::Overshoots;
    else
        r.behaviour = r.first_below ? Behaviour::Fast : Behaviour::Slow;
    r.explanation = explain(r, target);
    return r;
}

std::vector<RateRun> compare_learning_rates(std::span<const double> rates, double x0, std::size_t steps,
                                            double target) {
    std::vector<RateRun> out;
    for (double eta : rates)
        out.push_back(classify_rate(eta, gradient_descent(square, {x0}, eta, std::nullopt, steps), target));
    return out;
}

}  // namespace chainrule::demos
