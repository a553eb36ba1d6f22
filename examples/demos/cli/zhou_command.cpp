// Demo 6: Victor Zhou's 2-2-1 network of seed 003, trained on Alice, Bob, Charlie, Diana.
#include "../zhou_network.hpp"
#include "commands.hpp"

#include "models/svg_plot.hpp"

#include <fmt/core.h>

namespace chainrule::demos::cli {

namespace {

void print_parameters(const char* label, const ZhouParameters& p) {
    fmt::print("{}: w1..w6 = {:.4f} {:.4f} {:.4f} {:.4f} {:.4f} {:.4f}, b1..b3 = {:.4f} {:.4f} {:.4f}\n", label, p[0],
               p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
}

std::string loss_curve(const ZhouRun& run) {
    models::Series s{"MSE", {}, {}};
    for (const ZhouLoss& l : run.losses) {
        s.x.push_back(double(l.epoch));
        s.y.push_back(l.mse);
    }
    models::PlotOptions options;
    options.title = "Zhou's network (seed 003): MSE every 10 epochs";
    options.x_label = "epoch";
    options.y_label = "MSE";
    return models::loss_curve_svg(std::span<const models::Series>(&s, 1), options);
}

}  // namespace

void run_zhou(const DemoArgs& args) {
    heading("Demo 6: Victor Zhou's 2-2-1 network (seed 003)");
    fmt::print("Alice (-2,-1) -> 1, Bob (25,6) -> 0, Charlie (17,4) -> 0, Diana (-15,-6) -> 1 "
               "(weight - 135 lb, height - 66 in; 1 = female).\n"
               "Parameters from N(0, 1); per person L = (y_true - y_pred)^2 and one SGD update, eta = 0.1, 1000 epochs.\n");
    const ZhouParameters initial = zhou_initial(announce_seed(args.seed));
    print_parameters("initial", initial);
    const ZhouRun run = train_zhou(initial);
    for (const ZhouLoss& l : run.losses) fmt::print("Epoch {} loss: {:.3f}\n", l.epoch, l.mse);
    print_parameters("trained", run.final);
    for (const Person& p : kZhouNewcomers) {
        const double y = zhou_feedforward(run.final, p.weight, p.height);
        const bool right = (y > 0.5) == (p.gender == 1);
        fmt::print("{}: {:.3f} - {} ({}, expected {})\n", p.name, y, y > 0.5 ? "F" : "M", right ? "right" : "WRONG",
                   p.gender == 1 ? "F" : "M");
    }
    write_svg(args.svg, loss_curve(run));
}

}  // namespace chainrule::demos::cli
