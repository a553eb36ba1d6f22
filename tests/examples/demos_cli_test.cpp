// The demo program end to end: what `make demos` runs prints the reference numbers and
// writes its pictures, leaving no temporary files.
#include "tools/run_process.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace demos_cli_test {

using Catch::Contains;
using cli_test::run;

namespace {
// Runs the demo program with `args` and checks that it succeeds and prints every line of `expected`.
void check_prints(const std::vector<std::string>& args, std::initializer_list<const char*> expected) {
    const auto r = run(args);
    REQUIRE(r.exit_code == 0);
    for (const char* line : expected) CHECK_THAT(r.out, Contains(line));
}
}  // namespace

TEST_CASE("chainrule-demos x2 prints the seed 004 table") {
    // Reference table, steps 0 and 3 (x = 1.2·0.4^k, J = x²).
    check_prints({"x2"}, {"   0   1.200000000000   1.440000000000", "   3   0.076800000000   0.005898240000",
                          "Stopped after 3 updates"});
}

TEST_CASE("chainrule-demos learning-rates names the four behaviours") {
    check_prints({"learning-rates"},
                 {"eta = 1.0: oscillation", "eta = 0.8: overshoot", "eta = 0.4: fast", "eta = 0.1: slow"});
}

TEST_CASE("chainrule-demos prints the seed it used, and the same seed gives the same output") {
    const auto a = run({"perceptron", "--seed", "17"});
    const auto b = run({"perceptron", "--seed", "17"});
    REQUIRE(a.exit_code == 0);
    CHECK_THAT(a.out, Contains("seed 17 (rerun with --seed 17)"));
    CHECK(a.out == b.out);
    CHECK_THAT(a.out, Contains("Separated after"));
    const auto fresh = run({"perceptron"});
    CHECK_THAT(fresh.out, Contains("(rerun with --seed "));
}

TEST_CASE("chainrule-demos all writes the three pictures atomically into --out-dir") {
    cli_test::ScratchDir dir;
    const auto r = run({"all", "--out-dir", dir.path().string(), "--seed", "1", "--every", "1000"});
    REQUIRE(r.exit_code == 0);
    CHECK(cli_test::listing(dir.path()) ==
          std::vector<std::string>{"learning_rates.svg", "x2_sin2_path.svg", "zhou_loss.svg"});
    for (const char* name : {"learning_rates.svg", "x2_sin2_path.svg", "zhou_loss.svg"}) {
        const std::string svg = cli_test::read_file(dir / name);
        CHECK_THAT(svg, Contains("<svg"));
        CHECK_THAT(svg, Contains("</svg>"));
    }
    CHECK_THAT(r.out, Contains("Emily: "));
    CHECK_THAT(r.out, Contains("All four outputs on the right side of 0.5"));
}

TEST_CASE("chainrule-demos: a bad option or an unwritable picture path fails cleanly") {
    CHECK(run({"xor", "--every", "0"}).exit_code != 0);
    CHECK(run({"nope"}).exit_code != 0);
    cli_test::ScratchDir dir;
    const auto r = run({"x2-sin2", "--svg", (dir / "missing/path.svg").string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("chainrule-demos:"));
    CHECK(cli_test::listing(dir.path()).empty());
}

}  // namespace demos_cli_test
