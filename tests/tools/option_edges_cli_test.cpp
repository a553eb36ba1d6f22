// Small edges of the command line options (a new user's review): an empty name in
// --wrt, a blank --title, a --digits that is not a whole number. Each is exit 2 with one
// line on stderr that names the option, and no output.
#include "run_process.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace option_edges_cli_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;

namespace {

const char* kModel = "param w11 = 0.5, w12 = 2\ninput x = 3\nE = (w11*x + w12)^2\ncheck E = 1\n";

struct Model {
    ScratchDir dir;
    std::string path = (dir / "m.chain").string();
    Model() { write_file(dir / "m.chain", kModel); }
};

void check_usage_error(const Result& r, const std::string& start, const std::string& says) {
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_THAT(r.err, StartsWith(start));
    CHECK_THAT(r.err, Contains(says));
}

}  // namespace

TEST_CASE("options: an empty name in --wrt is an error naming --wrt") {
    const Model m;
    for (const std::string wrt : {"w11,", ",w11", "w11,,w12", "", " ", "w11, ,w12"}) {
        INFO("--wrt '" << wrt << "'");
        check_usage_error(run({"worksheet", m.path, "--wrt", wrt}), "chainrule worksheet: error: --wrt: ",
                          "'" + wrt + "' has an empty name");
    }
    // Spaces around names are fine, as before.
    const Result ok = run({"worksheet", m.path, "--wrt", "w11, w12"});
    CHECK(ok.exit_code == 0);
    CHECK_THAT(ok.out, Contains("w_{11}") && Contains("w_{12}"));
}

TEST_CASE("options: a blank --title is an error, as a blank title line is") {
    const Model m;
    for (const std::string title : {"", "   ", "\t", " \n "}) {
        INFO("--title '" << title << "'");
        check_usage_error(run({"worksheet", m.path, "--title", title}), "chainrule worksheet: error: --title: ",
                          "is blank: a title has text");
        check_usage_error(run({"check", m.path, "--format", "md", "--title", title}), "chainrule check: error: --title: ",
                          "is blank: a title has text");
    }
    CHECK_THAT(run({"worksheet", m.path, "--title", " Sheet 3 "}).out, StartsWith("# "));
}

TEST_CASE("options: --digits must be a whole number from 1 to 40") {
    const Model m;
    for (const std::string digits : {"1e1", "5.0", "abc", "1/2", "", "ten", "0x10"}) {
        INFO("--digits '" << digits << "'");
        check_usage_error(run({"worksheet", m.path, "--digits", digits}), "chainrule worksheet: error: --digits: ",
                          "'" + digits + "' is not a whole number of digits (1–40)");
        check_usage_error(run({"grad", "x^2", "--at", "x=1", "--digits", digits}), "chainrule grad: error: --digits: ",
                          "is not a whole number of digits (1–40)");
    }
    for (const std::string digits : {"0", "41", "400", "000"}) {
        INFO("--digits '" << digits << "'");
        check_usage_error(run({"check", m.path, "--digits", digits}), "chainrule check: error: --digits: ",
                          "'" + digits + "' is not in the range 1 to 40");
    }
    // Leading zeros are decimal: 08 is 8 digits (√2 = 1.41421356…, d√x/dx = 1/(2√2) = 0.353553390…).
    CHECK(run({"grad", "sqrt(x)", "--at", "x=2", "--digits", "08"}).out == "f = 1.4142136\n∂f/∂x = 0.35355339\n");
    CHECK(run({"grad", "sqrt(x)", "--at", "x=2", "--digits", "+3"}).out == "f = 1.41\n∂f/∂x = 0.354\n");
}

}  // namespace option_edges_cli_test
