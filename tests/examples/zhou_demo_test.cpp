// Demo 6: Zhou's network (seed 003) against the reference file and against the seed's own
// training loop, transcribed below with its hand-derived partials (no tape).
#include "demos/zhou_network.hpp"

#include <catch2/catch.hpp>

#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace zhou_demo_test {

using namespace chainrule::demos;

namespace {

double sig(double x) { return 1 / (1 + std::exp(-x)); }
double dsig(double x) { return sig(x) * (1 - sig(x)); }

// The seed's OurNeuralNetwork.train(), line for line (d_L_d_ypred = −2(y_true − y_pred), …),
// for `epochs` epochs from p = w1 … w6, b1, b2, b3.
ZhouParameters seed_003_train(ZhouParameters p, double learn_rate, std::size_t epochs) {
    auto& [w1, w2, w3, w4, w5, w6, b1, b2, b3] = p;
    for (std::size_t epoch = 0; epoch < epochs; ++epoch)
        for (const Person& person : kZhouPeople) {
            const double x0 = person.weight, x1 = person.height, y_true = person.gender;
            const double sum_h1 = w1 * x0 + w2 * x1 + b1, h1 = sig(sum_h1);
            const double sum_h2 = w3 * x0 + w4 * x1 + b2, h2 = sig(sum_h2);
            const double sum_o1 = w5 * h1 + w6 * h2 + b3, y_pred = sig(sum_o1);
            const double d_L_d_ypred = -2 * (y_true - y_pred);
            const double d_ypred_d_w5 = h1 * dsig(sum_o1), d_ypred_d_w6 = h2 * dsig(sum_o1);
            const double d_ypred_d_b3 = dsig(sum_o1);
            const double d_ypred_d_h1 = w5 * dsig(sum_o1), d_ypred_d_h2 = w6 * dsig(sum_o1);
            const double d_h1_d_w1 = x0 * dsig(sum_h1), d_h1_d_w2 = x1 * dsig(sum_h1), d_h1_d_b1 = dsig(sum_h1);
            const double d_h2_d_w3 = x0 * dsig(sum_h2), d_h2_d_w4 = x1 * dsig(sum_h2), d_h2_d_b2 = dsig(sum_h2);
            w1 -= learn_rate * d_L_d_ypred * d_ypred_d_h1 * d_h1_d_w1;
            w2 -= learn_rate * d_L_d_ypred * d_ypred_d_h1 * d_h1_d_w2;
            b1 -= learn_rate * d_L_d_ypred * d_ypred_d_h1 * d_h1_d_b1;
            w3 -= learn_rate * d_L_d_ypred * d_ypred_d_h2 * d_h2_d_w3;
            w4 -= learn_rate * d_L_d_ypred * d_ypred_d_h2 * d_h2_d_w4;
            b2 -= learn_rate * d_L_d_ypred * d_ypred_d_h2 * d_h2_d_b2;
            w5 -= learn_rate * d_L_d_ypred * d_ypred_d_w5;
            w6 -= learn_rate * d_L_d_ypred * d_ypred_d_w6;
            b3 -= learn_rate * d_L_d_ypred * d_ypred_d_b3;
        }
    return p;
}

}  // namespace

TEST_CASE("demo 6: the seed's feedforward examples") {
    // ../shared/reference/seed-003-004-cases.md: every neuron w = [0, 1], b = 0, x = [2, 3]:
    // h1 = h2 = σ(3), o1 = σ(h2) = 0.7216325609518422.
    const ZhouParameters p{0, 1, 0, 1, 0, 1, 0, 0, 0};
    CHECK(zhou_feedforward(p, 2, 3) == Approx(0.7216325609518422).epsilon(1e-15));
    // All weights 1, biases 0, Alice (−2, −1): y_pred = 0.523695174084.
    const ZhouParameters ones{1, 1, 1, 1, 1, 1, 0, 0, 0};
    CHECK(zhou_feedforward(ones, -2, -1) == Approx(0.523695174084).margin(5e-13));
}

TEST_CASE("demo 6: Alice's gradient with all weights 1 and biases 0, as the reference") {
    // Reference: ∂L/∂y_pred = −0.952609651832, ∂y_pred/∂h1 = w5 σ'(sum_o1) = 0.249438538725,
    // ∂h1/∂w1 = x1 σ'(sum_h1) = −0.090353319462, ∂L/∂w1 = 0.021469535266 (their product).
    const ZhouParameters ones{1, 1, 1, 1, 1, 1, 0, 0, 0};
    const std::vector<double> g = zhou_sample_gradient(ones, kZhouPeople[0]);
    REQUIRE(g.size() == 9);
    CHECK(g[0] == Approx(0.021469535266).margin(5e-13));  // w1
    CHECK(g[2] == Approx(0.021469535266).margin(5e-13));  // w3: h2 is h1's twin here
    // ∂L/∂w2 = ∂L/∂w1 · x2/x1 = ∂L/∂w1 / 2 (x = (−2, −1));  ∂L/∂b1 = ∂L/∂w1 / x1.
    CHECK(g[1] == Approx(0.021469535266 / 2).margin(5e-13));
    CHECK(g[6] == Approx(0.021469535266 / -2).margin(5e-13));
    // ∂L/∂b3 = ∂L/∂y_pred · σ'(sum_o1) = −0.952609651832 · 0.249438538725 (w5 = 1).
    CHECK(g[8] == Approx(-0.952609651832 * 0.249438538725).margin(5e-12));
}

TEST_CASE("demo 6: training is the seed's loop — one epoch and 1000 epochs, parameter for parameter") {
    const ZhouParameters start = zhou_initial(3);
    const ZhouRun one = train_zhou(start, 0.1, 1);
    const ZhouParameters by_hand = seed_003_train(start, 0.1, 1);
    for (std::size_t k = 0; k < 9; ++k) CHECK(one.final[k] == Approx(by_hand[k]).margin(1e-12));
    // The first reported loss is the MSE after epoch 0, (1/4) Σ (y_true − y_pred)².
    REQUIRE(one.losses.size() == 1);
    double mse = 0;
    for (const Person& q : kZhouPeople) mse += std::pow(q.gender - zhou_feedforward(by_hand, q.weight, q.height), 2) / 4;
    CHECK(one.losses[0].epoch == 0);
    CHECK(one.losses[0].mse == Approx(mse).margin(1e-12));

    const ZhouRun full = train_zhou(start);
    const ZhouParameters full_by_hand = seed_003_train(start, 0.1, 1000);
    for (std::size_t k = 0; k < 9; ++k) CHECK(full.final[k] == Approx(full_by_hand[k]).margin(1e-8));
    REQUIRE(full.losses.size() == 100);  // epochs 0, 10, …, 990
    CHECK(full.losses.back().epoch == 990);
}

TEST_CASE("demo 6: the seed's MSE of a network that always says 0 is 0.5") {
    // A huge negative output bias makes y_pred ≈ 0 for everyone: MSE = (1 + 0 + 0 + 1)/4.
    const ZhouParameters zero{0, 0, 0, 0, 0, 0, 0, 0, -100};
    CHECK(zhou_mse(zero) == Approx(0.5).epsilon(1e-12));
}

TEST_CASE("demo 6: after 1000 epochs Emily is female (> 0.5) and Frank male (< 0.5), and seeds repeat") {
    for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        INFO("seed " << seed);
        const ZhouParameters start = zhou_initial(seed);
        CHECK(start == zhou_initial(seed));
        const ZhouRun run = train_zhou(start);
        CHECK(run.losses.back().mse < run.losses.front().mse);
        CHECK(zhou_feedforward(run.final, -7, -3) > 0.5);  // Emily
        CHECK(zhou_feedforward(run.final, 20, 2) < 0.5);   // Frank
        CHECK(train_zhou(start).final == run.final);
    }
}

}  // namespace zhou_demo_test
