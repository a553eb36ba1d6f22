// End to end: `chainrule descend --method newton`, its formats, notes, exit codes and the
// options that belong to gradient descent only. Expected numbers by hand: J = x² from 3 is
// x₁ = 3 − 6/2 = 0; J = x² + sin²(y) from (3, 1) has H = diag(2, 2 cos 2), 2 cos 2 < 0, so its
// first update is the gradient step to (−3, 1 − sin 2), then Newton's x → 0, y → y − tan(2y)/2.
#include "run_process.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace descend_newton_cli_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;
using Json = nlohmann::json;

namespace {

std::vector<std::string> newton(std::vector<std::string> extra) {
    std::vector<std::string> a{"descend", "x^2 + sin(y)^2", "--from", "x=3, y=1", "--method", "newton"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
}

void check_bad_input(const Result& r, const std::string& first_line_start) {
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, StartsWith(first_line_start));
}

}  // namespace

TEST_CASE("descend --method newton: x^2 from 3 is one step to 0, then a stationary point") {
    const Result r = run({"descend", "x^2", "--from", "x=3", "--method", "newton", "--format", "csv"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out ==
          "step,x,J,dJ/dx,|grad|,t,update\n0,3,9,6,6,,\n1,0,0,0,0,1,Newton\n"
          "# stationary point at step 1 (x = 0): the gradient is exactly 0, a minimum (H is positive definite: "
          "eigenvalues 2); Newton's method stops there\n");
    CHECK_THAT(r.err, Contains("chainrule descend: note: stationary point at step 1"));
}

TEST_CASE("descend --method newton: the seed's x^2 + sin^2(y) reaches J < 0.01 after 2 updates (gd: 16)") {
    const Result r = run(newton({"--until", "J < 0.01"}));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out ==
          "step   x                y               J        |grad J|  t  update\n"
          "   0   3                1     9.708073418     6.068510675\n"
          "   1  -3    0.09070257317     9.008204421     6.002711757  1  gradient step: H not positive definite at "
          "step 0 (eigenvalues -0.8323, 2)\n"
          "   2   0  -0.001008214880  1.016496899e-6  0.002016428393  1  Newton\n");
    CHECK(r.err == "chainrule descend: note: H was not positive definite before 1 of 2 updates: those were gradient "
                   "steps (column 'update')\n");
}

TEST_CASE("descend --method newton --format json: the method, step lengths, updates and the ending") {
    const Result r = run(newton({"--until", "J < 0.01", "--format", "json"}));
    REQUIRE(r.exit_code == 0);
    const Json j = Json::parse(r.out);
    CHECK(j.at("method") == "newton");
    CHECK_FALSE(j.contains("learning_rate"));
    CHECK(j.at("reached") == true);
    CHECK(j.at("ending").at("reason") == "reached");
    CHECK(j.at("gradient_steps") == 1);
    const Json& steps = j.at("steps");
    REQUIRE(steps.size() == 3);
    CHECK(steps[0].at("step_length").is_null());
    CHECK(steps[1].at("point").at("x") == -3.0);
    CHECK(steps[1].at("step_length") == 1.0);
    CHECK_THAT(steps[1].at("update").get<std::string>(), StartsWith("gradient step"));
    CHECK(steps[2].at("update") == "Newton");
    CHECK(steps[2].at("point").at("x") == 0.0);
}

TEST_CASE("descend --method newton: md, --plot and --max-steps keep working") {
    ScratchDir dir;
    const Result r = run(newton({"--format", "md", "--max-steps", "1", "--until", "J < 1e-9", "--plot",
                                 (dir / "path.svg").string()}));
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, StartsWith("| step | $x$ | $y$ | J | $\\lVert \\nabla J \\rVert$ | t | update |"));
    CHECK_THAT(r.err, Contains("stopped after 1 updates without reaching J < 1e-9"));
    const std::string svg = read_file(dir / "path.svg");
    CHECK_THAT(svg, Contains("<svg") && Contains("Newton"));
}

TEST_CASE("descend --method newton: a failed line search is a failed run (exit 1)") {
    const Result r = run({"descend", "abs(x)", "--from", "x=1e-20", "--method", "newton"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Contains("line search failed at step 1"));
    CHECK_THAT(r.err, Contains("chainrule descend: line search failed at step 1"));
}

TEST_CASE("descend --method: the options of gradient descent are errors with newton, --lr is required for gd") {
    check_bad_input(run(newton({"--lr", "0.1"})), "chainrule descend: error: --lr does not apply to --method newton");
    check_bad_input(run(newton({"--optimizer", "sgd"})),
                    "chainrule descend: error: --optimizer does not apply to --method newton");
    check_bad_input(run(newton({"--beta1", "0.9"})), "chainrule descend: error: --beta1 does not apply to --method newton");
    check_bad_input(run(newton({"--momentum", "0.5"})),
                    "chainrule descend: error: --momentum does not apply to --method newton");
    check_bad_input(run({"descend", "x^2", "--from", "x=1", "--method", "bfgs"}), "chainrule descend: error: --method");
    check_bad_input(run({"descend", "x^2", "--from", "x=1"}), "chainrule descend: error: --lr is required for --method gd");
    check_bad_input(run({"descend", "log(x)", "--from", "x=-1", "--method", "newton"}),
                    "expression: error: left the domain of log at step 0");
    // gd stays the default, and --method gd is the same run
    const Result gd = run({"descend", "x^2", "--from", "x=1.2", "--lr", "0.3", "--method", "gd", "--format", "csv",
                           "--until", "J < 0.01"});
    REQUIRE(gd.exit_code == 0);
    CHECK(gd.out == "step,x,J,dJ/dx\n0,1.2,1.44,2.4\n1,0.48,0.2304,0.96\n2,0.192,0.036864,0.384\n"
                    "3,0.0768,0.00589824,0.1536\n");
}

}  // namespace descend_newton_cli_test
