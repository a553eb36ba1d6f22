// The precision ladder on computations whose behaviour at each precision is known by
// construction: what settles at the second rung, what climbs to the cap, what is printed
// with fewer digits, as zero within a bound, or with no digit.
#include "precision/ladder.hpp"
#include "precision/number_format.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace ladder_test {

using namespace chainrule;

TEST_CASE("precision ladder: an inexact result settles at the second rung", "[precision]") {
    std::vector<Real> n;
    const auto c = run_ladder([](std::vector<Real>& v) { v.push_back(Real(1) / 3); }, 10, n);
    REQUIRE(c.size() == 1);
    CHECK(c[0].complete());
    CHECK(c[0].precision == 100);
    CHECK(format_number(n[0], c[0], 10) == "0.3333333333");
}

TEST_CASE("precision ladder: an exact zero climbs to the cap, another exact value to 400 digits", "[precision]") {
    std::vector<int> seen;
    std::vector<Real> z;
    const auto cz = run_ladder(
        [&](std::vector<Real>& v) {
            seen.push_back(current_digits());
            v.push_back(Real(3) - Real(3));
        },
        10, z);
    CHECK(seen == std::vector<int>{50, 100, 200, 400, 800, 1600});
    CHECK(cz[0].complete());
    CHECK(format_number(z[0], cz[0], 10) == "0");
    seen.clear();
    std::vector<Real> n;
    const auto c = run_ladder(
        [&](std::vector<Real>& v) {
            seen.push_back(current_digits());
            v.push_back(Real("0.5") * 3);
        },
        10, n);
    CHECK(seen == std::vector<int>{50, 100, 200, 400});
    CHECK(c[0].complete());
    CHECK(c[0].same_at_every_rung);
    CHECK(format_number(n[0], c[0], 10) == "1.5");
}

TEST_CASE("precision ladder: 1 - cos(1e-60) is 0 at 50 and 100 digits and 5e-121 from 200 on", "[precision]") {
    std::vector<Real> n;
    const auto c = run_ladder([](std::vector<Real>& v) { v.push_back(1 - cos(Real("1e-60"))); }, 10, n);
    CHECK(c[0].complete());
    CHECK(c[0].precision == 400);  // 200 is the first rung that sees it, 400 confirms
    CHECK(format_number(n[0], c[0], 10) == "5e-121");
}

TEST_CASE("precision ladder: rounding noise around an exact zero prints as zero within a bound", "[precision]") {
    std::vector<Real> n;
    // sinh/cosh − tanh is 0; at p digits it is 0 or noise of order 10^-p.
    const auto c = run_ladder([](std::vector<Real>& v) { v.push_back(sinh(Real("1.7")) / cosh(Real("1.7")) - tanh(Real("1.7"))); },
                              10, n);
    REQUIRE(c[0].zero_below);
    CHECK(*c[0].zero_below <= -799);
    CHECK(format_number(n[0], c[0], 10).rfind("0 (±1e-", 0) == 0);
    CHECK(latex_number(n[0], c[0], 10).rfind("0_{\\pm 10^{", 0) == 0);
}

TEST_CASE("precision ladder: digits that never settle are cut to those that agree, marked", "[precision]") {
    std::vector<Real> n;
    // 0.1234 + 1e-5·(p mod 7): the fifth digit depends on the precision, forever.
    const auto c = run_ladder([](std::vector<Real>& v) { v.push_back(Real("0.1234") + Real("1e-5") * (current_digits() % 7)); },
                              10, n);
    CHECK(c[0].digits == 4);
    CHECK_FALSE(c[0].complete());
    CHECK(format_number(n[0], c[0], 10) == "0.1234 (4 digits certain)");
    CHECK(latex_number(n[0], c[0], 10) == "0.1234^{\\dagger}");
}

TEST_CASE("precision ladder: infinities and NaN settle when both rungs agree", "[precision]") {
    std::vector<Real> n;
    const auto c = run_ladder(
        [](std::vector<Real>& v) {
            v.push_back(Real(1) / Real(0));
            v.push_back(-Real(1) / Real(0));
            v.push_back(sqrt(Real(-1)));
        },
        10, n);
    for (const Certainty& x : c) CHECK(x.complete());
    CHECK(format_number(n[0], c[0], 10) == "inf");
    CHECK(format_number(n[1], c[1], 10) == "-inf");
    CHECK(format_number(n[2], c[2], 10) == "undefined");
    CHECK(latex_number(n[2], c[2], 10) == "\\text{undefined}");
}

TEST_CASE("precision ladder: a computation whose count of numbers changes is a logic error", "[precision]") {
    std::vector<Real> n;
    CHECK_THROWS_AS(run_ladder([](std::vector<Real>& v) { v.resize(static_cast<std::size_t>(current_digits() / 50)); }, 10, n),
                    std::logic_error);
}

TEST_CASE("precision scopes nest and restore", "[precision]") {
    CHECK(current_digits() == kWorkingDigits);
    {
        PrecisionScope a(200);
        CHECK(current_digits() == 200);
        CHECK(Real(1).precision() == 200);
        {
            PrecisionScope b(800);
            CHECK(current_digits() == 800);
        }
        CHECK(current_digits() == 200);
    }
    CHECK(current_digits() == kWorkingDigits);
}

}  // namespace ladder_test
