#pragma once
/// \file mnist_recipes.hpp
/// The two MNIST classifiers of issue 7, as data (the example program, the benchmark and
/// docs/models.md use these):
///   - "sigmoid" (seed 004's network): 784-64-16-10, sigmoid hidden layers, Xavier
///     initialisation, SGD η = 0.2, batch 128, 40 epochs; softmax cross-entropy of the
///     logits. PyTorch reaches 91.6 % test accuracy with it on the fixed split.
///   - "relu-adam": the same sizes with ReLU hidden layers, He initialisation and Adam
///     (η = 10⁻³, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸), batch 128, 40 epochs.

#include "layers.hpp"
#include "optimizers.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chainrule::models {

struct MnistRecipe {
    std::string name;
    std::vector<Eigen::Index> sizes;
    Activation activation = Activation::Sigmoid;
    Init init = Init::Xavier;
    OptimizerSettings<double> optimizer;
    Eigen::Index batch_size = 128;
    std::size_t epochs = 40;
};

/// The recipe of that name ("sigmoid" or "relu-adam"). Throws ModelError naming both.
MnistRecipe mnist_recipe(std::string_view name);

}  // namespace chainrule::models
