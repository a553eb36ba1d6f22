#pragma once
// The demo program's commands: each prints one demo of issue 6 (examples/demos/*.hpp
// compute, these only print) and writes its SVG when given a path.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace chainrule::demos::cli {

/// Options of the demos; each command reads the ones it has.
struct DemoArgs {
    std::optional<std::uint64_t> seed;  ///< none: a fresh seed, printed
    std::size_t every = 1;              ///< XOR: print every k-th iteration
    std::size_t max_iterations = 200000;
    std::string svg;                    ///< picture path; empty: no picture
};

void run_square(const DemoArgs&);          // demo 1
void run_square_sin(const DemoArgs&);      // demo 2
void run_learning_rates(const DemoArgs&);  // demo 3
void run_perceptron(const DemoArgs&);      // demo 4
void run_xor(const DemoArgs&);             // demo 5
void run_zhou(const DemoArgs&);            // demo 6
void run_regression(const DemoArgs&);      // demo 7
void run_newton(const DemoArgs&);          // demo 8

/// Demo 3's verdicts next to eta*J'' (printed at the end of demo 3).
void print_curvature_verdicts();

/// The seed to use, printed as "seed N (rerun with --seed N)".
std::uint64_t announce_seed(const std::optional<std::uint64_t>& seed);
/// Writes `svg` atomically to `path` (nothing when empty) and says so.
void write_svg(const std::string& path, const std::string& svg);
/// A heading line and a rule under it.
void heading(const std::string& title);

}  // namespace chainrule::demos::cli
