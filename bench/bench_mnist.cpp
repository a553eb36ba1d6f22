// bench_mnist: one training epoch of seed 004's MNIST classifier (784-64-16-10, sigmoid,
// softmax cross-entropy, SGD η = 0.2, batch 128, 8 000 digits), in float64 and in
// float32, timed side by side in one run (/work/shared/BENCHMARKING.md):
//   - PyTorch: bench/mnist_pytorch.py --serve, a child process that trains one epoch
//     per request (same data, batches and initial weights, same precision) and reports its
//     time; it names the BLAS library it really loaded (Debian's python3-torch calls
//     libblas.so.3: the netlib reference BLAS unless libopenblas0-pthread is installed —
//     `make bench-mnist` installs it). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which this
//     machine kind sets and which force older OpenBLAS kernels, are removed from the
//     child's environment, and OPENBLAS_NUM_THREADS is set to --threads (OpenBLAS's pool
//     does not follow torch.set_num_threads);
//   - chainrule: models::MiniBatchTrainer<T> over the same batches (record, reverse sweep,
//     SGD step per batch), T = double or float end to end (Mat<float>, float GEMM);
//   - the GEMM floor: only the matrix products of that epoch, with Eigen on preallocated
//     matrices — forward X·W₁, A₁·W₂, A₂·W₃; backward A₂ᵀ·G₃, G₃·W₃ᵀ, A₁ᵀ·G₂, G₂·W₂ᵀ,
//     Xᵀ·G₁ (no product for ∂J/∂X: the data needs no gradient).
// Each repetition times the three in turn (with a pause after PyTorch's epoch); the ratios are taken per repetition and
// reported as median and min–max after one warm-up repetition.
//
//   bench_mnist [--reps 7] [--threads 1] [--dtype float64|float32|both] [--no-pytorch]
//               [--python /usr/bin/python3] [--data DIR]
#include "models/fit.hpp"
#include "models/mnist_recipes.hpp"
#include "side_by_side.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#ifndef CHAINRULE_BENCH_FLAGS
#define CHAINRULE_BENCH_FLAGS "unknown"
#endif

using namespace chainrule;
using namespace chainrule::models;

namespace {

const std::filesystem::path kHere = std::filesystem::path(__FILE__).parent_path();

struct Options {
    int reps = 7;
    int threads = 1;
    std::vector<std::string> dtypes = {"float64", "float32"};
    bool pytorch = true;
    std::string python = "/usr/bin/python3";
    std::string data = (kHere / ".." / "data" / "mnist").string();
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The PyTorch script as a child process: one line "epoch" in, one line (seconds) out.
class PytorchEpochs {
public:
    PytorchEpochs(const Options& o, const std::string& dtype) {
        int in[2], out[2];
        if (::pipe(in) != 0 || ::pipe(out) != 0) return;
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(in[0], 0), ::dup2(out[1], 1);
            ::close(in[1]), ::close(out[0]);
            ::unsetenv("OPENBLAS_CORETYPE");  // would force older OpenBLAS kernels
            ::unsetenv("OPENBLAS_L2_SIZE");
            // torch.set_num_threads does not reach OpenBLAS's own thread pool.
            ::setenv("OPENBLAS_NUM_THREADS", std::to_string(o.threads).c_str(), 1);
            const std::string script = (kHere / "mnist_pytorch.py").string(), threads = std::to_string(o.threads);
            ::execl(o.python.c_str(), o.python.c_str(), script.c_str(), "--serve", "--threads", threads.c_str(),
                    "--dtype", dtype.c_str(), "--data", o.data.c_str(), static_cast<char*>(nullptr));
            std::_Exit(127);
        }
        ::close(in[0]), ::close(out[1]);
        to_ = ::fdopen(in[1], "w");
        from_ = ::fdopen(out[0], "r");
        status_ = read_line();
    }
    ~PytorchEpochs() {
        if (to_ != nullptr) {
            if (ready()) std::fputs("quit\n", to_);
            std::fclose(to_);
        }
        if (from_ != nullptr) std::fclose(from_);
        if (pid_ > 0) ::waitpid(pid_, nullptr, 0);
    }
    /// "ready torch 1.13.0 threads 1 dtype float64 blas /usr/lib/…/libopenblasp-r0.3.21.so",
    /// "skip: …", or "" when the script did not start.
    const std::string& status() const { return status_; }
    bool ready() const { return status_.rfind("ready", 0) == 0; }
    /// One epoch's time as measured by the script.
    std::optional<double> epoch() {
        if (!ready()) return std::nullopt;
        std::fputs("epoch\n", to_), std::fflush(to_);
        const std::string line = read_line();
        return line.empty() ? std::nullopt : std::optional<double>(std::strtod(line.c_str(), nullptr));
    }

private:
    std::string read_line() {
        char buffer[256];
        if (from_ == nullptr || std::fgets(buffer, sizeof buffer, from_) == nullptr) return "";
        std::string s(buffer);
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
        return s;
    }

    pid_t pid_ = -1;
    std::FILE* to_ = nullptr;
    std::FILE* from_ = nullptr;
    std::string status_;
};

/// The batches' images in T (the labels are shared).
template <class T>
std::vector<Matrix<T>> images_in(const std::vector<Batch>& batches) {
    std::vector<Matrix<T>> out;
    for (const Batch& b : batches) out.push_back(b.images.cast<T>());
    return out;
}

/// The matrix products of one epoch, alone, on matrices allocated once.
template <class T>
class GemmFloor {
public:
    explicit GemmFloor(const std::vector<Eigen::Index>& s)
        : w1_(Matrix<T>::Random(s[0], s[1])), w2_(Matrix<T>::Random(s[1], s[2])),
          w3_(Matrix<T>::Random(s[2], s[3])), dw1_(s[0], s[1]), dw2_(s[1], s[2]), dw3_(s[2], s[3]) {}

    void epoch(const std::vector<Matrix<T>>& images) {
        for (const Matrix<T>& x : images) {
            const Eigen::Index n = x.rows();
            z1_.resize(n, w1_.cols()), z2_.resize(n, w2_.cols()), z3_.resize(n, w3_.cols());
            z1_.noalias() = x * w1_;  // forward
            z2_.noalias() = z1_ * w2_;
            z3_.noalias() = z2_ * w3_;
            dw3_.noalias() = z2_.transpose() * z3_;  // backward (z's stand in for A's and G's)
            g2_.noalias() = z3_ * w3_.transpose();
            dw2_.noalias() = z1_.transpose() * g2_;
            g1_.noalias() = g2_ * w2_.transpose();
            dw1_.noalias() = x.transpose() * g1_;
        }
    }
    double checksum() const { return static_cast<double>(dw1_.sum() + dw2_.sum() + dw3_.sum()); }

private:
    Matrix<T> w1_, w2_, w3_, dw1_, dw2_, dw3_, z1_, z2_, z3_, g1_, g2_;
};

struct Summary {
    double median, lo, hi;
};
Summary summarise(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return {n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v.front(), v.back()};
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--reps") o.reps = std::max(1, std::atoi(value().c_str()));
        else if (a == "--threads") o.threads = std::max(1, std::atoi(value().c_str()));
        else if (a == "--no-pytorch") o.pytorch = false;
        else if (a == "--dtype") {
            const std::string d = value();
            if (d == "both") o.dtypes = {"float64", "float32"};
            else if (d == "float64" || d == "float32") o.dtypes = {d};
            else {
                std::fprintf(stderr, "bench_mnist: --dtype takes float64, float32 or both, not '%s'\n", d.c_str());
                std::exit(2);
            }
        }
        else if (a == "--python") o.python = value();
        else if (a == "--data") o.data = value();
        else {
            std::fprintf(stderr, "usage: bench_mnist [--reps N] [--threads N] [--dtype float64|float32|both] "
                                 "[--no-pytorch] [--python PATH] [--data DIR]\n");
            std::exit(2);
        }
    }
    return o;
}

void print_header(const Options& o) {
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    fmt::print("bench_mnist: one epoch of 784-64-16-10 sigmoid / softmax cross-entropy / SGD 0.2, batch 128,\n"
               "8000 training digits (63 batches), {} threads (Eigen::nbThreads() = {}), {} repetitions + 1 warm-up\n"
               "flags: {}\nGLIBC_TUNABLES={}\nload: {:.2f} (1-min load average at start)\n",
               o.threads, Eigen::nbThreads(), o.reps, CHAINRULE_BENCH_FLAGS, tunables ? tunables : "(unset)",
               chainrule::bench::load_average());
}

/// One precision's race: per repetition PyTorch's epoch, chainrule's, the GEMM floor's.
template <class T>
void race(const Options& o, const std::string& dtype, const std::vector<Batch>& batches) {
    const std::vector<Matrix<T>> images = images_in<T>(batches);
    const MnistRecipe recipe = mnist_recipe("sigmoid");
    Mlp<T> model(recipe.sizes, recipe.activation, recipe.init, 1);
    Sgd<T> sgd(static_cast<T>(recipe.optimizer.learning_rate));
    MiniBatchTrainer<T> trainer(model, sgd);
    GemmFloor<T> floor(recipe.sizes);
    std::optional<PytorchEpochs> torch;
    if (o.pytorch) torch.emplace(o, dtype);
    fmt::print("\n== {} ==\npytorch: {}\n", dtype,
               !torch ? "not run (--no-pytorch)" : torch->status().empty() ? "did not start" : torch->status());

    std::vector<double> t_torch, t_chain, t_floor, r_torch, r_floor;
    double loss = 0;
    for (int rep = 0; rep <= o.reps; ++rep) {
        const std::optional<double> tt = torch ? torch->epoch() : std::nullopt;
        // PyTorch's worker threads keep spinning a while after its epoch: let them fall
        // asleep before timing chainrule (measured: +8 ms on a 43 ms epoch without this).
        if (tt) std::this_thread::sleep_for(std::chrono::milliseconds(300));
        auto start = std::chrono::steady_clock::now();
        for (std::size_t k = 0; k < batches.size(); ++k)
            loss = static_cast<double>(trainer.step(images[k], batches[k].labels));
        const double tc = seconds_since(start);
        start = std::chrono::steady_clock::now();
        floor.epoch(images);
        const double tf = seconds_since(start);
        fmt::print("rep {}{}: pytorch {}  chainrule {:.4f} s  gemm floor {:.4f} s\n", rep, rep == 0 ? " (warm-up)" : "",
                   tt ? fmt::format("{:.4f} s", *tt) : "-", tc, tf);
        if (rep == 0) continue;
        t_chain.push_back(tc), t_floor.push_back(tf), r_floor.push_back(tc / tf);
        if (tt) t_torch.push_back(*tt), r_torch.push_back(tc / *tt);
    }
    auto line = [&](const char* what, const std::vector<double>& v, const char* unit) {
        if (v.empty()) return;
        const Summary s = summarise(v);
        fmt::print("{} {:<24} median {:.4f}{}  (min {:.4f}, max {:.4f})\n", dtype, what, s.median, unit, s.lo, s.hi);
    };
    fmt::print("---\n");
    line("pytorch epoch", t_torch, " s");
    line("chainrule epoch", t_chain, " s");
    line("gemm floor epoch", t_floor, " s");
    line("chainrule / pytorch", r_torch, "");
    line("chainrule / gemm floor", r_floor, "");
    fmt::print("(last loss {:.4f}, floor checksum {:.3g}, load {:.2f})\n", loss, floor.checksum(),
               chainrule::bench::load_average());
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    std::signal(SIGPIPE, SIG_IGN);  // a PyTorch child that died must not kill the driver
    Eigen::setNbThreads(o.threads);
    DigitSplit data;
    try {
        data = split_digits(load_mnist(o.data));
    } catch (const DataError& e) {
        std::fprintf(stderr, "bench_mnist: %s\n", e.what());
        return 2;
    }
    const std::vector<Batch> batches = make_batches(data.train, 128);
    print_header(o);
    for (const std::string& dtype : o.dtypes) {
        if (dtype == "float64") race<double>(o, dtype, batches);
        else race<float>(o, dtype, batches);
    }
    return 0;
}
