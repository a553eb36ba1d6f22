#pragma once
// chainrule-mnist's training (the program without a subcommand): the options and the run
// that prints loss, test accuracy and time per epoch (docs/models.md, "MNIST").
#include "models/mlp.hpp"
#include "models/mnist_recipes.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

namespace chainrule::mnist_cli {

struct TrainArgs {
    std::string model = "sigmoid";
    std::optional<std::size_t> epochs;
    std::optional<Eigen::Index> batch;
    std::optional<double> lr;
    std::uint64_t seed = 1;
    int threads = 1;
    bool shuffle = false;
    std::string data;
    std::string save;
};

/// Adds the training options to `app` (the top level of chainrule-mnist).
void add_train_options(CLI::App& app, TrainArgs& a);

/// The data folder of --data, or default_mnist_dir() when it is empty.
std::filesystem::path data_dir(const std::string& option);

/// Trains as `a` says, printing one line per epoch to `out` (and a progress bar to stderr
/// when `progress`), saves to a.save when given, and returns the trained model. Throws
/// DataError for missing digits, ParameterFileError when the file cannot be written.
models::Mlp<double> train(const TrainArgs& a, std::FILE* out = stdout, bool progress = true);

}  // namespace chainrule::mnist_cli
