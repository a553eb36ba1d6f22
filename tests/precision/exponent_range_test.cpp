// Numbers beyond MPFR's default exponent range (±2^30 binary, about 10^±3.2e8): the range
// is widened at start-up (precision/real.hpp), the formatter prints decimal exponents
// beyond an int, and what underflows or overflows even the widened range (±2^62 binary,
// about 10^±1.388e18) is never certified as 0 or ∞ (Certainty::out_of_range).
//
// Expected values from mpmath 1.3.0, run once:
//   import mpmath as m; m.mp.dps = 50
//   m.exp(-10**10)                   = 9.2785844203248725780731422989302228936631015498327e-4342944820
//   m.exp(10**10)                    = 1.07775060795856491021424629591e+4342944819   (dps 30)
//   m.power(m.mpf('2.5'), 10**10)    = 5.2526213637190907197825494328051132968766051519747e+3979400086
//   10**10 * m.power(m.mpf('2.5'), 10**10 - 1)
//                                    = 2.10104854548763628791301977312e+3979400096   (dps 30)
//   m.power(m.mpf('2.5'), 10**10) * m.log(m.mpf('2.5'))
//                                    = 4.81292827361998808487111772408e+3979400086   (dps 30)
//   -2 * m.mpf(10)**5 * m.exp(-m.mpf(10)**10)
//                                    = -1.85571688406497451561462845979e-4342944814  (dps 30)
//   m.exp(-10**9) * m.exp(10**9 + 1) = 2.71828182845904523536028747135               (dps 30)
//   m.exp(-10**17)                   = 1.717461886611602971364531908801977267313848380179e-43429448190325183
//   (2**62 - 1) * m.log10(2)         = 1388255822130839282.76905619796               (dps 30)
// Each rounded to 10 significant digits by hand below.
#include "precision/ladder.hpp"
#include "precision/number_format.hpp"

#include <catch2/catch.hpp>

#include <thread>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace exponent_range_test {

using namespace chainrule;
using boost::multiprecision::exp;
using boost::multiprecision::log;
using boost::multiprecision::pow;

namespace {

// The certified text of each number the computation gives, at 10 digits.
std::vector<std::string> certified(const std::function<void(std::vector<Real>&)>& evaluate) {
    std::vector<Real> n;
    const std::vector<Certainty> c = run_ladder(evaluate, 10, n);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n.size(); ++i) out.push_back(format_number(n[i], c[i], 10));
    return out;
}

const std::string kOutOfRange = "? (underflow or overflow: a step leaves the arithmetic's range, 10^±1.388e18)";

}  // namespace

TEST_CASE("exponent range: widened at start-up, and by every PrecisionScope in its thread", "[precision]") {
    CHECK(mpfr_get_emin() == mpfr_get_emin_min());
    CHECK(mpfr_get_emax() == mpfr_get_emax_max());
    // MPFR keeps the range per thread: a new thread starts with the narrow default, and a
    // PrecisionScope (every rung of the ladder) widens it there.
    bool narrow_before = false, wide_in_scope = false, exp_not_zero = false;
    std::thread t([&] {
        narrow_before = mpfr_get_emin() > mpfr_get_emin_min();
        PrecisionScope scope(50);
        wide_in_scope = mpfr_get_emin() == mpfr_get_emin_min() && mpfr_get_emax() == mpfr_get_emax_max();
        exp_not_zero = exp(Real(-1e10)) != 0;
    });
    t.join();
    CHECK(narrow_before);
    CHECK(wide_in_scope);
    CHECK(exp_not_zero);
}

TEST_CASE("exponent range: values beyond MPFR's default range are ordinary numbers", "[precision]") {
    // 9.27858442032487… → 9.278584420; 1.07775060795856… → 1.077750608;
    // 5.25262136371909… → 5.252621364; 1.71746188661160… → 1.717461887.
    CHECK(certified([](std::vector<Real>& v) { v.push_back(exp(Real(-1e10))); }) ==
          std::vector<std::string>{"9.278584420e-4342944820"});
    CHECK(certified([](std::vector<Real>& v) { v.push_back(exp(Real(1e10))); }) ==
          std::vector<std::string>{"1.077750608e4342944819"});
    CHECK(certified([](std::vector<Real>& v) { v.push_back(pow(Real("2.5"), Real(1e10))); }) ==
          std::vector<std::string>{"5.252621364e3979400086"});
    // A decimal exponent beyond ±2^31 (std::stoi would throw), and the 1-digit rounding path.
    CHECK(certified([](std::vector<Real>& v) { v.push_back(exp(Real(-1e17))); }) ==
          std::vector<std::string>{"1.717461887e-43429448190325183"});
    PrecisionScope scope(50);
    CHECK(format_number(exp(Real(-1e17)), 1) == "2e-43429448190325183");
    CHECK(format_number(exp(Real(-1e10)), 1) == "9e-4342944820");
    CHECK(format_number(-exp(Real(1e10)), 3) == "-1.08e4342944819");
    CHECK(latex_number(exp(Real(-1e10)), 4) == "9.279 \\times 10^{-4342944820}");
}

TEST_CASE("exponent range: gradients and products through numbers beyond the default range", "[precision]") {
    // f = x^y at x = 2.5, y = 1e10: f, ∂f/∂x = y·x^(y−1), ∂f/∂y = x^y·ln x.
    // 2.10104854548763… → 2.101048545; 4.81292827361998… → 4.812928274.
    CHECK(certified([](std::vector<Real>& v) {
              const Real x("2.5"), y(1e10);
              v.push_back(pow(x, y));
              v.push_back(y * pow(x, y - 1));
              v.push_back(pow(x, y) * log(x));
          }) == std::vector<std::string>{"5.252621364e3979400086", "2.101048545e3979400096", "4.812928274e3979400086"});
    // d/dx exp(−x²) = −2x·exp(−x²) at x = 1e5: −1.85571688406497… → −1.855716884.
    CHECK(certified([](std::vector<Real>& v) {
              const Real x(1e5);
              v.push_back(exp(-x * x));
              v.push_back(-2 * x * exp(-x * x));
          }) == std::vector<std::string>{"9.278584420e-4342944820", "-1.855716884e-4342944814"});
    // Intermediates beyond the default range, ordinary results: exp(−1e9)·exp(1e9 + 1) = e,
    // exp(−1e10)·exp(1e10) = 1, exp(1e10)/exp(1e10 − 2) = e² = 7.389056099 (e² = 7.38905609893…).
    CHECK(certified([](std::vector<Real>& v) {
              v.push_back(exp(Real(-1e9)) * exp(Real(1e9) + 1));
              v.push_back(exp(Real(-1e10)) * exp(Real(1e10)));
              v.push_back(exp(Real(1e10)) / exp(Real(1e10) - 2));
          }) == std::vector<std::string>{"2.718281828", "1", "7.389056099"});
}

TEST_CASE("exponent range: a 0, ∞ or NaN from underflow or overflow is never certified", "[precision]") {
    // exp(−1e30) = 10^(−4.3e29): below even the widened range (10^−1.388e18), so MPFR gives
    // 0 with its underflow flag — at every rung alike, so the rungs "agree" on a wrong 0.
    const std::vector<std::string> all_out{kOutOfRange, kOutOfRange, kOutOfRange, kOutOfRange, kOutOfRange};
    CHECK(certified([](std::vector<Real>& v) {
              v.push_back(exp(Real(-1e30)));                     // underflow → 0
              v.push_back(exp(Real(1e30)));                      // overflow → +∞
              v.push_back(-exp(Real(1e30)));                     // overflow → −∞
              v.push_back(exp(Real(-1e30)) * exp(Real(1e30)));  // 0·∞ → NaN (true value 1)
              v.push_back(1 / exp(Real(1e30)));                  // 1/∞ → 0, no underflow flag of its own
          }) == all_out);
    // x^y at 10, 1e19 = 10^(1e19) overflows; its y-partial x^y·ln x too; a product whose
    // factor underflowed is 0 although the other factor is huge (true: 10^(−4.3e29 + 1e9)).
    CHECK(certified([](std::vector<Real>& v) {
              v.push_back(pow(Real(10), Real(1e19)));
              v.push_back(pow(Real(10), Real(1e19)) * log(Real(10)));
              v.push_back(exp(Real(-1e30)) * exp(Real(1e9)));
          }) == std::vector<std::string>{kOutOfRange, kOutOfRange, kOutOfRange});
    std::vector<Real> n;
    const auto c = run_ladder([](std::vector<Real>& v) { v.push_back(exp(Real(-1e30))); }, 10, n);
    CHECK(c[0].out_of_range);
    CHECK_FALSE(c[0].complete());
    CHECK(c[0].digits == 0);
    CHECK(latex_number(n[0], c[0], 10) == "\\text{?}");
}

TEST_CASE("exponent range: what a range-exceeding rung does not affect", "[precision]") {
    // A finite non-zero result of a rung that underflowed is judged as usual: 1 + exp(−1e30)
    // is 1 to every printed digit (the 10^(−4.3e29) is far below the 10th digit).
    CHECK(certified([](std::vector<Real>& v) {
              v.push_back(1 + exp(Real(-1e30)));
              v.push_back(exp(Real(-1e30)));
          }) == std::vector<std::string>{"1", kOutOfRange});
    // A rung without underflow or overflow certifies its exact zero as before (3 − 3 = 0),
    // and the flags of one computation do not carry over into the next.
    CHECK(certified([](std::vector<Real>& v) { v.push_back(exp(Real(-1e30))); }) == std::vector<std::string>{kOutOfRange});
    CHECK(certified([](std::vector<Real>& v) { v.push_back(Real(3) - Real(3)); }) == std::vector<std::string>{"0"});
    // The flags are the rung's, not a number's: an exact 0 computed in the same rung as an
    // underflow is not certified either (the cautious side: a ?, never a wrong 0).
    CHECK(certified([](std::vector<Real>& v) {
              v.push_back(exp(Real(-1e30)));
              v.push_back(Real(3) - Real(3));
          }) == std::vector<std::string>{kOutOfRange, kOutOfRange});
}

TEST_CASE("exponent range: a zero within a bound below 10^−(2^31)", "[precision]") {
    // lo = 2e−4000000000, hi = lo·1e−500: no digit agrees, and hi shrank by more than
    // 10^−(1600 − 800)/2 = 10^−400, so it is zero within 10^⌈log10 lo⌉;
    // log10(2e−4000000000) = −3999999999.69897… (mpmath: m.log10(2) − 4000000000).
    PrecisionScope scope(1600);
    const Real lo("2e-4000000000"), hi("2e-4000000500");
    const Certainty c = final_certainty(lo, hi, 800, 1600, 10);
    REQUIRE(c.zero_below);
    CHECK(*c.zero_below == -3999999999LL);
    CHECK(format_number(hi, c, 10) == "0 (±1e-3999999999)");
}

TEST_CASE("exponent range: RangeWatch sees its own span, and nested watches keep the outer one's view", "[precision]") {
    PrecisionScope scope(50);
    {
        const RangeWatch outer;
        CHECK_FALSE(outer.exceeded());
        const Real tiny = exp(Real(-1e30));  // underflows
        CHECK(tiny == 0);
        CHECK(outer.exceeded());
        {
            const RangeWatch inner;  // starts clean: what happened before is not its business
            CHECK_FALSE(inner.exceeded());
            CHECK(exp(Real(1)) > 2);
            CHECK_FALSE(inner.exceeded());
        }
        CHECK(outer.exceeded());  // raised again when the inner watch ended
    }
    {
        const RangeWatch outer;
        {
            const RangeWatch inner;
            CHECK(boost::multiprecision::isinf(exp(Real(1e30))));  // overflows
            CHECK(inner.exceeded());
        }
        CHECK(outer.exceeded());  // an overflow inside the inner watch is the outer's too
    }
    const RangeWatch clean;
    CHECK_FALSE(clean.exceeded());
    CHECK(exp(Real(-1e10)) > 0);  // 10^−4342944820: inside the widened range, no underflow
    CHECK_FALSE(clean.exceeded());
}

}  // namespace exponent_range_test
