// substitute: structural, top-down, simultaneous replacement.
#include <catch2/catch.hpp>

#include "symbolic/symbolic.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace substitute_test {

using namespace chainrule::symbolic;

namespace {
const Expr x = Expr::symbol("x");
const Expr y = Expr::symbol("y");
const Expr z = Expr::symbol("z");
}  // namespace

TEST_CASE("symbols and subtrees are replaced", "[substitute]") {
    CHECK(substitute(x * y + x, x, z) == z * y + z);
    CHECK(substitute(sin(x * y) + x * y, x * y, z) == sin(z) + z);
    CHECK(substitute(x + 1, x, Expr(2)) == Expr(3));  // rebuilt with construction's folding
    CHECK(substitute(x * y, z, x) == x * y);          // no match: unchanged
}

TEST_CASE("matching is structural, top-down and simultaneous", "[substitute]") {
    CHECK(substitute(x * y * z, x * y, z) == x * y * z);  // x y is not a node of x y z
    CHECK(substitute(x + y, y + x, z) == x + y);           // operand order matters
    // Simultaneous: the replacements are not themselves substituted (a swap).
    CHECK(substitute(x - y, Substitution{{x, y}, {y, x}}) == y - x);
    // Top-down: the outer match wins over inner ones.
    const Expr inner = sigmoid(x);
    const Expr outer = sigmoid(inner);
    CHECK(substitute(outer + inner, Substitution{{outer, z}, {inner, y}}) == z + y);
}

TEST_CASE("the sigmoid derivative in terms of the output", "[substitute]") {
    const Expr in = Expr::symbol("in");
    const Expr out = Expr::symbol("out");
    const Expr d = substitute(diff(sigmoid(in), in), sigmoid(in), out);
    CHECK(d == out * (1 - out));
    CHECK(to_text(d) == "out*(1 - out)");
}

}  // namespace substitute_test
