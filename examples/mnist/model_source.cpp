#include "model_source.hpp"

#include "symbolic/latex_names.hpp"

#include "train_command.hpp"

#include "models/mlp_json.hpp"
#include "models/mnist.hpp"

#include <fmt/core.h>

#include <chrono>
#include <cstdio>

namespace chainrule::mnist_cli {

using namespace chainrule::models;

namespace {

Mlp<double> train_seed004(const std::filesystem::path& params, const std::string& data) {
    fmt::print(stderr, "chainrule-mnist: no parameter file {}: training seed 004's network first (a few seconds) …\n",
               params.string());
    TrainArgs a;
    a.data = data;
    a.save = params.string();
    const auto start = std::chrono::steady_clock::now();
    try {
        Mlp<double> model = train(a, stderr, false);
        fmt::print(stderr, "chainrule-mnist: trained and saved in {:.1f} s\n",
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        return model;
    } catch (const DataError& e) {
        throw DataError(fmt::format("chainrule: no parameter file '{}', and no digits to train one: {} "
                                    "(or name a trained file: chainrule-mnist --save FILE, then --params FILE)",
                                    params.string(), e.what()));
    }
}

}  // namespace

Mlp<double> load_or_train(const std::filesystem::path& params, const std::string& data) {
    std::error_code ec;
    if (std::filesystem::exists(params, ec) && !std::filesystem::is_regular_file(params, ec))
        throw ParameterFileError(fmt::format("chainrule: parameter file '{}' is not a file",
                                             symbolic::escape_text_for_message(params.string())));
    Mlp<double> model = std::filesystem::exists(params, ec) ? load_mlp(params) : train_seed004(params, data);
    const auto& sizes = model.sizes();
    if (sizes.front() != kMnistPixels || sizes.back() != kMnistClasses)
        throw ParameterFileError(fmt::format("chainrule: parameter file '{}': a {}-…-{} network, not an MNIST classifier (784-…-10)",
                                             params.string(), sizes.front(), sizes.back()));
    return model;
}

}  // namespace chainrule::mnist_cli
