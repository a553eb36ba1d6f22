// End to end: `chainrule gradcheck MODEL.chain`, run as a user runs it. Expected numbers
// are the seed network's gradient computed independently (60-digit mpmath, as in
// tests/autodiff/seed_network.hpp) and closed forms.
#include "run_process.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace gradcheck_cli_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;
using Json = nlohmann::json;

namespace {

const std::string kBp = source_path("examples/bp_network.chain");

const Json& parameter(const Json& report, const std::string& name) {
    for (const Json& p : report.at("parameters"))
        if (p.at("name") == name) return p;
    FAIL("no parameter " << name);
    throw;
}

}  // namespace

TEST_CASE("gradcheck of bp_network.chain: every param passes, as a table and as JSON") {
    const Result r = run({"gradcheck", kBp});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, StartsWith("gradcheck of E: reverse mode in double vs 50-digit central differences"));
    CHECK_THAT(r.out, Contains("param  analytic"));
    CHECK_THAT(r.out, Contains("tolerance: |analytic - numeric| <= K*eps*L + nu"));
    CHECK_THAT(r.out, Contains("\n10 pass, 0 FAIL, 0 kink, 0 undefined, 0 could not estimate\n"));

    const Result j = run({"gradcheck", kBp, "--format", "json"});
    REQUIRE(j.exit_code == 0);
    const Json report = Json::parse(j.out);
    CHECK(report.at("output") == "E");
    CHECK(report.at("passed") == true);
    CHECK(report.at("parameters").size() == 10);
    CHECK(report.at("tolerance").at("epsilon") == std::numeric_limits<double>::epsilon());
    // ∂E/∂w5 and ∂E/∂w1 of the seed (the model's decimals rounded to double move them by ~1e-17)
    for (const auto& [name, value] : {std::pair{"w5", 0.08186670503962587782}, {"w1", 0.00111787391776567898}}) {
        const Json& p = parameter(report, name);
        CHECK(p.at("verdict") == "pass");
        CHECK(std::abs(p.at("numeric").get<double>() - value) < 1e-15 * value);
        CHECK(std::abs(p.at("analytic").get<double>() - value) < 1e-14 * value);
        CHECK(p.at("abs_error").get<double>() <= p.at("tolerance").get<double>());
    }
}

TEST_CASE("gradcheck: a param at a kink is a kink at its convention (exit 0), with its one-sided derivatives") {
    ScratchDir dir;
    write_file(dir / "kink.chain", "param w = 0, v = 1.5\nE = relu(w) + v^2\n");
    const Result r = run({"gradcheck", (dir / "kink.chain").string(), "--format", "json"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const Json report = Json::parse(r.out);
    const Json& w = parameter(report, "w");
    CHECK(w.at("verdict") == "kink");
    CHECK(w.at("left").get<double>() == 0.0);
    CHECK(w.at("right").get<double>() == 1.0);
    CHECK(w.at("analytic").get<double>() == 0.0);
    CHECK(w.at("singular").at(0).at("rule") == "relu′(0) = 0");
    CHECK(parameter(report, "v").at("verdict") == "pass");
    CHECK(parameter(report, "v").at("numeric").get<double>() == 3.0);
    const Result text = run({"gradcheck", (dir / "kink.chain").string(), "-o", (dir / "out.txt").string()});
    CHECK(text.exit_code == 0);
    CHECK(text.out.empty());
    const std::string out = read_file(dir / "out.txt");
    CHECK_THAT(out, Contains("kink: convention relu′(0) = 0 at node #"));
    CHECK_THAT(out, Contains("(left 0, right 1)"));
    CHECK_THAT(out, Contains("\n1 pass, 0 FAIL, 1 kink, 0 undefined, 0 could not estimate\n"));
}

TEST_CASE("gradcheck: points far from 1 are differenced at their own scale") {
    // The issue: with h = 1e-12·max(1, |x|), log at 1e-300 was "not differentiable here
    // (left NaN, right 4.99e11)". Now h = 1e-12·|x|: d log(x)/dx = 1/x = 1e300.
    ScratchDir dir;
    write_file(dir / "tiny.chain", "param x = 1e-300, b = 1e300\nE = log(x) + log(b)\n");
    write_file(dir / "exp.chain", "param e = 700\nE = exp(e)\n");
    // alone: beside log(x) ≈ −690, sqrt(s) = 1e-100 is below the 50-digit rounding of f
    write_file(dir / "sqrt.chain", "param s = 1e-200\nE = sqrt(s)\n");
    const Result r = run({"gradcheck", (dir / "tiny.chain").string(), "--format", "json"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const Json report = Json::parse(r.out);
    const Json exp_report = Json::parse(run({"gradcheck", (dir / "exp.chain").string(), "--format", "json"}).out);
    const Json sqrt_report = Json::parse(run({"gradcheck", (dir / "sqrt.chain").string(), "--format", "json"}).out);
    const auto near = [&](const std::string& name, double exact) {
        const Json& p = parameter(name == "e" ? exp_report : name == "s" ? sqrt_report : report, name);
        INFO(name << ": " << p.dump());
        CHECK(p.at("verdict") == "pass");
        CHECK(p.at("numeric_kind") == "finite");
        CHECK(std::abs(p.at("numeric").get<double>() - exact) <= 1e-15 * std::abs(exact));
    };
    near("x", 1e300);
    near("s", 5e99);                  // 1/(2·1e-100)
    near("e", 1.0142320547350045e304);  // e^700
    near("b", 1e-300);
    CHECK(std::abs(parameter(report, "x").at("step").get<double>() / 1e-312 - 1) < 1e-12);  // h = 1e-12·|x|
    const Result text = run({"gradcheck", (dir / "tiny.chain").string()});
    CHECK_THAT(text.out, Contains("h = 1e-12*|x| (1e-12 at x = 0)"));
    CHECK_THAT(text.out, Contains("\n2 pass, 0 FAIL, 0 kink, 0 undefined, 0 could not estimate\n"));

    // log(b) beside exp(700): the rounding of f ≈ 1e304 swamps b's variation: no number
    write_file(dir / "swamped.chain", "param b = 1e300, e = 700\nE = log(b) + exp(e)\n");
    const Result sw = run({"gradcheck", (dir / "swamped.chain").string(), "--format", "json"});
    const Json swamped = Json::parse(sw.out);
    const Json& b = parameter(swamped, "b");
    CHECK(b.at("verdict") == "could not estimate");
    CHECK(b.at("numeric").is_null());
    CHECK_THAT(b.at("note").get<std::string>(), Contains("at the rounding level of f"));
    CHECK(sw.exit_code == 0);
}

TEST_CASE("gradcheck: infinite derivatives print as ±∞ and agree; NaN is undefined and exit 1") {
    ScratchDir dir;
    write_file(dir / "inf.chain", "param w = 0, u = 1\nE = sqrt(w) + asin(u)\n");
    const Result r = run({"gradcheck", (dir / "inf.chain").string()});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("pass (+∞ = +∞)"));
    CHECK_THAT(r.out, Contains("sqrt′(0) = +∞ at node #"));
    CHECK_THAT(r.out, Contains("asin′(1) = +∞ at node #"));
    CHECK_THAT(r.out, Contains("\n2 pass, 0 FAIL"));
    const Result j = run({"gradcheck", (dir / "inf.chain").string(), "--format", "json"});
    const Json inf_report = Json::parse(j.out);
    const Json& w = parameter(inf_report, "w");
    CHECK(w.at("numeric_kind") == "+inf");
    CHECK(w.at("left_kind") == "undefined");
    CHECK(w.at("right_kind") == "+inf");
    CHECK(w.at("numeric").is_null());

    // sqrt(|w|) at 0: reverse mode multiplies sqrt′(0) = +∞ by abs′(0) = 0
    write_file(dir / "nan.chain", "param w = 0\nE = sqrt(abs(w))\n");
    const Result n = run({"gradcheck", (dir / "nan.chain").string()});
    INFO(n.out << n.err);
    CHECK(n.exit_code == 1);
    CHECK_THAT(n.out, Contains("NaN"));
    CHECK_THAT(n.out, Contains("undefined (NaN)"));
    CHECK_THAT(n.out, Contains("abs′(0) = 0 at node #"));
    CHECK_THAT(n.out, Contains("sqrt′(0) = +∞ at node #"));
    CHECK_THAT(n.err, Contains("0 pass, 0 FAIL, 0 kink, 1 undefined, 0 could not estimate"));
}

TEST_CASE("gradcheck: bad input is exit 2 with one message") {
    ScratchDir dir;
    const auto bad = [](const Result& r, const std::string& start) {
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, StartsWith(start));
    };
    bad(run({"gradcheck", (dir / "missing.chain").string()}),
        (dir / "missing.chain").string() + ": error: cannot read the file");
    write_file(dir / "bad.chain", "param w = 1\nE = w *\n");
    bad(run({"gradcheck", (dir / "bad.chain").string()}), (dir / "bad.chain").string() + ":2:8: error:");
    write_file(dir / "noparam.chain", "input x = 1\nE = x^2\n");
    bad(run({"gradcheck", (dir / "noparam.chain").string()}),
        (dir / "noparam.chain").string() + ": error: 'E' depends on no param");
    bad(run({"gradcheck", kBp, "--format", "md"}), "chainrule gradcheck: error:");
    bad(run({"gradcheck"}), "chainrule gradcheck: error:");
}

TEST_CASE("gradcheck --help shows its usage and an example") {
    const Result r = run({"gradcheck", "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("Usage: chainrule gradcheck"));
    CHECK_THAT(r.out, Contains("Example:\n  chainrule gradcheck"));
    CHECK_THAT(run({"--help"}).out, Contains("gradcheck"));
}

}  // namespace gradcheck_cli_test
