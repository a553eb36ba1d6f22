// chainrule-demos: the demos of issue 6 (seeds 000, 003, 004), one subcommand each, and
// `all` to run every one (what `make demos` does).
//
//   chainrule-demos x2 | x2-sin2 [--svg F] | learning-rates [--svg F] | newton | perceptron [--seed N]
//                   | xor [--seed N] [--every K] | zhou [--seed N] [--svg F] | linear-regression
//                   | all [--out-dir DIR] [--seed N] [--every K]
#include "commands.hpp"

#include "graph/errors.hpp"
#include "examples/common/positive_number.hpp"
#include "symbolic/latex_names.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <exception>
#include <filesystem>
#include <functional>

using namespace chainrule::demos::cli;

namespace {

struct Demo {
    const char* name;
    const char* about;
    void (*run)(const DemoArgs&);
    bool seeded, svg;
    const char* svg_file;  ///< its picture's name under `all --out-dir`
};

constexpr Demo kDemos[] = {
    {"x2", "Demo 1: gradient descent on x^2 from 1.2, eta 0.3 (seed 004)", run_square, false, false, ""},
    {"x2-sin2", "Demo 2: x^2 + sin^2(y) from (3, 1), eta 0.1, path over contours", run_square_sin, false, true,
     "x2_sin2_path.svg"},
    {"learning-rates", "Demo 3: x^2 with eta 1.0, 0.8, 0.4, 0.1 side by side", run_learning_rates, false, true,
     "learning_rates.svg"},
    {"perceptron", "Demo 4: the AND perceptron and perceptron training (seed 000)", run_perceptron, true, false, ""},
    {"xor", "Demo 5: XOR with a 2-3-1 sigmoid network (seed 000)", run_xor, true, false, ""},
    {"zhou", "Demo 6: Victor Zhou's 2-2-1 network, loss curve, Emily and Frank (seed 003)", run_zhou, true, true,
     "zhou_loss.svg"},
    {"linear-regression", "Demo 7: least squares vs gradient descent vs one neuron (seed 004)", run_regression, false,
     false, ""},
    {"newton", "Demo 8: Newton's method next to gradient descent on x^2 and x^2 + sin^2(y)", run_newton, false, false,
     ""},
};

void add_demo(CLI::App& app, const Demo& demo, DemoArgs& args) {
    CLI::App* cmd = app.add_subcommand(demo.name, demo.about);
    if (demo.seeded) cmd->add_option("--seed", args.seed, "Random seed (default: a fresh one, printed)");
    if (demo.svg) cmd->add_option("--svg", args.svg, "Write the picture to FILE (atomically)")->type_name("FILE");
    if (std::string_view(demo.name) == "xor") {
        cmd->add_option("--every", args.every, "Print every K-th iteration")->check(chainrule::examples::kPositiveNumber);
        cmd->add_option("--max-iterations", args.max_iterations, "Give up after N iterations")->capture_default_str();
    }
    cmd->callback([&demo, &args] { demo.run(args); });
}

// `all`: every demo in order, pictures into out_dir.
void run_all(const DemoArgs& common, const std::string& out_dir) {
    if (!out_dir.empty()) std::filesystem::create_directories(out_dir);
    for (const Demo& demo : kDemos) {
        DemoArgs args = common;
        if (demo.svg && !out_dir.empty()) args.svg = (std::filesystem::path(out_dir) / demo.svg_file).string();
        demo.run(args);
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"The demos of chainrule's issue 6: gradient descent tables, learning rates, the perceptron, "
                 "XOR, Zhou's network and linear regression, from the seed notes."};
    app.require_subcommand(1);
    DemoArgs args;
    for (const Demo& demo : kDemos) add_demo(app, demo, args);
    std::string out_dir;
    CLI::App* all = app.add_subcommand("all", "Every demo in turn (make demos)");
    all->add_option("--out-dir", out_dir, "Write the pictures into DIR")->type_name("DIR");
    all->add_option("--seed", args.seed, "Random seed of the seeded demos");
    all->add_option("--every", args.every, "XOR: print every K-th iteration")->check(chainrule::examples::kPositiveNumber);
    all->callback([&] { run_all(args, out_dir); });
    // CLI11 answers an unknown first word with "A subcommand is required"; name it instead.
    std::string names;
    bool known = argc < 2 || argv[1][0] == '-' || std::string_view(argv[1]) == "all";
    for (const Demo& demo : kDemos) {
        names += std::string(demo.name) + ", ";
        known = known || std::string_view(argv[1]) == demo.name;
    }
    if (!known) {
        fmt::print(stderr, "chainrule-demos: unknown demo '{}' (demos: {}all)\n",
                   chainrule::symbolic::escape_text_for_message(argv[1]), names);
        return 2;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help
        // Bad arguments are exit 2, as in the chainrule CLI; CLI11 quotes them as typed.
        fmt::print(stderr, "chainrule-demos: {} (see 'chainrule-demos --help')\n",
                   chainrule::symbolic::escape_text_for_message(e.what()));
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "chainrule-demos: {}\n", e.what());
        return 2;
    }
    return 0;
}
