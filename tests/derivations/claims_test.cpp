// Claim checking through the C++ API, one test per kind of verdict, agreement and slip.
// Expected numbers are worked out independently: the seed 001 reference values (40-digit
// decimal, shared/reference/seed-001-network.md) and hand arithmetic on them, e.g.
//   dE/dw5 = 0.08186670503962587782 → negative −0.0818667050, double 0.1637334101,
//   half 0.04093335252; w5 + 0.5·dE/dw5 = 0.5409333525; w5 − dE/dw5 = 0.418133295;
//   dE/dout_o1 · out_h1 · din_o1/dw5 = 0.78873140025 · 0.64565630623² = 0.3288000882.
#include "autodiff/seed_network.hpp"
#include "derivations/claims.hpp"

#include "symbolic/symbolic.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace claims_test {

using namespace chainrule;
using namespace chainrule::derivations;
using Catch::Contains;
using Catch::StartsWith;

namespace {

ClaimReport check_seed(const std::vector<Claim>& claims) {
    Tape<Real> tape;
    seed_network::record_seed(tape);
    ClaimCheckOptions options;
    options.output = "E";
    options.learning_rate = Real("0.5");
    return check_claims(tape, claims, options);
}

ClaimResult one(const Claim& c) { return check_seed({c}).results.at(0); }

symbolic::Expr sym(const char* name) { return symbolic::Expr::symbol(name); }

}  // namespace

TEST_CASE("claims: correct numbers say how they agree (exact, rounded, truncated, within one unit)", "[claims]") {
    Tape<Real> tape;
    auto x = tape.variable(Real(2) / 3, "x");
    auto y = (-x).named("y");
    auto z = (x * 0 + Real("0.12345")).named("z");
    const std::vector<Claim> claims{value_claim("x", "0.6667"), value_claim("x", "0.6666"), value_claim("y", "-0.6666"),
                                    value_claim("z", "0.12345"), value_claim("z", "0.124"), value_claim("x", "0.6665")};
    const ClaimReport r = check_claims(tape, claims);
    CHECK(*r.results[0].agreement == Agreement::Rounded);
    CHECK(*r.results[1].agreement == Agreement::Truncated);
    CHECK(*r.results[2].agreement == Agreement::Truncated);  // towards zero
    CHECK(*r.results[3].agreement == Agreement::Exact);
    CHECK(*r.results[4].agreement == Agreement::WithinOneUnit);  // 0.124 − 0.12345 = 0.55 units
    CHECK(r.results[5].verdict == ClaimVerdict::Wrong);  // 1.67 units off (not "carried forward" from
                                                         // the earlier claims of x: a restatement)
    CHECK(!r.results[5].agreement);
    (void)y;
    (void)z;
}

TEST_CASE("claims: an integer claims an exact value", "[claims]") {
    Tape<Real> tape;
    auto x = tape.variable(Real("0.25"), "x");
    (x * 4).named("y");   // 1 exactly
    (x * 2).named("z");   // 0.5: "1" and "0" are wrong, not "within one unit"
    const ClaimReport r = check_claims(tape, std::vector<Claim>{value_claim("y", "1"), value_claim("z", "1"),
                                                                value_claim("z", "0"), derivative_claim("y", "x", "4")});
    CHECK(*r.results[0].agreement == Agreement::Exact);
    CHECK(r.results[1].verdict == ClaimVerdict::Wrong);
    CHECK(r.results[2].verdict == ClaimVerdict::Wrong);
    CHECK(*r.results[3].agreement == Agreement::Exact);
}

TEST_CASE("claims: a value computed from an earlier wrong value is carried forward", "[claims]") {
    Tape<Real> tape;
    auto x = tape.variable(Real("0.5"), "x");
    sin(x).named("y");  // sin 0.5 = 0.4794255386: 0.481 is 1.6 units off; z = 2·0.481
    (2 * tape.var(*tape.find("y"))).named("z");
    const ClaimReport r = check_claims(tape, std::vector<Claim>{value_claim("y", "0.481"), value_claim("z", "0.962")});
    CHECK(r.results[0].verdict == ClaimVerdict::Wrong);
    CHECK(r.results[0].first_error);
    CHECK(r.results[1].verdict == ClaimVerdict::CarriedForward);
    CHECK(r.results[1].root_errors == std::vector<std::size_t>{0});
    CHECK(r.results[0].carried_to == std::vector<std::size_t>{1});
}

TEST_CASE("claims: a derivative of a node that does not depend on B is 0", "[claims]") {
    const ClaimResult r = one(derivative_claim("E_o2", "w5", "0"));
    CHECK(r.verdict == ClaimVerdict::Correct);
    CHECK(r.right == 0);
}

TEST_CASE("claims: every kind of slip gets its diagnosis", "[claims][diagnosis]") {
    SECTION("the negative") { CHECK_THAT(one(derivative_claim("E", "w5", "-0.0818667050")).diagnosis, StartsWith("the sign is wrong")); }
    SECTION("double") { CHECK(one(derivative_claim("E", "w5", "0.1637334101")).diagnosis == "it is twice the right value"); }
    SECTION("half") { CHECK(one(derivative_claim("E", "w5", "0.04093335252")).diagnosis == "it is half the right value"); }
    SECTION("another named value") {
        CHECK(one(derivative_claim("out_o1", "in_o1", "0.7987314002")).diagnosis == "it is the value of out_o1 (0.7987314002)");
    }
    SECTION("another claimed quantity's value") {
        const ClaimReport r = check_seed({derivative_claim("E", "w6", "0.08186670504"), derivative_claim("E", "w5", "0.08186670504")});
        CHECK(r.results[0].diagnosis == "it is the value of dE/dw5 (0.08186670504)");
    }
    SECTION("two values swapped") {
        const ClaimReport r = check_seed({value_claim("out_o1", "0.8374488853"), value_claim("out_o2", "0.7987314002")});
        CHECK_THAT(r.results[0].diagnosis, Contains("value of out_o2") && Contains("swapped"));
        CHECK_THAT(r.results[1].diagnosis, Contains("value of out_o1") && Contains("swapped"));
    }
    SECTION("one factor of the product replaced by a named value") {
        CHECK_THAT(one(derivative_claim("E", "w5", "0.3288000882")).diagnosis,
                   StartsWith("out_h1 (0.6456563062) was used in place of dout_o1/din_o1 = "));
    }
    SECTION("an update uphill") {
        CHECK_THAT(one(update_claim("w5", "0.5409333525", Real("0.5"))).diagnosis, StartsWith("the step went uphill"));
    }
    SECTION("an update without the learning rate") {
        CHECK_THAT(one(update_claim("w5", "0.418133295", Real("0.5"))).diagnosis, StartsWith("the learning rate is missing"));
    }
    SECTION("nothing simple") { CHECK(one(derivative_claim("E", "w5", "0.07123456789")).diagnosis.empty()); }
}

TEST_CASE("claims: formulas hold identically, at this point only, or not at all", "[claims][formula]") {
    using symbolic::Expr;
    const Expr o1 = sym("o1"), out = sym("out_o1"), h1 = sym("out_h1");
    SECTION("the seed's formula for dE/dw5 is an identity") {
        const ClaimResult r = one(derivative_formula_claim("E", "w5", -(o1 - out) * out * (1 - out) * h1));
        CHECK(r.verdict == ClaimVerdict::HoldsIdentically);
        CHECK(r.points_checked >= 20);
        CHECK(r.points_holding == r.points_checked);
    }
    SECTION("din_o1/dout_h1 = 5·w1 is 0.5 = w5 here, and nowhere else") {
        const ClaimResult r = one(derivative_formula_claim("in_o1", "out_h1", Expr(5) * sym("w1")));
        CHECK(r.verdict == ClaimVerdict::HoldsAtThisPointOnly);
        CHECK(r.points_holding < r.points_checked);
    }
    SECTION("a sign error is wrong") {
        const ClaimResult r = one(derivative_formula_claim("E", "w5", (o1 - out) * out * (1 - out) * h1));
        CHECK(r.verdict == ClaimVerdict::Wrong);
        CHECK(boost::multiprecision::abs(*r.claimed + r.right) < Real("1e-40"));
    }
    SECTION("the same seed gives the same points") {
        const auto a = one(derivative_formula_claim("in_o1", "out_h1", Expr(5) * sym("w1")));
        const auto b = one(derivative_formula_claim("in_o1", "out_h1", Expr(5) * sym("w1")));
        CHECK(a.points_holding == b.points_holding);
    }
}

TEST_CASE("claims: bad claims are errors naming the claim", "[claims][errors]") {
    CHECK_THROWS_WITH(one(value_claim("w9", "1")), Contains("w9") && Contains("no node"));
    CHECK_THROWS_WITH(one(derivative_claim("E", "w9", "1")), Contains("'dE/dw9 = 1'"));
    CHECK_THROWS_WITH(one(update_claim("out_h1", "1", Real(1))), Contains("not a parameter"));
    CHECK_THROWS_WITH(one(value_claim("E", "1.2.3")), Contains("not a decimal number"));
    CHECK_THROWS_WITH(one(derivative_formula_claim("E", "w5", sym("nope"))), Contains("'nope'"));
    Tape<Real> tape;
    tape.variable(Real(1), "p");
    CHECK_THROWS_WITH(check_claims(tape, std::vector<Claim>{update_claim("p", "1", Real(1))}), Contains("output"));
}

TEST_CASE("claims: a double tape is checked in 50 digits", "[claims]") {
    Tape<double> tape;
    auto x = tape.variable(0.5, "x");
    (x * x).named("y");
    const ClaimReport r = check_claims(tape, std::vector<Claim>{derivative_claim("y", "x", "1"), value_claim("y", "0.25")});
    CHECK(*r.results[0].agreement == Agreement::Exact);
    CHECK(*r.results[1].agreement == Agreement::Exact);
}

}  // namespace claims_test
