// End to end: results that are 0 at every precision up to the ladder's cap only because a
// tiny term is lost to rounding (1 + e^−10000 is 1 below 4343 digits). `grad`, `check`
// and `worksheet` must never print such a 0 as certain, call a claim of it exact or a claim
// of the true value wrong, or say the cross-check agrees next to it; exact zeros stay exact.
//
// True values from mpmath 1.3.0, run once (import sys; sys.set_int_max_str_digits(0);
// mp.dps = 5000 unless said), rounded to 10 digits by hand:
//   log(1 + exp(mpf(-10000)))           = 1.13548386531e-4343  (f of the first grad)
//   exp(mpf(-10000))/(1 + exp(mpf(-10000))) = 1.13548386531e-4343 → 1.135483865e-4343 (its derivative)
//   (1 + exp(mpf(-3700))) - 1           = 1.28948696979e-1607; exp(mpf(-3700)) = 1.28948696979e-1607 → 1.289486970e-1607
//   mp.dps = 30: -exp(-mpf(10)**7)      = -1.5169367809e-4342945 (sigmoid(1e7) − 1);
//                exp(-x)/(1 + exp(-x))**2 at x = 10**7 = 1.5169367809e-4342945 → 1.516936781e-4342945
//   2*((1 + exp(mpf(-3000))) - 1)       = 2.61567803784e-1303; 2*exp(mpf(-3000)) = 2.61567803784e-1303 → 2.615678038e-1303
//   log(exp(mpf(10)**10 * -1 + 2) + 1)  ≈ exp(-9999999998) ≈ 6.856e-4342944819 (mp.dps = 30, |x| tiny: log1p(t) ≈ t)
#include "run_process.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <regex>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace rounding_artefact_cli_test {

using namespace cli_test;
using Catch::Contains;
using Json = nlohmann::json;

namespace {

// The bound b of "NAME = 0 (±1e<b>)" in `out`; fails the test when the line is another.
long long zero_bound(const std::string& out, const std::string& name) {
    const std::regex line(name + " = 0 \\(±1e(-?[0-9]+)\\)\n");
    std::smatch m;
    if (!std::regex_search(out, m, line)) {
        FAIL_CHECK("no line '" << name << " = 0 (±1e…)' in:\n" << out);
        return 0;
    }
    return std::stoll(m[1].str());
}

// An honest, useful bound: it holds the true value (|truth| ≤ 10^b, checked on the
// decimal exponent `truth_exponent` of a truth with mantissa in [1, 10)) and is small.
void check_honest_bound(long long bound, long long truth_exponent) {
    CHECK(bound > truth_exponent);
    CHECK(bound <= -1500);
}

Result run_model(const ScratchDir& dir, const std::string& text, std::vector<std::string> args) {
    const fs::path model = dir / "model.chain";
    write_file(model, text);
    args.insert(args.begin() + 1, model.string());
    return run(args);
}

}  // namespace

TEST_CASE("grad: a 0 made by rounding at every rung is a zero within a bound, never an exact 0") {
    const Result a = run({"grad", "log(1 + exp(x))", "--at", "x=-1e4"});
    INFO(a.out << a.err);
    CHECK(a.exit_code == 0);
    check_honest_bound(zero_bound(a.out, "f"), -4343);
    CHECK_THAT(a.out, Contains("∂f/∂x = 1.135483865e-4343\n"));

    const Result b = run({"grad", "(1 + exp(x)) - 1", "--at", "x=-3700"});
    INFO(b.out << b.err);
    CHECK(b.exit_code == 0);
    check_honest_bound(zero_bound(b.out, "f"), -1607);
    CHECK_THAT(b.out, Contains("∂f/∂x = 1.289486970e-1607\n"));

    // σ(10⁷) − 1: the sum 1 + e^−x rounds up and the quotient down before it shows.
    const Result c = run({"grad", "sigmoid(x) - 1", "--at", "x=1e7"});
    INFO(c.out << c.err);
    CHECK(c.exit_code == 0);
    check_honest_bound(zero_bound(c.out, "f"), -4342945);
    CHECK_THAT(c.out, Contains("∂f/∂x = 1.516936781e-4342945\n"));
}

TEST_CASE("grad: exact zeros stay exact") {
    CHECK(run({"grad", "x - x", "--at", "x=0.1"}).out == "f = 0\n∂f/∂x = 0\n");
    // relu at −1: the value and both partials are 0 whatever the rounding of e^0.5.
    CHECK(run({"grad", "relu(x)*exp(y)", "--at", "x=-1, y=0.5"}).out == "f = 0\n∂f/∂x = 0\n∂f/∂y = 0\n");
    // 0.5·2 − 1 beside a rounded tanh: exact in binary whichever way the rest rounds.
    CHECK(run({"grad", "x*2 - 1 + 0*tanh(y)", "--at", "x=0.5, y=0.3"}).out == "f = 0\n∂f/∂x = 2\n∂f/∂y = 0\n");
}

TEST_CASE("check: a claim against a right value that is a rounding artefact cannot be checked") {
    const ScratchDir dir;
    const Result r = run_model(dir,
                               "param z = -10000\n"
                               "y = 1 + exp(z)\n"
                               "E = log(y)\n"
                               "check E = 0\n"
                               "check E = 1.135483865e-4343\n"
                               "check E = 0.001\n"
                               "check E = 0.000\n"
                               "check dE/dz = 1.135483865e-4343\n",
                               {"check", "--format", "json"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);  // 0.001 is wrong whatever the tiny truth is
    const Json j = Json::parse(r.out);
    const Json& c = j.at("claims");
    REQUIRE(c.size() == 5);
    // 0 and the true value: neither confirmed nor refuted by 0 within 10^-1598.
    CHECK(c[0].at("verdict") == "cannot be checked");
    CHECK(c[0].at("agreement").is_null());
    CHECK(c[1].at("verdict") == "cannot be checked");
    // 0.001 needs a truth of at least 0.0005: wrong for every value within the bound.
    CHECK(c[2].at("verdict") == "wrong");
    // 0.000 (three decimals) is right for every value within the bound: rounded, not exact.
    CHECK(c[3].at("verdict") == "correct");
    CHECK(c[3].at("agreement") == "rounded");
    // The derivative is settled: an ordinary correct claim.
    CHECK(c[4].at("verdict") == "correct");
    CHECK_THAT(c[0].at("right_digits").get<std::string>(), Contains("0 (±1e-"));
    CHECK_THAT(c[0].at("note").get<std::string>(), Contains("the right value is not settled"));

    // Alone, an unsettled claim is no error: exit 0, and the text table says so.
    const Result t = run_model(dir,
                               "param z = -10000\n"
                               "E = log(1 + exp(z))\n"
                               "check E = 0\n",
                               {"check"});
    INFO(t.out << t.err);
    CHECK(t.exit_code == 0);
    CHECK_THAT(t.out, Contains("1 claim: 1 cannot be checked"));
    const Result zh = run_model(dir, "param z = -10000\nE = log(1 + exp(z))\ncheck E = 0\n", {"check", "--lang", "zh"});
    CHECK_THAT(zh.out, Contains("无法核对"));
}

TEST_CASE("worksheet: the cross-check cannot confirm a derivation whose numbers are not settled") {
    const ScratchDir dir;
    const std::string model = "param s = -3000\nb = (1 + exp(s)) - 1\nE = 2*b\n";
    const Result md = run_model(dir, model, {"worksheet", "--format", "md"});
    INFO(md.out << md.err);
    CHECK(md.exit_code == 0);
    CHECK_THAT(md.err, Contains("note: the cross-check cannot confirm dE/ds"));
    CHECK_THAT(md.out, Contains("it cannot confirm the derivation above"));
    CHECK_THAT(md.out, !Contains("agrees in every printed digit"));
    CHECK_THAT(md.out, !Contains("agrees with reverse mode"));
    CHECK_THAT(md.out, Contains("cannot confirm (not settled)"));
    // b is 0 at 800 digits and 1.3e-1303 at 1600: no digit settled, so the product is 2·? = ?.
    CHECK_THAT(md.out, Contains("\\text{?}"));

    const Result json = run_model(dir, model, {"worksheet", "--format", "json"});
    REQUIRE(json.exit_code == 0);
    const Json j = Json::parse(json.out);
    const Json& d = j.at("derivations").at(0);
    CHECK(d.at("cross_check") == "cannot confirm");
    CHECK(d.at("agrees_with_reverse_mode") == false);
    CHECK(d.at("reverse_mode").at("digits") == "2.615678038e-1303");

    const Result zh = run_model(dir, model, {"worksheet", "--format", "md", "--lang", "zh"});
    CHECK(zh.exit_code == 0);
    CHECK_THAT(zh.out, Contains("无法验证上面的推导"));
}

TEST_CASE("worksheet: zeros within a bound on both sides of the cross-check confirm nothing") {
    // ∂E/∂w = b = c − 1 = (1 + e^−10000) − 1, 1.135e-4343 (mp.dps = 5000), is 0 at every rung
    // through rounding, in the derivation and in reverse mode alike; ∂E/∂s = w·1·e^s is settled.
    // (With b = (1 + exp(s)) − 1 in one line, ∂b/∂s = e^s is written b, b's simplified
    // definition, and takes b's unsettled value: honest, but not settled; docs/cli.md.)
    const ScratchDir dir;
    const std::string model = "param w = 3, s = -10000\nc = 1 + exp(s)\nb = c - 1\nE = w*b\n";
    for (const char* style : {"paths", "deltas"}) {
        const Result r = run_model(dir, model, {"worksheet", "--format", "json", "--style", style});
        INFO(style << r.out << r.err);
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.err, Contains("note: the cross-check cannot confirm dE/dw"));
        CHECK_THAT(r.err, !Contains("dE/ds"));
        const Json j = Json::parse(r.out);
        for (const Json& d : j.at("derivations")) {
            if (d.at("wrt") == "w") {
                CHECK(d.at("cross_check") == "cannot confirm");
                CHECK(d.at("result").contains("zero_below"));
            } else {
                CHECK(d.at("cross_check") == "agrees");
                // mp.dps = 5000: 3*exp(mpf(-10000)) = 3.40645159594e-4343
                CHECK(d.at("result").at("digits") == "3.406451596e-4343");
            }
        }
    }
    const Result md = run_model(dir, model, {"worksheet", "--format", "md", "--style", "deltas"});
    CHECK_THAT(md.out, Contains("Cross-check of"));
    CHECK_THAT(md.out, Contains("it cannot confirm the derivation above"));
    CHECK_THAT(md.out, !Contains("agree with each of these"));
}

TEST_CASE("worksheet: a loss that is 0 only through rounding is not printed as 0") {
    const ScratchDir dir;
    const Result r = run_model(dir,
                               "param w = 1e10, b = 2\n"
                               "input x = -1\n"
                               "E = log(exp(w*x + b) + 1)\n",
                               {"worksheet", "--format", "md"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    // Every place E's value is printed, it is 0 within a bound (the true E is 6.9e-4342944819).
    CHECK_THAT(r.out, Contains("0_{\\pm 10^{-"));
    const std::regex bare_zero_e("E = [^$\n]*= 0 *\\$");
    CHECK_FALSE(std::regex_search(r.out, bare_zero_e));
}

TEST_CASE("worksheet: settled numbers still agree, and exit 0 without a note") {
    const ScratchDir dir;
    const Result r = run_model(dir, "param w = 0.5\ninput x = 2\nE = relu(w*x - 3)*exp(w)\n", {"worksheet", "--format", "md"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, Contains("agrees"));
    CHECK_THAT(r.out, !Contains("cannot confirm"));
}

}  // namespace rounding_artefact_cli_test
