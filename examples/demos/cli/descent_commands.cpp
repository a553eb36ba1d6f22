// Demos 1–3: the seed 004 descent tables and the learning-rate comparison.
#include "../descent.hpp"
#include "commands.hpp"

#include "models/svg_plot.hpp"

#include <fmt/core.h>

#include <array>

namespace chainrule::demos::cli {

namespace {

// step, the coordinates, J and the gradient, 12 decimals as the reference tables.
void print_table(const DescentRun& run, const std::vector<std::string>& names) {
    fmt::print("{:>4}", "step");
    for (const auto& n : names) fmt::print("  {:>15}", n);
    fmt::print("  {:>15}", "J");
    for (const auto& n : names) fmt::print("  {:>15}", "dJ/d" + n);
    fmt::print("\n");
    for (const auto& s : run.history) {
        fmt::print("{:>4}", s.step);
        for (double v : s.parameters) fmt::print("  {:>15.12f}", v);
        fmt::print("  {:>15.12f}", s.loss);
        for (double g : s.gradient) fmt::print("  {:>15.12f}", g);
        fmt::print("\n");
    }
    fmt::print("Stopped after {} updates: J = {:.12f} ({}).\n", run.updates(), run.last().loss,
               models::to_string(run.reason));
}

}  // namespace

void run_square(const DemoArgs&) {
    heading("Demo 1: gradient descent on J(x) = x^2 (seed 004)");
    fmt::print("x0 = 1.2, eta = 0.3, stop as soon as J < 0.01; step 0 is the start.\n"
               "(The same table: chainrule descend 'x^2' --from x=1.2 --lr 0.3 --until 'J < 0.01')\n\n");
    print_table(square_descent(), {"x"});
}

void run_square_sin(const DemoArgs& args) {
    heading("Demo 2: gradient descent on J(x, y) = x^2 + sin^2(y) (seed 004)");
    fmt::print("(x0, y0) = (3, 1), eta = 0.1, grad J = (2x, 2 sin y cos y), stop as soon as J < 0.01.\n\n");
    const DescentRun run = square_sin_descent();
    print_table(run, {"x", "y"});
    models::ContourPlotOptions options;
    options.plot.title = "x² + sin²(y): gradient descent from (3, 1), η = 0.1";
    const auto path = path_of(run);
    write_svg(args.svg, models::contour_path_svg(square_sin, path, options));
}

void run_learning_rates(const DemoArgs& args) {
    heading("Demo 3: learning rates on J(x) = x^2, x0 = 1.2, 10 updates each (seed 004)");
    constexpr std::array<double, 4> rates{1.0, 0.8, 0.4, 0.1};
    const std::vector<RateRun> runs = compare_learning_rates(rates);
    fmt::print("{:>4}", "");
    for (const RateRun& r : runs) fmt::print("  {:^21}", fmt::format("eta = {:.1f}", r.eta));
    fmt::print("\n{:>4}", "step");
    for (std::size_t i = 0; i < runs.size(); ++i) fmt::print("  {:>10} {:>10}", "x", "J");
    fmt::print("\n");
    for (std::size_t k = 0; k < runs.front().run.history.size(); ++k) {
        fmt::print("{:>4}", k);
        for (const RateRun& r : runs)
            fmt::print("  {:>10.6f} {:>10.3e}", r.run.history[k].parameters[0], r.run.history[k].loss);
        fmt::print("\n");
    }
    fmt::print("\n");
    std::vector<models::Series> curves;
    for (const RateRun& r : runs) {
        fmt::print("eta = {:.1f}: {} — {}.\n", r.eta, to_string(r.behaviour), r.explanation);
        models::Series s{fmt::format("η = {:.1f}: {}", r.eta, to_string(r.behaviour)), {}, {}};
        for (const auto& step : r.run.history) {
            s.x.push_back(double(step.step));
            s.y.push_back(step.parameters[0]);
        }
        curves.push_back(std::move(s));
    }
    print_curvature_verdicts();
    models::PlotOptions options;
    options.title = "x² descent from x0 = 1.2 with four learning rates";
    options.y_label = "x";
    write_svg(args.svg, models::loss_curve_svg(curves, options));
}

}  // namespace chainrule::demos::cli
