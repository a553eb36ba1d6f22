#include "mnist_recipes.hpp"

namespace chainrule::models {

MnistRecipe mnist_recipe(std::string_view name) {
    MnistRecipe r;
    r.name = std::string(name);
    r.sizes = {784, 64, 16, 10};
    if (name == "sigmoid") {
        r.activation = Activation::Sigmoid;
        r.init = Init::Xavier;
        r.optimizer.name = "sgd";
        r.optimizer.learning_rate = 0.2;
        return r;
    }
    if (name == "relu-adam") {
        r.activation = Activation::Relu;
        r.init = Init::He;
        r.optimizer.name = "adam";
        r.optimizer.learning_rate = 1e-3;
        return r;
    }
    throw ModelError("chainrule: unknown MNIST model '" + std::string(name) + "' (available: sigmoid, relu-adam)");
}

}  // namespace chainrule::models
