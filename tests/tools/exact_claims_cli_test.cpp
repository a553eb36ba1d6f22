// `chainrule check` with the fractions a worksheet prints (∂f/∂x = −6/125 = −0.048): a
// student who copies the fraction into a check line gets "correct, exact" and exit 0 —
// not "holds at this point only" (a constant judged as a formula at random points).
//
// Expected values by hand (Python's fractions.Fraction agrees):
//   f = x²,      x = −0.024: f′ = 2x = −0.048 = −6/125
//   g = x³ − 2x, x = 0.2:    g′ = 3·0.04 − 2 = −1.88 = −47/25; lr 0.5: x⁺ = 0.2 + 0.94 = 57/50
//   E = (w·x − t)²/2, w = 0.5, x = 2, t = 0.396: dE/dw = (1 − 0.396)·2 = 1.208 = 151/125
#include "run_process.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace exact_claims_cli_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;
using Json = nlohmann::json;

namespace {

Result check(const std::string& model, std::vector<std::string> extra = {}) {
    ScratchDir dir;
    write_file(dir / "m.chain", model);
    std::vector<std::string> args{"check", (dir / "m.chain").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
}

const char* kSquare = "param x = -0.024\nf = x^2\n";
const char* kCubic = "param x = 0.2\ng = x^3 - 2*x\nlr 0.5\n";
const char* kLoss = "param w = 0.5\ninput x = 2\ntarget t = 0.396\nE = (w*x - t)^2/2\n";

}  // namespace

TEST_CASE("check: the worksheet's fraction copied into a check line is correct and exact") {
    for (const std::string model : {std::string(kSquare) + "check df/dx = -6/125\n",
                                    std::string(kCubic) + "check dg/dx = -47/25\ncheck x+ = 57/50\n",
                                    std::string(kLoss) + "check dE/dw = 151/125\ncheck dE/dw = (1208/1000)\n"}) {
        const Result r = check(model);
        INFO(model << r.out << r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        CHECK_THAT(r.out, Contains("correct") && Contains("exact"));
        CHECK(r.out.find("holds") == std::string::npos);
    }
}

TEST_CASE("check: a fraction that is not the truth is wrong, exit 1") {
    const Result r = check(std::string(kLoss) + "check dE/dw = 152/125\ncheck dE/dw = 151/125\n");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, StartsWith("2 claims: 1 correct, 1 wrong; first error: #1 dE/dw\n"));
    CHECK_THAT(r.out, Contains("dE/dw = 152/125"));
    const Result irrational = check("param x = 0.5\ny = sigmoid(x)\ncheck y = 1/3\ncheck y = 5/8\n");
    CHECK(irrational.exit_code == 1);
    CHECK_THAT(irrational.out, StartsWith("2 claims: 2 wrong"));  // σ(0.5) = 0.6224593312…
}

TEST_CASE("check --format json: an exact claim's value and verdict") {
    const Result r = check(std::string(kSquare) + "check df/dx = -6/125\ncheck df/dx = -(7/125)\n", {"--format", "json"});
    REQUIRE(r.exit_code == 1);
    const Json j = Json::parse(r.out);
    const Json& c = j.at("claims");
    CHECK(c[0].at("claim") == "df/dx = -6/125");
    CHECK(c[0].at("verdict") == "correct");
    CHECK(c[0].at("agreement") == "exact");
    CHECK(c[0].at("claimed") == -0.048);  // the nearest double of −6/125
    CHECK(c[1].at("verdict") == "wrong");
    CHECK(c[1].at("claimed") == -0.056);
}

TEST_CASE("check: an exact claim that is not a finite number is exit 2 at its line and column") {
    const Result r = check(std::string(kSquare) + "check df/dx = log(0)\n");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains(":3:15: error: the claimed value is not a finite number"));
}

}  // namespace exact_claims_cli_test
