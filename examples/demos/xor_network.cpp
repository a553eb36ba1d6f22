#include "xor_network.hpp"

#include "ops/scalar_math.hpp"
#include "graph/var_functions.hpp"
#include "models/optimizers.hpp"
#include "models/training_loop.hpp"
#include "random.hpp"

#include <chrono>

namespace chainrule::demos {

namespace {

constexpr std::array<std::array<double, 3>, 4> kXor{{{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}}};  // x1, x2, y

// The forward pass, generic in S = double or Var<double> (one code for printing and for
// the tape). Layout: see kXorParameters.
template <class S>
S forward(std::span<const S> p, double x1, double x2) {
    using chainrule::sigmoid;
    using chainrule::math::sigmoid;
    S in = p[12];  // c
    for (std::size_t h = 0; h < 3; ++h) in = in + p[9 + h] * sigmoid(p[2 * h] * x1 + p[2 * h + 1] * x2 + p[6 + h]);
    return sigmoid(in);
}

// E = ½ Σ (a − y)² over the four cases, recorded on the tape minimize()/evaluate() give.
Var<double> xor_loss(Tape<double>&, std::span<const Var<double>> p) {
    Var<double> E = 0.5 * pow(forward(p, kXor[0][0], kXor[0][1]) - kXor[0][2], 2);
    for (std::size_t i = 1; i < 4; ++i) E = E + 0.5 * pow(forward(p, kXor[i][0], kXor[i][1]) - kXor[i][2], 2);
    return E;
}

XorIteration snapshot(std::size_t k, const std::vector<double>& p, double loss) {
    return {k, p, xor_outputs(p), loss};
}

}  // namespace

std::string xor_parameter_name(std::size_t k) {
    if (k < 6) return "w" + std::to_string(k / 2 + 1) + std::to_string(k % 2 + 1);
    if (k < 9) return "b" + std::to_string(k - 5);
    if (k < 12) return "v" + std::to_string(k - 8);
    return "c";
}

double xor_output(std::span<const double> p, double x1, double x2) { return forward(p, x1, x2); }

std::array<double, 4> xor_outputs(std::span<const double> p) {
    std::array<double, 4> a{};
    for (std::size_t i = 0; i < 4; ++i) a[i] = xor_output(p, kXor[i][0], kXor[i][1]);
    return a;
}

bool xor_solved(const std::array<double, 4>& a) { return a[0] < 0.5 && a[1] > 0.5 && a[2] > 0.5 && a[3] < 0.5; }

XorRun xor_initial(std::uint64_t seed) {
    Random random(seed);
    XorRun run;
    run.seed = seed;
    run.learning_rate = random.uniform(0.5, 2.0);
    for (std::size_t k = 0; k < kXorParameters; ++k) run.initial.push_back(random.uniform(-1, 1));
    return run;
}

XorRun train_xor(const XorOptions& options) {
    XorRun run = xor_initial(options.seed);
    const auto started = std::chrono::steady_clock::now();
    models::Sgd<double> sgd(run.learning_rate);
    std::vector<double> p = run.initial;
    for (std::size_t k = 0;; ++k) {
        const models::TrainingStep<double> s = models::evaluate<double>(xor_loss, std::span<const double>(p), k);
        run.last = snapshot(k, p, s.loss);
        run.solved = xor_solved(run.last.outputs);
        const bool stop = run.solved || k >= options.max_iterations;
        if (options.on_iteration && (k == 0 || stop || (options.every > 0 && k % options.every == 0)))
            options.on_iteration(run.last);
        if (stop) break;
        sgd.step(std::span<double>(p), std::span<const double>(s.gradient));
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return run;
}

}  // namespace chainrule::demos
