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
// Every repetition times plain, record and reverse on the same data; the ratio is per
// repetition, printed as median and min–max over the repetitions (default 15, after 2
// warm-ups). Before timing, each shape's gradient is compared with its closed form at a few
// inputs and the program exits 1 if it is wrong, so a broken computation is never timed.
//
//   bench_shapes [--reps=R] [--warmup=W]

#include "chainrule.hpp"
#include "side_by_side.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#ifndef CHAINRULE_BENCH_FLAGS
#define CHAINRULE_BENCH_FLAGS "(unknown: built outside bench/CMakeLists.txt)"
#endif

namespace {

using chainrule::Mat;
using chainrule::Matrix;
using chainrule::Tape;
using chainrule::Var;
using Clock = std::chrono::steady_clock;
using chainrule::bench::load_average;
using chainrule::bench::median;

// A shape: plain evaluation, recording on a reused tape, the reverse sweep, and the check
// of the swept gradient against its closed form ("" when right).
struct Shape {
    std::string name, size;
    std::function<double()> plain;
    std::function<void(Tape<double>&)> record;
    std::function<void()> reverse;
    std::function<std::string()> check;
};

bool close(double got, double want) { return std::abs(got - want) <= 1e-9 * std::max(1.0, std::abs(want)); }

std::string mismatch(std::size_t k, double got, double want) {
    return "gradient " + std::to_string(k) + ": " + std::to_string(got) + " instead of " + std::to_string(want);
}

// Shapes over a vector x of scalar inputs: f written once, generic in the scalar type.
struct VectorShape {
    std::vector<double> x;
    std::vector<Var<double>> xv;
    Var<double> y;
};

template <class F, class G>
Shape vector_shape(std::string name, std::size_t n, double lo, double hi, F f, G gradient) {
    auto s = std::make_shared<VectorShape>();
    for (std::size_t i = 0; i < n; ++i) s->x.push_back(lo + (hi - lo) * static_cast<double>(i % 1000) / 1000.0);
    Shape shape{std::move(name), "n = " + std::to_string(n), {}, {}, {}, {}};
    shape.plain = [s, f] { return f(s->x); };
    shape.record = [s, f](Tape<double>& tape) {
        tape.clear();
        s->xv.clear();
        for (double xi : s->x) s->xv.push_back(tape.variable(xi));
        s->y = f(s->xv);
    };
    shape.reverse = [s] { chainrule::backward(s->y); };
    shape.check = [s, gradient]() -> std::string {
        for (std::size_t k : {std::size_t{0}, s->x.size() / 3, s->x.size() - 1})
            if (const double want = gradient(s->x, k); !close(s->xv[k].adjoint(), want)) return mismatch(k, s->xv[k].adjoint(), want);
        return {};
    };
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

Shape normal_shape(std::size_t n) {
    auto data = std::make_shared<Normal>();
    for (std::size_t i = 0; i < n; ++i) data->y.push_back(std::sin(0.001 * static_cast<double>(i)) * 2.0 + 0.3);
    auto v = std::make_shared<std::vector<Var<double>>>();
    auto y = std::make_shared<Var<double>>();
    const double mu = 0.2, sigma = 1.3;
    Shape s{"normal log-pdf", std::to_string(n) + " observations, inputs μ, σ", {}, {}, {}, {}};
    s.plain = [data, mu, sigma] { return (*data)(mu, sigma); };
    s.record = [data, v, y, mu, sigma](Tape<double>& tape) {
        tape.clear();
        *v = {tape.variable(mu), tape.variable(sigma)};
        *y = (*data)((*v)[0], (*v)[1]);
    };
    s.reverse = [y] { chainrule::backward(*y); };
    s.check = [data, v, mu, sigma]() -> std::string {
        double d_mu = 0, d_sigma = 0;  // Σ (y−μ)/σ², Σ ((y−μ)²/σ³ − 1/σ)
        for (double yi : data->y) {
            d_mu += (yi - mu) / (sigma * sigma);
            d_sigma += (yi - mu) * (yi - mu) / (sigma * sigma * sigma) - 1 / sigma;
        }
        if (!close((*v)[0].adjoint(), d_mu)) return mismatch(0, (*v)[0].adjoint(), d_mu);
        if (!close((*v)[1].adjoint(), d_sigma)) return mismatch(1, (*v)[1].adjoint(), d_sigma);
        return {};
    };
    return s;
}

// ½ Σᵢ (yᵢ − xᵢᵀw − b)² over rows × features data; the inputs are w and b.
Shape regression_shape(std::size_t rows, std::size_t features) {
    struct Data {
        std::vector<double> X, y, w;
        double b = 0.1;
        std::vector<Var<double>> wv;
        Var<double> bv, f;
    };
    auto d = std::make_shared<Data>();
    for (std::size_t i = 0; i < rows * features; ++i) d->X.push_back(std::cos(0.37 * static_cast<double>(i)));
    for (std::size_t i = 0; i < rows; ++i) d->y.push_back(std::sin(0.11 * static_cast<double>(i)));
    for (std::size_t j = 0; j < features; ++j) d->w.push_back(0.05 * static_cast<double>(j) - 0.2);
    const auto loss = [d, rows, features](const auto& w, const auto& b) {
        auto total = 0.0 * b;
        for (std::size_t i = 0; i < rows; ++i) {
            auto r = d->y[i] - b;
            for (std::size_t j = 0; j < features; ++j) r = r - d->X[i * features + j] * w[j];
            total = total + 0.5 * r * r;
        }
        return total;
    };
    Shape s{"regression", std::to_string(rows) + " rows × " + std::to_string(features) + " features, inputs w, b", {}, {}, {}, {}};
    s.plain = [d, loss] { return loss(d->w, d->b); };
    s.record = [d, loss](Tape<double>& tape) {
        tape.clear();
        d->wv.clear();
        for (double wj : d->w) d->wv.push_back(tape.variable(wj));
        d->bv = tape.variable(d->b);
        d->f = loss(d->wv, d->bv);
    };
    s.reverse = [d] { chainrule::backward(d->f); };
    s.check = [d, rows, features]() -> std::string {
        std::vector<double> gw(features, 0.0);  // −Σ rᵢ X_ij, −Σ rᵢ
        double gb = 0;
        for (std::size_t i = 0; i < rows; ++i) {
            double r = d->y[i] - d->b;
            for (std::size_t j = 0; j < features; ++j) r -= d->X[i * features + j] * d->w[j];
            for (std::size_t j = 0; j < features; ++j) gw[j] -= r * d->X[i * features + j];
            gb -= r;
        }
        for (std::size_t j = 0; j < features; ++j)
            if (!close(d->wv[j].adjoint(), gw[j])) return mismatch(j, d->wv[j].adjoint(), gw[j]);
        return close(d->bv.adjoint(), gb) ? std::string() : mismatch(features, d->bv.adjoint(), gb);
    };
    return s;
}

// sum(A B) with matrix nodes; plain: Eigen's product. ∂/∂A = 𝟏 (B𝟏)ᵀ, ∂/∂B = (Aᵀ𝟏) 𝟏ᵀ.
Shape matmul_shape(Eigen::Index n) {
    struct Data {
        Matrix<double> A, B;
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
    Shape s{"matmul", "sum(A B), A, B " + std::to_string(n) + "×" + std::to_string(n) + " (matrix nodes)", {}, {}, {}, {}};
    s.plain = [d] { return (d->A * d->B).sum(); };
    s.record = [d](Tape<double>& tape) {
        tape.clear();
        d->Av = tape.variable(d->A);
        d->Bv = tape.variable(d->B);
        d->f = sum(d->Av * d->Bv);
    };
    s.reverse = [d] { chainrule::backward(d->f); };
    s.check = [d]() -> std::string {
        const Matrix<double> gA = d->Av.adjoint(), gB = d->Bv.adjoint();
        const Eigen::VectorXd row_sums_B = d->B.rowwise().sum(), col_sums_A = d->A.colwise().sum().transpose();
        for (Eigen::Index k : {Eigen::Index{0}, d->A.rows() - 1})
            if (!close(gA(k, k), row_sums_B(k)) || !close(gB(k, 0), col_sums_A(k))) return mismatch(static_cast<std::size_t>(k), gA(k, k), row_sums_B(k));
        return {};
    };
    return s;
}

double ns_since(Clock::time_point t0) { return std::chrono::duration<double, std::nano>(Clock::now() - t0).count(); }

volatile double sink = 0;  // keeps the plain evaluations from being optimised away

void run(Shape& s, int reps, int warmup) {
    Tape<double> tape;
    s.record(tape);
    s.reverse();
    if (const std::string wrong = s.check(); !wrong.empty()) {
        std::printf("%-15s WRONG: %s -- not timed\n", s.name.c_str(), wrong.c_str());
        std::exit(1);
    }
    std::vector<double> ratio, plain_ns;
    for (int r = 0; r < warmup + reps; ++r) {
        auto t0 = Clock::now();
        sink = sink + s.plain();
        const double plain = ns_since(t0);
        t0 = Clock::now();
        s.record(tape);
        const double record = ns_since(t0);
        t0 = Clock::now();
        s.reverse();
        const double reverse = ns_since(t0);
        if (r < warmup) continue;
        ratio.push_back((record + reverse) / plain);
        plain_ns.push_back(plain);
    }
    const auto [lo, hi] = std::minmax_element(ratio.begin(), ratio.end());
    std::printf("%-15s %8.2f  [%6.2f – %6.2f]   %10.3f ms   %s\n", s.name.c_str(), median(ratio), *lo, *hi,
                median(plain_ns) / 1e6, s.size.c_str());
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
    std::printf("%d repetitions after %d warm-up (per repetition: plain, then record, then reverse)\n\n", reps, warmup);
    std::printf("%-15s %8s  %-17s   %13s   %s\n", "shape", "ratio", "[min – max]", "plain", "size");
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
