// Zeros that are the same at every rung of the precision ladder: exact results stay
// certified, rounding artefacts (a tiny term lost at every precision up to the cap) do not.
// The true values come from mpmath at 5000 digits, as each comment shows; the ladder must
// never print 0 as certain where they are not 0, and a bound it gives must hold them.
#include "precision/ladder.hpp"
#include "precision/number_format.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace rounding_artefact_test {

using namespace chainrule;

namespace {

struct One {
    Real value;
    Certainty certainty;
};

One ladder_of(const std::function<Real()>& f, int digits = 10) {
    std::vector<Real> n;
    const std::vector<Certainty> c = run_ladder([&](std::vector<Real>& v) { v.push_back(f()); }, digits, n);
    REQUIRE(c.size() == 1);
    return {n[0], c[0]};
}

// The bound printed for a rounding artefact holds the true value |truth| ≤ 10^b, and says
// something: b is at most −1500 (the cap is 1600 digits).
void check_bounded_artefact(const One& r, const std::string& truth) {
    CHECK(r.value == 0);
    CHECK(r.certainty.rounding_sensitive);
    CHECK_FALSE(r.certainty.same_at_every_rung);
    CHECK_FALSE(r.certainty.complete());
    REQUIRE(r.certainty.zero_below);
    CHECK(*r.certainty.zero_below <= -1500);
    PrecisionScope scope(200);
    CHECK(abs(Real(truth)) <= pow(Real(10), Real(*r.certainty.zero_below)));
    const std::string text = format_number(r.value, r.certainty, 10);
    CHECK(text == "0 (±1e" + std::to_string(*r.certainty.zero_below) + ")");
    CHECK(latex_number(r.value, r.certainty, 10) == "0_{\\pm 10^{" + std::to_string(*r.certainty.zero_below) + "}}");
}

}  // namespace

TEST_CASE("rounding artefacts: a zero that a tiny term would change at 4343 digits is not exact", "[precision][rounding]") {
    // mp.dps = 5000; log(1 + exp(mpf(-10000))) = 1.13548386531e-4343
    check_bounded_artefact(ladder_of([] { return log(1 + exp(Real(-10000))); }), "1.13548386531e-4343");
    // mp.dps = 5000; (1 + exp(mpf(-3700))) - 1 = 1.28948696979e-1607
    check_bounded_artefact(ladder_of([] { return (1 + exp(Real(-3700))) - 1; }), "1.28948696979e-1607");
    // mp.dps = 5000; tanh(mpf(5000)) - 1 = -2.27096773063e-4343 (MPFR's tanh rounds to 1)
    check_bounded_artefact(ladder_of([] { return tanh(Real(5000)) - 1; }), "-2.27096773063e-4343");
    // mp.dps = 30; -exp(-mpf(10)**7) = -1.5169367809e-4342945: σ(10⁷) − 1 needs the sum
    // 1 + e^−x rounded up and the quotient down to show it (a mixed pattern).
    check_bounded_artefact(ladder_of([] {
                               const Real x(10000000);
                               return 1 / (1 + exp(-x)) - 1;
                           }),
                           "-1.5169367809e-4342945");
}

TEST_CASE("rounding artefacts: exact zeros stay certified exact", "[precision][rounding]") {
    const auto exact_zero = [](const One& r) {
        CHECK(r.value == 0);
        CHECK(r.certainty.complete());
        CHECK(r.certainty.same_at_every_rung);
        CHECK_FALSE(r.certainty.rounding_sensitive);
        CHECK(format_number(r.value, r.certainty, 10) == "0");
    };
    // 0·w with w rounded: 0 whichever way w rounds.
    exact_zero(ladder_of([] { return Real(0) * exp(Real("0.3")); }));
    // relu'(in) for a rounded negative in: a constant of the branch, not of the rounding.
    exact_zero(ladder_of([] {
        const Real in = Real("0.3") * Real("-2.7") + exp(Real(-1));  // −0.81 + 0.3679… < 0
        return in > 0 ? Real(1) : Real(0);
    }));
    // x − x of one rounded x.
    exact_zero(ladder_of([] {
        const Real x = exp(Real("0.7"));
        return x - x;
    }));
    // 0.5·2 − 1 beside a rounded number: exact in binary whatever the rounding.
    exact_zero(ladder_of([] {
        const Real unused = exp(Real(2));
        return Real("0.5") * 2 - 1 + 0 * unused;
    }));
}

TEST_CASE("rounding artefacts: a rung that rounds nothing needs no further runs", "[precision][rounding]") {
    std::vector<int> seen;
    std::vector<Real> n;
    const auto c = run_ladder(
        [&](std::vector<Real>& v) {
            seen.push_back(current_digits());
            v.push_back(Real(3) - Real(3));
        },
        10, n);
    CHECK(seen == std::vector<int>{50, 100, 200, 400, 800, 1600});
    CHECK(c[0].same_at_every_rung);
    // A rounded rung: the zero is computed again with 8 rounding patterns, at 50 digits.
    seen.clear();
    const auto r = run_ladder(
        [&](std::vector<Real>& v) {
            seen.push_back(current_digits());
            v.push_back(Real(0) * exp(Real("0.3")));
        },
        10, n);
    CHECK(seen == std::vector<int>{50, 100, 200, 400, 800, 1600, 50, 50, 50, 50, 50, 50, 50, 50});
    CHECK(r[0].same_at_every_rung);
}

TEST_CASE("rounding artefacts: no usable bound prints ?, cannot be settled", "[precision][rounding]") {
    // e^10000·((1 + e^−10000) − 1) = 1 (mp.dps = 5000 gives 1.0): the artefact 0 is
    // multiplied by 10^4343, so rounding noise at 1600 digits is 10^2743 — no bound below 1.
    const One big = ladder_of([] {
        const Real x(10000);
        return exp(x) * ((1 + exp(-x)) - 1);
    });
    CHECK(big.certainty.rounding_sensitive);
    CHECK_FALSE(big.certainty.zero_below);
    CHECK(big.certainty.digits == 0);
    CHECK(format_number(big.value, big.certainty, 10) == "? (cannot be settled: rounding at every precision up to 1600 digits)");
    CHECK(latex_number(big.value, big.certainty, 10) == "\\text{?}");
    // relu'(z) at a z that is 0 only through rounding: rounded up, z > 0 and the partial is
    // 1 — a jump, not noise that shrinks with the precision.
    const One jump = ladder_of([] {
        const Real z = (1 + exp(Real(-10000))) - 1;  // 1.135e-4343 (mp.dps = 5000)
        return z > 0 ? Real(1) : Real(0);
    });
    CHECK(jump.certainty.rounding_sensitive);
    CHECK_FALSE(jump.certainty.zero_below);
    CHECK(format_number(jump.value, jump.certainty, 10).rfind("? (cannot be settled", 0) == 0);
    // A computation that fails under a rounding pattern tells nothing: not settled either.
    const One failing = ladder_of([] {
        if (detail::rounding_state.pattern >= 0) throw std::runtime_error("no value under this rounding");
        return Real(0) * exp(Real("0.3"));
    });
    CHECK(failing.certainty.rounding_sensitive);
    CHECK(failing.certainty.digits == 0);
    CHECK_FALSE(failing.certainty.zero_below);
}

TEST_CASE("rounding artefacts: only zeros the same at every rung are tested", "[precision][rounding]") {
    // Noise around 0 that differs per rung keeps its bound from the last two rungs (as before),
    // and non-zero values that are the same at every rung are trusted as before.
    std::vector<Real> n;
    const auto c = run_ladder(
        [](std::vector<Real>& v) {
            v.push_back(sinh(Real("1.7")) / cosh(Real("1.7")) - tanh(Real("1.7")));
            v.push_back(Real("0.5") * 3);
        },
        10, n);
    CHECK_FALSE(c[0].rounding_sensitive);
    REQUIRE(c[0].zero_below);
    CHECK_FALSE(c[1].rounding_sensitive);
    CHECK(c[1].same_at_every_rung);
    CHECK(format_number(n[1], c[1], 10) == "1.5");
}

TEST_CASE("rounding patterns: directions by pattern, and the state they restore", "[precision][rounding]") {
    using detail::patterned_rounding;
    CHECK(patterned_rounding(0, 5) == MPFR_RNDU);
    CHECK(patterned_rounding(1, 5) == MPFR_RNDD);
    // Pattern 2: bit 0 of the operation's number set → up; 3: the complement.
    CHECK(patterned_rounding(2, 1) == MPFR_RNDU);
    CHECK(patterned_rounding(2, 2) == MPFR_RNDD);
    CHECK(patterned_rounding(3, 1) == MPFR_RNDD);
    // Pattern 6: bit 2 (operations 4–7 of every 8 up).
    CHECK(patterned_rounding(6, 3) == MPFR_RNDD);
    CHECK(patterned_rounding(6, 4) == MPFR_RNDU);
    // Every two operations fewer than 8 apart get all four combinations of directions.
    for (unsigned long long i = 0; i < 16; ++i)
        for (unsigned long long j = i + 1; j < i + 8; ++j) {
            bool seen[2][2] = {};
            for (int p = 0; p < kRoundingPatterns; ++p)
                seen[patterned_rounding(p, i) == MPFR_RNDU][patterned_rounding(p, j) == MPFR_RNDU] = true;
            CHECK((seen[0][0] && seen[0][1] && seen[1][0] && seen[1][1]));
        }
    CHECK(detail::rounding_state.pattern < 0);
    // 1/3 rounded up and rounded down differ, and to nearest (after the patterns) is one of them.
    Real up, down;
    {
        const RoundingPattern p(0);
        up = Real(1) / 3;
        CHECK(p.operations() >= 1);
    }
    CHECK(detail::rounding_state.pattern < 0);
    {
        const RoundingPattern p(1);
        down = Real(1) / 3;
    }
    const Real nearest = Real(1) / 3;
    CHECK(up > down);
    CHECK((nearest == up || nearest == down));
}

TEST_CASE("rounding: InexactWatch sees a rounded operation, not an exact one", "[precision][rounding]") {
    {
        const InexactWatch w;
        const Real x = Real(3) - Real("0.5");
        CHECK(x == Real("2.5"));
        CHECK_FALSE(w.rounded());
    }
    const InexactWatch outer;
    {
        const InexactWatch inner;
        const Real third = Real(1) / 3;
        CHECK(inner.rounded());
    }
    CHECK(outer.rounded());  // the inner watch gives back what it saw
}

TEST_CASE("enclosure: what a certainty says about the true value", "[precision][rounding]") {
    Certainty complete;
    auto e = enclosure(Real("0.25"), complete);
    REQUIRE(e);
    CHECK((e->lo == Real("0.25") && e->hi == Real("0.25")));
    // 4 digits certain of 0.1234…: within one unit of the 4th digit, 1e-4.
    Certainty four;
    four.digits = 4;
    e = enclosure(Real("0.12345678"), four);
    REQUIRE(e);
    CHECK(abs(e->lo - Real("0.12335678")) < Real("1e-40"));
    CHECK(abs(e->hi - Real("0.12355678")) < Real("1e-40"));
    // Zero within 10^-1598.
    Certainty zero;
    zero.digits = 0;
    zero.zero_below = -1598;
    e = enclosure(Real(0), zero);
    REQUIRE(e);
    CHECK(e->hi == pow(Real(10), -1598));
    CHECK(e->lo == -e->hi);
    // No digit, out of range, an infinity not settled: nothing known.
    Certainty none;
    none.digits = 0;
    CHECK_FALSE(enclosure(Real(0), none));
    CHECK_FALSE(enclosure(Real(0), out_of_range_certainty(1600)));
    CHECK_FALSE(enclosure(Real(1) / Real(0), four));
}

}  // namespace rounding_artefact_test
