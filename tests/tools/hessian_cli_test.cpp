// End to end: `chainrule hessian`, `diff --order`, `worksheet --order 2`, run as a user runs
// them. Expected numbers: closed forms (the issue's [[4, 2], [2, −sin 2]]) and SymPy's
// second derivatives of the seed 001 network (tests/lang/hessian_reference.py).
#include "run_process.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace hessian_cli_test {

using namespace cli_test;
using Catch::Contains;
using Json = nlohmann::json;

namespace {

const std::string kBp = source_path("examples/bp_network.chain");

}  // namespace

TEST_CASE("hessian of x^2*y + sin(y) at (1, 2) is [[4, 2], [2, -sin 2]]") {
    const Result r = run({"hessian", "x^2*y + sin(y)", "--at", "x=1, y=2"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("x  4              2\ny  2  -0.9092974268\n"));  // sin 2 = 0.909297426825…
    const Result j = run({"hessian", "x^2*y + sin(y)", "--at", "x=1, y=2", "--format", "json"});
    REQUIRE(j.exit_code == 0);
    const Json h = Json::parse(j.out).at("hessian");
    CHECK(h[0][0] == 4.0);
    CHECK(h[0][1] == 2.0);
    CHECK(h[1][0] == 2.0);
    CHECK(std::abs(h[1][1].get<double>() + std::sin(2.0)) < 1e-15);
    CHECK(Json::parse(j.out).at("symmetric") == true);
}

TEST_CASE("hessian of pow(x, 2) + y^2 at the origin is [[2, 0], [0, 2]]") {
    const Result j = run({"hessian", "pow(x, 2) + y^2", "--at", "x=0, y=0", "--format", "json"});
    INFO(j.out << j.err);
    REQUIRE(j.exit_code == 0);
    CHECK(Json::parse(j.out).at("hessian") == Json::parse("[[2.0, 0.0], [0.0, 2.0]]"));
}

TEST_CASE("hessian: an infinite second derivative is null in JSON and named") {
    const Result j = run({"hessian", "sqrt(x) + x*y", "--at", "x=0, y=1", "--format", "json"});
    REQUIRE(j.exit_code == 0);
    const Json r = Json::parse(j.out);
    CHECK(r.at("hessian")[0][0].is_null());
    CHECK(r.at("not_finite")[0].at("kind") == "-inf");
    CHECK(r.at("hessian")[0][1] == 1.0);
    const Result t = run({"hessian", "sqrt(x) + x*y", "--at", "x=0, y=1"});
    CHECK_THAT(t.out, Contains("-inf"));
    CHECK_THAT(t.out, Contains("not finite here: sqrt' at 0"));
}

TEST_CASE("hessian of the seed 001 model by w5, w1 (SymPy's values), as text, md, tex and json") {
    const Result r = run({"hessian", kBp, "--wrt", "w5,w1"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("w5  -0.02080705325     0.002532252661"));  // -0.0208070532503…, 0.00253225266082…
    CHECK_THAT(r.out, Contains("w1  0.002532252661  -0.00003074903974"));   // -0.0000307490397419…
    const Result md = run({"hessian", kBp, "--wrt", "w5", "--format", "md"});
    CHECK_THAT(md.out, Contains("| $w_{5}$ | $-0.02080705325$ |"));
    const Result tex = run({"hessian", kBp, "--wrt", "w5", "--format", "tex"});
    CHECK_THAT(tex.out, Contains("\\documentclass"));
    const Result j = run({"hessian", kBp, "--format", "json"});
    REQUIRE(j.exit_code == 0);
    const Json all = Json::parse(j.out);
    CHECK(all.at("output") == "E");
    CHECK(all.at("variables").size() == all.at("hessian").size());
}

TEST_CASE("hessian refuses bad input with exit code 2 and one message") {
    const auto refused = [](std::vector<std::string> args, const std::string& message) {
        const Result r = run(args);
        INFO(r.out << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Contains(message));
    };
    refused({"hessian", "x*y"}, "an expression needs its point: --at");
    refused({"hessian", kBp, "--at", "x=1"}, "--at is for an expression");
    refused({"hessian", "x*y", "--at", "x=1, y=2", "--wrt", "x"}, "--wrt is for a model");
    refused({"hessian", "x*y", "--at", "x=1"}, "unknown name 'y'");
    refused({"hessian", "log(x)", "--at", "x=-1"}, "undefined");
    refused({"hessian", kBp, "--wrt", "i1"}, "'i1' is an input, not a param");
    refused({"hessian", kBp, "--wrt", "w5,"}, "empty name");
    refused({"hessian", "x^2", "--at", "x=1", "--format", "pdf"}, "--format");
}

TEST_CASE("diff --order: repeated and mixed derivatives") {
    CHECK(run({"diff", "x^2*y + sin(y)", "--wrt", "x,y", "--order", "2"}).out == "2*x\n");
    CHECK(run({"diff", "x^2*y + sin(y)", "--wrt", "y", "--order", "2"}).out == "-sin(y)\n");
    CHECK(run({"diff", "x^4", "--wrt", "x", "--order", "3"}).out == "24*x\n");
    const Result j = run({"diff", "x^2*y", "--wrt", "x,y", "--order", "2", "--format", "json"});
    CHECK(Json::parse(j.out).at("wrt") == "x,y");
    const Result bad = run({"diff", "x*y", "--wrt", "x,y", "--order", "3"});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("--order is 3"));
    CHECK(run({"diff", "x", "--wrt", "x", "--order", "6"}).exit_code == 2);
}

TEST_CASE("worksheet --order 2 of the seed 001 network: d2E/dw5^2 with every digit right") {
    const Result r = run({"worksheet", kBp, "--wrt", "w5", "--order", "2"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("## Second derivatives"));
    CHECK_THAT(r.out, Contains(" &= -0.02080705325\n"));  // SymPy: -0.020807053250315590541…
    const Result many = run({"worksheet", kBp, "--wrt", "w5", "--order", "2", "--digits", "20"});
    CHECK_THAT(many.out, Contains(" &= -0.020807053250315590542\n"));
    const Result j = run({"worksheet", kBp, "--wrt", "w5,w1", "--order", "2", "--format", "json"});
    REQUIRE(j.exit_code == 0);
    const Json s = Json::parse(j.out).at("second_order");
    CHECK(s.at("parameters") == Json::parse(R"(["w5", "w1"])"));
    CHECK(s.at("derivations")[1].at("result").at("digits") == "-0.00003074903974");
    CHECK(s.at("hessian")[0][1].at("digits") == "0.002532252661");
    CHECK(run({"worksheet", kBp, "--order", "3"}).exit_code == 2);
}

TEST_CASE("gradcheck --order 2: the seed network's Hessian against differences of the gradient") {
    const Result r = run({"gradcheck", kBp, "--order", "2"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("\n100 pass, 0 FAIL, 0 kink, 0 undefined; symmetric\n"));
    const Result j = run({"gradcheck", kBp, "--order", "2", "--format", "json"});
    const Json report = Json::parse(j.out);
    CHECK(report.at("passed") == true);
    CHECK(report.at("entries").size() == 100);
    for (const Json& e : report.at("entries"))
        if (e.at("row") == "w5" && e.at("column") == "w5")  // SymPy: -0.020807053250315590541…
            CHECK(std::abs(e.at("numeric").get<double>() + 0.020807053250315590541) < 1e-17);
    const Result matrix = run({"gradcheck", source_path("examples/matrix_models/logistic_regression.chain"), "--order", "2"});
    CHECK(matrix.exit_code == 2);
    CHECK_THAT(matrix.err, Contains("matrix model"));
}

}  // namespace hessian_cli_test
