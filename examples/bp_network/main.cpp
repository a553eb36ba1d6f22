// The seed 001 network (2-2-2, sigmoid everywhere, one bias per layer, as the seed's
// arithmetic does) and its chain-rule derivation worksheet: ∂E/∂w5 and ∂E/∂w1, worked
// the way the seed works them by hand, with one gradient-descent step (η = 0.5).
//
//   bp_network [md|tex|json|dot] [--all]      (default: md; --all derives every weight)
//
// The network is recorded in 50-digit arithmetic from exact decimals, so every digit
// the worksheet prints is right.
#include "seed_001_network.hpp"
#include "derivations/render_dot.hpp"
#include "derivations/render_json.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"
#include "derivations/worksheet.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

using chainrule::Tape;
using chainrule::derivations::Real;

namespace {

chainrule::derivations::Worksheet seed_001_worksheet(bool all) {
    Tape<Real> tape;
    const auto E = examples::record_seed_001_network(tape);
    chainrule::derivations::WorksheetOptions options;
    if (!all) options.wrt = {"w5", "w1"};
    options.learning_rate = Real("0.5");
    options.title = "Backpropagation in the seed 001 network";
    return chainrule::derivations::make_worksheet(tape, E, options);
}

}  // namespace

int main(int argc, char** argv) {
    std::string_view format = "md";
    bool all = false;
    for (int k = 1; k < argc; ++k) {
        const std::string_view a = argv[k];
        if (a == "--all")
            all = true;
        else if (a == "md" || a == "tex" || a == "json" || a == "dot")
            format = a;
        else {
            std::fprintf(stderr, "bp_network: unknown argument '%s' (expected md, tex, json, dot or --all)\n", argv[k]);
            return 2;
        }
    }
    try {
        using namespace chainrule::derivations;
        const Worksheet w = seed_001_worksheet(all);
        if (format == "md") fmt::print("{}", render_markdown(worksheet_document(w)));
        if (format == "tex") fmt::print("{}", render_latex(worksheet_document(w)));
        if (format == "json") fmt::print("{}", render_json(w));
        if (format == "dot") fmt::print("{}", render_dot(w));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bp_network: %s\n", e.what());
        return 2;
    }
}
