#include "perceptron.hpp"

#include "graph/tape.hpp"
#include "graph/var_functions.hpp"
#include "random.hpp"

namespace chainrule::demos {

std::vector<TruthRow> truth_table(const Perceptron& p) {
    std::vector<TruthRow> rows;
    for (const GateCase& c : kAndGate) {
        Tape<double> tape;
        const auto z = p.w1 * tape.constant(c.x1) + p.w2 * tape.constant(c.x2) + p.b;
        rows.push_back({c.x1, c.x2, z.value(), int(step(z).value()), c.target});
    }
    return rows;
}

namespace {

int predict(const Perceptron& p, const GateCase& c) { return p.w1 * c.x1 + p.w2 * c.x2 + p.b >= 0 ? 1 : 0; }

// One pass over the four cases with the perceptron rule; returns the mistakes made.
std::size_t perceptron_epoch(Perceptron& p, double eta) {
    std::size_t errors = 0;
    for (const GateCase& c : kAndGate) {
        const int delta = c.target - predict(p, c);
        if (delta == 0) continue;
        ++errors;
        p.w1 += eta * delta * c.x1;
        p.w2 += eta * delta * c.x2;
        p.b += eta * delta;
    }
    return errors;
}

}  // namespace

PerceptronTraining train_perceptron(std::uint64_t seed, double eta, std::size_t max_epochs) {
    Random random(seed);
    const double w1 = random.uniform(-1, 1), w2 = random.uniform(-1, 1), b = random.uniform(-1, 1);
    PerceptronTraining t = train_perceptron_from({w1, w2, b}, eta, max_epochs);
    t.seed = seed;
    return t;
}

PerceptronTraining train_perceptron_from(const Perceptron& start, double eta, std::size_t max_epochs) {
    PerceptronTraining t;
    t.eta = eta;
    t.start = start;
    Perceptron p = start;
    for (std::size_t e = 1; e <= max_epochs && !t.separated; ++e) {
        const std::size_t errors = perceptron_epoch(p, eta);
        t.epochs.push_back({e, p, errors});
        t.separated = errors == 0;
    }
    return t;
}

}  // namespace chainrule::demos
