// Training an Mlp on the 20-digit fixture, and saving/loading its parameters as JSON.
#include "models/fit.hpp"
#include "models/mlp_json.hpp"
#include "models/mnist_recipes.hpp"
#include "models/optimizers.hpp"
#include "mnist_fixture.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <unistd.h>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace mlp_training_test {

using namespace chainrule;
using namespace chainrule::models;
using Catch::Matchers::Contains;

namespace {

const std::filesystem::path kFixture = mnist_fixture::kDir;

struct ScratchFile {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("chainrule_mlp_test_" + std::to_string(::getpid()) + ".json");
    ~ScratchFile() { std::filesystem::remove(path); }
    void write(const std::string& text) const { std::ofstream(path) << text; }
};

std::string error_of(const std::function<void()>& f) { return mnist_fixture::message_of<ParameterFileError>(f); }

// The mean loss over `steps` full-batch updates of `opt`: first and last.
std::pair<double, double> first_and_last_loss(Mlp<double>& mlp, Optimizer<double>& opt, int steps) {
    const Digits d = load_mnist(kFixture);
    MiniBatchTrainer<double> trainer(mlp, opt);
    const double first = trainer.step(d.images, d.labels);
    double last = first;
    for (int s = 1; s < steps; ++s) last = trainer.step(d.images, d.labels);
    return {first, last};
}

}  // namespace

TEST_CASE("training: a few steps on the fixture lower the loss") {
    SECTION("sigmoid, SGD") {
        Mlp<double> mlp({784, 16, 10}, Activation::Sigmoid, Init::Xavier, 1);
        Sgd<double> sgd(0.5);
        const auto [first, last] = first_and_last_loss(mlp, sgd, 30);
        // Untrained, the 10 classes are about equally likely: J ≈ ln 10 = 2.30.
        CHECK(first == Approx(std::log(10.0)).margin(0.3));
        CHECK(last < 0.8 * first);
    }
    SECTION("relu, Adam") {
        Mlp<double> mlp({784, 16, 10}, Activation::Relu, Init::He, 1);
        Adam<double> adam(1e-2);
        const auto [first, last] = first_and_last_loss(mlp, adam, 30);
        CHECK(last < 0.2 * first);
    }
}

TEST_CASE("training: the step's gradients are the reverse sweep's, and the update is SGD's") {
    const Digits d = load_mnist(kFixture);
    Mlp<double> mlp({784, 8, 10}, Activation::Sigmoid, Init::Xavier, 2);
    const Mlp<double> before = mlp;
    Tape<double> tape;
    const Mlp<double>::Recorded r = before.record(tape.constant(d.images));
    const std::vector<Matrix<double>> g = grad(softmax_cross_entropy(r.logits, d.labels), r.parameters);
    Sgd<double> sgd(0.1);
    MiniBatchTrainer<double> trainer(mlp, sgd);
    trainer.step(d.images, d.labels);
    for (std::size_t k = 0; k < g.size(); ++k) CHECK(trainer.gradients()[k] == g[k]);
    CHECK(mlp.layers()[0].weight().isApprox(before.layers()[0].weight() - 0.1 * g[0], 1e-15));
    CHECK(mlp.layers()[1].bias().isApprox(before.layers()[1].bias() - 0.1 * g[3], 1e-15));
}

TEST_CASE("fit: one report per epoch, accuracy in [0, 1]") {
    const Digits d = load_mnist(kFixture);
    Mlp<double> mlp({784, 16, 10}, Activation::Relu, Init::He, 3);
    Adam<double> adam(1e-2);
    FitOptions o;
    o.epochs = 3;
    o.batch_size = 8;
    o.shuffle_each_epoch = true;
    std::size_t calls = 0;
    o.on_epoch = [&](const EpochReport& e) { CHECK(e.epoch == ++calls); };
    const std::vector<EpochReport> reports = fit(mlp, adam, d, d, o);
    REQUIRE(reports.size() == 3);
    CHECK(calls == 3);
    for (const EpochReport& e : reports) {
        CHECK(e.test_accuracy >= 0.0);
        CHECK(e.test_accuracy <= 1.0);
        CHECK(e.seconds >= 0.0);
    }
    CHECK(reports[2].loss < reports[0].loss);
}

TEST_CASE("recipes: seed 004's network and the ReLU + Adam variant") {
    const MnistRecipe s = mnist_recipe("sigmoid");
    CHECK(s.sizes == std::vector<Eigen::Index>{784, 64, 16, 10});
    CHECK(s.activation == Activation::Sigmoid);
    CHECK(s.init == Init::Xavier);
    CHECK(s.optimizer.name == "sgd");
    CHECK(s.optimizer.learning_rate == 0.2);
    CHECK(s.batch_size == 128);
    CHECK(s.epochs == 40);
    CHECK(mnist_recipe("relu-adam").optimizer.name == "adam");
    CHECK_THROWS_WITH(mnist_recipe("cnn"), Contains("sigmoid, relu-adam"));
}

TEST_CASE("parameters: save and load give the same doubles, bit for bit") {
    ScratchFile file;
    Mlp<double> mlp({6, 5, 3}, Activation::Tanh, Init::Xavier, 9);
    mlp.layers()[1].bias() << 0.1, -1e-300, 1.0 / 3.0;
    save_mlp(mlp, file.path);
    const Mlp<double> loaded = load_mlp(file.path);
    CHECK(loaded.sizes() == mlp.sizes());
    CHECK(loaded.hidden_activation() == Activation::Tanh);
    for (std::size_t l = 0; l < 2; ++l) {
        CHECK(loaded.layers()[l].weight() == mlp.layers()[l].weight());
        CHECK(loaded.layers()[l].bias() == mlp.layers()[l].bias());
    }
    Mlp<double> other({6, 5, 3}, Activation::Tanh, Init::Xavier, 10);
    load_parameters(other, file.path);
    CHECK(other.layers()[0].weight() == mlp.layers()[0].weight());
    // Saving again replaces the file atomically and leaves no temporary file behind.
    save_mlp(other, file.path);
    std::size_t entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(file.path.parent_path()))
        entries += entry.path().filename().string().find(file.path.filename().string() + ".tmp") != std::string::npos;
    CHECK(entries == 0);
}

TEST_CASE("parameters: malformed files and shape mismatches are refused with the reason") {
    ScratchFile file;
    Mlp<double> mlp({3, 2, 2}, Activation::Sigmoid, Init::Xavier, 1);
    CHECK_THAT(error_of([&] { load_mlp(file.path); }), Contains("not found"));
    file.write("{\"format\": \"chainrule-mlp\", ");
    CHECK_THAT(error_of([&] { load_mlp(file.path); }), Contains(file.path.string()) && Contains("not valid JSON"));
    file.write("{\"format\": \"something-else\", \"version\": 1}");
    CHECK_THAT(error_of([&] { load_mlp(file.path); }), Contains("not a chainrule-mlp file"));
    save_mlp(mlp, file.path);
    Mlp<double> wider({3, 4, 2}, Activation::Sigmoid);
    CHECK_THAT(error_of([&] { load_parameters(wider, file.path); }), Contains("holds a 3-2-2 network, the model is 3-4-2"));
    const std::string good = mlp_to_json(mlp);
    auto corrupt = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        text.replace(text.find(from), from.size(), to);
        file.write(text);
        return error_of([&] { load_mlp(file.path); });
    };
    CHECK_THAT(corrupt("\"bias\":[", "\"bias\":[1,"), Contains("layer 1 bias row 0 must have 2 numbers"));
    CHECK_THAT(corrupt("\"weight\":[[", "\"weight\":[[\"x\","), Contains("layer 1 weight row 0 must have 2 numbers"));
    CHECK_THAT(corrupt("\"activation\":\"sigmoid\"", "\"activation\":\"swish\""), Contains("unknown activation 'swish'"));
    CHECK_THAT(corrupt("\"sizes\":[3,2,2]", "\"sizes\":[3,2,2,1]"), Contains("\"layers\" must hold 3 layers"));
    CHECK_THAT(corrupt("\"weight\":[[", "\"weight\":[[null,"), Contains("must have 2 numbers"));
    std::string text = good;
    const std::size_t w = text.find("\"weight\":[[") + 11;
    text.replace(w, text.find(',', w) - w, "\"x\"");
    file.write(text);
    CHECK_THAT(error_of([&] { load_mlp(file.path); }), Contains("layer 1 weight[0][0] is \"x\", not a finite number"));
    // A failed load_parameters leaves the model as it was.
    const Matrix<double> w0 = mlp.layers()[0].weight();
    CHECK_THROWS_AS(load_parameters(mlp, file.path), ParameterFileError);
    CHECK(mlp.layers()[0].weight() == w0);
}

}  // namespace mlp_training_test
