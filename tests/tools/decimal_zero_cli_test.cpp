// A node whose value is 0 in decimal arithmetic but not in binary (0.4·0.5 + 0.3·(−1) + 0.1):
// the precision ladder certifies it only as "0 within a bound" (docs/conventions.md), and
// every format of the worksheet must print it so — in the Notation table and wherever the
// numbers are substituted into a formula (tanh(0_{±10^-N}), a power of it) — instead of
// failing. Found by the gallery's Chinese sheet (examples/gallery/12_zhongwen_jiangyi.chain).
#include "../support/tool_on_path.hpp"
#include "run_process.hpp"

#include <catch2/catch.hpp>

#include <regex>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace decimal_zero_cli_test {

using namespace cli_test;
using Catch::Contains;

namespace {

const std::string kModel =
    "input x1 = 0.5, x2 = -1\nparam w1 = 0.4, w2 = 0.3, b1 = 0.1\n"
    "z = w1*x1 + w2*x2 + b1\nh = tanh(z)\nq = z^2 + h\nE = q*w1\n";

}  // namespace

TEST_CASE("decimal zero: the worksheet prints a zero within a bound in every format") {
    ScratchDir dir;
    write_file(dir / "m.chain", kModel);
    for (const char* format : {"md", "tex", "json", "dot"}) {
        const Result r = run({"worksheet", (dir / "m.chain").string(), "--format", format});
        INFO(format << ": " << r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
    }
    const std::string md = run({"worksheet", (dir / "m.chain").string()}).out;
    // z's value, and z substituted into h = tanh(z) and q = z² + h
    CHECK(std::regex_search(md, std::regex(R"(\| \$z\$ \| [^|]+ \| [^|]+ \| \$0_\{\\pm 10\^\{-[0-9]+\}\}\$ \|)")));
    CHECK_THAT(md, Contains("\\tanh\\left(0_{\\pm 10^{"));
    CHECK(std::regex_search(md, std::regex(R"(\\left\(0_\{\\pm 10\^\{-[0-9]+\}\}\\right\)\^\{2\})")));
}

TEST_CASE("decimal zero: the worksheet compiles with pdflatex") {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    if (!pdflatex) return;
    ScratchDir dir;
    write_file(dir / "m.chain", kModel);
    const Result r = run({"worksheet", (dir / "m.chain").string(), "--format", "pdf", "-o", (dir / "m.pdf").string()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

}  // namespace decimal_zero_cli_test
