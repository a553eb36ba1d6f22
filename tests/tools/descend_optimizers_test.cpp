// End to end: `chainrule descend` with --optimizer momentum|nesterov|adam and --plot,
// against update steps worked by hand on J = x² (∇J = 2x) from x = 1 with η = 0.1.
#include "run_process.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace descend_optimizers_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;
using Json = nlohmann::json;

namespace {

std::vector<std::string> descend_x2(std::vector<std::string> extra) {
    std::vector<std::string> a{"descend", "x^2", "--from", "x=1", "--lr", "0.1", "--format", "csv"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

void check_bad_input(const Result& r, const std::string& first_line_start) {
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, StartsWith(first_line_start));
}

}  // namespace

TEST_CASE("descend --optimizer momentum: v <- 0.9 v + g, x <- x - 0.1 v") {
    const Result r = run(descend_x2({"--optimizer", "momentum", "--max-steps", "4"}));
    REQUIRE(r.exit_code == 0);
    // g = 2, v = 2, x = 0.8; g = 1.6, v = 1.8 + 1.6 = 3.4, x = 0.46; g = 0.92, v = 3.06 + 0.92 = 3.98, x = 0.062;
    // g = 0.124, v = 3.582 + 0.124 = 3.706, x = 0.062 − 0.3706 = −0.3086 (past the minimum), J = 0.09523396
    CHECK(r.out == "step,x,J,dJ/dx\n0,1,1,2\n1,0.8,0.64,1.6\n2,0.46,0.2116,0.92\n3,0.062,0.003844,0.124\n"
                   "4,-0.3086,0.09523396,-0.6172\n");
}

TEST_CASE("descend --optimizer nesterov --momentum 0.5: x <- x - 0.1 (g + 0.5 v)") {
    const Result r = run(descend_x2({"--optimizer", "nesterov", "--momentum", "0.5", "--max-steps", "2"}));
    REQUIRE(r.exit_code == 0);
    // g = 2, v = 2, x = 1 − 0.1(2 + 1) = 0.7; g = 1.4, v = 1 + 1.4 = 2.4, x = 0.7 − 0.1(1.4 + 1.2) = 0.44
    CHECK(r.out == "step,x,J,dJ/dx\n0,1,1,2\n1,0.7,0.49,1.4\n2,0.44,0.1936,0.88\n");
}

TEST_CASE("descend --optimizer adam: bias-corrected steps, hyper-parameters in the JSON") {
    const Result r = run({"descend", "x^2", "--from", "x=1", "--lr", "0.1", "--optimizer", "adam", "--epsilon", "0",
                          "--max-steps", "2", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const Json j = Json::parse(r.out);
    CHECK(j.at("optimizer") == "adam");
    CHECK(j.at("beta1") == 0.9);
    CHECK(j.at("beta2") == 0.999);
    CHECK(j.at("epsilon") == 0.0);
    const Json& steps = j.at("steps");
    REQUIRE(steps.size() == 3);
    // t = 1: m̂ = g, v̂ = g², so x = 1 − 0.1·2/2 = 0.9
    CHECK(steps[1].at("point").at("x").get<double>() == Approx(0.9).epsilon(1e-15));
    // t = 2: g = 1.8, m = 0.9·0.2 + 0.1·1.8 = 0.36, v = 0.999·0.004 + 0.001·3.24 = 0.007236
    const double x2 = 0.9 - 0.1 * (0.36 / 0.19) / std::sqrt(0.007236 / 0.001999);
    CHECK(steps[2].at("point").at("x").get<double>() == Approx(x2).epsilon(1e-14));
}

TEST_CASE("descend --plot: a loss curve for one variable, the path over contours for two") {
    ScratchDir dir;
    const Result one = run(descend_x2({"--until", "J < 0.01", "--plot", (dir / "x2.svg").string()}));
    REQUIRE(one.exit_code == 0);
    const std::string curve = read_file(dir / "x2.svg");
    CHECK_THAT(curve, StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(count(curve, "<polyline") == 1);
    CHECK_THAT(curve, Contains("J = x^2  (sgd, learning rate 0.1)"));

    const Result two = run({"descend", "x^2 + sin(y)^2", "--from", "x=3, y=1", "--lr", "0.1", "--until", "J < 0.01",
                            "--plot", (dir / "bowl.svg").string()});
    REQUIRE(two.exit_code == 0);
    const std::string contours = read_file(dir / "bowl.svg");
    CHECK(count(contours, "<path class=\"contour\"") == 12);
    CHECK(count(contours, "<circle") == 17);  // the start and 16 updates
    CHECK_THAT(contours, Contains(">x</text>") && Contains(">y</text>"));
    CHECK(count(two.out, "\n") == 18);  // the table is still printed
}

TEST_CASE("descend: optimizer options that do not apply, or out of range, are exit 2") {
    check_bad_input(run(descend_x2({"--momentum", "0.5"})),
                    "chainrule descend: error: --momentum does not apply to --optimizer sgd (it belongs to momentum and nesterov)");
    check_bad_input(run(descend_x2({"--optimizer", "momentum", "--beta1", "0.5"})),
                    "chainrule descend: error: --beta1 does not apply to --optimizer momentum (it belongs to adam)");
    check_bad_input(run(descend_x2({"--optimizer", "adam", "--beta2", "1"})), "--beta2:1:1: error: out of range");
    check_bad_input(run(descend_x2({"--optimizer", "momentum", "--momentum=-0.1"})), "--momentum:1:1: error:");
    check_bad_input(run(descend_x2({"--optimizer", "adam", "--epsilon=-1"})), "--epsilon:1:1: error:");
    check_bad_input(run(descend_x2({"--optimizer", "newton"})),
                    "chainrule descend: error: --optimizer: unknown optimizer 'newton' (available: sgd, momentum, nesterov, adam)");
    ScratchDir dir;
    check_bad_input(run(descend_x2({"--plot", (dir / "missing" / "x.svg").string()})), "chainrule descend: error:");
}

}  // namespace descend_optimizers_test
