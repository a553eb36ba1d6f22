// Scalar reverse mode on one long chain, the classic AD-tool benchmark:
//
//   f(x) = Σ_{i<n−1} sin(x_i)·exp(x_{i+1}) + x_i²/(1 + x_{i+1}²),   n = 10⁶,
//   x_i = 0.5 + 0.001·(i mod 1000), double, one thread.
//
// chainrule has two tapes (docs/jacobian_tape.md): Tape<double>, one node per elementary op
// with its value (replay, derivations), and JacobianTape<double>, one Jacobian row per
// statement (gradients only). Three modes:
//   bench_scalar_reverse [google-benchmark flags]   (Tape<double>)
//       Google Benchmark cases: BM_Plain; BM_Record_Reused/reserve:{1,0} (steady state on
//       a cleared, reused tape, with or without tape.reserve); BM_Record_FirstUse/
//       reserve:{1,0} (a new tape per iteration: growth and page faults); BM_Reverse
//       (chainrule::backward alone); BM_ClearAdjoints; BM_RecordReverse (one gradient).
//       Counters: per_term (time per term of f), B/rec_op = recorded_bytes()/size(),
//       adjB/rec_op (adjoint buffer, reported separately), B/elem_op (per elementary op of f).
//   bench_scalar_reverse --ratio [--reps=R] [--warmup=W] [--n=N]
//       Side-by-side driver (the figure that holds on a shared VM): every repetition
//       times plain evaluation, then record and reverse sweep on Tape<double>, then on
//       JacobianTape<double>, on the same data, and takes (record + reverse)/plain of each
//       for that repetition. Prints median and min–max over R ≥ 15 repetitions (default
//       21) after W warm-up repetitions (default 3).
//   bench_scalar_reverse --first-gradient=tape|jacobian [--n=N]
//       The first gradient of a fresh process on a new tape (construction, growth, page
//       faults, record, reverse): seconds, peak resident memory and page faults. Run it
//       in its own process each time (make bench runs each twice, alternating).
//
// The first two modes check the gradient at a few indices against the analytic derivative
// before timing and refuse to run (exit 1) if it is wrong, so a broken computation is
// never timed; --first-gradient checks after its one timed gradient and exits 1 if wrong.
//
// Run as `make bench` (sets GLIBC_TUNABLES to keep glibc from selecting its AVX-512
// exp/sin variants, which are markedly slower on some CPUs); the driver prints whether
// the variable is set, the cost of exp and sin alone, the load average, and warns when
// the plain baseline is noisy or out of range.

#include "chainrule.hpp"
#include "jacobian.hpp"
#include "side_by_side.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>

#ifndef CHAINRULE_BENCH_FLAGS
#define CHAINRULE_BENCH_FLAGS "(unknown: built outside bench/CMakeLists.txt)"
#endif

namespace {

using chainrule::Active;
using chainrule::JacobianTape;
using chainrule::Tape;
using chainrule::Var;
using Clock = std::chrono::steady_clock;
using chainrule::bench::load_average;
using chainrule::bench::median;
using chainrule::bench::ns_since;

constexpr std::size_t kDefaultN = 1'000'000;

// Elementary ops of f: per term sin, exp, ·, x_i·x_i, x_{i+1}·x_{i+1}, 1+, /, + (8),
// plus n−2 additions summing the n−1 terms.
std::size_t elementary_ops(std::size_t n) { return 8 * (n - 1) + (n - 2); }
// Recorded nodes: n inputs + the elementary ops (the literal 1 is the parameter of the
// add_const node `1 + b·b`, not a node of its own).
std::size_t expected_nodes(std::size_t n) { return n + elementary_ops(n); }

std::vector<double> make_inputs(std::size_t n) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = 0.5 + 0.001 * static_cast<double>(i % 1000);
    return x;
}

// One source for both the plain and the recorded evaluation: identical operations in an
// identical order (so the recorded output must equal the plain value bit for bit, up to
// FMA contraction in the plain build).
template <class S>
S term(const S& a, const S& b) {
    using std::exp;
    using std::sin;
    return sin(a) * exp(b) + a * a / (1.0 + b * b);
}

template <class S>
S f_generic(const S* x, std::size_t n) {
    S s = term(x[0], x[1]);
    for (std::size_t i = 1; i + 1 < n; ++i) s = s + term(x[i], x[i + 1]);
    return s;
}

[[gnu::noinline]] double f_plain(const double* x, std::size_t n) { return f_generic(x, n); }

// What a user does per evaluation: clear the (reused) tape, make the inputs, record f.
[[gnu::noinline]] Var<double> f_record(Tape<double>& tape, const std::vector<double>& x,
                                       std::vector<Var<double>>& xv) {
    tape.clear();
    xv.clear();
    for (double xi : x) xv.push_back(tape.variable(xi));
    return f_generic(xv.data(), xv.size());
}

[[gnu::noinline]] void f_reverse(const Var<double>& y) { chainrule::backward(y); }

// The same on the Jacobian tape: one statement per term and one per sum, so
// n variables + (n − 1) + (n − 2) statements with 6 + 2 Jacobian entries per term.
[[gnu::noinline]] Active<double> f_record_jacobian(JacobianTape<double>& tape, const std::vector<double>& x,
                                                   std::vector<Active<double>>& xv) {
    tape.clear();
    xv.clear();
    for (double xi : x) xv.push_back(tape.variable(xi));
    return f_generic(xv.data(), xv.size());
}
std::size_t expected_statements(std::size_t n) { return n + (n - 1) + (n - 2); }

[[gnu::noinline]] void f_reverse_jacobian(JacobianTape<double>& tape, const Active<double>& y) { tape.backward(y); }

// ∂f/∂x_k, analytically.
double analytic_grad(const std::vector<double>& x, std::size_t k) {
    const std::size_t n = x.size();
    double g = 0;
    if (k + 1 < n) {  // x_k as the left operand of term k
        const double a = x[k], b = x[k + 1];
        g += std::cos(a) * std::exp(b) + 2 * a / (1 + b * b);
    }
    if (k >= 1) {  // x_k as the right operand of term k−1
        const double a = x[k - 1], b = x[k];
        const double d = 1 + b * b;
        g += std::sin(a) * std::exp(b) - a * a * 2 * b / (d * d);
    }
    return g;
}

bool close(double got, double want, double rel) {
    return std::abs(got - want) <= rel * std::max(1.0, std::abs(want));
}

// Checks value, tape size and the gradient at a few indices on the given (recorded and
// swept) tape. Returns an empty string when correct, else a description.
std::size_t recorded(const Tape<double>& tape) { return tape.size(); }
std::size_t recorded(const JacobianTape<double>& tape) { return tape.statements(); }
std::size_t expected(const Tape<double>&, std::size_t n) { return expected_nodes(n); }
std::size_t expected(const JacobianTape<double>&, std::size_t n) { return expected_statements(n); }

template <class Handle, class AnyTape>
std::string check_gradient(const std::vector<double>& x, const std::vector<Handle>& xv, const Handle& y,
                           const AnyTape& tape) {
    const std::size_t n = x.size();
    char buf[256];
    const double plain = f_plain(x.data(), n);
    if (!close(y.value(), plain, 1e-12)) {
        std::snprintf(buf, sizeof buf, "f: recorded %.17g, plain %.17g", y.value(), plain);
        return buf;
    }
    if (recorded(tape) != expected(tape, n)) {
        std::snprintf(buf, sizeof buf, "tape has %zu nodes or statements, expected %zu", recorded(tape),
                      expected(tape, n));
        return buf;
    }
    for (std::size_t k : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{999}, n / 2 + 7, n - 2, n - 1}) {
        if (k >= n) continue;
        const double got = xv[k].adjoint(), want = analytic_grad(x, k);
        if (!close(got, want, 1e-12)) {
            std::snprintf(buf, sizeof buf, "df/dx[%zu]: reverse sweep %.17g, analytic %.17g", k, got, want);
            return buf;
        }
    }
    return {};
}

bool verify_once(std::size_t n) {
    const auto x = make_inputs(n);
    Tape<double> tape;
    std::vector<Var<double>> xv;
    // Twice on one reused tape: the second pass checks that clear() really resets it.
    for (int pass = 0; pass < 2; ++pass) {
        const Var<double> y = f_record(tape, x, xv);
        f_reverse(y);
        if (std::string err = check_gradient(x, xv, y, tape); !err.empty()) {
            std::fprintf(stderr, "bench_scalar_reverse: WRONG RESULT (pass %d), refusing to benchmark: %s\n", pass,
                         err.c_str());
            return false;
        }
    }
    JacobianTape<double> jtape;
    std::vector<Active<double>> av;
    for (int pass = 0; pass < 2; ++pass) {
        const Active<double> y = f_record_jacobian(jtape, x, av);
        f_reverse_jacobian(jtape, y);
        if (std::string err = check_gradient(x, av, y, jtape); !err.empty()) {
            std::fprintf(stderr, "bench_scalar_reverse: WRONG RESULT on the Jacobian tape (pass %d): %s\n", pass,
                         err.c_str());
            return false;
        }
    }
    return true;
}

// ------------------------------------------------------------------ Google Benchmark cases

const std::vector<double>& inputs() {
    static const std::vector<double> x = make_inputs(kDefaultN);
    return x;
}

// "per_term" is printed in seconds with an SI prefix: per_term=11.2ns.
void set_per_term(benchmark::State& state, std::size_t n) {
    state.counters["per_term"] = benchmark::Counter(
        static_cast<double>(n - 1), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void set_bytes(benchmark::State& state, Tape<double>& tape, std::size_t n) {
    const double recorded = static_cast<double>(tape.recorded_bytes());
    state.counters["B/rec_op"] = recorded / static_cast<double>(tape.size());
    state.counters["B/elem_op"] = recorded / static_cast<double>(elementary_ops(n));
    state.counters["adjB/rec_op"] =
        static_cast<double>(tape.adjoint_buffer().size() * sizeof(double)) / static_cast<double>(tape.size());
}

void BM_Plain(benchmark::State& state) {
    const auto& x = inputs();
    for (auto _ : state) {
        double y = f_plain(x.data(), x.size());
        benchmark::DoNotOptimize(y);
    }
    set_per_term(state, x.size());
}

// Steady-state recording on a tape reused (cleared) between iterations, as a user
// records f again at every new point. Arg 1: tape.reserve(nodes) once up front; arg 0:
// no reserve. Both do one untimed recording first (so the tape's memory is mapped):
// after that, clear() keeps the capacity and the two must agree -- reserve only matters
// for the first recording (BM_Record_FirstUse).
void BM_Record_Reused(benchmark::State& state) {
    const auto& x = inputs();
    Tape<double> tape;
    if (state.range(0)) tape.reserve(expected_nodes(x.size()));
    std::vector<Var<double>> xv;
    benchmark::DoNotOptimize(f_record(tape, x, xv));
    for (auto _ : state) {
        Var<double> y = f_record(tape, x, xv);
        benchmark::DoNotOptimize(y);
    }
    set_per_term(state, x.size());
    set_bytes(state, tape, x.size());
}

// First recording on a new tape (construction, growth or reserve, page faults and
// destruction all timed). Arg: 1 = tape.reserve(nodes) first, 0 = grow by doubling.
void BM_Record_FirstUse(benchmark::State& state) {
    const auto& x = inputs();
    std::vector<Var<double>> xv;
    xv.reserve(x.size());
    for (auto _ : state) {
        Tape<double> tape;
        if (state.range(0)) tape.reserve(expected_nodes(x.size()));
        Var<double> y = f_record(tape, x, xv);
        benchmark::DoNotOptimize(y);
    }
    set_per_term(state, x.size());
}

// Reverse sweep only (the adjoint buffer is zeroed untimed between iterations).
void BM_Reverse(benchmark::State& state) {
    const auto& x = inputs();
    Tape<double> tape;
    std::vector<Var<double>> xv;
    const Var<double> y = f_record(tape, x, xv);
    f_reverse(y);  // untimed first sweep: maps the adjoint buffer
    for (auto _ : state) {
        state.PauseTiming();
        tape.clear_adjoints();
        state.ResumeTiming();
        f_reverse(y);
    }
    if (std::string err = check_gradient(x, xv, y, tape); !err.empty()) state.SkipWithError(err.c_str());
    set_per_term(state, x.size());
    set_bytes(state, tape, x.size());
}

// Zeroing the adjoint buffer (what a fresh sweep costs on top of BM_Reverse).
void BM_ClearAdjoints(benchmark::State& state) {
    const auto& x = inputs();
    Tape<double> tape;
    std::vector<Var<double>> xv;
    f_record(tape, x, xv);
    tape.clear_adjoints();
    for (auto _ : state) {
        tape.clear_adjoints();
        benchmark::ClobberMemory();
    }
    set_per_term(state, x.size());
}

// What a user pays for one gradient at a new point: clear + record + reverse on a
// reused tape (after one untimed warm-up gradient).
void BM_RecordReverse(benchmark::State& state) {
    const auto& x = inputs();
    Tape<double> tape;
    std::vector<Var<double>> xv;
    Var<double> y = f_record(tape, x, xv);
    f_reverse(y);
    for (auto _ : state) {
        y = f_record(tape, x, xv);
        f_reverse(y);
    }
    if (std::string err = check_gradient(x, xv, y, tape); !err.empty()) state.SkipWithError(err.c_str());
    set_per_term(state, x.size());
}

BENCHMARK(BM_Plain)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Record_Reused)->ArgName("reserve")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Record_FirstUse)->ArgName("reserve")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Reverse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ClearAdjoints)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RecordReverse)->Unit(benchmark::kMillisecond);

// ------------------------------------------------------------------ side-by-side driver

void print_build_info(std::size_t n) {
#if defined(__clang__)
    std::printf("compiler : clang %s\n", __VERSION__);
#elif defined(__GNUC__)
    std::printf("compiler : GCC %s\n", __VERSION__);
#else
    std::printf("compiler : %s\n", __VERSION__);
#endif
    std::printf("flags    : %s\n", CHAINRULE_BENCH_FLAGS);
    std::printf("macros   :");
#ifdef __OPTIMIZE__
    std::printf(" __OPTIMIZE__");
#endif
#ifdef NDEBUG
    std::printf(" NDEBUG");
#endif
#ifdef __FMA__
    std::printf(" __FMA__");
#endif
#ifdef __AVX2__
    std::printf(" __AVX2__");
#endif
#ifdef __AVX512F__
    std::printf(" __AVX512F__");
#endif
    std::printf("\n");
    const char* tun = std::getenv("GLIBC_TUNABLES");
    std::printf("GLIBC_TUNABLES : %s\n", tun ? tun : "(not set -- run `make bench` to mask glibc's AVX-512 libm variants)");
    std::printf("n        : %zu (%zu terms, %zu elementary ops, %zu recorded nodes)\n", n, n - 1, elementary_ops(n),
                expected_nodes(n));
    std::printf("load     : %.2f (1-min load average at start)\n", load_average());
}

// ns per call of exp and sin alone over the benchmark's inputs: tells a libm slowdown
// (e.g. glibc's AVX-512 variants) apart from a slowdown of the whole machine.
void print_libm_timings(const std::vector<double>& x) {
    double best_exp = 1e300, best_sin = 1e300;
    for (int rep = 0; rep < 5; ++rep) {
        double s = 0;
        auto t0 = Clock::now();
        for (double xi : x) s += std::exp(xi);
        best_exp = std::min(best_exp, ns_since(t0) / static_cast<double>(x.size()));
        benchmark::DoNotOptimize(s);
        s = 0;
        t0 = Clock::now();
        for (double xi : x) s += std::sin(xi);
        best_sin = std::min(best_sin, ns_since(t0) / static_cast<double>(x.size()));
        benchmark::DoNotOptimize(s);
    }
    std::printf("libm     : exp %.2f ns/call, sin %.2f ns/call (best of 5, incl. summation)\n", best_exp, best_sin);
}

int run_ratio(int reps, int warmup, std::size_t n) {
    print_build_info(n);
    if (!verify_once(n)) return 1;
    std::printf("check    : gradient at 7 indices matches the analytic derivative (rel 1e-12)\n");
    const auto x = make_inputs(n);
    print_libm_timings(x);

    // Both tapes reused and cleared between repetitions, as a user would; no reserve.
    Tape<double> tape;
    std::vector<Var<double>> xv;
    JacobianTape<double> jtape;
    std::vector<Active<double>> av;
    const double terms = static_cast<double>(n - 1);
    std::vector<double> plain, rec, rev, ratio, jrec, jrev, jratio;
    Var<double> y;
    Active<double> ya;
    for (int r = -warmup; r < reps; ++r) {
        auto t0 = Clock::now();
        double yp = f_plain(x.data(), n);
        benchmark::DoNotOptimize(yp);
        const double tp = ns_since(t0);

        t0 = Clock::now();
        y = f_record(tape, x, xv);
        const double tr = ns_since(t0);
        t0 = Clock::now();
        f_reverse(y);
        const double tb = ns_since(t0);

        t0 = Clock::now();
        ya = f_record_jacobian(jtape, x, av);
        const double jr = ns_since(t0);
        t0 = Clock::now();
        f_reverse_jacobian(jtape, ya);
        const double jb = ns_since(t0);
        if (r < 0) continue;
        plain.push_back(tp / terms);
        rec.push_back(tr / terms);
        rev.push_back(tb / terms);
        ratio.push_back((tr + tb) / tp);
        jrec.push_back(jr / terms);
        jrev.push_back(jb / terms);
        jratio.push_back((jr + jb) / tp);
    }
    std::string err = check_gradient(x, xv, y, tape);
    if (err.empty()) err = check_gradient(x, av, ya, jtape);
    if (!err.empty()) {
        std::fprintf(stderr, "bench_scalar_reverse: WRONG RESULT after timing: %s\n", err.c_str());
        return 1;
    }

    auto row = [](const char* what, const std::vector<double>& v, const char* unit) {
        std::printf("%-26s median %7.2f   min %7.2f   max %7.2f  %s\n", what, median(v),
                    *std::min_element(v.begin(), v.end()), *std::max_element(v.begin(), v.end()), unit);
    };
    std::printf("\n%d repetitions after %d warm-up (per repetition: plain, then record and reverse on Tape, then "
                "on JacobianTape)\n", reps, warmup);
    row("plain", plain, "ns/term");
    std::printf("Tape<double> (one node per elementary op, values kept: replay, derivations)\n");
    row("  record (reused tape)", rec, "ns/term");
    row("  reverse (incl. adj. zero)", rev, "ns/term");
    row("  (record+reverse)/plain", ratio, "");
    std::printf("JacobianTape<double> (one Jacobian row per statement, gradients only)\n");
    row("  record (reused tape)", jrec, "ns/term");
    row("  reverse", jrev, "ns/term");
    row("  (record+reverse)/plain", jratio, "");

    const double rb = static_cast<double>(tape.recorded_bytes());
    const double adjb = static_cast<double>(tape.adjoint_buffer().size() * sizeof(double));
    std::printf("\ntape     : %zu nodes, %.1f MB recorded + %.1f MB adjoints\n", tape.size(), rb / 1e6, adjb / 1e6);
    std::printf("bytes    : %.2f per recorded op (+ %.2f adjoint), %.2f per elementary op of f (+ %.2f adjoint)\n",
                rb / static_cast<double>(tape.size()), adjb / static_cast<double>(tape.size()),
                rb / static_cast<double>(elementary_ops(n)), adjb / static_cast<double>(elementary_ops(n)));
    const double jb = static_cast<double>(jtape.recorded_bytes());
    const double jadj = static_cast<double>(jtape.adjoint_bytes());
    std::printf("jacobian : %zu statements, %zu entries, %.1f MB recorded + %.1f MB adjoints\n", jtape.statements(),
                jtape.entries(), jb / 1e6, jadj / 1e6);
    std::printf("bytes    : %.2f per elementary op of f (+ %.2f adjoint)\n", jb / static_cast<double>(elementary_ops(n)),
                jadj / static_cast<double>(elementary_ops(n)));

    // Outliers of the baseline: a repetition whose plain time is far from the median was
    // disturbed (shared VM); a median far above ~18 ns/term suggests a slow libm path.
    const double pm = median(plain);
    int outliers = 0;
    for (double p : plain) outliers += (p > 1.25 * pm || p < 0.8 * pm);
    std::printf("baseline : plain %.2f ns/term median, %d of %d repetitions outside ±25%% of it\n", pm, outliers, reps);
    if (outliers > reps / 5)
        std::printf("WARNING  : noisy baseline (shared VM?) -- rerun; trust the ratio median only\n");
    const double load = load_average();
    std::printf("load     : %.2f (1-min load average at end)\n", load);
    if (load > 1.5)
        std::printf("WARNING  : other processes were running (load %.2f on a shared machine): absolute ns are "
                    "inflated; the per-repetition ratio is the figure to quote\n", load);
    if (pm > 25.0)
        std::printf("WARNING  : plain evaluation is slow (> 25 ns/term; expected ~10-18): check GLIBC_TUNABLES / libm\n");
    return 0;
}

// The first gradient in this process, on a new tape: what a program computing one gradient
// pays. Peak RSS and minor page faults from getrusage.
int run_first_gradient(std::string_view which, std::size_t n) {
    const auto x = make_inputs(n);
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    const auto t0 = Clock::now();
    std::string err;
    if (which == "tape") {
        Tape<double> tape;
        std::vector<Var<double>> xv;
        xv.reserve(n);  // as the anchors' harnesses allocate their n inputs at once
        const Var<double> y = f_record(tape, x, xv);
        f_reverse(y);
        const double s = ns_since(t0) / 1e9;
        err = check_gradient(x, xv, y, tape);
        std::printf("first gradient, Tape<double>        : %.3f s", s);
    } else if (which == "jacobian") {
        JacobianTape<double> tape;
        std::vector<Active<double>> xv;
        xv.reserve(n);
        const Active<double> y = f_record_jacobian(tape, x, xv);
        f_reverse_jacobian(tape, y);
        const double s = ns_since(t0) / 1e9;
        err = check_gradient(x, xv, y, tape);
        std::printf("first gradient, JacobianTape<double>: %.3f s", s);
    } else {
        std::fprintf(stderr, "--first-gradient= takes tape or jacobian\n");
        return 2;
    }
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    std::printf(", peak RSS %.0f MiB (%.0f MiB before), %ld page faults  [n = %zu, load %.2f]\n",
                static_cast<double>(after.ru_maxrss) / 1024, static_cast<double>(before.ru_maxrss) / 1024,
                after.ru_minflt - before.ru_minflt, n, load_average());
    if (!err.empty()) {
        std::fprintf(stderr, "bench_scalar_reverse: WRONG RESULT: %s\n", err.c_str());
        return 1;
    }
    return 0;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

int main(int argc, char** argv) {
    bool ratio = false;
    std::string_view first;
    int reps = 21, warmup = 3;
    std::size_t n = kDefaultN;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--ratio") ratio = true;
        else if (starts_with(a, "--reps=")) reps = std::atoi(argv[i] + 7);
        else if (starts_with(a, "--warmup=")) warmup = std::atoi(argv[i] + 9);
        else if (starts_with(a, "--n=")) n = std::strtoull(argv[i] + 4, nullptr, 10);
        else if (starts_with(a, "--first-gradient=")) first = a.substr(17);
    }
    if (!first.empty()) return n < 3 ? 2 : run_first_gradient(first, n);
    if (ratio) {
        if (reps < 15) {
            std::fprintf(stderr, "--reps must be >= 15\n");
            return 2;
        }
        if (n < 3) {
            std::fprintf(stderr, "--n must be >= 3\n");
            return 2;
        }
        return run_ratio(reps, warmup, n);
    }

    print_build_info(kDefaultN);
    if (!verify_once(kDefaultN)) return 1;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
