// Matrix models on the command line (docs/matrix.md, "Matrix models in .chain"): the
// worksheet in every format it has, the claim report, gradcheck per entry (a kink in a relu
// layer), and the commands that refuse a matrix model with one line and exit code 2.
#include "run_process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace matrix_model_cli_test {

using namespace cli_test;
using Catch::Contains;

std::string model(const char* name) { return source_path(std::string("examples/matrix_models/") + name); }

TEST_CASE("worksheet of a matrix model: the derivation in matrix form, md, tex and json") {
    const Result md = run({"worksheet", model("logistic_regression.chain")});
    INFO(md.err);
    REQUIRE(md.exit_code == 0);
    CHECK_THAT(md.out, Contains("## Reverse sweep in matrix form") && Contains("X^{\\top} \\frac{\\partial J}{\\partial Z}") &&
                           Contains("\\frac{1}{4} \\left(A - Y\\right)") && Contains("0.6325341807"));
    const Result tex = run({"worksheet", model("xor_network.chain"), "--format", "tex"});
    CHECK(tex.exit_code == 0);
    CHECK_THAT(tex.out, Contains("\\documentclass") && Contains("0_{\\pm 10^{-800}}"));
    const Result json = run({"worksheet", model("logistic_regression.chain"), "--format", "json", "--digits", "6"});
    REQUIRE(json.exit_code == 0);
    const auto j = nlohmann::json::parse(json.out);
    CHECK(j["output"] == "J");
    CHECK(j["layout"] == "the gradient has the shape of the parameter");
    CHECK(j["backward"].back()["name"] == "W");
    CHECK(j["backward"].back()["value"][0][0] == "0.632534");
}

TEST_CASE("worksheet of a matrix model: what it does not do is one line and exit 2") {
    const Result dot = run({"worksheet", model("logistic_regression.chain"), "--format", "dot"});
    CHECK(dot.exit_code == 2);
    CHECK_THAT(dot.err, Contains("--format dot draws scalar graphs"));
    const Result wrt = run({"worksheet", model("logistic_regression.chain"), "--wrt", "W"});
    CHECK(wrt.exit_code == 2);
    CHECK_THAT(wrt.err, Contains("a matrix worksheet derives every param"));
    const Result zh = run({"worksheet", model("logistic_regression.chain"), "--lang", "zh"});
    CHECK(zh.exit_code == 2);
    const Result exercise = run({"exercise", model("logistic_regression.chain"), "-o", "unused"});
    CHECK(exercise.exit_code == 2);
    CHECK_THAT(exercise.err, Contains("this is a matrix model; `chainrule exercise` works on scalar models"));
}

TEST_CASE("check on a matrix model: the student's first error, and seed 002's identities") {
    const Result student = run({"check", model("logistic_student.chain")});
    CHECK(student.exit_code == 1);
    CHECK_THAT(student.out, Contains("wrong (first error)") && Contains("the factor 1/4 is missing") &&
                                Contains("X where X' (its transpose) is meant") && Contains("First error: claim 2."));
    const Result identities = run({"check", model("seed002_identities.chain"), "--format", "json"});
    CHECK(identities.exit_code == 0);
    const auto j = nlohmann::json::parse(identities.out);
    CHECK(j["claims"].size() == 10);
    for (const auto& c : j["claims"]) CHECK(c["verdict"] == "holds identically");
}

TEST_CASE("gradcheck on matrix models: every entry passes; a relu layer at 0 is a kink") {
    for (const char* name : {"logistic_regression.chain", "linear_regression.chain", "xor_network.chain",
                             "trace_quadratic.chain"}) {
        const Result r = run({"gradcheck", model(name)});
        INFO(name << "\n" << r.out << r.err);
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Contains("0 FAIL") && Contains("0 kink"));
    }
    const Result relu = run({"gradcheck", model("xor_relu.chain"), "--format", "json"});
    INFO(relu.err);
    CHECK(relu.exit_code == 0);
    const auto j = nlohmann::json::parse(relu.out);
    int kinks = 0;
    for (const auto& p : j["parameters"]) {
        if (p["verdict"] != "kink") continue;
        ++kinks;
        CHECK(p["name"] == "b1[1,1]");
        CHECK_THAT(p["note"].get<std::string>(), Contains("relu′(0) = 0 at node"));
    }
    CHECK(kinks == 1);
    CHECK(j["parameters"].size() == 13);
}

}  // namespace matrix_model_cli_test

namespace matrix_model_cli_test {

TEST_CASE("matrix worksheet: a summand's adjoint 1 is not followed by '= 1'; library errors say chainrule once") {
    ScratchDir dir;
    write_file(dir / "s.chain", "param W = [1, 2; 3, 5]\nf = sum(W)\ng = trace(W)\nJ = f + g\n");
    const Result r = run({"worksheet", (dir / "s.chain").string()});
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, !Contains("&= 1 \\\\\n &= 1"));
    CHECK_THAT(r.out, Contains("\\frac{\\partial J}{\\partial f} &= 1"));
    write_file(dir / "big.chain", "param W = [1e9999, 1]\nJ = sum(exp(W))\n");
    const Result g = run({"gradcheck", (dir / "big.chain").string()});
    CHECK(g.exit_code == 2);
    CHECK_THAT(g.err, !Contains("error: chainrule:"));
}

}  // namespace matrix_model_cli_test
