#pragma once
// Where `chainrule-mnist serve` and `predict` get their classifier: a parameter file
// (--params, default data/mnist-model.json), trained and saved on first use.
#include "models/mlp.hpp"

#include <filesystem>
#include <string>

namespace chainrule::mnist_cli {

/// The default parameter file, relative to the working directory like data/mnist.
inline constexpr const char* kDefaultParams = "data/mnist-model.json";

/// The classifier saved in `params`. When that file does not exist, seed 004's network
/// (the sigmoid recipe: 784-64-16-10, SGD η = 0.2, 40 epochs, seed 1, the same as plain
/// `chainrule-mnist`) is trained first on the digits of `data` (empty: the default
/// folder), with its epoch lines on stderr, and saved to `params`. Throws
/// ParameterFileError for a file that is not a 784-…-10 classifier, DataError (with
/// the way out) when there is no file and no digits to train one.
models::Mlp<double> load_or_train(const std::filesystem::path& params, const std::string& data);

}  // namespace chainrule::mnist_cli
