#include "linear_regression.hpp"

#include "graph/var_functions.hpp"
#include "models/losses.hpp"
#include "models/optimizers.hpp"
#include "models/training_loop.hpp"

#include <vector>

namespace chainrule::demos {

Line least_squares(std::span<const Sample> data) {
    double sx = 0, sy = 0, sxy = 0, sxx = 0;
    for (const Sample& s : data) {
        sx += s.x;
        sy += s.y;
        sxy += s.x * s.y;
        sxx += s.x * s.x;
    }
    const double m = double(data.size());
    const double w = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    double residual_sum = 0;
    for (const Sample& s : data) residual_sum += s.y - w * s.x;
    return {w, residual_sum / m};
}

double regression_loss(std::span<const Sample> data, const Line& line) {
    double sum = 0;
    for (const Sample& s : data) sum += (line.w * s.x + line.b - s.y) * (line.w * s.x + line.b - s.y);
    return sum / (2.0 * double(data.size()));
}

DescentFit gradient_descent_fit(std::span<const Sample> data, double eta, double gradient_below,
                                std::size_t max_steps) {
    std::vector<double> ys;
    for (const Sample& s : data) ys.push_back(s.y);
    const auto J = [&](Tape<double>&, std::span<const Var<double>> p) {
        std::vector<Var<double>> z;
        for (const Sample& s : data) z.push_back(p[0] * s.x + p[1]);
        return models::mean_squared_error<double>(z, ys);
    };
    models::Sgd<double> sgd(eta);
    models::TrainingOptions<double> options;
    options.stop.gradient_norm_below = gradient_below;
    options.stop.max_steps = max_steps;
    options.keep_history = false;
    const auto run = models::minimize<double>(J, {0.0, 0.0}, sgd, options);
    return {{run.last().parameters[0], run.last().parameters[1]}, run.updates(), run.last().loss};
}

Line neuron_fit(std::span<const Sample> data, double eta, std::size_t epochs) {
    std::vector<double> p{0.0, 0.0};
    models::Sgd<double> sgd(eta);
    for (std::size_t e = 0; e < epochs; ++e)
        for (const Sample& s : data) {
            const auto loss = [&s](Tape<double>&, std::span<const Var<double>> q) {
                return models::squared_loss(q[0] * s.x + q[1], s.y);
            };
            const auto step = models::evaluate<double>(loss, std::span<const double>(p));
            sgd.step(std::span<double>(p), std::span<const double>(step.gradient));
        }
    return {p[0], p[1]};
}

}  // namespace chainrule::demos
