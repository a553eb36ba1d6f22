// The shapes of FastAD's and ADBenchmark's comparisons, each timed as (record + reverse)/plain
// side by side in one run — the second table of `make bench` (issue 15):
//
//   sum         f = Σ xᵢ                                  n = 10⁶
//   prod        f = Π xᵢ, xᵢ ∈ [0.9995, 1.0005]           n = 10⁶
//   logsumexp   f = ln Σ e^{xᵢ}                            n = 10⁶
//   matmul      f = sum(A B), A, B 100×100 (matrix nodes; plain: Eigen's product)
//   normal      f = Σᵢ ln N(yᵢ; μ, σ)                      10⁶ observations, inputs μ, σ
//   regression  f = ½ Σᵢ (yᵢ − xᵢᵀw − b)²                   10⁵ rows, 10 features, inputs w, b
//
// Every repetition times plain, then record and reverse on Tape<double>, then (for the
// scalar shapes) on JacobianTape<double>, on the same data; the ratios are per repetition,
// printed as median and min–max over the repetitions (default 15, after 2 warm-ups). Before timing, each shape's gradient is compared with its closed form at a few
// inputs and the program exits 1 if it is wrong, so a broken computation is never timed.
//
//   bench_shapes [--reps=R] [--warmup=W]

#include "chainrule.hpp"
#include "jacobian.hpp"
#include "side_by_side.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <numbers>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#ifndef CHAINRULE_BENCH_FLAGS
#define CHAINRULE_BENCH_FLAGS "(unknown: built outside bench/CMakeLists.txt)"
#endif

namespace {

using chainrule::Active;
using chainrule::JacobianTape;
using chainrule::Mat;
using chainrule::Matrix;
using chainrule::Tape;
using chainrule::Var;
using Clock = std::chrono::steady_clock;
using chainrule::bench::load_average;
using chainrule::bench::median;
using chainrule::bench::ns_since;

// One way of taking the gradient: recording on a reused tape, the reverse sweep, and the
// check of the swept gradient against its closed form ("" when right).
struct Gradient {
    std::function<void()> record, reverse;
    std::function<std::string()> check;
};

// A shape: plain evaluation, and its gradient on Tape<double> and (scalar shapes only) on
// JacobianTape<double>.
struct Shape {
    std::string name, size;
    std::function<double()> plain;
    Gradient tape;
    std::optional<Gradient> jacobian;
};

bool close(double got, double want) { return std::abs(got - want) <= 1e-9 * std::max(1.0, std::abs(want)); }

std::string mismatch(std::size_t k, double got, double want) {
    return "gradient " + std::to_string(k) + ": " + std::to_string(got) + " instead of " + std::to_string(want);
}

// Shapes over a vector x of scalar inputs: f written once, generic in the scalar type;
// its gradient on either tape (Tape<double> with Var, JacobianTape<double> with Active).
template <class AnyTape, class Handle, class F, class G>
Gradient vector_gradient(std::shared_ptr<const std::vector<double>> x, F f, G gradient) {
    struct State {
        AnyTape tape;
        std::vector<Handle> xv;
        Handle y;
    };
    auto s = std::make_shared<State>();
    Gradient g;
    g.record = [s, x, f] {
        s->tape.clear();
        s->xv.clear();
        for (double xi : *x) s->xv.push_back(s->tape.variable(xi));
        s->y = f(s->xv);
    };
    g.reverse = [s] { backward(s->y); };
    g.check = [s, x, gradient]() -> std::string {
        for (std::size_t k : {std::size_t{0}, x->size() / 3, x->size() - 1})
            if (const double want = gradient(*x, k); !close(s->xv[k].adjoint(), want))
                return mismatch(k, s->xv[k].adjoint(), want);
        return {};
    };
    return g;
}

template <class F, class G>
Shape vector_shape(std::string name, std::size_t n, double lo, double hi, F f, G gradient) {
    auto x = std::make_shared<std::vector<double>>();
    for (std::size_t i = 0; i < n; ++i) x->push_back(lo + (hi - lo) * static_cast<double>(i % 1000) / 1000.0);
    Shape shape{std::move(name), "n = " + std::to_string(n), [x, f] { return f(*x); },
                vector_gradient<Tape<double>, Var<double>>(x, f, gradient),
                vector_gradient<JacobianTape<double>, Active<double>>(x, f, gradient)};
    return shape;
}

template <class S>
S sum_of(const std::vector<S>& x) {
    S s = x[0];
    for (std::size_t i = 1; i < x.size(); ++i) s = s + x[i];
    return s;
}

template <class S>
S prod_of(const std::vector<S>& x) {
    S p = x[0];
    for (std::size_t i = 1; i < x.size(); ++i) p = p * x[i];
    return p;
}

template <class S>
S logsumexp_of(const std::vector<S>& x) {
    using std::exp;
    using std::log;
    S s = exp(x[0]);
    for (std::size_t i = 1; i < x.size(); ++i) s = s + exp(x[i]);
    return log(s);
}

// ln N(y; μ, σ) summed over observations; the inputs are μ and σ.
struct Normal {
    std::vector<double> y;
    template <class S>
    S operator()(const S& mu, const S& sigma) const {
        using std::log;
        const double half_log_2pi = 0.5 * std::log(2 * std::numbers::pi);
        S total = 0.0 * mu;
        for (double yi : y) {
            const S z = (yi - mu) / sigma;
            total = total - 0.5 * z * z - log(sigma) - half_log_2pi;
        }
        return total;
    }
};

template <class AnyTape, class Handle>
Gradient normal_gradient(std::shared_ptr<const Normal> data, double mu, double sigma) {
    struct State {
        AnyTape tape;
        std::vector<Handle> v;
        Handle y;
    };
    auto s = std::make_shared<State>();
    Gradient g;
    g.record = [s, data, mu, sigma] {
        s->tape.clear();
        s->v = {s->tape.variable(mu), s->tape.variable(sigma)};
        s->y = (*data)(s->v[0], s->v[1]);
    };
    g.reverse = [s] { backward(s->y); };
    g.check = [s, data, mu, sigma]() -> std::string {
        double d_mu = 0, d_sigma = 0;  // Σ (y−μ)/σ², Σ ((y−μ)²/σ³ − 1/σ)
        for (double yi : data->y) {
            d_mu += (yi - mu) / (sigma * sigma);
            d_sigma += (yi - mu) * (yi - mu) / (sigma * sigma * sigma) - 1 / sigma;
        }
        if (!close(s->v[0].adjoint(), d_mu)) return mismatch(0, s->v[0].adjoint(), d_mu);
        if (!close(s->v[1].adjoint(), d_sigma)) return mismatch(1, s->v[1].adjoint(), d_sigma);
        return {};
    };
    return g;
}

Shape normal_shape(std::size_t n) {
    auto data = std::make_shared<Normal>();
    for (std::size_t i = 0; i < n; ++i) data->y.push_back(std::sin(0.001 * static_cast<double>(i)) * 2.0 + 0.3);
    const double mu = 0.2, sigma = 1.3;
    return {"normal log-pdf", std::to_string(n) + " observations, inputs μ, σ",
            [data, mu, sigma] { return (*data)(mu, sigma); },
            normal_gradient<Tape<double>, Var<double>>(data, mu, sigma),
            normal_gradient<JacobianTape<double>, Active<double>>(data, mu, sigma)};
}

// ½ Σᵢ (yᵢ − xᵢᵀw − b)² over rows × features data; the inputs are w and b.
struct Regression {
    std::size_t rows, features;
    std::vector<double> X, y, w;
    double b = 0.1;
    template <class W, class S>
    S operator()(const W& w_, const S& b_) const {
        S total = 0.0 * b_;
        for (std::size_t i = 0; i < rows; ++i) {
            S r = y[i] - b_;
            for (std::size_t j = 0; j < features; ++j) r = r - X[i * features + j] * w_[j];
            total = total + 0.5 * r * r;
        }
        return total;
    }
};

template <class AnyTape, class Handle>
Gradient regression_gradient(std::shared_ptr<const Regression> d) {
    struct State {
        AnyTape tape;
        std::vector<Handle> wv;
        Handle bv, f;
    };
    auto s = std::make_shared<State>();
    Gradient g;
    g.record = [s, d] {
        s->tape.clear();
        s->wv.clear();
        for (double wj : d->w) s->wv.push_back(s->tape.variable(wj));
        s->bv = s->tape.variable(d->b);
        s->f = (*d)(s->wv, s->bv);
    };
    g.reverse = [s] { backward(s->f); };
    g.check = [s, d]() -> std::string {
        std::vector<double> gw(d->features, 0.0);  // −Σ rᵢ X_ij, −Σ rᵢ
        double gb = 0;
        for (std::size_t i = 0; i < d->rows; ++i) {
            double r = d->y[i] - d->b;
            for (std::size_t j = 0; j < d->features; ++j) r -= d->X[i * d->features + j] * d->w[j];
            for (std::size_t j = 0; j < d->features; ++j) gw[j] -= r * d->X[i * d->features + j];
            gb -= r;
        }
        for (std::size_t j = 0; j < d->features; ++j)
            if (!close(s->wv[j].adjoint(), gw[j])) return mismatch(j, s->wv[j].adjoint(), gw[j]);
        return close(s->bv.adjoint(), gb) ? std::string() : mismatch(d->features, s->bv.adjoint(), gb);
    };
    return g;
}

Shape regression_shape(std::size_t rows, std::size_t features) {
    auto d = std::make_shared<Regression>();
    d->rows = rows;
    d->features = features;
    for (std::size_t i = 0; i < rows * features; ++i) d->X.push_back(std::cos(0.37 * static_cast<double>(i)));
    for (std::size_t i = 0; i < rows; ++i) d->y.push_back(std::sin(0.11 * static_cast<double>(i)));
    for (std::size_t j = 0; j < features; ++j) d->w.push_back(0.05 * static_cast<double>(j) - 0.2);
    return {"regression", std::to_string(rows) + " rows × " + std::to_string(features) + " features, inputs w, b",
            [d] { return (*d)(d->w, d->b); }, regression_gradient<Tape<double>, Var<double>>(d),
            regression_gradient<JacobianTape<double>, Active<double>>(d)};
}

// sum(A B) with matrix nodes; plain: Eigen's product. ∂/∂A = 𝟏 (B𝟏)ᵀ, ∂/∂B = (Aᵀ𝟏) 𝟏ᵀ.
Shape matmul_shape(Eigen::Index n) {
    struct Data {
        Matrix<double> A, B;
        Tape<double> tape;
        Mat<double> Av, Bv;
        Var<double> f;
    };
    auto d = std::make_shared<Data>();
    d->A = Matrix<double>(n, n);
    d->B = Matrix<double>(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
            d->A(i, j) = std::sin(0.1 * static_cast<double>(i * n + j));
            d->B(i, j) = std::cos(0.07 * static_cast<double>(i + 2 * j));
        }
    Shape s{"matmul", "sum(A B), A, B " + std::to_string(n) + "×" + std::to_string(n) + " (matrix nodes)", {}, {}, {}};
    s.plain = [d] { return (d->A * d->B).sum(); };
    s.tape.record = [d] {
        d->tape.clear();
        d->Av = d->tape.variable(d->A);
        d->Bv = d->tape.variable(d->B);
        d->f = sum(d->Av * d->Bv);
    };
    s.tape.reverse = [d] { chainrule::backward(d->f); };
    s.tape.check = [d]() -> std::string {
        const Matrix<double> gA = d->Av.adjoint(), gB = d->Bv.adjoint();
        const Eigen::VectorXd row_sums_B = d->B.rowwise().sum(), col_sums_A = d->A.colwise().sum().transpose();
        for (Eigen::Index k : {Eigen::Index{0}, d->A.rows() - 1})
            if (!close(gA(k, k), row_sums_B(k)) || !close(gB(k, 0), col_sums_A(k))) return mismatch(static_cast<std::size_t>(k), gA(k, k), row_sums_B(k));
        return {};
    };
    return s;
}

volatile double sink = 0;  // keeps the plain evaluations from being optimised away

void verify(const Shape& s, const Gradient& g, const char* which) {
    g.record();
    g.reverse();
    if (const std::string wrong = g.check(); !wrong.empty()) {
        std::printf("%-15s WRONG on %s: %s -- not timed\n", s.name.c_str(), which, wrong.c_str());
        std::exit(1);
    }
}

void print_ratio(const char* label, std::vector<double>& ratio) {
    if (ratio.empty()) return void(std::printf("  %-8s %8s  %-17s", label, "–", ""));
    const auto [lo, hi] = std::minmax_element(ratio.begin(), ratio.end());
    std::printf("  %-8s %7.2f  [%6.2f – %6.2f]", label, median(ratio), *lo, *hi);
}

void run(Shape& s, int reps, int warmup) {
    verify(s, s.tape, "Tape");
    if (s.jacobian) verify(s, *s.jacobian, "JacobianTape");
    std::vector<double> ratio, jratio, plain_ns;
    for (int r = 0; r < warmup + reps; ++r) {
        auto t0 = Clock::now();
        sink = sink + s.plain();
        const double plain = ns_since(t0);
        t0 = Clock::now();
        s.tape.record();
        s.tape.reverse();
        const double tape = ns_since(t0);
        double jacobian = 0;
        if (s.jacobian) {
            t0 = Clock::now();
            s.jacobian->record();
            s.jacobian->reverse();
            jacobian = ns_since(t0);
        }
        if (r < warmup) continue;
        ratio.push_back(tape / plain);
        if (s.jacobian) jratio.push_back(jacobian / plain);
        plain_ns.push_back(plain);
    }
    std::printf("%-15s", s.name.c_str());
    print_ratio("Tape", ratio);
    print_ratio("Jacobian", jratio);
    std::printf("   %8.3f ms   %s\n", median(plain_ns) / 1e6, s.size.c_str());
}

int arg(int argc, char** argv, std::string_view key, int fallback) {
    for (int i = 1; i < argc; ++i)
        if (std::string_view a = argv[i]; a.substr(0, key.size()) == key) return std::atoi(argv[i] + key.size());
    return fallback;
}

}  // namespace

int main(int argc, char** argv) {
    const int reps = std::max(1, arg(argc, argv, "--reps=", 15)), warmup = std::max(0, arg(argc, argv, "--warmup=", 2));
    std::printf("flags    : %s\n", CHAINRULE_BENCH_FLAGS);
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    std::printf("GLIBC_TUNABLES : %s\n", tunables ? tunables : "(unset)");
    std::printf("load     : %.2f (1-min load average at start)\n", load_average());
    std::printf("%d repetitions after %d warm-up (per repetition: plain, then record + reverse on Tape<double>, "
                "then on JacobianTape<double>)\n\n", reps, warmup);
    std::printf("%-15s  %-8s %7s  %-17s  %-8s %7s  %-17s   %11s   %s\n", "shape", "", "ratio", "[min – max]", "",
                "ratio", "[min – max]", "plain", "size");
    std::vector<Shape> shapes;
    const std::size_t n = 1'000'000;
    shapes.push_back(vector_shape("sum", n, -1.0, 1.0, [](const auto& x) { return sum_of(x); },
                                  [](const std::vector<double>&, std::size_t) { return 1.0; }));
    shapes.push_back(vector_shape("prod", n, 0.9995, 1.0005, [](const auto& x) { return prod_of(x); },
                                  [](const std::vector<double>& x, std::size_t k) {
                                      double p = 1;  // Π_{i≠k} xᵢ
                                      for (std::size_t i = 0; i < x.size(); ++i)
                                          if (i != k) p *= x[i];
                                      return p;
                                  }));
    shapes.push_back(vector_shape("logsumexp", n, -2.0, 2.0, [](const auto& x) { return logsumexp_of(x); },
                                  [](const std::vector<double>& x, std::size_t k) {
                                      double s = 0;  // softmax_k
                                      for (double xi : x) s += std::exp(xi);
                                      return std::exp(x[k]) / s;
                                  }));
    shapes.push_back(matmul_shape(100));
    shapes.push_back(normal_shape(n));
    shapes.push_back(regression_shape(100'000, 10));
    for (Shape& s : shapes) run(s, reps, warmup);
    std::printf("\nload     : %.2f (1-min load average at end)\n", load_average());
}
