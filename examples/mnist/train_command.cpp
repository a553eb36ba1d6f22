#include "train_command.hpp"

#include "models/fit.hpp"
#include "models/mlp_json.hpp"

#include "examples/common/positive_number.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <iostream>

namespace chainrule::mnist_cli {

using namespace chainrule::models;

void add_train_options(CLI::App& app, TrainArgs& a) {
    using chainrule::examples::kPositiveNumber;
    app.add_option("--model", a.model, "sigmoid (seed 004: SGD eta 0.2) or relu-adam")
        ->check(CLI::IsMember({"sigmoid", "relu-adam"}))
        ->capture_default_str();
    app.add_option("--epochs", a.epochs, "Epochs (default 40)")->check(kPositiveNumber);
    app.add_option("--batch", a.batch, "Mini-batch size (default 128)")->check(kPositiveNumber);
    app.add_option("--lr", a.lr, "Learning rate (default: the model's, 0.2 or 0.001)")->check(kPositiveNumber);
    app.add_option("--seed", a.seed, "Seed of the initial weights (splitmix64)")->capture_default_str();
    app.add_option("--threads", a.threads, "Threads of the matrix products (2 is faster on an idle machine; see docs/models.md)")->check(kPositiveNumber)->capture_default_str();
    app.add_flag("--shuffle", a.shuffle, "A new batch order every epoch (default: the same batches)");
    app.add_option("--data", a.data, "Folder of 0.json … 9.json (default data/mnist or $CHAINRULE_MNIST_DIR)");
    app.add_option("--save", a.save, "Write the trained parameters to FILE (JSON, atomically)")->type_name("FILE");
}

std::filesystem::path data_dir(const std::string& option) {
    return option.empty() ? default_mnist_dir() : std::filesystem::path(option);
}

namespace {

MnistRecipe recipe_of(const TrainArgs& a) {
    MnistRecipe r = mnist_recipe(a.model);
    if (a.epochs) r.epochs = *a.epochs;
    if (a.batch) r.batch_size = *a.batch;
    if (a.lr) r.optimizer.learning_rate = *a.lr;
    return r;
}

}  // namespace

Mlp<double> train(const TrainArgs& a, std::FILE* out, bool progress) {
    Eigen::setNbThreads(a.threads);
    const MnistRecipe r = recipe_of(a);
    const DigitSplit data = split_digits(load_mnist(data_dir(a.data)));
    fmt::print(out, "MNIST {}: {} training / {} test digits, threads {}, batch {}, {} eta {}, seed {}\n", r.name,
               data.train.size(), data.test.size(), Eigen::nbThreads(), r.batch_size, r.optimizer.name,
               r.optimizer.learning_rate, a.seed);
    Mlp<double> model(r.sizes, r.activation, r.init, a.seed);
    const auto optimizer = make_optimizer(r.optimizer);
    FitOptions o;
    o.epochs = r.epochs;
    o.batch_size = r.batch_size;
    o.shuffle_each_epoch = a.shuffle;
    o.shuffle_seed = a.seed;
    o.progress.stream = progress ? &std::cerr : nullptr;
    o.on_epoch = [&](const EpochReport& e) {
        fmt::print(out, "epoch {:3}/{}  loss {:.4f}  test accuracy {:6.2f} %  time {:.3f} s\n", e.epoch, r.epochs, e.loss,
                   100 * e.test_accuracy, e.seconds);
        std::fflush(out);
    };
    const std::vector<EpochReport> reports = fit(model, *optimizer, data.train, data.test, o);
    double seconds = 0;
    for (const EpochReport& e : reports) seconds += e.seconds;
    fmt::print(out, "final test accuracy {:.2f} % after {} epochs ({:.2f} s of training, {:.3f} s per epoch)\n",
               100 * reports.back().test_accuracy, reports.size(), seconds, seconds / static_cast<double>(reports.size()));
    if (!a.save.empty()) {
        save_mlp(model, a.save);
        fmt::print(out, "parameters saved to {}\n", a.save);
    }
    std::fflush(out);
    return model;
}

}  // namespace chainrule::mnist_cli
