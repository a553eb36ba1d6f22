// Worksheets show a gradient that is an exact rational as the fraction and the decimal
// (issue 13: "−6/125 = −0.048", as a textbook writes it), in the derivation, the update
// and the summary; a gradient that is not rational (σ, exp) or whose fraction says no
// more than its decimal (3/10) shows the decimal alone.
//
// Expected fractions by hand (Python's fractions.Fraction agrees):
//   f = x²,        x = −0.024: f′ = 2x = −0.048 = −6/125
//   f = x³ − 2x,   x = 0.2:    f′ = 3·0.04 − 2 = −1.88 = −47/25;
//                  lr 0.5:     x⁺ = 0.2 + 0.5·1.88 = 1.14 = 57/50
//   f = relu(w·x + b)·v, w = 0.5, x = 0.75, b = 0.125, v = 0.375:
//                  w·x + b = 0.5 > 0, ∂f/∂w = v·x = 0.28125 = 9/32
//   f = 3x,        x = 0.7:    f′ = 3 (an integer: no fraction)
//   f = 0.3x²,     x = 0.5:    f′ = 0.3 = 3/10 (a power-of-ten denominator: no fraction)
//   f = sigmoid(x), x = 0.5:   irrational (no fraction)
#include "run_process.hpp"

#include <catch2/catch.hpp>

#include <regex>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace exact_fraction_cli_test {

using namespace cli_test;
using Catch::Contains;

namespace {

std::string worksheet(const std::string& model) {
    ScratchDir dir;
    write_file(dir / "m.chain", model);
    const Result r = run({"worksheet", (dir / "m.chain").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

}  // namespace

TEST_CASE("exact fractions: a rational gradient as fraction and decimal") {
    const std::string a = worksheet("param x = -0.024\nf = x^2\n");
    CHECK_THAT(a, Contains("= -\\frac{6}{125} = -0.048\n"));
    CHECK_THAT(a, Contains("$\\partial f/\\partial x = -6/125 = -0.048$"));

    const std::string b = worksheet("param x = 0.2\nf = x^3 - 2*x\nlr 0.5\n");
    CHECK_THAT(b, Contains("= -\\frac{47}{25} = -1.88\n"));
    CHECK_THAT(b, Contains("= \\frac{57}{50} = 1.14"));  // the update row

    const std::string c = worksheet("param w = 0.5\nconst x = 0.75\nparam b = 0.125\nparam v = 0.375\n"
                                    "h = relu(w*x + b)\nf = h*v\n");
    CHECK_THAT(c, Contains("$\\partial f/\\partial w = 9/32 = 0.28125$"));
}

TEST_CASE("exact fractions: none for integers, decimals that say it all, irrational numbers") {
    for (const std::string model : {"param x = 0.7\nf = 3*x\n", "param x = 0.5\nf = 0.3*x^2\n", "param x = 0.5\nf = sigmoid(x)\n"}) {
        const std::string out = worksheet(model);
        INFO(model);
        CHECK(!std::regex_search(out, std::regex(R"(\\frac\{\d+\}\{\d+\})")));  // no fraction of numbers
        CHECK(!std::regex_search(out, std::regex(R"(\d/\d+ =)")));
    }
}

}  // namespace exact_fraction_cli_test
