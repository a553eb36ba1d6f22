// `--digits N` shows N significant digits (issue 13): a number that is a short decimal
// prints short, every other number exactly N digits with its trailing zeros. Expected
// texts are the numbers' decimal expansions rounded by hand (round half away from zero);
// each case says why the number is, or is not, a short decimal.
#include "precision/ladder.hpp"
#include "precision/number_format.hpp"

#include <catch2/catch.hpp>

#include <limits>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace number_format_test {

using namespace chainrule;

TEST_CASE("number format: short decimals print short at any digit count", "[precision]") {
    for (int n : {2, 10, 16, 25}) {
        INFO("digits " << n);
        CHECK(format_number(Real("0.5"), n) == "0.5");    // exact in binary
        CHECK(format_number(Real("0.05"), n) == "0.05");  // within 10^-50 of 0.05
        CHECK(format_number(Real("-0.25"), n) == "-0.25");
        CHECK(format_number(Real("1.5e-12"), n) == "1.5e-12");
    }
    // Exact results of decimal inputs: ½(0.3 − 0.5)² + 0.02·0.2² = 0.02 + 0.0008 = 0.0208;
    // 0.1·3 = 0.3; 1000.1 − 1000 = 0.1 (the subtraction cancels 4 digits, not 30).
    const Real e = Real("0.5") * pow(Real("0.3") - Real("0.5"), 2) + Real("0.02") * pow(Real("0.2"), 2);
    CHECK(format_number(e, 10) == "0.0208");
    CHECK(format_number(e, 16) == "0.0208");
    CHECK(format_number(Real("0.1") * 3, 10) == "0.3");
    CHECK(format_number(Real("1000.1") - Real("1000"), 10) == "0.1");
    CHECK(format_number(Real("0.0078125"), 10) == "0.0078125");  // 2^-7
    CHECK(format_number(Real("4812345679000"), 10) == "4.812345679e12");
    CHECK(format_number(Real("1e20"), 10) == "1e20");
    CHECK(format_number(Real(0), 10) == "0");
}

TEST_CASE("number format: a rounded number shows exactly N digits, trailing zeros kept", "[precision]") {
    CHECK(format_number(Real("0.12000000000000001234"), 16) == "0.1200000000000000");
    CHECK(format_number(Real("0.12000000000000001234"), 20) == "0.12000000000000001234");  // all of it: short
    CHECK(format_number(Real(1) / 3, 4) == "0.3333");
    CHECK(format_number(Real(2) / 3, 1) == "0.7");
    CHECK(format_number(Real("9.9999"), 3) == "10.0");     // 9.9999 → 10.0|0 at 3 digits
    CHECK(format_number(Real("19.996"), 4) == "20.00");
    CHECK(format_number(Real("0.02057446139579"), 10) == "0.02057446140");  // x − sin x at 0.5
    CHECK(format_number(Real("-0.98757414700001"), 10) == "-0.9875741470");
    CHECK(format_number(Real("2.0000001e-7"), 5) == "2.0000e-7");
    CHECK(format_number(Real("1.00000000004e20"), 10) == "1.000000000e20");
    CHECK(format_number(Real("100000000000001"), 10) == "1.000000000e14");
    CHECK(format_number(Real("1234567890.4"), 10) == "1234567890");  // integer digits: no fraction to pad
    CHECK(latex_number(Real("1.00000000004e20"), 10) == "1.000000000 \\times 10^{20}");
    // A certified number with fewer digits shows how many: 0.700, not 0.7.
    Certainty three;
    three.digits = 3;
    CHECK(format_number(Real("0.70000001"), three, 10) == "0.700 (3 digits certain)");
    CHECK(latex_number(Real("0.70000001"), three, 10) == "0.700^{\\dagger}");
}

TEST_CASE("number format: a double is the binary number it holds, not the decimal typed", "[precision]") {
    // The double nearest 0.1 is 0.1000000000000000055511151231257827…
    CHECK(format_number(Real(0.1), 10) == "0.1000000000");
    CHECK(format_number(Real(0.1), 17) == "0.10000000000000001");
    CHECK(format_number(Real(0.5), 10) == "0.5");  // exact in binary
    CHECK(format_number(Real(0.1 + 0.2), 17) == "0.30000000000000004");  // the double sum
}

TEST_CASE("number format: the decision does not depend on the precision the number was read at", "[precision]") {
    for (int p : {50, 100, 200, 1600}) {
        PrecisionScope scope(p);
        INFO("precision " << p);
        CHECK(format_number(Real("0.1"), 10) == "0.1");
        CHECK(format_number(Real("0.1"), 25) == "0.1");
        CHECK(format_number(Real(1) / 7, 10) == "0.1428571429");
    }
    // 0.1 read at 50 digits and carried to 200 (a tape of 50-digit Reals replayed higher)
    // is as short at 200 digits as it was at 50.
    const Real tenth = Real("0.1");
    PrecisionScope scope(200);
    Real carried(tenth);
    carried *= 1;
    CHECK(format_number(carried, 10) == "0.1");
    // 40 digits ask for 60 digits of agreement, more than a 50-digit value carries: it
    // must then agree in all but its last 5 digits, which 0.1 read at 50 digits does; read
    // at 200 it agrees in 60.
    CHECK(format_number(tenth, 40) == "0.1");
    CHECK(format_number(Real("0.1"), 40) == "0.1");
    // A value a few ulps off its short decimal is short too, at 30 digits on a 50-digit
    // value: 1.2^10 = 6.1917364224 exactly (by hand), computed with 10 roundings.
    {
        PrecisionScope fifty(50);
        Real p = 1;
        for (int k = 0; k < 10; ++k) p *= Real("1.2");
        CHECK(format_number(p, 30) == "6.1917364224");
        CHECK(format_number(p / 7, 30) == "0.884533774628571428571428571429");  // /7: not short (Python decimal)
    }
}

TEST_CASE("number format: is_short_decimal", "[precision]") {
    CHECK(is_short_decimal(Real("0.0208"), 10));
    CHECK(is_short_decimal(Real(0), 1));
    CHECK_FALSE(is_short_decimal(Real(1) / 3, 10));
    CHECK_FALSE(is_short_decimal(Real("0.0208"), 2));  // rounds to 0.021
    CHECK_FALSE(is_short_decimal(Real(std::numeric_limits<double>::infinity()), 10));
    CHECK_FALSE(is_short_decimal(Real(std::numeric_limits<double>::quiet_NaN()), 10));
}

TEST_CASE("precision ladder: an exact result that a low rung computes inexactly climbs until two rungs agree",
          "[precision]") {
    // (10^25 + 0.1) − 10^25 is exactly 0.1. At 50 digits (168 bits) the sum keeps 0.1 only
    // to within half an ulp of 10^25, about 2.6·10^-26, so the difference is 0.1 with a
    // relative error near 10^-25: more than the 10^-30 a short 10-digit decimal allows, and
    // it prints 0.1000000000. At 100 digits the error is about 10^-75: it prints 0.1. The
    // two rungs differ, so the ladder climbs, and 200 digits confirm 0.1.
    std::vector<Real> n;
    const auto evaluate = [](std::vector<Real>& v) { v.push_back((Real("1e25") + Real("0.1")) - Real("1e25")); };
    {
        PrecisionScope scope(50);
        std::vector<Real> at50;
        evaluate(at50);
        CHECK(format_number(at50[0], 10) == "0.1000000000");
    }
    const auto c = run_ladder(evaluate, 10, n);
    CHECK(c[0].complete());
    CHECK(c[0].precision == 200);
    CHECK(format_number(n[0], c[0], 10) == "0.1");
    // An exact result computed exactly enough settles at once: 0.1·3 is 0.3 at 50 and 100.
    const auto e = run_ladder([](std::vector<Real>& v) { v.push_back(Real("0.1") * 3); }, 10, n);
    CHECK(e[0].precision == 100);
    CHECK(format_number(n[0], e[0], 10) == "0.3");
}

}  // namespace number_format_test
