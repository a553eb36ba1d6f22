// End to end: `chainrule grad` and `chainrule worksheet` with numbers beyond MPFR's default
// exponent range (10^±3.2e8), which chainrule widens (precision/real.hpp), and beyond even
// the widened range (10^±1.388e18), where a result is not established, never a wrong 0.
//
// Expected values from mpmath 1.3.0, run once (mp.dps = 30), rounded to 10 digits by hand:
//   m.exp(-10**10)                          = 9.27858442032487257807314229893e-4342944820 → 9.278584420
//   m.exp(10**10)                           = 1.07775060795856491021424629591e+4342944819 → 1.077750608
//   m.power(m.mpf('2.5'), 10**10)           = 5.25262136371909071978254943281e+3979400086 → 5.252621364
//   10**10 * m.power(m.mpf('2.5'), 10**10 - 1)
//                                           = 2.10104854548763628791301977312e+3979400096 → 2.101048545
//   m.power(m.mpf('2.5'), 10**10) * m.log(m.mpf('2.5'))
//                                           = 4.81292827361998808487111772408e+3979400086 → 4.812928274
//   -2 * m.mpf(10)**5 * m.exp(-m.mpf(10)**10)
//                                           = -1.85571688406497451561462845979e-4342944814 → -1.855716884
//   m.exp(-10**9) * m.exp(10**9 + 1)        = e = 2.71828182845904523536028747135 → 2.718281828
#include "run_process.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace exponent_range_cli_test {

using namespace cli_test;
using Catch::Contains;
using Json = nlohmann::json;

namespace {

const std::string kOutOfRange = "? (underflow or overflow: a step leaves the arithmetic's range, 10^±1.388e18)";

void check_output(const Result& r, const std::string& expected) {
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == expected);
}

}  // namespace

TEST_CASE("grad beyond MPFR's default exponent range: ordinary numbers, not 0 or inf") {
    check_output(run({"grad", "exp(x)", "--at", "x=-1e10"}),
                 "f = 9.278584420e-4342944820\n∂f/∂x = 9.278584420e-4342944820\n");
    check_output(run({"grad", "exp(x)", "--at", "x=1e10"}),
                 "f = 1.077750608e4342944819\n∂f/∂x = 1.077750608e4342944819\n");
    check_output(run({"grad", "x^y", "--at", "x=2.5, y=1e10"}),
                 "f = 5.252621364e3979400086\n∂f/∂x = 2.101048545e3979400096\n∂f/∂y = 4.812928274e3979400086\n");
    check_output(run({"grad", "exp(-x^2)", "--at", "x=1e5"}),
                 "f = 9.278584420e-4342944820\n∂f/∂x = -1.855716884e-4342944814\n");
    // Intermediates beyond the default range, an ordinary result: e, and d/dx = 0 exactly
    // (f = e for every x).
    check_output(run({"grad", "exp(-x)*exp(x + 1)", "--at", "x=1e9"}), "f = 2.718281828\n∂f/∂x = 0\n");
}

TEST_CASE("grad beyond even the widened range: not established, never a wrong 0 or inf") {
    check_output(run({"grad", "exp(x)", "--at", "x=-1e30"}), "f = " + kOutOfRange + "\n∂f/∂x = " + kOutOfRange + "\n");
    // f = e^x + y = 2 + 10^(−4.3e29) is 2 in every printed digit; ∂f/∂y = 1 exactly.
    check_output(run({"grad", "exp(x) + y", "--at", "x=-1e30, y=2"}),
                 "f = 2\n∂f/∂x = " + kOutOfRange + "\n∂f/∂y = 1\n");
    // Overflow: 10^(1e19) is past 10^1.388e18; the op is named as for any infinity.
    const Result pow = run({"grad", "x^y", "--at", "x=10, y=1e19"});
    CHECK(pow.exit_code == 0);
    CHECK_THAT(pow.out, Contains("f = " + kOutOfRange + "\n∂f/∂x = " + kOutOfRange + "\n∂f/∂y = " + kOutOfRange));
    // 0·∞ = NaN from underflow and overflow: the true value is 1, so this is not the bad
    // input an undefined value (log of −1) is.
    const Result product = run({"grad", "exp(-x)*exp(x)", "--at", "x=1e30"});
    CHECK(product.exit_code == 0);
    CHECK_THAT(product.out, Contains("f = " + kOutOfRange + "\n"));
    // 1/∞ = 0 without an underflow of its own.
    CHECK_THAT(run({"grad", "1/exp(x)", "--at", "x=1e30"}).out, Contains("f = " + kOutOfRange + "\n"));
}

TEST_CASE("grad --format json: a number beyond the range is null and listed, never 0") {
    const Result r = run({"grad", "exp(x) + y", "--at", "x=-1e30, y=2", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const Json j = Json::parse(r.out);
    CHECK(j.at("value").get<double>() == 2.0);
    CHECK(j.at("gradient").at("x").is_null());
    CHECK(j.at("gradient").at("y").get<double>() == 1.0);
    CHECK(j.at("out_of_range") == Json::array({"x"}));
    const Json u = Json::parse(run({"grad", "exp(x)", "--at", "x=-1e30", "--format", "json"}).out);
    CHECK(u.at("value").is_null());
    CHECK(u.at("out_of_range") == Json::array({"value", "x"}));
    // Within the range: no out_of_range key.
    CHECK_FALSE(Json::parse(run({"grad", "exp(x)", "--at", "x=1", "--format", "json"}).out).contains("out_of_range"));
}

TEST_CASE("worksheet: a node beyond the range is bad input at its line; within it, an ordinary number") {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "chainrule_exponent_range_cli_test";
    std::filesystem::create_directories(dir);
    const auto model = [&](const std::string& name, const std::string& input) {
        const std::filesystem::path p = dir / name;
        std::ofstream(p) << "input x = " << input << "\nparam w = -1\nz = exp(w*x)\nE = z*z + w\nderive E wrt w\n";
        return p.string();
    };
    // z = e^(−1e10) = 9.278584420e−4342944820 (mpmath above).
    const Result ok = run({"worksheet", model("within.chain", "1e10"), "--format", "md"});
    CHECK(ok.exit_code == 0);
    CHECK_THAT(ok.out, Contains("9.278584420 \\times 10^{-4342944820}"));
    for (const std::string& input : {"1e30", "-1e30"}) {
        const Result r = run({"worksheet", model("beyond.chain", input), "--format", "md"});
        INFO("x = " << input << ", stderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Contains("beyond.chain:3:1: error: the value of 'z' leaves the arithmetic's range: it "
                                   "underflows or overflows 10^±1.388e18 and came out as " +
                                   std::string(input == "1e30" ? "0" : "inf")));
    }
    std::filesystem::remove_all(dir);
}

}  // namespace exponent_range_cli_test
