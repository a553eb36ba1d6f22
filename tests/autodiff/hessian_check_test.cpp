// check_hessian (autodiff/hessian_check.hpp): the Hessian against 50-digit differences of
// the gradient. It must pass right Hessians, FAIL exactly the wrong entries of a wrong one,
// see asymmetry, and call a kink a kink.
#include "autodiff/hessian_check.hpp"
#include "chainrule.hpp"

#include <catch2/catch.hpp>

#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace hessian_check_test {

using namespace chainrule;

namespace {

struct Recorded {
    Tape<double> tape;
    std::vector<NodeIndex> wrt;
    NodeIndex output = 0;
};

template <class F>
void record(Recorded& r, std::vector<double> at, F f) {
    std::vector<Var<double>> x;
    for (double v : at) x.push_back(r.tape.variable(v));
    for (const Var<double>& v : x) r.wrt.push_back(v.index());
    r.output = f(x).index();
}

}  // namespace

TEST_CASE("check_hessian passes the forward-over-reverse Hessian of smooth functions") {
    const auto all_pass = [](std::vector<double> at, auto f) {
        Recorded r;
        record(r, at, f);
        const HessianCheck c = check_hessian(r.tape, r.output, r.wrt);
        for (const HessianCheckEntry& e : c.entries) {
            CAPTURE(e.row, e.column, e.analytic, e.numeric, e.tolerance);
            CHECK(e.verdict == GradcheckVerdict::Pass);
            CHECK(std::abs(e.analytic - e.numeric) <= 1e-13 * std::max(1.0, std::abs(e.numeric)));
        }
        CHECK(c.symmetric);
        CHECK(c.passed());
    };
    using V = std::vector<Var<double>>;
    all_pass({1, 2}, [](const V& x) { return x[0] * x[0] * x[1] + sin(x[1]); });
    all_pass({0.3, -0.7, 1.1}, [](const V& x) { return exp(x[0] * x[1]) * tanh(x[2]) + log(1.0 + x[0] * x[0]); });
    all_pass({0.4, 0.6}, [](const V& x) { return sigmoid(x[0] * x[1] + 0.66) + atan2(x[1], x[0]); });
    all_pass({1.3, 2.5}, [](const V& x) { return pow(x[0], x[1]) + hypot(x[0], x[1]); });
    all_pass({2.0, 3.0}, [](const V& x) { return sqrt(x[0] * x[0] + x[1] * x[1] + 1.0) / x[1]; });
}

TEST_CASE("check_hessian FAILs exactly the wrong entries of a wrong Hessian, and sees asymmetry") {
    Recorded r;
    record(r, {1, 2}, [](const std::vector<Var<double>>& x) { return x[0] * x[0] * x[1] + sin(x[1]); });
    Matrix<double> h(2, 2);
    h << 4, 2, 2, -std::sin(2.0);
    CHECK(check_hessian(r.tape, r.output, r.wrt, h).passed());
    for (const double slip : {1e-6, 0.5, -2.0}) {  // a relative error, a missing term, a sign
        Matrix<double> wrong = h;
        wrong(1, 1) *= 1 + slip;
        const HessianCheck c = check_hessian(r.tape, r.output, r.wrt, wrong);
        CAPTURE(slip);
        CHECK(c.entries[3].verdict == GradcheckVerdict::Fail);
        CHECK(c.count(GradcheckVerdict::Fail) == 1);
        CHECK(!c.passed());
    }
    Matrix<double> lopsided = h;
    lopsided(0, 1) = 2 * (1 + 1e-6);  // H_01 ≠ H_10
    const HessianCheck a = check_hessian(r.tape, r.output, r.wrt, lopsided);
    CHECK(!a.symmetric);
    CHECK(a.asymmetry == Approx(2e-6).epsilon(1e-6));
    CHECK(a.entries[1].verdict == GradcheckVerdict::Fail);
    Matrix<double> wrong_size(3, 3);
    CHECK_THROWS_AS(check_hessian(r.tape, r.output, r.wrt, wrong_size), Error);
}

TEST_CASE("check_hessian: a kink of the gradient is a kink, not a FAIL") {
    for (const double w : {0.5, -0.25}) {  // z = w·x + b exactly 0 at each
        Recorded r;
        record(r, {w, -2 * w}, [](const std::vector<Var<double>>& p) {
            const Var<double> z = p[0] * 2.0 + p[1];
            return relu(z) * relu(z) * 0.0 + abs(z) * p[0];
        });
        const HessianCheck c = check_hessian(r.tape, r.output, r.wrt);
        CAPTURE(w);
        CHECK(c.count(GradcheckVerdict::Kink) > 0);
        CHECK(c.count(GradcheckVerdict::Fail) == 0);
    }
}

TEST_CASE("check_hessian refuses a node that is not an input") {
    Tape<double> t;
    const Var<double> x = t.variable(1.0);
    const Var<double> y = x * x;
    CHECK_THROWS_AS(check_hessian(t, y.index(), {y.index()}), Error);
}

}  // namespace hessian_check_test
