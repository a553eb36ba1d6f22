// End to end: `chainrule descend` on runs that fail although the input is valid — the
// table up to the last row that could be computed, one line saying what happened at which
// step, exit code 1 — in every output format. Expected rows from the closed form of plain
// gradient descent on J = x²: x_k = (1 − 2η)^k x₀.
#include "run_process.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace descend_divergence_test {

using namespace cli_test;
using Catch::Contains;
using Catch::EndsWith;
using Catch::StartsWith;
using Json = nlohmann::json;

namespace {

std::vector<std::string> descend(std::vector<std::string> extra) {
    std::vector<std::string> a{"descend"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
}

}  // namespace

TEST_CASE("descend x^4 from 10 with rate 1 (issue 11): two rows, 'diverged at step 1', exit 1") {
    const Result r = run(descend({"x^4", "--from", "x=10", "--lr", "1"}));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 1);
    // x1 = 10 − 4·10³ = −3990, J1 = 3990⁴ = 253449584010000 (10 digits: 2.534495840e14, the
    // trailing 0 a digit), dJ/dx = 4·(−3990)³ = −254084796000 exactly (short)
    CHECK(r.out ==
          "step      x               J           dJ/dx\n"
          "   0     10           10000            4000\n"
          "   1  -3990  2.534495840e14  -2.54084796e11\n"
          "diverged at step 1: J = 2.534495840e14 is more than 1e6*max(1, |J0|) above its start J0 = 10000\n");
    CHECK(r.err == "chainrule descend: diverged at step 1: J = 2.534495840e14 is more than 1e6*max(1, |J0|) above its "
                   "start J0 = 10000\n");
}

TEST_CASE("descend x^2 with rate 1.5: x_k = (-2)^k for 10 updates, a warning, then 'diverged at step 10'") {
    const Result r = run(descend({"x^2", "--from", "x=1", "--lr", "1.5", "--max-steps", "2000", "--format", "csv"}));
    CHECK(r.exit_code == 1);
    std::string expected = "step,x,J,dJ/dx\n";
    long long x = 1;
    for (int k = 0; k <= 10; ++k, x *= -2)
        expected += std::to_string(k) + "," + std::to_string(x) + "," + std::to_string(x * x) + "," + std::to_string(2 * x) + "\n";
    expected += "# diverged at step 10: J = 1048576 is more than 1e6*max(1, |J0|) above its start J0 = 1\n";
    CHECK(r.out == expected);
    CHECK_THAT(r.err, StartsWith("chainrule descend: warning: J has risen at each of the last 10 updates"));
    CHECK_THAT(r.err, Contains("the learning rate may be too large"));
    CHECK_THAT(r.err, EndsWith("chainrule descend: diverged at step 10: J = 1048576 is more than 1e6*max(1, |J0|) above "
                               "its start J0 = 1\n"));
}

TEST_CASE("descend x^2 with rate 1.1: the JSON keeps 39 rows, the ending and the warning") {
    const Result r = run(descend({"x^2", "--from", "x=1", "--lr", "1.1", "--format", "json"}));
    CHECK(r.exit_code == 1);
    const Json j = Json::parse(r.out);
    const Json& steps = j.at("steps");
    REQUIRE(steps.size() == 39);
    // x_k = (-1.2)^k: x_5 = -2.48832, x_38 = 1.2^38 = 1020.674699978532…
    CHECK(steps[5].at("point").at("x").get<double>() == Approx(-2.48832).epsilon(1e-15));
    CHECK(steps[38].at("point").at("x").get<double>() == Approx(1020.67469997853225734913580).epsilon(1e-15));
    CHECK(steps[38].at("J").get<double>() == Approx(1041776.84317626683642076482).epsilon(1e-15));
    CHECK(j.at("reached") == false);
    const Json& ending = j.at("ending");
    CHECK(ending.at("reason") == "diverged");
    CHECK(ending.at("step") == 38);
    CHECK(ending.at("failed") == true);
    CHECK_THAT(ending.at("message").get<std::string>(), StartsWith("diverged at step 38: J = 1041776.843"));
    CHECK_THAT(j.at("warning").get<std::string>(), StartsWith("J has risen at each of the last 10 updates"));
}

TEST_CASE("descend x^2 with rate 1: oscillation between 1 and -1 is no divergence (exit 0, no warning)") {
    const Result r = run(descend({"x^2", "--from", "x=1", "--lr", "1", "--max-steps", "4", "--format", "csv"}));
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "step,x,J,dJ/dx\n0,1,1,2\n1,-1,1,-2\n2,1,1,2\n3,-1,1,-2\n4,1,1,2\n");
}

TEST_CASE("descend log(x) with rate 0.5: x = 1, 0.5 then -0.5 leaves the domain of log (Markdown)") {
    const Result r = run(descend({"log(x)", "--from", "x=1", "--lr", "0.5", "--format", "md"}));
    CHECK(r.exit_code == 1);
    CHECK(r.out == "| step | $x$ | J | $\\partial J/\\partial x$ |\n| ---: | ---: | ---: | ---: |\n"
                   "| 0 | 1 | 0 | 1 |\n| 1 | 0.5 | -0.6931471806 | 2 |\n\nleft the domain of log at step 2 (x = -0.5)\n");
    CHECK(r.err == "chainrule descend: left the domain of log at step 2 (x = -0.5)\n");
}

TEST_CASE("descend 1/x from -1 with rate 1: division by zero at step 1, the start row kept") {
    const Result r = run(descend({"1/x", "--from", "x=-1", "--lr", "1"}));
    CHECK(r.exit_code == 1);
    CHECK(r.out == "step   x   J  dJ/dx\n   0  -1  -1     -1\ndivision by zero at step 1 (x = 0)\n");
}

TEST_CASE("descend with --until that a diverging run never reaches: exit 1 and no 'raise the learning rate' note") {
    const Result r = run(descend({"x^2", "--from", "x=1", "--lr", "1.5", "--until", "J < 0.01"}));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("note:") == std::string::npos);
    CHECK_THAT(r.err, Contains("diverged at step 10"));
}

TEST_CASE("descend from a point outside the domain is bad input (exit 2)") {
    const Result r = run(descend({"log(x)", "--from", "x=-1", "--lr", "0.1"}));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, StartsWith("expression: error: left the domain of log at step 0 (x = -1)"));
}

TEST_CASE("descend -o FILE with a failed run: the file holds the rows and the ending, exit 1") {
    ScratchDir dir;
    const std::string path = (dir.path() / "run.csv").string();
    const Result r = run(descend({"log(x)", "--from", "x=1", "--lr", "0.5", "--format", "csv", "-o", path}));
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(read_file(path) == "step,x,J,dJ/dx\n0,1,0,1\n1,0.5,-0.6931471806,2\n# left the domain of log at step 2 (x = -0.5)\n");
}

}  // namespace descend_divergence_test
