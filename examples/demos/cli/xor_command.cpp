// Demo 5: XOR with a 2-3-1 sigmoid network (seed 000), weights and outputs per iteration.
#include "../xor_network.hpp"
#include "commands.hpp"

#include <fmt/core.h>

namespace chainrule::demos::cli {

namespace {

void print_header() {
    fmt::print("{:>7}", "iter");
    for (std::size_t k = 0; k < kXorParameters; ++k) fmt::print(" {:>7}", xor_parameter_name(k));
    fmt::print(" | {:>6} {:>6} {:>6} {:>6} | {:>8}\n", "a(0,0)", "a(0,1)", "a(1,0)", "a(1,1)", "E");
}

void print_iteration(const XorIteration& it) {
    fmt::print("{:>7}", it.iteration);
    for (double w : it.weights) fmt::print(" {:>7.3f}", w);
    fmt::print(" | {:>6.4f} {:>6.4f} {:>6.4f} {:>6.4f} | {:>8.6f}\n", it.outputs[0], it.outputs[1], it.outputs[2],
               it.outputs[3], it.loss);
}

}  // namespace

void run_xor(const DemoArgs& args) {
    heading("Demo 5: XOR with a 2-3-1 sigmoid network (seed 000)");
    XorOptions options;
    options.seed = announce_seed(args.seed);
    options.every = args.every;
    options.max_iterations = args.max_iterations;
    options.on_iteration = print_iteration;
    const XorRun preview = xor_initial(options.seed);
    fmt::print("learning rate eta = {:.6f} (random in [0.5, 2)), weights random in [-1, 1); full-batch gradient "
               "descent on E = 1/2 sum (a - y)^2, until every output is on the right side of 0.5.\n",
               preview.learning_rate);
    fmt::print("Hidden h_k = sigmoid(w_k1 x1 + w_k2 x2 + b_k), output a = sigmoid(v1 h1 + v2 h2 + v3 h3 + c); "
               "printing every {} iteration(s).\n\n",
               args.every);
    print_header();
    const XorRun run = train_xor(options);
    fmt::print("\n{} after {} iterations in {:.3f} ms (eta = {:.6f}, seed {}).\n",
               run.solved ? "All four outputs on the right side of 0.5" : "NOT solved (stopped at --max-iterations)",
               run.last.iteration, 1000 * run.seconds, run.learning_rate, run.seed);
    fmt::print("outputs: (0,0) -> {:.4f}, (0,1) -> {:.4f}, (1,0) -> {:.4f}, (1,1) -> {:.4f}\n", run.last.outputs[0],
               run.last.outputs[1], run.last.outputs[2], run.last.outputs[3]);
}

}  // namespace chainrule::demos::cli
