// A claimed number is exactly as precise as its significant digits, in any notation
// (issue 11). Every expected verdict below is worked out by hand from the rule of
// docs/claims.md: the unit u is one of the claim's last shown digit scaled by its
// exponent (0.731 → 1e-3, 7.31e-1 → 1e-3, 70e-2 → 1e-2, 1e1 → 10); an integer or a zero
// without decimals (0, 0e5) is exact; |claimed − true| ≤ u/2 is rounded, the true value
// cut after the last digit is truncated, ≤ u is within one unit; and a nonzero claim
// does not stand for a true value that rounds to 0 at its last digit.
#include "derivations/claims.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace claim_notation_test {

using namespace chainrule;
using namespace chainrule::derivations;

namespace {

// The agreement of one claim of x = `truth` (a decimal), or nothing when it is wrong.
std::optional<Agreement> judged(const char* truth, const char* claimed) {
    Tape<Real> tape;
    tape.variable(Real(truth), "x");
    const ClaimResult r = check_claims(tape, std::vector<Claim>{value_claim("x", claimed)}).results.at(0);
    CHECK((r.verdict == ClaimVerdict::Correct) == r.agreement.has_value());
    return r.agreement;
}

constexpr std::optional<Agreement> kWrong = std::nullopt;

struct Case {
    const char* truth;
    const char* claimed;
    std::optional<Agreement> expected;
};

void check_cases(std::initializer_list<Case> cases) {
    for (const Case& c : cases) {
        INFO("true " << c.truth << ", claimed " << c.claimed);
        CHECK(judged(c.truth, c.claimed) == c.expected);
    }
}

}  // namespace

TEST_CASE("claim notation: the same digits say the same in decimal and scientific notation", "[claims][notation]") {
    check_cases({
        {"0.731", "0.731", Agreement::Exact},
        {"0.731", "7.31e-1", Agreement::Exact},
        {"0.731", "731e-3", Agreement::Exact},
        {"0.731", "0.0731e1", Agreement::Exact},
        {"0.731", "7.310E-1", Agreement::Exact},  // u = 1e-4: still exact
        {"0.731", "+7.31e-1", Agreement::Exact},
        {"0.731", "0.73", Agreement::Rounded},  // 0.001 ≤ u/2 = 0.005
        {"0.731", "7.3e-1", Agreement::Rounded},
        {"0.731", "73e-2", Agreement::Rounded},
        {"0.731", "0.7", Agreement::Rounded},  // 0.031 ≤ 0.05
        {"0.731", "7e-1", Agreement::Rounded},
        {"0.731", "0.74", Agreement::WithinOneUnit},  // 0.009: > u/2, ≤ u, and 0.73 is the cut
        {"0.731", "7.4e-1", Agreement::WithinOneUnit},
        {"0.731", "0.72", kWrong},  // 0.011 > u = 0.01
        {"0.731", "-0.731", kWrong},
        {"0.731", "-7.31e-1", kWrong},
    });
}

TEST_CASE("claim notation: trailing zeros are significant", "[claims][notation]") {
    check_cases({
        {"0.731", "0.70", kWrong},    // u = 0.01, 0.031 away
        {"0.731", "7.0e-1", kWrong},  // the same digits
        {"0.731", "70e-2", kWrong},
        {"0.731", "0.7310", Agreement::Exact},
        {"2.5", "2.50", Agreement::Exact},
        {"2.504", "2.50", Agreement::Rounded},   // 0.004 ≤ 0.005
        {"2.512", "2.50", kWrong},               // 0.012 > u = 0.01
        {"2.512", "2.5", Agreement::Rounded},    // 0.012 ≤ 0.05
        {"10.4", "1.0e1", Agreement::Rounded},   // two digits, u = 1
        {"10.4", "1.00e1", kWrong},              // three digits, u = 0.1: 0.4 away
        {"0.731", "1.0e1", kWrong},              // 9.269 > u = 1
        {"0.731", "1.0", kWrong},                // 0.269 > u = 0.1
    });
}

TEST_CASE("claim notation: 1e1 is ten to one significant digit, not a bound of ten", "[claims][notation]") {
    check_cases({
        {"0.731", "1e1", kWrong},  // 0.731 rounds to 0 in the tens; within ten is not enough
        {"0.731", "1E+1", kWrong},
        {"0.731", "1e0", Agreement::Rounded},    // u = 1: 0.731 rounds to 1
        {"0.731", "0.1e1", Agreement::Rounded},  // the same number written otherwise
        {"5", "1e1", Agreement::Rounded},        // exactly half a unit, and 5 rounds to 10
        {"4.99", "1e1", kWrong},                 // rounds to 0 in the tens
        {"15", "1e1", Agreement::Rounded},       // half a unit above
        {"19.9", "1e1", Agreement::Truncated},   // 9.9 ≤ u, and 19.9 cut at the tens is 10
        {"20.1", "1e1", kWrong},                 // 10.1 > u
        {"-5", "-1e1", Agreement::Rounded},
        {"-4.99", "-1e1", kWrong},
        {"0.06", "0.1", Agreement::Rounded},  // 0.04 ≤ 0.05
        {"0.05", "0.1", Agreement::Rounded},  // the boundary: 0.05 rounds to 0.1
        {"0.04", "0.1", kWrong},              // 0.04 rounds to 0.0: no digit in the tenths
        {"0.14", "0.2", Agreement::WithinOneUnit},  // 0.06: one digit off, still significant
    });
}

TEST_CASE("claim notation: huge and tiny exponents are finite decimals, not infinity", "[claims][notation]") {
    check_cases({
        {"0.731", "1e400", kWrong},
        {"0.731", "1e9999", kWrong},
        {"0.731", "1e0009999", kWrong},  // leading zeros of an exponent are not digits
        {"0.731", "7.31e-400", kWrong},
        {"0.731", "1e-400", kWrong},
        {"1e400", "1e400", Agreement::Exact},
        {"1.4e400", "1e400", Agreement::Rounded},  // 0.4e400 ≤ u/2 = 5e399
        {"1.6e400", "1e400", Agreement::Truncated},  // 0.6e400 ≤ u, and 1.6e400 cut there is 1e400
        {"1.4e400", "2e400", Agreement::WithinOneUnit},
        {"2.1e400", "1e400", kWrong},
        {"7.31e-400", "7.31e-400", Agreement::Exact},
        {"7.314e-400", "7.31e-400", Agreement::Rounded},
    });
    Tape<Real> tape;
    tape.variable(Real("0.731"), "x");
    const ClaimResult r = check_claims(tape, std::vector<Claim>{value_claim("x", "1e400")}).results.at(0);
    REQUIRE(r.claimed);
    CHECK(boost::multiprecision::isfinite(*r.claimed));
    CHECK(*r.claimed == Real("1e400"));
    CHECK(r.diagnosis.empty());  // not "twice the right value" or any other slip
}

TEST_CASE("claim notation: integers and zeros without decimals are exact, in any notation", "[claims][notation]") {
    check_cases({
        {"0.731", "1", kWrong},
        {"1", "1", Agreement::Exact},
        {"0.731", "0", kWrong},
        {"0.731", "0e5", kWrong},  // zero has no significant digit: exact, not "0 give or take 1e5"
        {"0.731", "-0e-3", kWrong},
        {"0", "0e5", Agreement::Exact},
        {"0.0004", "0.000", Agreement::Rounded},  // zero to three decimals
        {"0.0006", "0.000", Agreement::Truncated},  // > u/2, but 0.0006 cut after three decimals is 0
        {"0.0011", "0.000", kWrong},
        {"0.731", "0.0e1", Agreement::Truncated},  // zero to the units: 0.731 cut there is 0
        {"0.731", "0.00e1", kWrong},               // zero to the tenths: 0.731 > 0.1
    });
}

TEST_CASE("claim notation: malformed and out-of-range numbers are errors, not verdicts", "[claims][notation][errors]") {
    Tape<Real> tape;
    tape.variable(Real("0.731"), "x");
    for (const char* bad : {"1e10000", "1e-10000", "1e", "e5", ".", "1.2.3", "1e5.5", "0x1p3", "inf", "nan", ""}) {
        INFO(bad);
        CHECK_THROWS_WITH(check_claims(tape, std::vector<Claim>{value_claim("x", bad)}),
                          Catch::Contains("is not a decimal number"));
    }
}

}  // namespace claim_notation_test
