// Exact claims through the C++ API (derivations::exact_claim): a constant claimed exactly,
// right only when equal — against the caller's exact rational truth when it gives one
// (ClaimCheckOptions::exact_truths), else against the 50-digit truth to 40 digits.
//
// The tape: f = x³ − 2x at x = 0.2 (hand arithmetic):
//   f = 0.008 − 0.4 = −0.392 = −49/125;  df/dx = 3x² − 2 = 0.12 − 2 = −1.88 = −47/25
//   x+ = x − 0.5·df/dx = 0.2 + 0.94 = 1.14 = 57/50
#include "derivations/claims.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace exact_claims_test {

using namespace chainrule;
using namespace chainrule::derivations;
using symbolic::Expr;
using symbolic::Rational;

namespace {

Tape<Real> cubic() {
    Tape<Real> tape;
    auto x = tape.variable(Real("0.2"), "x");
    (x * x * x - 2 * x).named("f");
    return tape;
}

const ClaimQuantity kDfDx{ClaimQuantity::Kind::Derivative, "f", "x", {}};
const ClaimQuantity kF{ClaimQuantity::Kind::Value, "f", "", {}};

ClaimResult judge(const Claim& c, std::vector<std::optional<Rational>> exact_truths = {}) {
    const Tape<Real> tape = cubic();
    ClaimCheckOptions options;
    options.output = "f";
    options.exact_truths = std::move(exact_truths);
    const std::vector<Claim> claims{c};
    return check_claims(tape, claims, options).results.at(0);
}

Rational tiny() { return Rational(1) / pow(symbolic::Integer(10), 45); }  // 10⁻⁴⁵

bool exact_correct(const ClaimResult& r) { return r.verdict == ClaimVerdict::Correct && r.agreement == Agreement::Exact; }

}  // namespace

TEST_CASE("exact claims (C++): a fraction equal to the truth is correct and exact", "[claims][exact]") {
    const Claim c = exact_claim(kDfDx, Expr(Rational(-47, 25)));
    CHECK(c.text == "df/dx = -47/25");
    CHECK(exact_correct(judge(c)));                        // numerically, to 40 digits
    const ClaimResult r = judge(c, {Rational(-47, 25)});  // and as rationals
    CHECK(exact_correct(r));
    CHECK(r.exact_right == Rational(-47, 25));
    CHECK(exact_correct(judge(exact_claim(kF, Expr(Rational(-49, 125))), {Rational(-49, 125)})));
    ClaimQuantity update{ClaimQuantity::Kind::Update, "x", "", Real("0.5")};
    CHECK(exact_correct(judge(exact_claim(update, Expr(Rational(57, 50))))));
}

TEST_CASE("exact claims (C++): any other fraction is wrong", "[claims][exact]") {
    for (const Rational& claimed : {Rational(-48, 25), Rational(47, 25), Rational(-47, 26), Rational(-2)}) {
        INFO(claimed.str());
        CHECK(judge(exact_claim(kDfDx, Expr(claimed))).verdict == ClaimVerdict::Wrong);
        CHECK(judge(exact_claim(kDfDx, Expr(claimed)), {Rational(-47, 25)}).verdict == ClaimVerdict::Wrong);
    }
}

TEST_CASE("exact claims (C++): with the exact truth, 10^-45 away is wrong; without it, the limit is 40 digits",
          "[claims][exact]") {
    const Claim near = exact_claim(kDfDx, Expr(Rational(-47, 25) + tiny()));
    CHECK(exact_correct(judge(near)));  // the documented limit of a 50-digit truth
    CHECK(judge(near, {Rational(-47, 25)}).verdict == ClaimVerdict::Wrong);
    // An integer claims an exact value too: "-2" is not −2 + 10⁻⁴⁵.
    const Claim integer = derivative_claim("f", "x", "-2");
    CHECK(judge(integer, {Rational(-2) + tiny()}).verdict == ClaimVerdict::Wrong);
    // A decimal keeps its precision: 1.88 is exact, -1.9 correctly rounded.
    CHECK(exact_correct(judge(derivative_claim("f", "x", "-1.88"), {Rational(-47, 25)})));
    CHECK(judge(derivative_claim("f", "x", "-1.9"), {Rational(-47, 25)}).agreement == Agreement::Rounded);
}

TEST_CASE("exact claims (C++): a decimal of more than 40 digits is compared exactly with a rational truth",
          "[claims][exact]") {
    // df/dx = −47/25 = −1.88 exactly. A claim with 47 decimals one unit of its last digit
    // off (10⁻⁴⁷) is not "exact" — the 40-digit comparison would call it so — but within one
    // unit, as any claim one unit off; two units off it is wrong.
    const std::string zeros(44, '0');
    const ClaimResult one_unit = judge(derivative_claim("f", "x", "-1.88" + zeros + "1"), {Rational(-47, 25)});
    CHECK(one_unit.verdict == ClaimVerdict::Correct);
    CHECK(one_unit.agreement == Agreement::WithinOneUnit);
    CHECK(judge(derivative_claim("f", "x", "-1.88" + zeros + "2"), {Rational(-47, 25)}).verdict == ClaimVerdict::Wrong);
    CHECK(exact_correct(judge(derivative_claim("f", "x", "-1.88" + zeros + "0"), {Rational(-47, 25)})));
    // Agreement kinds in exact arithmetic: −1.9 is −1.88 rounded to one decimal, −1.8 its
    // truncation, −1.89 within one unit (of 0.01), −1.86 two units away.
    const auto agreement = [](const std::string& t) {
        return judge(derivative_claim("f", "x", t), {Rational(-47, 25)}).agreement;
    };
    CHECK(agreement("-1.9") == Agreement::Rounded);
    CHECK(agreement("-1.8") == Agreement::Truncated);
    CHECK(agreement("-1.89") == Agreement::WithinOneUnit);
    CHECK(agreement("-1.88e0") == Agreement::Exact);
    CHECK(agreement("-188e-2") == Agreement::Exact);
    CHECK_FALSE(agreement("-1.86"));
    CHECK_FALSE(agreement("-1e1"));  // within ten, but its leading digit (tens) is 0 for −1.88
}

TEST_CASE("exact claims (C++): an exact truth that is not the tape's is ignored", "[claims][exact]") {
    // 1/2 is not df/dx: a caller's mistake must not make a right claim wrong.
    const ClaimResult r = judge(exact_claim(kDfDx, Expr(Rational(-47, 25))), {Rational(1, 2)});
    CHECK(exact_correct(r));
    CHECK(!r.exact_right);
}

TEST_CASE("exact claims (C++): irrational constants, and errors", "[claims][exact]") {
    // f(x) at x = √2 would need another tape; here: df/dx = −1.88 is not √2 − 3.3 (−1.8857…).
    CHECK(judge(exact_claim(kDfDx, symbolic::sqrt(Expr(2)) - Expr(Rational(33, 10)))).verdict == ClaimVerdict::Wrong);
    CHECK_THROWS_WITH(exact_claim(kDfDx, Expr::symbol("x") * 2), Catch::Contains("has a symbol"));
    // A constant with no finite value is an error naming it, not a verdict.
    CHECK_THROWS_WITH(judge(exact_claim(kDfDx, symbolic::log(Expr(0)))), Catch::Contains("not a finite number"));
}

}  // namespace exact_claims_test
