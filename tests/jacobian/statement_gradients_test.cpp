// Gradients on the Jacobian tape against independent references: every op of the catalogue
// against a 50-digit central difference of the op's value, composite statements against
// 50-digit differences of the same source, the issue-15 benchmark function against its
// analytic gradient, and the conventions at kinks against docs/conventions.md.
#include "chainrule.hpp"
#include "jacobian.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace statement_gradients_test {

using namespace chainrule;
using Wide = boost::multiprecision::cpp_bin_float_50;
using A = Active<double>;

// (f(x + h) − f(x − h)) / 2h in 50 digits, h = 1e-20: truncation ~1e-40, rounding ~1e-30.
template <class F>
double central_difference(F f, double x) {
    const Wide h("1e-20");
    const Wide w(x);
    return static_cast<double>((f(Wide(w + h)) - f(Wide(w - h))) / (2 * h));
}

bool agrees(double got, double want) { return std::abs(got - want) <= 1e-13 * std::max(1.0, std::abs(want)); }

// Active y = f(x) at x, gradient on a fresh tape.
template <class F>
double active_derivative(F f, double x) {
    JacobianTape<double> tape;
    const A xv = tape.variable(x);
    const A y = f(xv);
    tape.backward(y);
    return xv.adjoint();
}

// −x under the catalogue's name of its row (CHAINRULE_UNARY_REWRITTEN).
template <class X> auto neg(const X& x) { return -x; }

TEST_CASE("every unary function of the catalogue: the Jacobian tape's derivative equals a 50-digit difference") {
    int checked = 0;
#define CHECK_UNARY(Op, fn, ...)                                                                        \
    for (double x : {0.3, 0.7}) {                                                                     \
        const double got = active_derivative([](const A& v) { return A(fn(v)); }, x);                 \
        const double want = central_difference([](const Wide& w) { return ops::Op::value(w); }, x);   \
        INFO(#fn << " at " << x << ": Jacobian tape " << got << ", 50-digit difference " << want);   \
        CHECK(agrees(got, want));                                                                     \
        ++checked;                                                                                    \
    }
    CHAINRULE_UNARY_OPS(CHECK_UNARY)
#undef CHECK_UNARY
    CHECK(checked > 70);
}

// The operators under the catalogue's names of their rows (CHAINRULE_BINARY_OPS).
template <class X, class Y> auto add(const X& a, const Y& b) { return a + b; }
template <class X, class Y> auto sub(const X& a, const Y& b) { return a - b; }
template <class X, class Y> auto mul(const X& a, const Y& b) { return a * b; }
template <class X, class Y> auto div(const X& a, const Y& b) { return a / b; }

TEST_CASE("binary ops, and plain numbers on either side, against 50-digit differences") {
    struct Point {
        double a, b;
    };
    for (const Point p : {Point{0.7, 0.3}, Point{1.3, 0.4}, Point{0.45, 2.5}}) {
#define CHECK_BINARY(Op, fn, ...)                                                                              \
    {                                                                                                          \
        JacobianTape<double> tape;                                                                             \
        const A a = tape.variable(p.a), b = tape.variable(p.b);                                                \
        const A y = fn(a, b);                                                                                  \
        tape.backward(y);                                                                                      \
        const double da = central_difference([&](const Wide& w) { return ops::Op::value(w, Wide(p.b)); }, p.a); \
        const double db = central_difference([&](const Wide& w) { return ops::Op::value(Wide(p.a), w); }, p.b); \
        INFO(#fn << "(" << p.a << ", " << p.b << ")");                                                         \
        CHECK(agrees(a.adjoint(), da));                                                                        \
        CHECK(agrees(b.adjoint(), db));                                                                        \
        /* with a plain number on one side: the same partial, no entry for the number */                      \
        JacobianTape<double> t2;                                                                               \
        const A a2 = t2.variable(p.a), b2 = t2.variable(p.b);                                                  \
        const A y1 = fn(a2, p.b);                                                                              \
        const A y2 = fn(p.a, b2);                                                                              \
        t2.backward(y1);                                                                                       \
        t2.backward(y2);                                                                                       \
        CHECK(agrees(a2.adjoint(), da));                                                                       \
        CHECK(agrees(b2.adjoint(), db));                                                                       \
        CHECK(t2.entries() == 2);                                                                              \
    }
        CHAINRULE_BINARY_OPS(CHECK_BINARY)
#undef CHECK_BINARY
    }
}

TEST_CASE("arithmetic with plain numbers: the catalogue's param ops, one entry each") {
    struct Case {
        const char* label;
        A (*f)(const A&);
        double (*derivative)(double);
    };
    const Case cases[] = {
        {"x + 2", [](const A& x) { return A(x + 2.0); }, [](double) { return 1.0; }},
        {"2 - x", [](const A& x) { return A(2.0 - x); }, [](double) { return -1.0; }},
        {"3x", [](const A& x) { return A(3 * x); }, [](double) { return 3.0; }},
        {"x / 4", [](const A& x) { return A(x / 4.0); }, [](double) { return 0.25; }},
        {"3 / x", [](const A& x) { return A(3.0 / x); }, [](double x) { return -3.0 / (x * x); }},
        {"x^2.5", [](const A& x) { return A(pow(x, 2.5)); }, [](double x) { return 2.5 * std::pow(x, 1.5); }},
        {"2^x", [](const A& x) { return A(pow(2.0, x)); }, [](double x) { return std::pow(2.0, x) * std::log(2.0); }},
        {"log_3 x", [](const A& x) { return A(log(x, 3.0)); }, [](double x) { return 1 / (x * std::log(3.0)); }},
        {"leaky_relu(x, 0.2)", [](const A& x) { return A(leaky_relu(x, 0.2)); }, [](double x) { return x > 0 ? 1.0 : 0.2; }},
    };
    for (const Case& c : cases)
        for (double x : {0.6, 1.9}) {
            JacobianTape<double> tape;
            const A xv = tape.variable(x);
            const A y = c.f(xv);
            tape.backward(y);
            INFO(c.label << " at " << x);
            CHECK(agrees(xv.adjoint(), c.derivative(x)));
            CHECK(tape.entries() == 1);
        }
}

// One source for the active and the 50-digit evaluation.
template <class S>
S composite(const S& x, const S& y) {
    using std::atan2;
    using std::exp;
    using std::hypot;
    using std::log1p;
    using std::pow;
    using std::sin;
    using std::tanh;
    return pow(x * y + 1.0, 2.5) / (1.0 + exp(-x)) - atan2(y, x) * log1p(x * x) + hypot(x, 2.0 * y) * sin(x - y) +
           tanh(x / y);
}

TEST_CASE("a composite statement of many ops, with leaves used several times, against 50-digit differences") {
    // Points with x·y + 1 > 0 (a negative base of the power 2.5 is NaN).
    for (const auto& [x0, y0] : {std::pair{0.8, 1.7}, std::pair{2.1, -0.3}, std::pair{-1.3, 0.45}}) {
        JacobianTape<double> tape;
        const A x = tape.variable(x0), y = tape.variable(y0);
        const A f = composite(x, y);
        CHECK(tape.statements() == 3);  // two variables, one statement
        tape.backward(f);
        CHECK(f.value() == composite(x0, y0));  // the same operations in the same order
        const double dx = central_difference([&](const Wide& w) { return composite(w, Wide(y0)); }, x0);
        const double dy = central_difference([&](const Wide& w) { return composite(Wide(x0), w); }, y0);
        INFO("at (" << x0 << ", " << y0 << ")");
        CHECK(agrees(x.adjoint(), dx));
        CHECK(agrees(y.adjoint(), dy));
    }
}

// The issue-15 benchmark: f(x) = Σ sin(x_i)·exp(x_{i+1}) + x_i²/(1 + x_{i+1}²).
template <class S>
S term(const S& a, const S& b) {
    using std::exp;
    using std::sin;
    return sin(a) * exp(b) + a * a / (1.0 + b * b);
}

TEST_CASE("the benchmark function: every component of the gradient equals the analytic derivative") {
    const std::size_t n = 2000;
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = 0.5 + 0.001 * static_cast<double>(i % 1000) - 0.3 * (i % 3 == 0);
    JacobianTape<double> tape;
    for (int pass = 0; pass < 2; ++pass) {  // the second on the cleared, reused tape
        tape.clear();
        std::vector<A> xv;
        for (double xi : x) xv.push_back(tape.variable(xi));
        A s = term(xv[0], xv[1]);
        for (std::size_t i = 1; i + 1 < n; ++i) s = s + term(xv[i], xv[i + 1]);
        tape.backward(s);
        CHECK(tape.statements() == n + (n - 1) + (n - 2));
        CHECK(tape.entries() == 6 * (n - 1) + 2 * (n - 2));
        std::size_t wrong = 0;
        for (std::size_t k = 0; k < n; ++k) {
            double g = 0;
            if (k + 1 < n) g += std::cos(x[k]) * std::exp(x[k + 1]) + 2 * x[k] / (1 + x[k + 1] * x[k + 1]);
            if (k >= 1) {
                const double a = x[k - 1], b = x[k], d = 1 + b * b;
                g += std::sin(a) * std::exp(b) - a * a * 2 * b / (d * d);
            }
            wrong += !agrees(xv[k].adjoint(), g);
        }
        CHECK(wrong == 0);
    }
}

TEST_CASE("conventions at kinks are the op-level tape's (docs/conventions.md)") {
    struct Case {
        const char* label;
        A (*f)(const A&);
        double at;
        double slope;
    };
    const Case cases[] = {
        {"relu at 0", [](const A& x) { return A(relu(x)); }, 0.0, 0.0},
        {"abs at 0", [](const A& x) { return A(abs(x)); }, 0.0, 0.0},
        {"sign at 0", [](const A& x) { return A(sign(x)); }, 0.0, 0.0},
        {"step at 0", [](const A& x) { return A(step(x)); }, 0.0, 0.0},
        {"leaky_relu at 0", [](const A& x) { return A(leaky_relu(x, 0.1)); }, 0.0, 0.1},
        {"pow(x, 2) at 0", [](const A& x) { return A(pow(x, 2)); }, 0.0, 0.0},
        {"pow(x, 0) at 0", [](const A& x) { return A(pow(x, 0)); }, 0.0, 0.0},
        {"pow(x, 1) at 0", [](const A& x) { return A(pow(x, 1)); }, 0.0, 1.0},
    };
    for (const Case& c : cases) {
        INFO(c.label);
        CHECK(active_derivative(c.f, c.at) == c.slope);
    }
    // max/min at a tie split the derivative evenly (½ each); hypot at the origin has
    // partials 0 (a subgradient) — docs/conventions.md.
    JacobianTape<double> j;
    const A ja = j.variable(0.0), jb = j.variable(0.0);
    const A jm = max(ja, jb) + 2 * min(ja, jb) + 4 * hypot(ja, jb);
    j.backward(jm);
    CHECK(ja.adjoint() == 0.5 + 2 * 0.5 + 4 * 0.0);
    CHECK(jb.adjoint() == 0.5 + 2 * 0.5 + 4 * 0.0);
    CHECK(std::isinf(active_derivative([](const A& x) { return A(sqrt(x)); }, 0.0)));  // sqrt'(0) = +inf, said so
}

TEST_CASE("zeros win: a zero-weighted or unused branch at an infinite slope gives 0, not NaN, as on Tape<T>") {
    struct Case {
        const char* label;
        double x0, y0;
        A (*f)(const A&, const A&);
        Var<double> (*g)(const Var<double>&, const Var<double>&);
    };
    const Case cases[] = {
        {"cross-entropy term 0·log(p) at p = 0", 1.0, 0.0, [](const A& p, const A& q) { return A(-(1.0 * log(p) + 0.0 * log(q))); },
         [](const Var<double>& p, const Var<double>& q) { return -(1.0 * log(p) + 0.0 * log(q)); }},
        {"cbrt(x)·cbrt(y) at the origin", 0.0, 0.0, [](const A& x, const A& y) { return A(cbrt(x) * cbrt(y)); },
         [](const Var<double>& x, const Var<double>& y) { return cbrt(x) * cbrt(y); }},
        {"0·sqrt(x) + y at x = 0", 0.0, 3.0, [](const A& x, const A& y) { return A(0.0 * sqrt(x) + y); },
         [](const Var<double>& x, const Var<double>& y) { return 0.0 * sqrt(x) + y; }},
        {"asin(x)·(y − y) at x = 1", 1.0, 2.0, [](const A& x, const A& y) { return A(asin(x) * (y - y)); },
         [](const Var<double>& x, const Var<double>& y) { return asin(x) * (y - y); }},
        {"x·y with exp(x) overflowing, weighted 0", 800.0, 2.0, [](const A& x, const A& y) { return A(x * y + 0.0 * exp(x)); },
         [](const Var<double>& x, const Var<double>& y) { return x * y + 0.0 * exp(x); }},
    };
    for (const Case& c : cases) {
        Tape<double> t;
        const Var<double> x = t.variable(c.x0), y = t.variable(c.y0);
        backward(c.g(x, y));
        JacobianTape<double> j;
        const A xa = j.variable(c.x0), ya = j.variable(c.y0);
        j.backward(c.f(xa, ya));
        INFO(c.label);
        CHECK(std::isfinite(xa.adjoint()));
        CHECK(std::isfinite(ya.adjoint()));
        CHECK(xa.adjoint() == x.adjoint());
        CHECK(ya.adjoint() == y.adjoint());
    }
    // An unused statement at an infinite slope, recorded after the variables and before y.
    JacobianTape<double> j;
    const A x = j.variable(0.0);
    const A unused = sqrt(x);
    const A y = 2 * x;
    j.backward(y);
    CHECK(unused.value() == 0.0);
    CHECK(x.adjoint() == 2.0);
}

TEST_CASE("other scalar types: float, and 50 digits against a closed form") {
    JacobianTape<float> tf;
    const Active<float> xf = tf.variable(0.5f);
    const Active<float> yf = exp(sin(xf));
    tf.backward(yf);
    CHECK(std::abs(xf.adjoint() - std::cos(0.5f) * std::exp(std::sin(0.5f))) <= 4e-7f);

    JacobianTape<Wide> tw;
    const Wide x0("0.5");
    const Active<Wide> xw = tw.variable(x0);
    const Active<Wide> yw = exp(sin(xw)) * xw;
    tw.backward(yw);
    const Wide want = cos(x0) * exp(sin(x0)) * x0 + exp(sin(x0));
    CHECK(abs(xw.adjoint() - want) < Wide("1e-48"));
}

}  // namespace statement_gradients_test
