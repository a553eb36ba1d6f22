// gradcheck (autodiff/gradcheck.hpp): every op passes at random points of its domain, a
// gradient wrong by 1e-8 relative fails, tiny and huge points are differenced at their own
// scale (closed forms to 30 digits), infinite derivatives agree as ∞ = ∞, kinks and jumps
// at x are "kink" at their convention with the one-sided derivatives of the math, NaN and
// what cannot be estimated are said so, the seed network passes in float, double, long
// double and 50 digits, and the errors.
#include "op_cases.hpp"
#include "seed_network.hpp"

#include "autodiff/gradcheck.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace gradcheck_test {

using namespace chainrule;
using namespace derivative_check;
using namespace op_cases;
using Verdict = GradcheckVerdict;
using R = cpp_bin_float_50;

namespace {

constexpr double kStep = 1e-12;  // gradcheck's relative step c (h = c·|x|; c at x = 0)

// Every entry passes; on failure the first bad one is printed.
template <class U>
void check_all_pass(const GradcheckReport<U>& r, const std::string& label) {
    for (const auto& e : r.entries) {
        INFO(label << ": d/d" << e.name << " analytic " << e.analytic.str(20) << ", numeric " << e.numeric.str(20)
                   << ", abs err " << e.abs_error.str(3) << ", tolerance " << e.tolerance.str(3) << ": "
                   << verdict_text(e.verdict) << " " << e.note);
        CHECK(e.verdict == Verdict::Pass);
    }
}

// One input x, f recorded at x: the report of its single component.
template <class F>
GradcheckEntry<R> check_1d(double x, F f) {
    Tape<double> t;
    const auto v = t.variable(x, "x");
    const auto y = f(v);
    const auto r = gradcheck(t, y.index());
    REQUIRE(r.entries.size() == 1);
    CHECK(r.relative_step == R(kStep));
    return r.entries[0];
}

// A kink (or jump) at the convention, with the given one-sided derivatives (to 1e-9: at a
// jump they are the branch slopes, taken 2h from x, within ≈ 3h|f''| of their limits).
void check_kink(const GradcheckEntry<R>& e, double left, double right) {
    INFO(e.name << ": " << verdict_text(e.verdict) << " (" << e.note << "), left " << e.left.str(20) << ", right "
                << e.right.str(20) << "; analytic " << e.analytic.str(20));
    CHECK(e.verdict == Verdict::Kink);
    CHECK(abs(e.left - R(left)) <= R(1e-9) * (1 + std::abs(left)));
    CHECK(abs(e.right - R(right)) <= R(1e-9) * (1 + std::abs(right)));
}

// A pass whose numeric derivative equals the closed form `exact` to 30 digits.
void check_exact(const GradcheckEntry<R>& e, const R& exact) {
    INFO(e.name << ": " << verdict_text(e.verdict) << " (" << e.note << "), numeric " << e.numeric.str(40)
                << ", exact " << exact.str(40) << ", analytic " << e.analytic.str(20) << ", step " << e.step.str(3));
    CHECK(e.verdict == Verdict::Pass);
    CHECK(e.numeric_kind == Estimate::Finite);
    CHECK(abs(e.numeric - exact) <= R("1e-30") * abs(exact));
    CHECK(abs(e.analytic - exact) <= R(4e-16) * abs(exact));  // reverse mode in double
}

// An infinite derivative: numeric, and the sides that are defined, are `inf` (±∞).
void check_infinite(const GradcheckEntry<R>& e, const R& inf, Estimate left, Estimate right) {
    INFO(e.name << ": " << verdict_text(e.verdict) << " (" << e.note << "), numeric " << e.numeric.str(5) << " "
                << estimate_text(e.numeric_kind) << ", left " << e.left.str(5) << " " << estimate_text(e.left_kind)
                << ", right " << e.right.str(5) << " " << estimate_text(e.right_kind));
    CHECK(e.verdict == Verdict::Pass);
    CHECK(e.numeric_kind == Estimate::Infinite);
    CHECK(e.numeric == inf);
    CHECK(e.analytic == inf);
    CHECK(e.abs_error == 0);
    CHECK(e.left_kind == left);
    CHECK(e.right_kind == right);
    if (left == Estimate::Infinite) CHECK(e.left == inf);
    if (right == Estimate::Infinite) CHECK(e.right == inf);
    CHECK(!e.singular.empty());
}

}  // namespace

TEST_CASE("richardson_extrapolate removes the error terms h^p, h^(p+q), ...") {
    // D(h) = 3 + h² + 5h⁴ at h = 0.1, 0.05, 0.025: two columns remove both terms exactly.
    std::vector<R> central;
    for (R h : {R("0.1"), R("0.05"), R("0.025")}) central.push_back(R(3 + h * h + 5 * pow(h, 4)));
    const auto c = richardson_extrapolate(central, 2, 2);
    CHECK(abs(c.value - 3) < R("1e-45"));
    // D(h) = 2 − h + h² − 7h³ (one-sided: p = q = 1) needs three columns: four estimates.
    std::vector<R> one_sided;
    for (R h : {R("0.1"), R("0.05"), R("0.025"), R("0.0125")}) one_sided.push_back(R(2 - h + h * h - 7 * pow(h, 3)));
    CHECK(abs(richardson_extrapolate(one_sided, 1, 1).value - 2) < R("1e-45"));
    // The error estimate is the last diagonal step: 0 for one estimate, and an exception for none.
    CHECK(richardson_extrapolate(std::vector<R>{R(1)}, 2, 2).error == 0);
    CHECK_THROWS_AS(richardson_extrapolate(std::vector<R>{}, 2, 2), Error);
}

TEST_CASE("gradcheck: every op of the op table passes at random points of its domain") {
    std::uint64_t seed = 9000;
    for (const auto& group : {unary_cases(), param_cases(), binary_cases()})
        for (const C& c : group) {
            std::mt19937_64 rng(seed++);
            for (int n = 0; n < 16; ++n) {
                Tape<double> tape;
                Vs x;
                for (double v : c.sample(rng)) x.push_back(tape.variable(v));
                check_all_pass(gradcheck(tape, c.f(x).index()), c.label);
            }
        }
}

TEST_CASE("gradcheck catches a gradient wrong by 1e-8 relative, which a double finite difference cannot see") {
    Tape<double> tape;
    const auto net = seed_network::record_seed(tape);
    const auto g = grad(net.E, net.parameters());
    check_all_pass(gradcheck(tape, net.E.index(), std::span<const double>(g)), "claimed = reverse mode");

    // ∂E/∂w1 wrong by 1e-8 relative: FAIL for w1 only, and the note says reverse mode agrees
    // with the numeric value (the claim is off, not a rule).
    std::vector<double> wrong = g;
    wrong[0] *= 1 + 1e-8;
    const auto r = gradcheck(tape, net.E.index(), std::span<const double>(wrong));
    CHECK_FALSE(r.passed());
    CHECK(r.count(Verdict::Fail) == 1);
    CHECK(r.entries[0].verdict == Verdict::Fail);
    CHECK(r.entries[0].rel_error > R("0.9e-8"));
    CHECK(r.entries[0].tolerance < R(1e-4) * r.entries[0].abs_error);  // caught with room to spare
    CHECK_THAT(r.entries[0].note, Catch::Contains("agrees"));

    // PyTorch's gradcheck: double central difference, eps = 1e-6, rtol = 1e-3, atol = 1e-5.
    // Its own error on ∂E/∂w1 (rounding ε|E|/eps with |E/∂E| ≈ 290) exceeds 1e-8, so it
    // accepts the wrong value.
    const auto fd = central_difference_gradient<double>(tape, net.E.index(), 1e-6);
    const double exact = std::stod(seed_network::expected_gradient()[0].value);
    CHECK(std::abs(fd[0] - exact) / exact > 1e-8);
    CHECK(std::abs(wrong[0] - fd[0]) <= 1e-5 + 1e-3 * std::abs(fd[0]));
}

TEST_CASE("gradcheck: tiny points are differenced at their own scale, inside the domain") {
    // The old absolute step 1e-12 took log at 1e-300 to x − h < 0: "left NaN, right 4.99e11".
    for (double x : {1e-300, 1e-30, 3e-17}) {
        CAPTURE(x);
        const auto e = check_1d(x, [](const Var<double>& v) { return log(v); });
        check_exact(e, R(1) / R(x));
        CHECK(e.step == R(kStep) * R(x));  // converged at the first step: h = c·|x|
    }
    check_exact(check_1d(1e-200, [](const Var<double>& v) { return sqrt(v); }), R(1) / (2 * sqrt(R(1e-200))));
    check_exact(check_1d(1e-100, [](const Var<double>& v) { return pow(v, 3.0); }), 3 * R(1e-100) * R(1e-100));
    check_exact(check_1d(1e-100, [](const Var<double>& v) { return v * v * v; }), 3 * R(1e-100) * R(1e-100));
    check_exact(check_1d(1e-150, [](const Var<double>& v) { return 1.0 / v; }), -1 / (R(1e-150) * R(1e-150)));
    check_exact(check_1d(-1e-150, [](const Var<double>& v) { return 1.0 / v; }), -1 / (R(1e-150) * R(1e-150)));
    check_exact(check_1d(2e-150, [](const Var<double>& v) { return log(v * v) + sin(v); }),
                2 / R(2e-150) + cos(R(2e-150)));
    // x near a domain edge that is not 0: log(x − 1) at x = 1 + 2^-40 (scale 1e-12, not |x|)
    const double near1 = 1 + std::ldexp(1.0, -40);
    check_exact(check_1d(near1, [](const Var<double>& v) { return log(v - 1.0); }), 1 / (R(near1) - 1));
}

TEST_CASE("gradcheck: huge points and steep functions pass with closed-form derivatives") {
    check_exact(check_1d(1e300, [](const Var<double>& v) { return log(v); }), R(1) / R(1e300));
    check_exact(check_1d(1e150, [](const Var<double>& v) { return v * v; }), 2 * R(1e150));
    check_exact(check_1d(700, [](const Var<double>& v) { return exp(v); }), exp(R(700)));
    check_exact(check_1d(-700, [](const Var<double>& v) { return exp(v); }), exp(R(-700)));
    check_exact(check_1d(1e200, [](const Var<double>& v) { return sqrt(v); }), R(1) / (2 * sqrt(R(1e200))));
    // sin at 1e10: h = 1e-2 is far above sin's scale 1; the step shrinks until the tableaus
    // converge, and the derivative is cos(1e10) to 30 digits.
    const auto s = check_1d(1e10, [](const Var<double>& v) { return sin(v); });
    check_exact(s, cos(R(1e10)));
    CHECK(s.step < R(1e-4));
}

// Derivatives below double's range: double holds them as 0 (or a subnormal), which is the
// correctly rounded value; the numeric side still finds them (mpmath, mp.dps = 40).
TEST_CASE("gradcheck: a derivative too small for a double passes as the 0 double holds") {
    const auto tiny = [](double x, const auto& f, const char* exact) {
        const GradcheckEntry<R> e = check_1d(x, f);
        INFO(e.name << ": " << verdict_text(e.verdict) << " (" << e.note << "), numeric " << e.numeric.str(20)
                    << ", tolerance " << e.tolerance.str(3));
        CHECK(e.verdict == Verdict::Pass);
        CHECK(abs(e.numeric - R(exact)) <= R("1e-25") * abs(R(exact)));
        CHECK(abs(e.analytic) <= R(std::numeric_limits<double>::denorm_min()));
    };
    tiny(-800, [](const Var<double>& v) { return exp(v); }, "3.66787458417768721345549565426e-348");
    tiny(-40, [](const Var<double>& v) { return gelu(v); }, "-5.84942510981229768524463981555e-347");
    tiny(-800, [](const Var<double>& v) { return silu(v); }, "-2.93063179275797208355094102775e-345");
    tiny(30, [](const Var<double>& v) { return erfc(v); }, "-1.53964766040999594460843325576e-391");
    // A wrong value of that size still fails: 1e-300 is far above K·η (16 · 4.9e-324).
    Tape<double> t;
    const auto v = t.variable(-800.0, "x");
    const auto y = exp(v);
    const std::vector<double> claim{1e-300};
    CHECK(gradcheck(t, y.index(), std::span<const double>(claim)).entries.at(0).verdict == Verdict::Fail);
}

TEST_CASE("gradcheck: infinite derivatives are ±∞ on the sides where f is defined, and ∞ = ∞ agrees") {
    const R inf = std::numeric_limits<R>::infinity();
    // sqrt, x^0.5 at 0: f is undefined left of 0 (its domain edge), the right derivative is +∞
    check_infinite(check_1d(0.0, [](const Var<double>& v) { return sqrt(v); }), inf, Estimate::Undefined,
                   Estimate::Infinite);
    check_infinite(check_1d(0.0, [](const Var<double>& v) { return pow(v, 0.5); }), inf, Estimate::Undefined,
                   Estimate::Infinite);
    check_infinite(check_1d(0.0, [](const Var<double>& v) { return -sqrt(v); }), -inf, Estimate::Undefined,
                   Estimate::Infinite);
    // cbrt at 0: +∞ from both sides
    check_infinite(check_1d(0.0, [](const Var<double>& v) { return cbrt(v); }), inf, Estimate::Infinite,
                   Estimate::Infinite);
    // asin and acos at 1: undefined right of 1, ±∞ from the left
    check_infinite(check_1d(1.0, [](const Var<double>& v) { return asin(v); }), inf, Estimate::Infinite,
                   Estimate::Undefined);
    check_infinite(check_1d(1.0, [](const Var<double>& v) { return acos(v); }), -inf, Estimate::Infinite,
                   Estimate::Undefined);
    check_infinite(check_1d(-1.0, [](const Var<double>& v) { return asin(v); }), inf, Estimate::Undefined,
                   Estimate::Infinite);
    // The op is named: "sqrt′(0) = +∞ at node #1"
    const auto e = check_1d(0.0, [](const Var<double>& v) { return sqrt(v); });
    REQUIRE(e.singular.size() == 1);
    CHECK(e.singular[0].rule == "sqrt′(0) = +∞");
    CHECK_THAT(e.note, Catch::Contains("sqrt′(0) = +∞ at node #1"));
    // A finite claim where the derivative is +∞ fails.
    Tape<double> t;
    const auto x = t.variable(0.0, "x");
    const auto f = sqrt(x);
    const std::vector<double> claim{1e300};
    CHECK(gradcheck(t, f.index(), std::span<const double>(claim)).entries[0].verdict == Verdict::Fail);
}

TEST_CASE("gradcheck: a NaN of reverse mode (0·∞, ∞ − ∞) is undefined and names the ops") {
    // sqrt(|x|) at 0: sqrt′(0) = +∞ times abs′(0) = 0; the one-sided derivatives are −∞, +∞.
    const auto cusp = check_1d(0.0, [](const Var<double>& v) { return sqrt(abs(v)); });
    INFO(cusp.note);
    CHECK(cusp.verdict == Verdict::Undefined);
    CHECK(cusp.left_kind == Estimate::Infinite);
    CHECK(cusp.left == -std::numeric_limits<R>::infinity());
    CHECK(cusp.right == std::numeric_limits<R>::infinity());
    CHECK_THAT(cusp.note, Catch::Contains("abs′(0) = 0 at node #1") && Catch::Contains("sqrt′(0) = +∞ at node #2"));
    // sqrt(x) − sqrt(x) at 0 is 0 on its domain; reverse mode gives +∞ − ∞.
    const auto diff = check_1d(0.0, [](const Var<double>& v) { return sqrt(v) - sqrt(v); });
    CHECK(diff.verdict == Verdict::Undefined);
    CHECK(diff.numeric == 0);
    CHECK_THAT(diff.note, Catch::Contains("the derivative is 0"));
    Tape<double> t;
    const auto x = t.variable(0.0, "x");
    const auto f = sqrt(x) - sqrt(x);
    CHECK_FALSE(gradcheck(t, f.index()).passed());
    // sqrt(x) − sqrt(−x) at 0: NaN from ∞ − ∞ (sqrt′(−0) = −∞ in IEEE), and f is undefined on both sides
    const auto none = check_1d(0.0, [](const Var<double>& v) { return sqrt(v) - sqrt(-v); });
    CHECK(none.verdict == Verdict::Undefined);
    CHECK_THAT(none.note, Catch::Contains("could not estimate the derivative: f is not finite on either side"));
}

TEST_CASE("gradcheck: kinks at x give both one-sided derivatives and the convention reverse mode uses") {
    check_kink(check_1d(0.0, [](const Var<double>& v) { return abs(v); }), -1, 1);
    check_kink(check_1d(0.0, [](const Var<double>& v) { return relu(v); }), 0, 1);
    check_kink(check_1d(0.0, [](const Var<double>& v) { return leaky_relu(v, 0.2); }), 0.2, 1);
    check_kink(check_1d(0.5, [](const Var<double>& v) { return max(v, 0.5); }), 0, 1);
    check_kink(check_1d(0.5, [](const Var<double>& v) { return min(v, 0.5); }), 1, 0);
    // curved branches: relu(sin x) has slopes 0 and cos 0 = 1; |x³ − x| near 0 has −1 and +1
    check_kink(check_1d(0.0, [](const Var<double>& v) { return relu(sin(v)); }), 0, 1);
    check_kink(check_1d(0.0, [](const Var<double>& v) { return abs(v * v * v - v); }), -1, 1);
    // The convention is named, with the node: relu′(0) = 0 (docs/conventions.md)
    const auto r = check_1d(0.0, [](const Var<double>& v) { return relu(v); });
    CHECK(r.analytic == 0);
    CHECK_THAT(r.note, Catch::StartsWith("kink: convention relu′(0) = 0 at node #1"));
    CHECK_THAT(r.note, Catch::EndsWith("a kink at x"));  // the input's name (check_1d calls it x)
    // selu: λα ≈ 1.7581 from the left (the convention, as PyTorch), λ ≈ 1.0507 from the right
    // (λ = 1.0507009873554804934193349852946, α = 1.6732632423543772848170429916717).
    const auto s = check_1d(0.0, [](const Var<double>& v) { return selu(v); });
    check_kink(s, 1.7580993408473768599, 1.0507009873554804934);
    CHECK_THAT(s.note, Catch::StartsWith("kink: convention selu′(0) = 1.7581"));
    // The input is named in the note, whatever it is called.
    Tape<double> named;
    const auto w = named.variable(0.0, "w");
    const auto y = abs(w);
    CHECK_THAT(gradcheck(named, y.index()).entries.at(0).note, Catch::EndsWith("a kink at w"));
    const auto m = check_1d(0.5, [](const Var<double>& v) { return max(v, 0.5); });
    CHECK(m.analytic == 0.5);
    CHECK_THAT(m.note, Catch::Contains("max(0.5, 0.5): ∂/∂a = 0.5, ∂/∂b = 0.5"));
    // A claim at a kink: a one-sided derivative is a kink too; anything else fails.
    Tape<double> t;
    const auto x = t.variable(0.0, "x");
    const auto f = abs(x);
    const std::vector<double> right{1.0}, wrong{0.5};
    const auto claimed = gradcheck(t, f.index(), std::span<const double>(right)).entries[0];
    CHECK(claimed.verdict == Verdict::Kink);
    CHECK_THAT(claimed.note, Catch::StartsWith("kink: the checked value is the right derivative"));
    CHECK(gradcheck(t, f.index(), std::span<const double>(wrong)).entries[0].verdict == Verdict::Fail);
}

TEST_CASE("gradcheck: max and min of two inputs at a tie, hypot and atan2 at the origin") {
    Tape<double> t;
    const auto a = t.variable(0.25, "a"), b = t.variable(0.25, "b");
    const auto hi = max(a, b), lo = min(a, b);
    const auto c = t.variable(0.0, "c"), d = t.variable(0.0, "d");
    const auto h = hypot(c, d), angle = atan2(c, d);
    const auto rmax = gradcheck(t, hi.index(), {.wrt = {a.index(), b.index()}});
    check_kink(rmax.entries[0], 0, 1);
    check_kink(rmax.entries[1], 0, 1);
    const auto rmin = gradcheck(t, lo.index(), {.wrt = {a.index(), b.index()}});
    check_kink(rmin.entries[0], 1, 0);
    check_kink(rmin.entries[1], 1, 0);
    const auto rh = gradcheck(t, h.index(), {.wrt = {c.index(), d.index()}});
    check_kink(rh.entries[0], -1, 1);
    check_kink(rh.entries[1], -1, 1);
    CHECK_THAT(rh.entries[0].note, Catch::Contains("hypot(0, 0): ∂/∂a = 0, ∂/∂b = 0"));
    // atan2(c, d) at (0, 0) jumps in c (±π/2) and in d (π left of 0): branch slopes 0
    const auto ra = gradcheck(t, angle.index(), {.wrt = {c.index(), d.index()}});
    check_kink(ra.entries[0], 0, 0);
    check_kink(ra.entries[1], 0, 0);
    CHECK(ra.entries[0].left_kind == Estimate::Jump);
    CHECK(ra.entries[1].right_kind == Estimate::Finite);  // atan2(0, d) = 0 for d ≥ 0
}

TEST_CASE("gradcheck: jumps at x are kinks with the slopes of the branches, never a failure") {
    const auto s = check_1d(0.0, [](const Var<double>& v) { return sign(v); });
    check_kink(s, 0, 0);
    CHECK(s.left_kind == Estimate::Jump);
    CHECK(s.right_kind == Estimate::Jump);
    CHECK_THAT(s.note, Catch::Contains("sign′(0) = 0") && Catch::Contains("f jumps at x"));
    const auto st = check_1d(0.0, [](const Var<double>& v) { return step(v); });  // H(0) = 1: flat to the right
    check_kink(st, 0, 0);
    CHECK(st.left_kind == Estimate::Jump);
    CHECK(st.right_kind == Estimate::Finite);
    // a jump of a composite: 3·sign(x) + x² at 0 has branch slopes 0 (2x at 0)
    check_kink(check_1d(0.0, [](const Var<double>& v) { return 3.0 * sign(v) + v * v; }), 0, 0);
}

TEST_CASE("gradcheck: a kink near x but not at it is resolved by the shrinking step") {
    // with h = c·|x| the kink of |x| at 0 is |x|/h = 1e12 steps away
    for (double x : {0.3 * kStep, -0.7 * kStep, 1e-300}) {
        CAPTURE(x);
        check_exact(check_1d(x, [](const Var<double>& v) { return abs(v); }), R(x > 0 ? 1 : -1));
        check_exact(check_1d(x, [](const Var<double>& v) { return relu(v); }), R(x > 0 ? 1 : 0));
    }
    // max(x, 0.5) at 0.5 + 3e-13: the first step 5e-13 straddles the tie, the second does not
    const double x = 0.5 + 3e-13;
    const auto m = check_1d(x, [](const Var<double>& v) { return max(v, 0.5); });
    check_exact(m, R(1));
    CHECK(m.step < R(3e-13));
    check_exact(check_1d(0.5 - 3e-13, [](const Var<double>& v) { return max(v, 0.5); }), R(0));
    // max(x², 2x − 1) at x = 1: a tie, but x² ≥ 2x − 1 touches tangentially (both slopes 2)
    const auto tangent = check_1d(1.0, [](const Var<double>& v) { return max(v * v, 2.0 * v - 1.0); });
    CHECK(tangent.verdict == Verdict::Pass);
    CHECK(tangent.analytic == 2);
}

TEST_CASE("gradcheck: what cannot be estimated is said so, with no number") {
    // sqrt(x) + sqrt(−x) at 0: f is undefined on both sides of x (reverse mode: +∞)
    const auto both = check_1d(0.0, [](const Var<double>& v) { return sqrt(v) + sqrt(-v); });
    INFO(both.note);
    CHECK(both.verdict == Verdict::NotEstimated);
    CHECK(both.left_kind == Estimate::Undefined);
    CHECK(both.right_kind == Estimate::Undefined);
    CHECK(boost::multiprecision::isnan(both.numeric));
    CHECK_THAT(both.note, Catch::StartsWith("could not estimate: f is not finite on either side of x"));
    // x·sin(1/x) at 1e-30 oscillates on a scale of 1e-60: no step down to c·1e-12·|x| resolves it
    const auto osc = check_1d(1e-30, [](const Var<double>& v) { return v * sin(1.0 / v); });
    INFO(verdict_text(osc.verdict) << ": " << osc.note);
    CHECK(osc.verdict == Verdict::NotEstimated);
    CHECK_THAT(osc.note, Catch::StartsWith("could not estimate: the difference quotients do not converge"));
    if (osc.verdict == Verdict::NotEstimated) CHECK(boost::multiprecision::isnan(osc.numeric));
}

TEST_CASE("gradcheck: the seed 001 network passes in float, double, long double and 50 digits", "[typed]") {
    const auto run = [](auto zero) {
        using T = decltype(zero);
        for (bool four : {false, true}) {
            Tape<T> tape;
            const auto net = seed_network::record_seed(tape, four);
            const auto r = gradcheck(tape, net.E.index());
            CHECK(r.entries.size() == (four ? 12u : 10u));
            check_all_pass(r, "seed network");
            CHECK(r.epsilon == static_cast<double>(std::numeric_limits<T>::epsilon()));
        }
    };
    run(0.0f);
    run(0.0);
    run(0.0L);
    run(R(0));  // checked against 100-digit differences
}

TEST_CASE("gradcheck: float and long double tapes of several ops") {
    const auto run = [](auto zero) {
        using T = decltype(zero);
        Tape<T> t;
        const auto x = t.variable(T(0.7)), y = t.variable(T(-1.3));
        const auto f = sin(x * y) + exp(y) / x + pow(hypot(x, y), T(1.5)) * tanh(y) - atan2(y, x) + sigmoid(x - y);
        const auto r = gradcheck(t, f.index());
        check_all_pass(r, "composite");
        // a claimed gradient wrong by 1000 ε_T relative fails in T too (the tolerance of this
        // 12-op composite is ≈ 100 ε_T relative: its paths have up to 7 factors)
        std::vector<T> g{grad(f, {x, y})};
        g[1] *= T(1) + T(1000) * std::numeric_limits<T>::epsilon();
        CHECK(gradcheck(t, f.index(), std::span<const T>(g)).entries[1].verdict == Verdict::Fail);
    };
    run(0.0f);
    run(0.0L);
}

TEST_CASE("gradcheck: a subset of inputs, the report's tolerances, and the errors") {
    Tape<double> t;
    const auto x = t.variable(2.0, "x"), k = t.constant(3.0, "k"), y = t.variable(0.5, "y");
    const auto f = x * x * k + log(y);
    const auto r = gradcheck(t, f.index(), {.wrt = {y.index(), x.index()}});
    REQUIRE(r.entries.size() == 2);
    CHECK(r.entries[0].name == "y");
    CHECK(abs(r.entries[0].numeric - 2) < R("1e-30"));  // d log y/dy = 1/y
    CHECK(abs(r.entries[1].numeric - 12) < R("1e-30"));
    CHECK(r.entries[1].analytic == 12);
    CHECK(r.ulps_per_factor == 16);
    CHECK(r.richardson_levels == 3);
    CHECK(r.relative_step == R(kStep));
    CHECK_THAT(r.policy, Catch::Contains("K*eps*L"));

    CHECK_THROWS_WITH(gradcheck(t, f.index(), {.wrt = {k.index()}}), Catch::Contains("not an Input node"));
    CHECK_THROWS_WITH(gradcheck(t, 999), Catch::Contains("no node #999"));
    const std::vector<double> one{1.0};
    CHECK_THROWS_WITH(gradcheck(t, f.index(), std::span<const double>(one)), Catch::Contains("1 components for 2"));
    const auto bad = log(x - 2.0);  // log 0 = −∞
    CHECK_THROWS_WITH(gradcheck(t, bad.index()), Catch::Contains("not finite"));
}

}  // namespace gradcheck_test
