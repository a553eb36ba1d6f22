// Every op of the op table, differentiated in reverse mode on a Tape<double> at random
// points of its domain and compared with a 50-digit central difference of the same tape
// (replayed in cpp_bin_float_50, h = 1e-20). Requirement: relative error ≤ 1e-12.
#include "op_cases.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace op_derivatives_test {

using namespace chainrule;
using namespace derivative_check;
using namespace op_cases;

namespace {

// |ad − fd| ≤ 1e-12·|fd| + 1e-300: relative, since the derivatives range from 1e-9
// (tanh' at 10) to 1e9; the 1e-300 floor only admits exact zeros (sign', step', x⁰) and
// is below every normal derivative a case produces.
constexpr double kRelTol = 1e-12;
constexpr double kAbsFloor = 1e-300;
constexpr int kPoints = 128;  // ≥ 100 random points per case

// Runs every case of a group: one CHECK per case, reporting the first failing point.
void run_group(const std::vector<C>& cases, std::uint64_t seed) {
    for (const C& c : cases) {
        const Stats s = run_case(c, kPoints, kRelTol, kAbsFloor, seed++);
        maybe_print("double", c.label, s, kRelTol);
        INFO(c.label << ": " << s.failures << " of " << s.points << " points fail; first: " << s.first_failure);
        INFO("worst relative error " << s.worst << " at " << s.worst_where);
        CHECK(s.failures == 0);
        CHECK(s.points == kPoints);
    }
}

}  // namespace

TEST_CASE("the derivative cases cover every op of the op table") {
    // Record every case once and collect the ops on the tapes: a new op added to the
    // X-macro lists without a derivative case here fails this test.
    std::set<OpKind> seen;
    for (const auto& group : {unary_cases(), param_cases(), binary_cases()})
        for (const C& c : group) {
            std::mt19937_64 rng(1);
            Tape<double> tape;
            Vs x;
            for (double v : c.sample(rng)) x.push_back(tape.variable(v));
            c.f(x);
            for (const NodeRecord& r : tape.nodes()) seen.insert(r.op);
        }
    for (int k = static_cast<int>(OpKind::Const) + 1; k < static_cast<int>(OpKind::Count_); ++k) {
        const auto op = static_cast<OpKind>(k);
        INFO("op '" << op_name(op) << "' has no derivative case");
        CHECK(seen.count(op) == 1);
    }
}

TEST_CASE("unary ops: reverse-mode derivative = 50-digit central difference (rel 1e-12)") {
    run_group(unary_cases(), 1000);
}

TEST_CASE("param ops (x^p, p^x, log_p x, leaky_relu): reverse mode = 50-digit difference (rel 1e-12)") {
    run_group(param_cases(), 2000);
}

TEST_CASE("binary ops and constant operands: reverse mode = 50-digit difference (rel 1e-12)") {
    run_group(binary_cases(), 3000);
}

TEST_CASE("composite expression: reverse mode = 50-digit difference (rel 1e-12)") {
    // A chain through many op kinds at once, with shared subexpressions.
    const C c{"composite", [](const Vs& x) {
                  const V s = sin(x[0]) * x[1];
                  return log1p(exp(s)) + pow(hypot(x[0], x[1]), 1.5) * tanh(s) - atan2(x[1], x[0] + 5.0) / s;
              },
              uniform2(0.2, 2, 0.2, 2)};
    run_group({c}, 4000);
}

}  // namespace op_derivatives_test
