// The cost of second derivatives (autodiff/second_order.hpp, forward-over-reverse) against
// first derivatives on the same tape, side by side in one run: a Hessian–vector product
// against one reverse sweep of the recorded tape and against recording plus the sweep
// (an HVP recomputes the values: its forward pass), and the n × n Hessian (n sweeps)
// against n gradients (n reverse sweeps).
//   f(x) = Σ_i sin(x_i)·exp(x_{i+1}) + x_i²/(1 + x_{i+1}²) + ln(1 + x_i² x_{i+2}²)
// on n = 100 inputs (a banded Hessian, every op with nonzero second derivatives), double.
// Ratios are medians (min–max) over interleaved repetitions; the machine's load is printed.
// Run: build/release/bench/bench_second_order [--n N] [--repetitions R]
#include "autodiff/second_order.hpp"
#include "chainrule.hpp"
#include "side_by_side.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace chainrule;
using chainrule::bench::load_average;
using chainrule::bench::median;
using chainrule::bench::ns_since;

namespace {

Var<double> f(const std::vector<Var<double>>& x) {
    Var<double> s = x[0] * 0.0;
    const std::size_t n = x.size();
    for (std::size_t i = 0; i + 2 < n; ++i)
        s = s + sin(x[i]) * exp(x[i + 1]) + x[i] * x[i] / (1.0 + x[i + 1] * x[i + 1]) +
            log(1.0 + x[i] * x[i] * x[i + 2] * x[i + 2]);
    return s;
}

struct Recorded {
    Tape<double> tape;
    std::vector<Var<double>> x;
    Var<double> y;
};

void record(Recorded& r, std::size_t n) {
    r.tape.clear();
    r.x.clear();
    for (std::size_t i = 0; i < n; ++i) r.x.push_back(r.tape.variable(0.1 + 0.01 * static_cast<double>(i)));
    r.y = f(r.x);
}

template <class F>
double time_ns(F&& work) {
    const auto t0 = std::chrono::steady_clock::now();
    work();
    return ns_since(t0);
}

struct Ratios {
    std::vector<double> hvp_over_gradient, hvp_over_record_and_gradient, hessian_over_n_gradients;
    double gradient_ns = 0, hvp_ns = 0, hessian_ns = 0;
};

void print(const char* what, std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::printf("%-40s %6.2f  (%.2f–%.2f)\n", what, median(v), v.front(), v.back());
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t n = 100;
    int repetitions = 21;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--n") == 0) n = std::strtoul(argv[i + 1], nullptr, 10);
        if (std::strcmp(argv[i], "--repetitions") == 0) repetitions = std::atoi(argv[i + 1]);
    }
    std::printf("bench_second_order: n = %zu inputs, %d interleaved repetitions; load %.2f\nflags: %s\n", n, repetitions,
                load_average(), CHAINRULE_BENCH_FLAGS);
    Recorded r;
    record(r, n);
    // Verify before timing: H e_j from hessian() equals hvp() along e_j, and the gradient.
    const Matrix<double> h = hessian(r.y, r.x);
    std::vector<double> e(n, 0.0);
    e[n / 2] = 1;
    const std::vector<double> hv = hvp(r.y, r.x, e);
    for (std::size_t i = 0; i < n; ++i)
        if (std::abs(hv[i] - h(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(n / 2))) > 1e-12) {
            std::printf("verification failed at %zu\n", i);
            return 1;
        }
    Ratios q;
    std::vector<double> v(n, 1.0);
    for (int rep = 0; rep < repetitions; ++rep) {
        double sink = 0;
        const double g1 = time_ns([&] { sink += grad(r.y, r.x)[0]; });
        Recorded fresh;
        const double rg = time_ns([&] {
            record(fresh, n);
            sink += grad(fresh.y, fresh.x)[0];
        });
        const double hvp1 = time_ns([&] { sink += hvp(r.y, r.x, v)[0]; });
        const double gn = time_ns([&] {
            for (std::size_t k = 0; k < n; ++k) sink += grad(r.y, r.x)[k];
        });
        const double hn = time_ns([&] { sink += hessian(r.y, r.x)(0, 0); });
        if (sink == 12345.678) std::printf(" ");
        q.hvp_over_gradient.push_back(hvp1 / g1);
        q.hvp_over_record_and_gradient.push_back(hvp1 / rg);
        q.hessian_over_n_gradients.push_back(hn / gn);
        q.gradient_ns += g1 / repetitions;
        q.hvp_ns += hvp1 / repetitions;
        q.hessian_ns += hn / repetitions;
    }
    std::printf("tape: %zu nodes; one gradient %.1f µs, one HVP %.1f µs, the Hessian %.2f ms (means)\n", r.tape.size(),
                q.gradient_ns / 1e3, q.hvp_ns / 1e3, q.hessian_ns / 1e6);
    print("HVP / one reverse sweep", q.hvp_over_gradient);
    print("HVP / (record + reverse sweep)", q.hvp_over_record_and_gradient);
    print("Hessian (n HVPs) / n reverse sweeps", q.hessian_over_n_gradients);
    std::printf("load at the end %.2f\n", load_average());
    return 0;
}
