// Handles, names and tape housekeeping: misuse throws a clear exception, never UB.
#include "chainrule.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace tape_handles_test {

using namespace chainrule;

TEST_CASE("handles of two tapes in one op throw TapeMismatchError naming the op") {
    Tape<double> t1, t2;
    auto a = t1.variable(1.0);
    auto b = t2.variable(2.0);
    REQUIRE_THROWS_AS(a * b, TapeMismatchError);
    REQUIRE_THROWS_WITH(a + b, Catch::Contains("add") && Catch::Contains("two different tapes"));
    REQUIRE_THROWS_AS(grad(a * a, {b}), TapeMismatchError);
}

TEST_CASE("handles of a cleared tape throw StaleHandleError") {
    Tape<double> t;
    auto x = t.variable(3.0);
    t.clear();
    REQUIRE_THROWS_AS(sin(x), StaleHandleError);
    REQUIRE_THROWS_AS(x.value(), StaleHandleError);
    auto y = t.variable(1.0);  // the tape itself is usable again
    REQUIRE(y.value() == 1.0);
    REQUIRE_THROWS_WITH(x + y, Catch::Contains("cleared or destroyed"));
}

TEST_CASE("handles of a destroyed tape throw StaleHandleError") {
    Var<double> x;
    {
        Tape<double> t;
        x = t.variable(3.0);
    }
    REQUIRE_THROWS_AS(x.value(), StaleHandleError);
    REQUIRE_THROWS_AS(exp(x), StaleHandleError);
    // A new tape may reuse the control block: the old handle must still be rejected.
    Tape<double> t2;
    auto y = t2.variable(1.0);
    REQUIRE_THROWS_AS(x * y, StaleHandleError);
}

TEST_CASE("an empty handle throws") {
    Var<double> x;
    REQUIRE_THROWS_AS(x.value(), TapeMismatchError);
}

TEST_CASE("a moved tape keeps its handles valid and the moved-from tape is empty") {
    Tape<double> t;
    auto x = t.variable(2.0);
    Tape<double> u = std::move(t);
    auto y = x * x;
    REQUIRE(y.value() == 4.0);
    REQUIRE(u.size() == 2);
    REQUIRE(t.size() == 0);  // NOLINT(bugprone-use-after-move): documented state
    auto z = t.variable(1.0);
    REQUIRE_THROWS_AS(z + x, TapeMismatchError);
}

TEST_CASE("names are identifiers, unique per tape, and found back") {
    Tape<double> t;
    auto w5 = t.variable(0.5, "w5");
    REQUIRE(w5.name() == "w5");
    REQUIRE(t.find("w5") == w5.index());
    REQUIRE_FALSE(t.find("w6").has_value());
    REQUIRE_THROWS_AS(t.variable(1.0, "w5"), NameError);
    REQUIRE_THROWS_AS(t.variable(1.0, "5w"), NameError);
    REQUIRE_THROWS_AS(t.variable(1.0, "a b"), NameError);
    REQUIRE_THROWS_AS(t.variable(1.0, "\\input"), NameError);
    auto y = (w5 * 2.0).named("y");
    REQUIRE(t.name(y.index()) == "y");
}

TEST_CASE("creation order is a topological order and records are 12 bytes") {
    Tape<double> t;
    auto x = t.variable(1.0);
    auto y = exp(x) * x;
    for (NodeIndex i = 0; i < t.size(); ++i) {
        const NodeRecord& r = t.node(i);
        if (arity(r.op) >= 1) REQUIRE(r.in0 < i);
        if (arity(r.op) == 2) REQUIRE(r.in1 < i);
    }
    REQUIRE(y.index() == t.size() - 1);
    REQUIRE(sizeof(NodeRecord) == 12);
    REQUIRE(t.recorded_bytes() == t.size() * (12 + sizeof(double)));
}

TEST_CASE("comparisons compare values, mixed with constants") {
    Tape<double> t;
    auto a = t.variable(1.0), b = t.variable(2.0);
    REQUIRE(a < b);
    REQUIRE(b > 1.5);
    REQUIRE(0.5 < a);
    REQUIRE(a == 1.0);
    REQUIRE(a != b);
    REQUIRE(t.size() == 2);  // comparisons record nothing
}

TEST_CASE("compound assignment rebinds the handle to a new node") {
    Tape<double> t;
    auto x = t.variable(3.0);
    auto y = x;
    y += 2.0;
    y *= x;
    y -= 1;
    y /= 2;
    REQUIRE(y.value() == 7.0);
    REQUIRE(grad(y, {x})[0] == (2 * 3.0 + 2.0) / 2);  // d/dx ((x+2)x − 1)/2 = (2x + 2)/2
}

TEST_CASE("a handle stays stale even when its tape's generation counter would wrap") {
    Tape<double> t;
    auto x = t.variable(1.0);
    // Jump close to the 32-bit limit instead of clearing 2^32 times.
    const_cast<chainrule::detail::TapeControlBlock*>(t.control_block())->generation =
        chainrule::detail::kRetireGeneration - 2;
    auto old = t.variable(2.0);
    for (int k = 0; k < 40; ++k) t.clear();
    REQUIRE_THROWS_AS(old.value(), StaleHandleError);
    REQUIRE_THROWS_AS(x.value(), StaleHandleError);
    auto fresh = t.variable(3.0);
    REQUIRE(fresh.value() == 3.0);
}

}  // namespace tape_handles_test
