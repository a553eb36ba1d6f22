// chainrule::symbolic::Expr — an immutable, hash-consed symbolic scalar.
//
// An Expr is a cheap handle (one shared pointer) to a node of one of six
// kinds:
//
//   constant   an exact rational number  p/q                (Kind::constant)
//   symbol     a named variable, e.g.  w5, out_h1            (Kind::symbol)
//   sum        a_1 + a_2 + ... + a_n,  n >= 2                (Kind::sum)
//   product    a_1 \cdot a_2 \cdots a_n,  n >= 2             (Kind::product)
//   power      b^{e}                                         (Kind::power)
//   function   f(a_1, ..., a_k) for f in `Function`          (Kind::function)
//
// Subtraction and division are not node kinds:  a - b  is  a + (-1) b  and
// a / b  is  a \cdot b^{-1}.  The printers turn them back into  a - b  and
// \frac{a}{b}.
//
// Hash-consing: every node is interned in a global (thread-safe) table, so two
// structurally equal expressions are the *same* node.  Hence `a == b` is
// structural equality in O(1), and `hash()` is a structural hash.  Note that
// structural equality is not mathematical equality:  x + y != y + x  and
// 2 x != x + x  until `simplify` has brought both to the same form.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <cstddef>
#include <cstdint>
#include <concepts>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "function_kind.hpp"

namespace chainrule::symbolic {

using Integer = boost::multiprecision::cpp_int;
using Rational = boost::multiprecision::cpp_rational;

enum class Kind : std::uint8_t { constant, symbol, sum, product, power, function };

class Node;  // defined in node.hpp (internal)

/// Integral types an Expr converts from implicitly (not bool or character types).
template <class I>
concept plain_integer = std::integral<I> && !std::same_as<I, bool> && !std::same_as<I, char> &&
                        !std::same_as<I, wchar_t> && !std::same_as<I, char8_t> &&
                        !std::same_as<I, char16_t> && !std::same_as<I, char32_t>;

/// A moved-from Expr may only be assigned to or destroyed.
class Expr {
public:
    /// The constant 0 (so that `T{}` is zero for generic code, as for double).
    Expr();

    /// Exact integer constant.
    template <plain_integer I>
    Expr(I value) : Expr(Rational(value)) {}  // NOLINT(google-explicit-constructor)

    /// The double read as the decimal number it prints as (shortest round-trip
    /// text, e.g. 0.1 -> 1/10, 0.55 -> 11/20, 0.5 -> 1/2, 3.0 -> 3).  This is
    /// the exact binary value whenever that value has a short decimal expansion.
    /// Throws std::invalid_argument for NaN and infinities.
    Expr(double value);  // NOLINT(google-explicit-constructor)
    /// As Expr(double), with the shortest text of the float (0.1f -> 1/10).
    Expr(float value);  // NOLINT(google-explicit-constructor)
    /// As Expr(double) when the value is a double; otherwise its exact
    /// binary value.
    Expr(long double value);  // NOLINT(google-explicit-constructor)
    /// No implicit bool -> number conversion.
    Expr(bool) = delete;

    /// Exact rational constant.
    explicit Expr(const Rational& value);

    /// A symbol.  Throws std::invalid_argument if `name` is empty.
    static Expr symbol(std::string name);

    /// Exact constant from decimal text: "0.55" -> 11/20, "-3", "1e-20",
    /// "2.5E3", ".5".  Throws std::invalid_argument on malformed text or an
    /// exponent beyond +-10000.
    static Expr decimal(std::string_view text);

    /// The constant p/q (reduced).  Throws std::invalid_argument if q == 0.
    static Expr rational(const Integer& p, const Integer& q);

    /// The exact binary value of a finite double (2^-60 stays 2^-60, while
    /// 0.1 becomes 3602879701896397/36028797018963968).
    static Expr exact(double value);

    Kind kind() const noexcept;
    /// Symbol name.  Throws std::logic_error unless kind() == Kind::symbol.
    const std::string& name() const;
    /// Constant value.  Throws std::logic_error unless kind() == Kind::constant.
    const Rational& value() const;
    /// Applied function.  Throws std::logic_error unless kind() == Kind::function.
    Function function() const;
    /// Operands: terms of a sum, factors of a product, {base, exponent} of a
    /// power, arguments of a function; empty for constants and symbols.
    std::span<const Expr> operands() const noexcept;
    const Expr& operator[](std::size_t i) const { return operands()[i]; }

    /// Structural hash (stable across runs: does not depend on addresses).
    std::size_t hash() const noexcept;
    /// Node identity; equal for equal expressions thanks to hash-consing.
    const void* id() const noexcept { return node_.get(); }

    /// Structural equality (pointer comparison, thanks to hash-consing).
    friend bool operator==(const Expr& a, const Expr& b) noexcept { return a.node_ == b.node_; }

    /// Internal: wraps an interned node (see node.hpp).
    explicit Expr(std::shared_ptr<const Node> node) noexcept : node_(std::move(node)) {}

private:
    std::shared_ptr<const Node> node_;
};

// ---------------------------------------------------------------- queries
bool is_constant(const Expr& e) noexcept;  ///< a numeric (rational) constant node
bool is_zero(const Expr& e) noexcept;      ///< the constant 0
bool is_one(const Expr& e) noexcept;       ///< the constant 1
bool is_symbol(const Expr& e) noexcept;
/// True for a constant with denominator 1.
bool is_integer(const Expr& e) noexcept;
/// The value of a constant node, std::nullopt for anything else (even for
/// expressions such as  sin(0)  that `simplify` would fold).
std::optional<Rational> constant_value(const Expr& e);

/// Does `e` contain `sub` as a subtree (structurally)?
bool contains(const Expr& e, const Expr& sub);
/// Names of all symbols occurring in `e`, sorted.
std::vector<std::string> free_symbols(const Expr& e);

}  // namespace chainrule::symbolic

template <>
struct std::hash<chainrule::symbolic::Expr> {
    std::size_t operator()(const chainrule::symbolic::Expr& e) const noexcept { return e.hash(); }
};
