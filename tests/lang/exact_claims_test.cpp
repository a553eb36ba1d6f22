// `check` lines whose right side is a constant expression without names (151/125, (12/10),
// sqrt(2)/4): numbers claimed exactly, judged as numbers — equal to the truth or wrong —
// not as formulas at random points (where a right fraction would "hold at this point only").
//
// Expected values, worked out with Python's fractions (run once) from the model below:
//   y = w·x = 0.5·2 = 1;  r = y − t = 1 − 0.396 = 151/250;  E = r²/2 = 22801/125000
//   dE/dw = r·x = 151/125 = 1.208;  dE/dx = r·w = 151/500;  dE/dy = r = 151/250
//   z = 0.4·x = 4/5;  u = 0.952 − y = −6/125;  dk/dx = 1.2 = 6/5 (k = 1.2·x)
//   w+ = w − η·dE/dw: η = 0.5 → 0.5 − 0.604 = −13/125;  η = 0.1 → 0.5 − 0.1208 = 237/625
//   v = x/6 + 10⁻⁴⁵ = 1/3 + 10⁻⁴⁵ (rational, but ≠ 1/3);  one = x/2 + 10⁻⁴⁵ ≠ 1
// and, for irrational truths (mpmath, 60 digits):
//   s = sqrt(a), a = 2: ds/da = 1/(2√2) = √2/4 = 0.35355339059327376220…
//   n = 1/3 + e⁻⁸⁰ = 0.33333333333333333333333333333333335138… (e⁻⁸⁰ = 1.80485e-35)
//   m = 4·atan(1)/(3π) = 1/3 exactly, computed through π (no exact rational is known)
#include "lang/claims.hpp"
#include "lang/exact_claims.hpp"

#include "derivations/claims_document.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace exact_claims_test {

using namespace chainrule;
using namespace chainrule::lang;
using derivations::Agreement;
using derivations::ClaimVerdict;

namespace {

const char* kModel =
    "param w = 0.5\n"
    "input x = 2\n"
    "target t = 0.396\n"
    "y = w*x\n"
    "r = y - t\n"
    "z = 0.4*x\n"
    "u = 0.952 - y\n"
    "k = 1.2*x\n"
    "v = x/6 + 1e-45\n"
    "one = x/2 + 1e-45\n"
    "E = r^2/2\n"
    "derive E\n";

const char* kIrrational =
    "param a = 2\n"
    "s = sqrt(a)\n"
    "n = 1/3 + exp(-80*a/2)\n"
    "m = 4*atan(a/2)/(3*pi)\n";

derivations::ClaimReport check(const char* model, const std::string& checks) {
    return check_model_claims(load_model_text(std::string(model) + checks, "m.chain"));
}

derivations::ClaimResult one(const char* model, const std::string& check_line) {
    return check(model, check_line + "\n").results.at(0);
}

bool exact_correct(const derivations::ClaimResult& r) {
    return r.verdict == ClaimVerdict::Correct && r.agreement == Agreement::Exact;
}

// "line:col message" of the claims' LangError.
std::string error_of(const std::string& check_line) {
    try {
        model_claims(load_model_text(std::string(kModel) + check_line + "\n", "m.chain"));
    } catch (const LangError& e) {
        return std::to_string(e.line()) + ":" + std::to_string(e.column()) + " " + e.message();
    }
    return "no error";
}

}  // namespace

TEST_CASE("exact claims: a constant without names is a number, not a formula", "[claims][exact]") {
    const auto c = model_claims(load_model_text(std::string(kModel) +
                                                    "check dE/dw = 151/125\n"
                                                    "check dk/dx = (12/10)\n"
                                                    "check u = -6/125\n"
                                                    "check dE/dw = 1.208\n"
                                                    "check dE/dw = r*x\n"
                                                    "check dk/dx = (1.2)\n",
                                                "m.chain"));
    const auto& fraction = std::get<derivations::ClaimedNumber>(c[0].claimed);
    CHECK(fraction.exact);
    CHECK(fraction.text == "151/125");
    CHECK(std::get<derivations::ClaimedNumber>(c[1].claimed).text == "6/5");  // as its exact value
    CHECK(c[1].text == "dk/dx = (12/10)");                                      // the claim as written
    CHECK(std::get<derivations::ClaimedNumber>(c[2].claimed).text == "-6/125");
    CHECK(!std::get<derivations::ClaimedNumber>(c[3].claimed).exact);  // a decimal keeps its precision
    CHECK(std::holds_alternative<symbolic::Expr>(c[4].claimed));      // names: a formula
    CHECK(!std::get<derivations::ClaimedNumber>(c[5].claimed).exact);  // one decimal in parentheses too
}

TEST_CASE("exact claims: a right fraction is correct and exact", "[claims][exact]") {
    for (const char* line : {"check dE/dw = 151/125", "check dE/dx = 151/500", "check dE/dy = 302/500",
                             "check r = 151/250", "check E = 22801/125000", "check z = 4/5", "check u = -6/125",
                             "check u = -(6/125)", "check dk/dx = (12/10)", "check dk/dx = 6/5",
                             "check dk/dx = 2*3/5", "check w+ = -13/125 lr=0.5", "check w+ = 237/625 lr=0.1",
                             "check v = 1/3 + 1e-45", "check dz/dx = 1/2 - 1/10"}) {
        INFO(line);
        CHECK(exact_correct(one(kModel, line)));
    }
}

TEST_CASE("exact claims: a fraction other than the truth is wrong, however close", "[claims][exact]") {
    for (const char* line : {"check dE/dw = 152/125", "check dE/dw = 150/125", "check z = 5/4", "check u = 6/125",
                             "check dk/dx = (12/11)", "check w+ = -13/125 lr=0.1",
                             // 10⁻⁴⁵ away: within 40 digits, but both are exact rationals
                             "check v = 1/3", "check one = 1", "check one = 2/2"}) {
        INFO(line);
        const derivations::ClaimResult r = one(kModel, line);
        CHECK(r.verdict == ClaimVerdict::Wrong);
        CHECK(!r.agreement);
    }
}

TEST_CASE("exact claims: a wrong fraction gets the diagnoses of a wrong number", "[claims][exact]") {
    // −151/125 is −dE/dw; 151/250 is half of it and the value of r.
    CHECK_THAT(one(kModel, "check dE/dw = -151/125").diagnosis, Catch::Contains("the sign is wrong"));
    CHECK_THAT(one(kModel, "check dE/dw = 151/250").diagnosis, Catch::Contains("it is the value of r"));
    CHECK_THAT(one(kModel, "check dE/dw = 302/125").diagnosis, Catch::Contains("it is twice the right value"));
}

TEST_CASE("exact claims: an irrational truth is compared to 40 significant digits", "[claims][exact]") {
    CHECK(exact_correct(one(kIrrational, "check ds/da = sqrt(2)/4")));
    CHECK(exact_correct(one(kIrrational, "check s = 2^(1/2)")));
    CHECK(exact_correct(one(kIrrational, "check m = 1/3")));  // 1/3 through π: equal in every digit
    for (const char* line : {"check ds/da = 1/3", "check s = 99/70", "check ds/da = pi/9", "check n = 1/3"}) {
        INFO(line);
        CHECK(one(kIrrational, line).verdict == ClaimVerdict::Wrong);
    }
    // The decimal 1.414 keeps its precision: √2 = 1.41421… correctly rounded, 1.415 within one unit.
    CHECK(one(kIrrational, "check s = 1.414").agreement == Agreement::Rounded);
    CHECK(one(kIrrational, "check s = 1.415").agreement == Agreement::WithinOneUnit);
    // A formula over names is still a formula.
    CHECK(one(kIrrational, "check ds/da = 1/(2*s)").verdict == ClaimVerdict::HoldsIdentically);
}

TEST_CASE("exact claims: a wrong one is printed down to the digit where the truth differs", "[claims][exact]") {
    // n − 1/3 = e⁻⁸⁰ = 1.8e-35: the first differing digit is the 35th significant one
    // (0.33333333333333333333333333333333335…), printed with one more.
    const derivations::ClaimResult n = one(kIrrational, "check n = 1/3");
    CHECK(derivations::right_value_digits(n, 10) == 36);
    // 152/125 against 1.208: they differ in the 3rd digit, so the default 10 digits show it.
    CHECK(derivations::right_value_digits(one(kModel, "check dE/dw = 152/125"), 10) == 10);
    CHECK(derivations::right_value_digits(one(kModel, "check dE/dw = 151/125"), 10) == 10);
}

TEST_CASE("exact claims: the exact truths of a model's claims", "[claims][exact]") {
    const Model m = load_model_text(std::string(kModel) +
                                        "check dE/dw = 1\ncheck E = 0\ncheck w+ = 0 lr=0.1\ncheck w+ = 0 lr=0.5\n"
                                        "check dz/dw = 0\n",
                                    "m.chain");
    const auto truths = exact_claim_truths(m, model_claims(m));
    REQUIRE(truths.size() == 5);
    CHECK(truths[0] == Rational(151, 125));
    CHECK(truths[1] == Rational(22801, 125000));
    CHECK(truths[2] == Rational(237, 625));  // lr=0.1 exactly 1/10
    CHECK(truths[3] == Rational(-13, 125));
    CHECK(!truths[4]);  // z does not read w: not computed (the tape's 0 is exact anyway)
    const Model irr = load_model_text(std::string(kIrrational) + "check ds/da = 1\ncheck s = 1\n", "i.chain");
    const auto none = exact_claim_truths(irr, model_claims(irr));
    CHECK((!none[0] && !none[1]));
}

TEST_CASE("exact claims: a constant that is not a finite number is an error at the claim", "[claims][exact]") {
    // The model has 12 lines; the claim's value starts at column 11.
    CHECK(error_of("check E = sqrt(-1)") == "13:11 the claimed value is not a finite number");
    CHECK(error_of("check E = log(0)") == "13:11 the claimed value is not a finite number");
    CHECK_THAT(error_of("check E = 1/0"), Catch::StartsWith("13:"));
    CHECK_THAT(error_of("check E = 1/(2 - 2)"), Catch::StartsWith("13:"));
    CHECK(error_of("check E = 1/q") == "13:13 unknown name 'q'");
}

TEST_CASE("exact claims: an exact truth decides where the tape leaves a rounding residue", "[claims][exact]") {
    // c = 0.1 + 0.2 − 0.3 = 0 exactly; the tape's binary 0.1, 0.2, 0.3 leave about 10⁻⁵¹
    // at 50 digits (less at each rung), so the ladder cannot settle its value — the
    // rationals can.
    const char* model = "input a = 0.1\ninput b = 0.2\nc = a + b - 0.3\nd = 3*c + 1/5\n";
    CHECK(exact_correct(one(model, "check c = 0")));
    CHECK(exact_correct(one(model, "check dc/da = 1")));
    CHECK(exact_correct(one(model, "check d = 1/5")));
    CHECK(one(model, "check c = 1/10^60").verdict == ClaimVerdict::Wrong);
}

}  // namespace exact_claims_test
