#include "descent_plot.hpp"

#include "../models/svg_plot.hpp"
#include "constants.hpp"
#include "recorder.hpp"

#include <array>
#include <span>

namespace chainrule::lang {

namespace {

std::string loss_curve(const Descent& run, std::string_view title) {
    models::Series s;
    for (const DescentStep& step : run.steps) {
        s.x.push_back(double(step.step));
        s.y.push_back(static_cast<double>(step.value));
    }
    models::PlotOptions o;
    o.title = std::string(title);
    return models::loss_curve_svg(std::span<const models::Series>(&s, 1), o);
}

std::string contour_path(const ExprNode& expression, const Source& source, const Descent& run, std::string_view title) {
    // J recorded once on a 50-digit tape, then replayed in double at each grid point.
    Tape<Real> tape;
    const std::array<Var<Real>, 2> x{tape.variable(run.steps[0].point[0]), tape.variable(run.steps[0].point[1])};
    const Var<Real> J = record_expression(tape, bind_constants(expression, run.names), source, [&](const ExprNode& n) {
        return n.text == run.names[0] ? x[0] : x[1];  // the run succeeded: every name is one of the two
    });
    const auto f = [&](double a, double b) {
        const std::array<double, 2> at{a, b};
        return replay_values<double>(tape, std::span<const double>(at))[J.index()];
    };
    std::vector<models::Point2> path;
    for (const DescentStep& s : run.steps)
        path.push_back({static_cast<double>(s.point[0]), static_cast<double>(s.point[1])});
    models::ContourPlotOptions o;
    o.plot.title = std::string(title);
    o.plot.x_label = run.names[0];
    o.plot.y_label = run.names[1];
    return models::contour_path_svg(f, path, o);
}

}  // namespace

std::string descent_plot_svg(const ExprNode& expression, const Source& source, const Descent& run,
                             std::string_view title) {
    if (run.names.size() == 2) return contour_path(expression, source, run, title);
    return loss_curve(run, title);
}

}  // namespace chainrule::lang
