// What a JacobianTape promises besides the numbers: statements and entries as documented,
// copies that alias, passive constants, accumulation across sweeps, adjoints of
// intermediates refused, errors for mixed tapes, stale and passive handles, moves, reuse,
// and growth into page memory.
#include "jacobian.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

namespace jacobian_tape_test {

using namespace chainrule;
using A = Active<double>;

TEST_CASE("one statement per assignment, one entry per active leaf; copies record nothing") {
    JacobianTape<double> tape;
    const A x = tape.variable(2.0), y = tape.variable(3.0);
    CHECK(tape.statements() == 2);
    CHECK(tape.entries() == 0);
    const A z = x * y + sin(x) * 4.0 - 1.0;  // leaves x, y, x
    CHECK(tape.statements() == 3);
    CHECK(tape.entries() == 3);
    const A alias = z;  // a copy: the same index, no statement
    CHECK(alias.index() == z.index());
    CHECK(tape.statements() == 3);
    CHECK(tape.recorded_bytes() == 3 * (sizeof(double) + sizeof(NodeIndex)) + 4);
    tape.backward(alias);
    CHECK(x.adjoint() == Approx(3.0 + 4 * std::cos(2.0)).epsilon(1e-15));
    CHECK(y.adjoint() == 2.0);
}

TEST_CASE("plain numbers and passive Actives are constants: no leaf, no entry") {
    JacobianTape<double> tape;
    const A x = tape.variable(1.5);
    const A c = 4.0;  // passive
    CHECK_FALSE(c.is_active());
    const A d = c * c + 1.0;  // all leaves passive: a passive value, nothing recorded
    CHECK_FALSE(d.is_active());
    CHECK(d.value() == 17.0);
    CHECK(tape.statements() == 1);
    const A y = c * x + d;  // passive leaves mixed with an active one
    CHECK(tape.entries() == 1);
    tape.backward(y);
    CHECK(x.adjoint() == 4.0);
    CHECK(c.adjoint() == 0.0);
    CHECK_THROWS_WITH(tape.backward(d), Catch::Contains("passive"));
}

TEST_CASE("compound assignment and self-reference record the new value") {
    JacobianTape<double> tape;
    const A x = tape.variable(0.5);
    A s = x;
    for (int i = 0; i < 4; ++i) s += s * x;  // s ← s(1 + x): s = x(1 + x)⁴
    s = s - x;                               // s = x(1 + x)⁴ − x
    tape.backward(s);
    CHECK(s.value() == Approx(0.5 * std::pow(1.5, 4) - 0.5).epsilon(1e-15));
    CHECK(x.adjoint() == Approx(std::pow(1.5, 4) + 4 * 0.5 * std::pow(1.5, 3) - 1).epsilon(1e-14));
}

TEST_CASE("sweeps accumulate into the variables until clear_adjoints; intermediates are consumed") {
    JacobianTape<double> tape;
    const A x = tape.variable(3.0);
    const A u = x * x;       // 9
    const A v = u * x + u;   // x³ + x²
    tape.backward(v);
    CHECK(x.adjoint() == 27.0 + 6.0);
    tape.backward(v);  // again: the intermediate adjoints were reset by the first sweep
    CHECK(x.adjoint() == 2 * 33.0);
    tape.backward(u);  // from an earlier statement: statements after it are not swept
    CHECK(x.adjoint() == 2 * 33.0 + 6.0);
    tape.clear_adjoints();
    CHECK(x.adjoint() == 0.0);
    tape.backward(u);
    CHECK(x.adjoint() == 6.0);
    CHECK_THROWS_WITH(u.adjoint(), Catch::Contains("variables only"));
}

TEST_CASE("mixed tapes, cleared and destroyed tapes are errors with a message, never UB") {
    JacobianTape<double> t1, t2;
    const A a = t1.variable(1.0), b = t2.variable(2.0);
    CHECK_THROWS_AS(A(a + b), TapeMismatchError);
    CHECK_THROWS_AS(t1.backward(b), TapeMismatchError);
    CHECK(t1.statements() == 1);  // nothing recorded by the failed statement

    const A c = a * 2.0;
    t1.clear();
    CHECK_THROWS_AS(A(c + 1.0), StaleHandleError);
    CHECK_THROWS_AS(c.adjoint(), StaleHandleError);
    CHECK_THROWS_AS(t1.backward(c), StaleHandleError);
    const A fresh = t1.variable(5.0);
    CHECK_THROWS_AS(A(fresh + a), StaleHandleError);  // a new and a stale leaf of one tape
    CHECK_THROWS_AS(A(a + fresh), StaleHandleError);
    CHECK_THROWS_WITH(t2.backward(fresh), Catch::Contains("another Jacobian tape"));

    A dangling;
    {
        JacobianTape<double> gone;
        dangling = gone.variable(1.0);
    }
    CHECK_THROWS_AS(A(dangling * 2.0), StaleHandleError);
    CHECK_THROWS_AS(A(fresh * dangling), StaleHandleError);  // with a live leaf of another tape
    CHECK_THROWS_AS(dangling.adjoint(), StaleHandleError);
}

TEST_CASE("a moved tape keeps its handles; clear() keeps memory and gives the same gradient") {
    JacobianTape<double> t1;
    const A x = t1.variable(2.0);
    JacobianTape<double> t2 = std::move(t1);
    const A y = exp(x) * x;
    t2.backward(y);
    CHECK(x.adjoint() == Approx(3 * std::exp(2.0)).epsilon(1e-15));
    const A other = t1.variable(1.0);  // the moved-from tape is empty and usable
    CHECK(t1.statements() == 1);
    CHECK_THROWS_AS(A(other + x), TapeMismatchError);

    const double first = x.adjoint();
    t2.clear();
    const A x2 = t2.variable(2.0);
    const A y2 = exp(x2) * x2;
    t2.backward(y2);
    CHECK(x2.adjoint() == first);
}

TEST_CASE("move assignment and reserve keep the tape right") {
    JacobianTape<double> t1, t2;
    const A old = t2.variable(7.0);
    const A x = t1.variable(1.5);
    t2 = std::move(t1);  // t2's own statements are gone: its handles are stale
    CHECK_THROWS_AS(A(old * 2.0), StaleHandleError);
    const A y = x * x * x;
    t2.backward(y);
    CHECK(x.adjoint() == 3 * 1.5 * 1.5);

    JacobianTape<double> t3;
    t3.reserve(100, 1000);
    const A z = t3.variable(2.0);
    A s = z;
    for (int i = 0; i < 99; ++i) s = s * z;  // z^100: 99 statements of 2 entries
    CHECK(t3.statements() == 100);
    CHECK(t3.entries() == 198);
    t3.backward(s);
    CHECK(z.adjoint() == Approx(100 * std::pow(2.0, 99)).epsilon(1e-14));
}

TEST_CASE("a long recording grows into page memory and stays right") {
    // 3·10⁶ entries: partials and operands well past the 2 MiB page-memory threshold.
    JacobianTape<double> tape;
    const int n = 1'000'000;
    std::vector<A> x;
    for (int i = 0; i < n; ++i) x.push_back(tape.variable(1.0 + 1e-6 * i));
    A s = 0.0;
    for (int i = 0; i < n; ++i) s = s + x[i] * x[i];  // Σ xᵢ²: 3 entries per statement
    tape.backward(s);
    CHECK(tape.entries() == 3 * static_cast<std::size_t>(n) - 1);  // the first sum has a passive s
    int wrong = 0;
    for (int i = 0; i < n; i += 997) wrong += x[i].adjoint() != 2 * x[i].value();
    CHECK(wrong == 0);
    CHECK(tape.adjoint_bytes() >= (2 * static_cast<std::size_t>(n) + 1) * sizeof(double));
}

TEST_CASE("a seed, grad(), and logsumexp as for Var<T>") {
    JacobianTape<double> tape;
    const A x = tape.variable(0.5), y = tape.variable(-1.5);
    const A f = x * x * y;
    backward(f, 3.0);
    CHECK(x.adjoint() == 3 * 2 * 0.5 * -1.5);
    CHECK(grad(f, {x, y}) == std::vector<double>{2 * 0.5 * -1.5, 0.25});  // fresh: the seed-3 sweep is gone
    const A l = logsumexp({x, y, x});
    tape.clear_adjoints();
    tape.backward(l);
    const double total = 2 * std::exp(0.5) + std::exp(-1.5);  // ∂/∂x = 2e^x / Σ, ∂/∂y = e^y / Σ
    CHECK(l.value() == Approx(std::log(total)).epsilon(1e-15));
    CHECK(x.adjoint() == Approx(2 * std::exp(0.5) / total).epsilon(1e-15));
    CHECK(y.adjoint() == Approx(std::exp(-1.5) / total).epsilon(1e-15));
    CHECK_THROWS_AS(logsumexp(std::span<const A>()), Error);
}

TEST_CASE("min and max keep the tie convention after `using std::max` (std's would be chosen otherwise)") {
    using std::max;
    using std::min;
    JacobianTape<double> tape;
    const A x = tape.variable(2.0), y = tape.variable(2.0);
    const A m = max(x, y) + 2 * min(x, y) + 4 * max(x * 1.0, y * 1.0);  // same-type expressions too
    tape.backward(m);
    // A tie splits the derivative evenly, as Tape<T> (docs/conventions.md): ½ + 2·½ + 4·½ each.
    CHECK(x.adjoint() == 3.5);
    CHECK(y.adjoint() == 3.5);
}

}  // namespace jacobian_tape_test
