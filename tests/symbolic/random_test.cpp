// Randomised properties over a few hundred generated expressions (fixed
// seed, so failures reproduce):
//   * simplify is idempotent and does not change values where defined;
//   * printing is deterministic and simplify(e) prints no "+ -" or "--";
//   * diff agrees with a 50-digit central finite difference.
#include <catch2/catch.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <cmath>
#include <random>

#include "symbolic/symbolic.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace random_test {

using namespace chainrule::symbolic;
using Big = boost::multiprecision::cpp_bin_float_50;

namespace {

const Expr x = Expr::symbol("x");
const Expr y = Expr::symbol("y");

class Generator {
public:
    explicit Generator(unsigned seed) : rng_(seed) {}

    Expr operator()(int depth) {
        if (depth == 0 || pick(10) < 2) return leaf();
        // Operands are drawn in sequence (not as two arguments of one call,
        // whose evaluation order is unspecified), so every compiler builds
        // the same expressions from the seed.
        const int op = pick(9);
        const Expr a = (*this)(depth - 1);
        switch (op) {
        case 0: return a + (*this)(depth - 1);
        case 1: return a - (*this)(depth - 1);
        case 2:
        case 3: return a * (*this)(depth - 1);
        case 4: return a / nonzero((*this)(depth - 1));
        case 5: return pow(nonzero(a), exponent());
        case 6: return smooth_unary(pick(8), a);
        case 7: {
            const int which = pick(3);
            return smooth_binary(which, a, (*this)(depth - 1));
        }
        default: {
            const Expr l1 = leaf();
            return a * l1 + leaf();
        }
        }
    }

private:
    // No literal division by zero (its derivative is NaN, not a finding).
    static Expr nonzero(const Expr& e) { return is_zero(e) ? Expr(3) : e; }

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

    Expr leaf() {
        switch (pick(6)) {
        case 0: return Expr(pick(5) - 2);
        case 1: {
            const int p = pick(7) - 3;
            return Expr::rational(p, pick(3) + 1);
        }
        case 2:
        case 3: return x;
        default: return y;
        }
    }

    Expr exponent() {
        const Expr choices[] = {Expr(2), Expr(3), Expr(-1), Expr(-2), Expr::rational(1, 2), Expr::rational(3, 2), x};
        return choices[pick(7)];
    }

    // Functions that are smooth on the whole real line (or where defined),
    // so a random point is almost surely a differentiable one.
    static Expr smooth_unary(int k, const Expr& u) {
        switch (k) {
        case 0: return exp(u);
        case 1: return log(u);
        case 2: return sin(u);
        case 3: return tanh(u);
        case 4: return sigmoid(u);
        case 5: return softplus(u);
        case 6: return atan(u);
        default: return log1p(u * u);
        }
    }

    static Expr smooth_binary(int k, const Expr& a, const Expr& b) {
        switch (k) {
        case 0: return hypot(a, b);
        case 1: return atan2(a, b * b + 1);  // off the branch cut, where -0.0 and 0 differ
        default: return xlogy(a, b);
        }
    }

    std::mt19937 rng_;
};

bool usable(double v) { return std::isfinite(v) && std::abs(v) < 1e4; }

}  // namespace

TEST_CASE("random expressions: simplify is idempotent and value-preserving", "[random]") {
    Generator gen(20240611);
    std::mt19937 rng(99);
    std::uniform_real_distribution<double> dist(-1.9, 1.9);
    for (int i = 0; i < 400; ++i) {
        const Expr e = gen(4);
        const Expr once = simplify(e);
        INFO("#" << i << ": " << to_text(e) << "  ->  " << to_text(once));
        REQUIRE(simplify(once) == once);
        CHECK(to_text(once) == to_text(simplify(e)));
        CHECK(to_text(once).find("+ -") == std::string::npos);
        CHECK(to_latex(once).find("+ -") == std::string::npos);
        for (int k = 0; k < 3; ++k) {
            const std::map<std::string, double> at = {{"x", dist(rng)}, {"y", dist(rng)}};
            const double before = evaluate(e, at);
            if (!usable(before)) continue;
            const double after = evaluate(once, at);
            INFO("x = " << at.at("x") << ", y = " << at.at("y"));
            CHECK(std::abs(after - before) <= 1e-7 * std::max(1.0, std::abs(before)));
        }
    }
}

TEST_CASE("random expressions: diff agrees with finite differences", "[random]") {
    Generator gen(4242);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> dist(0.2, 1.8);
    int checked = 0;
    for (int i = 0; i < 250; ++i) {
        const Expr f = gen(3);
        const Expr d = diff(f, x);
        const Big xv(dist(rng));
        const Big yv(dist(rng));
        const Big h("1e-20");
        const Big plus = evaluate<Big>(f, {{"x", xv + h}, {"y", yv}});
        const Big minus = evaluate<Big>(f, {{"x", xv - h}, {"y", yv}});
        const Big centre = evaluate<Big>(f, {{"x", xv}, {"y", yv}});
        using boost::multiprecision::isfinite;
        if (!isfinite(plus) || !isfinite(minus) || abs(centre) > 1e6) continue;
        const Big fd = (plus - minus) / (2 * h);
        const Big symbolic = evaluate<Big>(d, {{"x", xv}, {"y", yv}});
        INFO("#" << i << ": f = " << to_text(f) << ", f' = " << to_text(d) << " at x = " << xv << ", y = " << yv);
        INFO("symbolic " << symbolic << " vs finite difference " << fd);
        const Big scale = std::max(Big(1), std::max(Big(abs(fd)), Big(abs(centre))));
        CHECK(abs(symbolic - fd) <= Big("1e-22") * scale);
        ++checked;
    }
    CHECK(checked > 150);
}

}  // namespace random_test
