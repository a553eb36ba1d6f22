// End to end: `chainrule gradcheck MODEL.chain`, run as a user runs it. Expected numbers
// are the seed network's gradient computed independently (60-digit mpmath, as in
// tests/autodiff/seed_network.hpp) and closed forms.
#include "run_process.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cmath>

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
    CHECK_THAT(r.out, Contains("\n10 pass, 0 FAIL, 0 not differentiable here\n"));

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

TEST_CASE("gradcheck: a param at a kink is not differentiable here (exit 0), with its one-sided derivatives") {
    ScratchDir dir;
    write_file(dir / "kink.chain", "param w = 0, v = 1.5\nE = relu(w) + v^2\n");
    const Result r = run({"gradcheck", (dir / "kink.chain").string(), "--format", "json"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const Json report = Json::parse(r.out);
    const Json& w = parameter(report, "w");
    CHECK(w.at("verdict") == "not differentiable here");
    CHECK(w.at("left").get<double>() == 0.0);
    CHECK(w.at("right").get<double>() == 1.0);
    CHECK(parameter(report, "v").at("verdict") == "pass");
    CHECK(parameter(report, "v").at("numeric").get<double>() == 3.0);
    const Result text = run({"gradcheck", (dir / "kink.chain").string(), "-o", (dir / "out.txt").string()});
    CHECK(text.exit_code == 0);
    CHECK(text.out.empty());
    CHECK_THAT(read_file(dir / "out.txt"), Contains("not differentiable here (left 0, right 1)"));
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
    bad(run({"gradcheck", (dir / "noparam.chain").string()}), "chainrule gradcheck: error: ");
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
