// Expr: constants, symbols, hash-consing, queries and the cheap
// canonicalisation done at construction.
#include <catch2/catch.hpp>

#include <limits>
#include <thread>

#include "symbolic/node.hpp"
#include "symbolic/symbolic.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace expr_test {

using namespace chainrule::symbolic;

namespace {
Rational q(long p, long d) { return Rational(p, d); }
}  // namespace

TEST_CASE("constants are exact rationals", "[expr]") {
    CHECK(Expr(3).value() == 3);
    CHECK(Expr(-7L).value() == -7);
    CHECK(Expr().value() == 0);
    CHECK(Expr::rational(6, -4).value() == q(-3, 2));
    CHECK(Expr::decimal("0.55").value() == q(11, 20));
    CHECK(Expr::decimal("-3").value() == -3);
    CHECK(Expr::decimal("+2.5E3").value() == 2500);
    CHECK(Expr::decimal("1e-20").value() == Rational(1, Integer("100000000000000000000")));
    CHECK(Expr::decimal(".5").value() == q(1, 2));
    CHECK(Expr::decimal("0012.50").value() == q(25, 2));  // leading zeros are not octal
}

TEST_CASE("doubles become the decimal they print as", "[expr]") {
    CHECK(Expr(0.5).value() == q(1, 2));
    CHECK(Expr(0.1).value() == q(1, 10));
    CHECK(Expr(0.55).value() == q(11, 20));
    CHECK(Expr(3.0).value() == 3);
    CHECK(Expr(-0.0).value() == 0);
    CHECK(Expr(1e300).value() == Rational(boost::multiprecision::pow(Integer(10), 300)));
    CHECK(Expr(0.1f).value() == q(1, 10));
    CHECK(Expr(0.375L).value() == q(3, 8));
    // exact(): the binary value itself.
    CHECK(Expr::exact(0.1).value() == Rational(Integer("3602879701896397"), Integer("36028797018963968")));
    CHECK(Expr::exact(std::ldexp(1.0, -60)).value() == Rational(1, Integer(1) << 60));
    CHECK(Expr::exact(-2.5).value() == q(-5, 2));
}

TEST_CASE("invalid constants are rejected", "[expr]") {
    CHECK_THROWS_AS(Expr::rational(1, 0), std::invalid_argument);
    CHECK_THROWS_AS(Expr(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
    CHECK_THROWS_AS(Expr(std::numeric_limits<double>::infinity()), std::invalid_argument);
    CHECK_THROWS_AS(Expr::exact(-std::numeric_limits<double>::infinity()), std::invalid_argument);
    for (const char* bad : {"", "-", ".", "1.2.3", "1e", "e5", "0x10", "1 ", "abc", "1e99999"})
        CHECK_THROWS_AS(Expr::decimal(bad), std::invalid_argument);
    CHECK_THROWS_AS(Expr::symbol(""), std::invalid_argument);
}

TEST_CASE("hash-consing: equal structure means the same node", "[expr]") {
    const auto build = [] {
        Expr x = Expr::symbol("x");
        Expr y = Expr::symbol("y");
        return sin(x) * (y + Expr::decimal("0.5")) / exp(-x);
    };
    Expr a = build();
    Expr b = build();
    CHECK(a == b);
    CHECK(a.id() == b.id());
    CHECK(a.hash() == b.hash());
    CHECK(std::hash<Expr>{}(a) == a.hash());
    CHECK(Expr(0.5) == Expr::rational(1, 2));
    CHECK_FALSE(a == sin(Expr::symbol("x")));
    // Structural, not mathematical: operand order matters before simplify.
    Expr x = Expr::symbol("x");
    Expr y = Expr::symbol("y");
    CHECK_FALSE(x + y == y + x);
}

TEST_CASE("hash-consing is thread-safe and releases dead nodes", "[expr]") {
    const std::size_t before = detail::interned_node_count();
    {
        std::vector<Expr> results(2);
        auto work = [&](int slot) {
            Expr acc = 0;
            for (int i = 0; i < 200; ++i) acc = acc + sin(Expr::symbol("t" + std::to_string(i)) * i);
            results[static_cast<std::size_t>(slot)] = acc;
        };
        std::thread t0(work, 0);
        std::thread t1(work, 1);
        t0.join();
        t1.join();
        CHECK(results[0] == results[1]);
        CHECK(detail::interned_node_count() > before);
    }
    CHECK(detail::interned_node_count() == before);
}

TEST_CASE("deep expressions are freed without deep recursion", "[expr]") {
    const std::size_t before = detail::interned_node_count();
    {
        Expr e = Expr::symbol("deep");
        for (int i = 0; i < 100000; ++i) e = sin(e);
        CHECK(detail::interned_node_count() >= before + 100000);
    }
    CHECK(detail::interned_node_count() == before);
}

TEST_CASE("queries", "[expr]") {
    Expr x = Expr::symbol("x");
    CHECK(is_zero(Expr(0)));
    CHECK_FALSE(is_zero(x));
    CHECK(is_one(Expr(1)));
    CHECK(is_constant(Expr::rational(1, 3)));
    CHECK_FALSE(is_constant(x));
    CHECK(is_integer(Expr(4)));
    CHECK_FALSE(is_integer(Expr(0.5)));
    CHECK(constant_value(Expr(0.25)) == std::optional<Rational>(q(1, 4)));
    CHECK_FALSE(constant_value(exp(Expr(0))).has_value());  // not folded at construction
    CHECK(x.name() == "x");
    CHECK_THROWS_AS(x.value(), std::logic_error);
    CHECK_THROWS_AS(Expr(1).name(), std::logic_error);
    Expr f = sigmoid(x) * Expr::symbol("w");
    CHECK(contains(f, sigmoid(x)));
    CHECK_FALSE(contains(f, Expr::symbol("z")));
    CHECK(free_symbols(f) == std::vector<std::string>{"w", "x"});
    CHECK(sigmoid(x).function() == Function::sigmoid);
    CHECK(function_name(Function::log_sigmoid) == "log_sigmoid");
    CHECK(function_from_name("leaky_relu") == Function::leaky_relu);
    CHECK(function_arity(Function::atan2) == 2);
}

TEST_CASE("construction does only cheap canonicalisation", "[expr]") {
    Expr x = Expr::symbol("x");
    Expr y = Expr::symbol("y");
    SECTION("sums flatten and merge numbers at the first number's place") {
        Expr s = (x + 1) + (y + 2);
        REQUIRE(s.kind() == Kind::sum);
        REQUIRE(s.operands().size() == 3);
        CHECK(s[0] == x);
        CHECK(s[1] == Expr(3));
        CHECK(s[2] == y);
        CHECK(x + 0 == x);
        CHECK(Expr(2) + 3 == Expr(5));
    }
    SECTION("products flatten with one leading coefficient") {
        Expr p = x * 2 * y * Expr(0.5);
        REQUIRE(p.kind() == Kind::product);
        CHECK(p.operands().size() == 2);
        CHECK(p[0] == x);
        CHECK(p[1] == y);
        Expr m = x * 3;
        CHECK(m[0] == Expr(3));
        CHECK(0 * x == Expr(0));
        CHECK(1 * x == x);
    }
    SECTION("powers") {
        CHECK(pow(x, 0) == Expr(1));
        CHECK(pow(x, 1) == x);
        CHECK(pow(1, x) == Expr(1));
        CHECK(pow(Expr(2), -2) == Expr::rational(1, 4));
        CHECK(sqrt(Expr(9)) == Expr(3));
        CHECK(sqrt(Expr(2)).kind() == Kind::power);
        CHECK(pow(Expr(0), 3) == Expr(0));
    }
    SECTION("like terms are left to simplify") {
        CHECK((x + x).kind() == Kind::sum);
        CHECK((x * x).kind() == Kind::product);
    }
    SECTION("subtraction, division and negation") {
        CHECK(x - y == x + (-1) * y);
        CHECK(x / y == x * pow(y, -1));
        CHECK(-(-x) == x);
        CHECK(1 / Expr(4) == Expr(0.25));
        Expr z = x;
        z += 1;
        z *= 2;
        z -= y;
        z /= 3;
        CHECK(z == (2 * (x + 1) - y) / 3);
    }
    SECTION("mixed arithmetic with int and double on either side") {
        CHECK(2.5 * x == Expr::rational(5, 2) * x);
        CHECK(x - 1.5 == x + Expr::rational(-3, 2));
        CHECK(1 - x == Expr(1) - x);
        CHECK(x / 4 == Expr(0.25) * x);
        CHECK(3L + x == Expr(3) + x);
        static_assert(!std::is_constructible_v<Expr, bool>);
        static_assert(!std::is_convertible_v<const char*, Expr>);
    }
    SECTION("mixed scalar overloads") {
        CHECK(pow(x, 2) == pow(x, Expr(2)));
        CHECK(pow(2.5, x) == pow(Expr(2.5), x));
        CHECK(max(x, 0) == max(x, Expr(0)));
        CHECK(min(1, x) == min(Expr(1), x));
        CHECK(atan2(x, 1.0) == atan2(x, Expr(1)));
        CHECK(hypot(3, x) == hypot(Expr(3), x));
    }
    SECTION("functions check their arity") {
        CHECK_THROWS_AS(make_function(Function::atan2, {x}), std::invalid_argument);
        CHECK_NOTHROW(make_function(Function::sin, {x}));
    }
}

}  // namespace expr_test
