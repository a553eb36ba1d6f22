// Anomaly mode: off, non-finite values just flow; on, the first non-finite value or
// adjoint throws AnomalyError with a message naming the node, its op and its inputs.
#include "seed_network.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace anomaly_test {

using namespace chainrule;
using Catch::Contains;
using derivative_check::cpp_bin_float_50;

TEST_CASE("anomaly mode is off by default: log(0) just gives -inf") {
    Tape<double> t;
    REQUIRE_FALSE(t.anomaly_detection());
    auto x = t.variable(0.0, "x");
    auto y = log(x);
    CHECK(y.value() == -std::numeric_limits<double>::infinity());
    REQUIRE_NOTHROW(backward(y));
    CHECK(x.adjoint() == std::numeric_limits<double>::infinity());  // 1/x at 0
}

TEST_CASE("anomaly mode: recording log(x) at x = 0 throws naming the op, the node and the input value") {
    Tape<double> t;
    t.set_anomaly_detection(true);
    auto x = t.variable(0.0, "x");
    REQUIRE_THROWS_AS(log(x), AnomalyError);
    REQUIRE_THROWS_WITH(log(x), Contains("non-finite value") && Contains("op 'log'") && Contains("value -inf") &&
                                    Contains("input #0 'x' = 0"));
    // The failed call recorded nothing: the tape is as before and still usable.
    CHECK(t.size() == 1);
    auto y = log(x + 1.0);
    CHECK(y.value() == 0.0);
}

TEST_CASE("anomaly mode: a non-finite input value throws naming the variable") {
    Tape<double> t;
    t.set_anomaly_detection(true);
    REQUIRE_THROWS_WITH(t.variable(std::nan(""), "w3"), Contains("'w3'") && Contains("op 'input'"));
    // not left behind: no extra Input that replay would then require, the name is free
    CHECK(t.size() == 0);
    CHECK(t.inputs().empty());
    CHECK_FALSE(t.find("w3").has_value());
    CHECK(t.variable(1.0, "w3").value() == 1.0);
}

TEST_CASE("a recording call failing with NameError records nothing either") {
    Tape<double> t;
    auto w = t.variable(1.0, "w");
    REQUIRE_THROWS_AS(t.variable(2.0, "w"), NameError);
    REQUIRE_THROWS_AS(t.constant(2.0, "1w"), NameError);
    CHECK(t.size() == 1);
    CHECK(t.inputs().size() == 1);
    CHECK(t.find("w") == w.index());
    CHECK(replay_values<double>(t, std::vector<double>{3.0}).size() == 1);
}

TEST_CASE("anomaly mode: a non-finite adjoint throws naming the node") {
    // sqrt at 0 is finite (0) but its partial is +inf: harmless until it meets a nonzero
    // adjoint.
    Tape<double> t;
    t.set_anomaly_detection(true);
    auto x = t.variable(0.0, "x");
    auto r = sqrt(x).named("r");
    REQUIRE_THROWS_AS(backward(r), AnomalyError);
    t.clear_adjoints();
    REQUIRE_THROWS_WITH(backward(r), Contains("non-finite adjoint") && Contains("#0 'x'") &&
                                         Contains("propagated from node #1 'r' (op 'sqrt'"));
    // deeper in a graph: the first bad adjoint is named, not the output
    Tape<double> t2;
    t2.set_anomaly_detection(true);
    auto a = t2.variable(0.0, "a");
    auto s = sqrt(a).named("s");
    auto y = (s * 3.0 + 1.0).named("y");
    REQUIRE_THROWS_WITH(grad(y, {a}), Contains("adjoint at node #0 'a'") && Contains("'s' (op 'sqrt'"));
}

TEST_CASE("anomaly mode: no alarm for an unused or zero-weighted singular node, or a constant's adjoint") {
    Tape<double> t;
    t.set_anomaly_detection(true);
    auto x = t.variable(0.0, "x");
    auto unused = sqrt(x);
    auto y = x * x + 0.0 * sqrt(x);  // adjoint 0 reaches sqrt: skipped, no 0·∞
    REQUIRE_NOTHROW(grad(y, {x}));
    CHECK(grad(y, {x})[0] == 0.0);
    // 0^b with a constant base 0: ∂/∂(base) = b·0^(b−1) = +∞ lands on the constant,
    // which receives no gradient; ∂/∂b = 0 is the gradient asked for.
    auto b = t.variable(0.5, "b");
    auto p = pow(t.constant(0.0), b);
    REQUIRE_NOTHROW(grad(p, {b}));
    CHECK(grad(p, {b})[0] == 0.0);
    CHECK(unused.value() == 0.0);
}

TEST_CASE("anomaly mode: no false alarm on the seed 001 network") {
    Tape<double> plain, checked;
    checked.set_anomaly_detection(true);
    const auto n1 = seed_network::record_seed(plain);
    std::vector<Var<double>> n2_params;
    Var<double> E2;
    REQUIRE_NOTHROW([&] {
        const auto n2 = seed_network::record_seed(checked);
        n2_params = n2.parameters();
        E2 = n2.E;
    }());
    std::vector<double> g2;
    REQUIRE_NOTHROW(g2 = grad(E2, n2_params));
    CHECK(g2 == grad(n1.E, n1.parameters()));  // same gradient as without the checks
    // and in 50 digits, and in a replay that inherits the mode
    Tape<cpp_bin_float_50> wide;
    wide.set_anomaly_detection(true);
    REQUIRE_NOTHROW([&] {
        const auto n3 = seed_network::record_seed(wide, true);
        backward(n3.E);
    }());
    Tape<double> r = replay<double>(checked);
    CHECK(r.anomaly_detection());
    REQUIRE_NOTHROW(backward(r.var(E2.index())));
}

}  // namespace anomaly_test
