// SumChain and ProductChain (arithmetic.hpp) build a + b + c + … and a b c … one operand
// at a time without interning the partial results; they must give, node for node, what
// the nested operator+ / operator* give — including numbers that cancel, terms that are
// sums themselves and factors that are 0. Random sequences with a fixed seed.
#include <catch2/catch.hpp>

#include <random>

#include "symbolic/symbolic.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace chain_builder_test {

using namespace chainrule::symbolic;

namespace {

// Operands that exercise the canonicalisation: numbers (0, ±1, ±2, 1/2), symbols,
// products with a coefficient, sums with a number, powers.
Expr operand(std::mt19937& rng) {
    const Expr x = Expr::symbol("x"), y = Expr::symbol("y"), z = Expr::symbol("z");
    switch (std::uniform_int_distribution<int>(0, 11)(rng)) {
        case 0: return Expr(0);
        case 1: return Expr(1);
        case 2: return Expr(-1);
        case 3: return Expr(2);
        case 4: return Expr::rational(1, 2);
        case 5: return x;
        case 6: return y;
        case 7: return -z;
        case 8: return 3 * x * y;
        case 9: return x + 1;
        case 10: return y - 2;
        default: return pow(x, 2);
    }
}

}  // namespace

TEST_CASE("SumChain gives the nested sums node for node", "[arithmetic]") {
    std::mt19937 rng(11);
    for (int trial = 0; trial < 400; ++trial) {
        const int n = std::uniform_int_distribution<int>(1, 12)(rng);
        Expr nested = operand(rng);
        SumChain chain(nested);
        for (int k = 1; k < n; ++k) {
            const Expr t = operand(rng);
            nested = nested + t;
            chain.add(t);
            REQUIRE(chain.value() == nested);
        }
        CHECK(chain.value() == nested);
    }
}

TEST_CASE("ProductChain gives the nested products node for node", "[arithmetic]") {
    std::mt19937 rng(12);
    for (int trial = 0; trial < 400; ++trial) {
        const int n = std::uniform_int_distribution<int>(1, 12)(rng);
        Expr nested = operand(rng);
        ProductChain chain(nested);
        for (int k = 1; k < n; ++k) {
            const Expr f = operand(rng);
            nested = nested * f;
            chain.multiply(f);
            REQUIRE(chain.value() == nested);
        }
        CHECK(chain.value() == nested);
    }
}

TEST_CASE("a long SumChain is one flat sum", "[arithmetic]") {
    SumChain chain(Expr::symbol("a0"));
    for (int k = 1; k < 100000; ++k) chain.add(Expr::symbol("a" + std::to_string(k)));
    const Expr s = chain.value();
    REQUIRE(s.kind() == Kind::sum);
    CHECK(s.operands().size() == 100000);
    CHECK(s[99999] == Expr::symbol("a99999"));
}

}  // namespace chain_builder_test
