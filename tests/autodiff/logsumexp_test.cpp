// logaddexp, the binary op behind logsumexp(a₁, …, aₙ) (n − 1 nodes folded left): stable
// values at large logits, partials = softmax against independent closed forms, 50-digit
// finite differences, and its two rows of docs/conventions.md.
// Reference digits from mpmath (mp.dps = 60, run once):
//   1000 + ln 2 = 1000.6931471805599453094172321214581765680755001344
//   e^-1000 = 5.075958897549456765291809479574336919306e-435
//   e^-2000 = 2.576535872961149652190150499507352912722e-869
#include "chainrule.hpp"
#include "precision/real.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace logsumexp_test {

using namespace chainrule;
using Big = boost::multiprecision::cpp_bin_float_50;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// (value, gradient) of logsumexp of the given logits, on a Tape<T>.
template <class T>
std::pair<T, std::vector<T>> lse(const std::vector<T>& logits) {
    Tape<T> t;
    std::vector<Var<T>> x;
    for (const T& v : logits) x.push_back(t.variable(v));
    const Var<T> y = logsumexp(std::span<const Var<T>>(x));
    return {y.value(), grad(y, x)};
}

bool close(const Real& got, const Real& want, const char* rel) { return abs(got - want) <= Real(rel) * abs(want); }

}  // namespace

TEST_CASE("logsumexp records n - 1 logaddexp nodes; one argument is itself") {
    Tape<double> t;
    const auto a = t.variable(1.0), b = t.variable(2.0), c = t.variable(3.0);
    const auto y = logsumexp({a, b, c});
    CHECK(t.node(y.index()).op == OpKind::LogAddExp);
    CHECK(t.node(t.node(y.index()).in0).op == OpKind::LogAddExp);
    CHECK(t.size() == 5);
    CHECK(logsumexp({a}).index() == a.index());
    CHECK_THROWS_AS(logsumexp(std::span<const Var<double>>()), Error);
}

TEST_CASE("logsumexp at large logits: no overflow, no underflow") {
    const auto [v1, g1] = lse<double>({1000, 1000});
    CHECK(v1 == Approx(1000 + std::log(2.0)).epsilon(1e-15));
    CHECK(g1 == std::vector<double>{0.5, 0.5});
    const auto [v2, g2] = lse<double>({-1000, -1000});
    CHECK(v2 == Approx(-1000 + std::log(2.0)).epsilon(1e-15));
    CHECK(g2 == std::vector<double>{0.5, 0.5});
    const auto [v3, g3] = lse<double>({-1000, 0, 1000});
    CHECK(v3 == 1000.0);
    CHECK(g3 == std::vector<double>{0.0, 0.0, 1.0});  // e^-2000 and e^-1000 underflow in double
    // In 50 digits the tiny softmax entries are there, to 40 digits.
    PrecisionScope scope(50);
    const auto [v4, g4] = lse<Real>({Real(1000), Real(1000)});
    CHECK(close(v4, Real("1000.6931471805599453094172321214581765680755001344"), "1e-48"));
    const auto [v5, g5] = lse<Real>({Real(-1000), Real(0), Real(1000)});
    CHECK(close(v5, Real(1000), "1e-48"));
    CHECK(close(g5[0], Real("2.576535872961149652190150499507352912722e-869"), "1e-38"));
    CHECK(close(g5[1], Real("5.075958897549456765291809479574336919306e-435"), "1e-38"));
    CHECK(close(g5[2], Real(1), "1e-48"));
}

TEST_CASE("logsumexp's gradient is the softmax (closed form e^{a_i} / sum e^{a_j})") {
    for (const std::vector<double>& z : {std::vector<double>{0.3, -1.2, 2.0}, {5, 5, 5, 5}, {-3, 0.5}, {10, -20, 3.5, 0, 7}}) {
        double total = 0;
        for (double v : z) total += std::exp(v);
        const auto [value, g] = lse<double>(z);
        CHECK(value == Approx(std::log(total)).epsilon(1e-14));
        double sum = 0;
        for (std::size_t i = 0; i < z.size(); ++i) {
            CAPTURE(i);
            CHECK(g[i] == Approx(std::exp(z[i]) / total).epsilon(1e-14));
            sum += g[i];
        }
        CHECK(sum == Approx(1).epsilon(1e-15));
    }
}

TEST_CASE("logsumexp's gradient agrees with 50-digit central differences") {
    const Big h("1e-20");
    const auto f = [](const std::vector<Big>& z) {
        Tape<Big> t;
        std::vector<Var<Big>> x;
        for (const Big& v : z) x.push_back(t.variable(v));
        return logsumexp(std::span<const Var<Big>>(x)).value();
    };
    for (const std::vector<Big>& z : {std::vector<Big>{Big("0.7"), Big("-1.3"), Big(4)}, {Big(300), Big(301), Big(-299)}}) {
        Tape<Big> t;
        std::vector<Var<Big>> x;
        for (const Big& v : z) x.push_back(t.variable(v));
        const std::vector<Big> g = grad(logsumexp(std::span<const Var<Big>>(x)), x);
        for (std::size_t i = 0; i < z.size(); ++i) {
            auto plus = z, minus = z;
            plus[i] += h;
            minus[i] -= h;
            const Big fd = (f(plus) - f(minus)) / (2 * h);
            CAPTURE(i);
            // rounding of values near 300 in 50 digits, divided by h: ~1e-28
            CHECK(abs(g[i] - fd) <= Big("1e-25"));
        }
    }
}

TEST_CASE("convention: logaddexp at a and b from -1000 to 1000") {
    for (double a : {-1000.0, -30.0, 0.0, 1.0, 700.0, 1000.0})
        for (double b : {-1000.0, -1.0, 0.0, 709.0, 1000.0}) {
            CAPTURE(a, b);
            Tape<double> t;
            const auto va = t.variable(a), vb = t.variable(b);
            const auto y = logaddexp(va, vb);
            const std::vector<double> g = grad(y, {va, vb});
            REQUIRE(std::isfinite(y.value()));
            // max + log1p(e^{-|a-b|}), then the softmax of (a, b) from the difference alone
            const double d = std::abs(a - b);
            CHECK(y.value() == Approx(std::max(a, b) + std::log1p(std::exp(-d))).epsilon(1e-15));
            const double small = std::exp(-d) / (1 + std::exp(-d)), large = 1 / (1 + std::exp(-d));
            CHECK(g[0] == Approx(a >= b ? large : small).epsilon(1e-14).margin(1e-300));
            CHECK(g[1] == Approx(a >= b ? small : large).epsilon(1e-14).margin(1e-300));
        }
}

TEST_CASE("convention: logaddexp at an infinite argument") {
    const auto at = [](double a, double b) {
        Tape<double> t;
        const auto va = t.variable(a), vb = t.variable(b);
        const auto y = logaddexp(va, vb);
        return std::pair{y.value(), grad(y, {va, vb})};
    };
    CHECK(at(-kInf, -kInf) == std::pair{-kInf, std::vector<double>{0.5, 0.5}});
    CHECK(at(kInf, kInf) == std::pair{kInf, std::vector<double>{0.5, 0.5}});
    CHECK(at(kInf, 3) == std::pair{kInf, std::vector<double>{1, 0}});
    CHECK(at(-2, kInf) == std::pair{kInf, std::vector<double>{0, 1}});
    CHECK(at(-kInf, 3) == std::pair{3.0, std::vector<double>{0, 1}});  // e^{-∞} = 0: finite y
    CHECK(std::isnan(at(std::nan(""), 1).first));
}

}  // namespace logsumexp_test
