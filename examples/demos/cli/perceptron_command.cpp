// Demo 4: the seed 000 AND perceptron — its truth table, then perceptron training.
#include "../perceptron.hpp"
#include "commands.hpp"

#include <fmt/core.h>

#include <cmath>

namespace chainrule::demos::cli {

namespace {

void print_truth_table(const Perceptron& p) {
    fmt::print("{:>3} {:>3}  {:>9}  {:>4}  {:>7}\n", "x1", "x2", "z", "f(z)", "x1 AND x2");
    for (const TruthRow& r : truth_table(p))
        fmt::print("{:>3g} {:>3g}  {:>9.4g}  {:>4}  {:>7}\n", r.x1, r.x2, r.z, r.output, r.target);
}

void print_line(const Perceptron& p) {
    fmt::print("separating line: {:.6g}·x1 {} {:.6g}·x2 {} {:.6g} = 0", p.w1, p.w2 < 0 ? '-' : '+', std::abs(p.w2),
               p.b < 0 ? '-' : '+', std::abs(p.b));
    if (p.w2 != 0) fmt::print(", i.e. x2 = {:.6g}·x1 {} {:.6g}", -p.w1 / p.w2, -p.b / p.w2 < 0 ? '-' : '+', std::abs(p.b / p.w2));
    fmt::print("\n");
}

}  // namespace

void run_perceptron(const DemoArgs& args) {
    heading("Demo 4: the AND gate as a perceptron (seed 000)");
    fmt::print("w = (0.5, 0.5), b = -0.8, f(z) = 1 if z >= 0 else 0, z = w1 x1 + w2 x2 + b:\n\n");
    print_truth_table({0.5, 0.5, -0.8});

    fmt::print("\nPerceptron training (Rosenblatt's rule w += eta (y - f(z)) x, b += eta (y - f(z))), "
               "eta = 0.1, from random weights:\n");
    const PerceptronTraining t = train_perceptron(announce_seed(args.seed));
    fmt::print("start: w1 = {:.6g}, w2 = {:.6g}, b = {:.6g}\n", t.start.w1, t.start.w2, t.start.b);
    for (const PerceptronEpoch& e : t.epochs)
        fmt::print("epoch {:>3}: {} mistake(s) -> w1 = {:.6g}, w2 = {:.6g}, b = {:.6g}\n", e.epoch, e.errors, e.after.w1,
                   e.after.w2, e.after.b);
    fmt::print("{} after {} epochs.\n", t.separated ? "Separated" : "NOT separated", t.epochs.size());
    print_line(t.result());
    print_truth_table(t.result());
}

}  // namespace chainrule::demos::cli
