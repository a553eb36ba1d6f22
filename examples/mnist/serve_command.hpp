#pragma once
// `chainrule-mnist serve [--params FILE] [--port N]`: the digit page and its recogniser on
// http://127.0.0.1:N/ (docs/html.md, "The digit recogniser").
#include <CLI/CLI.hpp>

#include <string>

namespace chainrule::mnist_cli {

struct ServeArgs {
    std::string params;
    std::string data;
    int port = 8004;
};

/// The `serve` subcommand of `app`, its options bound to `a`.
CLI::App* add_serve_command(CLI::App& app, ServeArgs& a);

/// Loads (or trains) the classifier, listens on 127.0.0.1:a.port (0: a free port), prints
/// the URL, and serves until SIGINT or SIGTERM. Returns 0 after such a stop, 2 when the
/// port cannot be bound. Throws for an unusable parameter file or missing digits.
int run_serve(const ServeArgs& a);

}  // namespace chainrule::mnist_cli
