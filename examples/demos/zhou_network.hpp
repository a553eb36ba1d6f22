#pragma once
/// \file zhou_network.hpp
/// Demo 6 (seed 003, after Victor Zhou's "Machine Learning for Beginners: An Introduction
/// to Neural Networks"): a 2-2-1 sigmoid network predicts gender from weight − 135 lb and
/// height − 66 in. Followed as the seed's Python does it: the nine parameters drawn from
/// N(0, 1) in the order w1…w6, b1, b2, b3; per sample the loss L = (y_true − y_pred)² and
/// one SGD update (η = 0.1) of every parameter, the samples in table order, 1000 epochs;
/// after every 10th epoch (epoch % 10 == 0, counting from 0) the MSE (1/n) Σ (y_true − y_pred)².

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace chainrule::demos {

struct Person {
    std::string_view name;
    double weight, height;  ///< minus 135 lb, minus 66 in
    double gender;          ///< 1 = female, 0 = male (the seed's coding)
};

/// Alice, Bob, Charlie, Diana (seed 003's training table).
inline constexpr std::array<Person, 4> kZhouPeople{{
    {"Alice", -2, -1, 1}, {"Bob", 25, 6, 0}, {"Charlie", 17, 4, 0}, {"Diana", -15, -6, 1}}};
/// Emily (−7, −3), female, and Frank (20, 2), male: the seed's two predictions.
inline constexpr std::array<Person, 2> kZhouNewcomers{{{"Emily", -7, -3, 1}, {"Frank", 20, 2, 0}}};

/// w1 … w6, b1, b2, b3 as in the seed: h1 = σ(w1 x1 + w2 x2 + b1), h2 = σ(w3 x1 + w4 x2 + b2),
/// o1 = σ(w5 h1 + w6 h2 + b3).
using ZhouParameters = std::array<double, 9>;

/// The nine parameters drawn from N(0, 1) (np.random.normal() in the seed), in order.
ZhouParameters zhou_initial(std::uint64_t seed);
/// o1 for the inputs (x1, x2).
double zhou_feedforward(const ZhouParameters& p, double x1, double x2);
/// MSE over the four people: (1/4) Σ (y_true − y_pred)² (the seed's mse_loss).
double zhou_mse(const ZhouParameters& p);
/// ∂L/∂(w1 … b3) of L = (y_true − y_pred)² for one person, by one reverse sweep.
std::vector<double> zhou_sample_gradient(const ZhouParameters& p, const Person& person);

struct ZhouLoss {
    std::size_t epoch = 0;
    double mse = 0;
};

struct ZhouRun {
    ZhouParameters initial{}, final{};
    std::vector<ZhouLoss> losses;  ///< epochs 0, 10, 20, …, after that epoch's updates
};

/// The seed's training loop from `initial`: for each epoch, for each person in order,
/// p ← p − η ∇L (models::Sgd); the MSE after epochs 0, report_every, 2·report_every, ….
ZhouRun train_zhou(const ZhouParameters& initial, double eta = 0.1, std::size_t epochs = 1000,
                   std::size_t report_every = 10);

}  // namespace chainrule::demos
