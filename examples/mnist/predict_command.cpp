#include "predict_command.hpp"

#include "model_source.hpp"
#include "recognise.hpp"

#include "models/digit_image.hpp"
#include "symbolic/latex_names.hpp"

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <vector>

namespace chainrule::mnist_cli {

CLI::App* add_predict_command(CLI::App& app, PredictArgs& a) {
    CLI::App* cmd = app.add_subcommand("predict", "Print the digit in a PNG picture and the ten probabilities");
    cmd->add_option("IMAGE", a.image, "The picture (PNG; any size up to 4096 × 4096, dark ink on light or light on dark)")
        ->required();
    cmd->add_option("--params", a.params,
                    std::string("Trained parameters (JSON of --save); trained and saved there first when missing (default ") +
                        kDefaultParams + ")")
        ->type_name("FILE");
    cmd->add_option("--data", a.data, "Digits to train on when the parameter file is missing (default data/mnist)");
    return cmd;
}

namespace {

// The bytes of a regular file (not a directory: reading one throws inside the stream).
std::optional<std::vector<unsigned char>> read_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::vector<unsigned char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

int run_predict(const PredictArgs& a) {
    const std::string shown = symbolic::escape_text_for_message(a.image);
    const std::optional<std::vector<unsigned char>> png = read_file(a.image);
    if (!png) {
        fmt::print(stderr, "chainrule-mnist: cannot read '{}' (not a readable file)\n", shown);
        return 2;
    }
    try {
        // The picture first: a file that is not a digit picture is refused before any
        // training (which a missing parameter file would start).
        models::mnist_input_from_png(*png);
        const models::Mlp<double> model = load_or_train(a.params.empty() ? kDefaultParams : a.params, a.data);
        const Recognition r = recognise(model, *png);
        fmt::print("digit {}\n", r.digit);
        for (int k = 0; k < 10; ++k) fmt::print("  {}  {:.4f}\n", k, r.probabilities[static_cast<std::size_t>(k)]);
    } catch (const models::DigitImageError& e) {
        fmt::print(stderr, "chainrule-mnist: '{}': {}\n", shown, without_prefix(e.what()));
        return 2;
    }
    return 0;
}

}  // namespace chainrule::mnist_cli
