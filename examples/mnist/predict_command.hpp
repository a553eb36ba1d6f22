#pragma once
// `chainrule-mnist predict IMAGE.png [--params FILE] [--data DIR]`: the digit in a
// picture and the ten probabilities (docs/html.md, "The digit recogniser").
#include <CLI/CLI.hpp>

#include <string>

namespace chainrule::mnist_cli {

struct PredictArgs {
    std::string image;
    std::string params;
    std::string data;
};

/// The `predict` subcommand of `app`, its options bound to `a`.
CLI::App* add_predict_command(CLI::App& app, PredictArgs& a);

/// Prints "digit D" and one line per class with its probability. Returns the exit code:
/// 0, or 2 (one message on stderr naming the file) for a missing or unusable picture.
/// Throws for an unusable parameter file or missing digits (main reports them).
int run_predict(const PredictArgs& a);

}  // namespace chainrule::mnist_cli
