#include "zhou_network.hpp"

#include "ops/scalar_math.hpp"
#include "graph/var_functions.hpp"
#include "models/optimizers.hpp"
#include "models/training_loop.hpp"
#include "random.hpp"

namespace chainrule::demos {

namespace {

// o1, generic in S = double or Var<double>; p = w1 … w6, b1, b2, b3.
template <class S>
S forward(std::span<const S> p, double x1, double x2) {
    using chainrule::sigmoid;
    using chainrule::math::sigmoid;
    const S h1 = sigmoid(p[0] * x1 + p[1] * x2 + p[6]);
    const S h2 = sigmoid(p[2] * x1 + p[3] * x2 + p[7]);
    return sigmoid(p[4] * h1 + p[5] * h2 + p[8]);
}

// The seed's per-sample objective L = (y_true − y_pred)² (no ½: ∂L/∂y_pred = −2(y − y_pred)).
models::Objective<double> sample_loss(const Person& person) {
    return [&person](Tape<double>&, std::span<const Var<double>> p) {
        return pow(person.gender - forward(p, person.weight, person.height), 2);
    };
}

}  // namespace

ZhouParameters zhou_initial(std::uint64_t seed) {
    Random random(seed);
    ZhouParameters p{};
    for (double& x : p) x = random.normal();
    return p;
}

double zhou_feedforward(const ZhouParameters& p, double x1, double x2) {
    return forward(std::span<const double>(p), x1, x2);
}

double zhou_mse(const ZhouParameters& p) {
    double sum = 0;
    for (const Person& q : kZhouPeople) {
        const double e = q.gender - zhou_feedforward(p, q.weight, q.height);
        sum += e * e;
    }
    return sum / double(kZhouPeople.size());
}

std::vector<double> zhou_sample_gradient(const ZhouParameters& p, const Person& person) {
    return models::evaluate<double>(sample_loss(person), std::span<const double>(p)).gradient;
}

ZhouRun train_zhou(const ZhouParameters& initial, double eta, std::size_t epochs, std::size_t report_every) {
    ZhouRun run{initial, initial, {}};
    models::Sgd<double> sgd(eta);
    for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
        for (const Person& person : kZhouPeople) {
            const std::vector<double> g = zhou_sample_gradient(run.final, person);
            sgd.step(std::span<double>(run.final), std::span<const double>(g));
        }
        if (report_every > 0 && epoch % report_every == 0) run.losses.push_back({epoch, zhou_mse(run.final)});
    }
    return run;
}

}  // namespace chainrule::demos
