// gradcheck (autodiff/gradcheck.hpp): every op passes at random points of its domain, a
// gradient wrong by 1e-8 relative fails, kinks and jumps within the step are "not
// differentiable here" with the one-sided derivatives of the math, the seed network passes
// in float, double, long double and 50 digits, and the errors.
#include "op_cases.hpp"
#include "seed_network.hpp"

#include "autodiff/gradcheck.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace chainrule;
using namespace derivative_check;
using namespace op_cases;
using Verdict = GradcheckVerdict;
using R = cpp_bin_float_50;

namespace {

constexpr double kStep = 1e-12;  // gradcheck's h for |x| ≤ 1 (50-digit reference)

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
    return r.entries[0];
}

// "Not differentiable here" with the given one-sided derivatives (to 1e-9: the branch
// slopes are taken 2h from x, within ≈ 3h|f''| of their limits).
void check_kink(const GradcheckEntry<R>& e, double left, double right) {
    INFO(e.name << ": " << verdict_text(e.verdict) << " (" << e.note << "), left " << e.left.str(20) << ", right "
                << e.right.str(20) << "; analytic " << e.analytic.str(20));
    CHECK(e.verdict == Verdict::NotDifferentiable);
    CHECK(abs(e.left - R(left)) <= R(1e-9) * (1 + std::abs(left)));
    CHECK(abs(e.right - R(right)) <= R(1e-9) * (1 + std::abs(right)));
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

TEST_CASE("gradcheck: kinks at and within h of the switching point are not differentiable here") {
    // |x| at 0 (abs'(0) = 0 by convention: no failure) and within the step on both sides.
    for (double x : {0.0, 0.3 * kStep, -0.7 * kStep}) {
        CAPTURE(x);
        check_kink(check_1d(x, [](const Var<double>& v) { return abs(v); }), -1, 1);
        check_kink(check_1d(x, [](const Var<double>& v) { return relu(v); }), 0, 1);
        check_kink(check_1d(x, [](const Var<double>& v) { return leaky_relu(v, 0.2); }), 0.2, 1);
        check_kink(check_1d(0.5 + x, [](const Var<double>& v) { return max(v, 0.5); }), 0, 1);
        check_kink(check_1d(0.5 + x, [](const Var<double>& v) { return min(v, 0.5); }), 1, 0);
        // curved branches: relu(sin x) has slopes 0 and cos 0 = 1; |x³ − x| = |x|·|x² − 1| near 0
        // has −1 and +1
        check_kink(check_1d(x, [](const Var<double>& v) { return relu(sin(v)); }), 0, 1);
        check_kink(check_1d(x, [](const Var<double>& v) { return abs(v * v * v - v); }), -1, 1);
    }
    // The reverse-mode value at 0 is the documented convention, and it is no failure.
    const auto at0 = check_1d(0.0, [](const Var<double>& v) { return abs(v); });
    CHECK(at0.analytic == 0);
}

TEST_CASE("gradcheck: max and min of two inputs at a tie, hypot at the origin") {
    Tape<double> t;
    const auto a = t.variable(0.25, "a"), b = t.variable(0.25, "b");
    const auto hi = max(a, b), lo = min(a, b);
    const auto c = t.variable(0.0, "c"), d = t.variable(0.0, "d");
    const auto h = hypot(c, d);
    const auto rmax = gradcheck(t, hi.index(), {.wrt = {a.index(), b.index()}});
    check_kink(rmax.entries[0], 0, 1);
    check_kink(rmax.entries[1], 0, 1);
    const auto rmin = gradcheck(t, lo.index(), {.wrt = {a.index(), b.index()}});
    check_kink(rmin.entries[0], 1, 0);
    check_kink(rmin.entries[1], 1, 0);
    const auto rh = gradcheck(t, h.index(), {.wrt = {c.index(), d.index()}});
    check_kink(rh.entries[0], -1, 1);
    check_kink(rh.entries[1], -1, 1);
}

TEST_CASE("gradcheck: jumps and domain edges are not differentiable here, never a failure") {
    // sign and step jump at 0: the quotients grow as 1/h; both branches are flat.
    for (double x : {0.0, 0.4 * kStep}) {
        CAPTURE(x);
        check_kink(check_1d(x, [](const Var<double>& v) { return sign(v); }), 0, 0);
        check_kink(check_1d(x, [](const Var<double>& v) { return step(v); }), 0, 0);
    }
    // sqrt at 0: f(x − h) is NaN, the right quotients grow as h^(−1/2).
    const auto e = check_1d(0.0, [](const Var<double>& v) { return sqrt(v); });
    CHECK(e.verdict == Verdict::NotDifferentiable);
    CHECK_THAT(e.note, Catch::Contains("not finite"));
}

TEST_CASE("gradcheck: beyond the step a kink is a normal check; a tie without a kink passes") {
    const auto abs3h = check_1d(3 * kStep, [](const Var<double>& v) { return abs(v); });
    CHECK(abs3h.verdict == Verdict::Pass);
    CHECK(abs3h.analytic == 1);
    CHECK(check_1d(-5 * kStep, [](const Var<double>& v) { return relu(v); }).verdict == Verdict::Pass);
    // max(x², 2x − 1) at x = 1: a tie, but x² ≥ 2x − 1 touches tangentially (both slopes 2)
    const auto tangent = check_1d(1.0, [](const Var<double>& v) { return max(v * v, 2.0 * v - 1.0); });
    CHECK(tangent.verdict == Verdict::Pass);
    CHECK(tangent.analytic == 2);
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
