// Arithmetic on Expr and the canonicalising node builders.
//
// Construction does only cheap canonicalisation, so that an expression still
// looks like what was written:
//   sums      flatten nested sums, add up numeric terms (kept at the position
//             of the first one), drop 0:            (x + 1) + 2  ->  x + 3
//   products  flatten nested products, multiply numeric factors into one
//             leading coefficient, drop 1, 0 absorbs:  x * 2 * y  ->  2 x y
//   powers    b^0 -> 1, b^1 -> b, 1^e -> 1, 0^c -> 0 (c > 0), and exact
//             numeric powers/roots:  2^{-1} -> 1/2,  4^{1/2} -> 2;
//             e^{u} -> exp(u)
//   functions exp(1) -> e (the constant); logsumexp flattens nested calls,
//             logsumexp(logsumexp(a, b), c) -> logsumexp(a, b, c), and
//             logsumexp(a) -> a
// Nothing else: like terms (x + x), like factors (x x), functions of
// constants (exp(0)) are left to `simplify` (simplify.hpp).
//
//   a - b  is built as  a + (-1) b,   a / b  as  a b^{-1},   -a  as  (-1) a.
//
// Mixed arithmetic with int/double works on either side through Expr's
// implicit constructors (x + 1, 0.5 * x, 1 / x).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "expr.hpp"

namespace chainrule::symbolic {

/// a_1 + ... + a_n with the cheap canonicalisation above (n may be 0 -> 0).
Expr make_sum(std::vector<Expr> terms);
/// a_1 \cdot ... \cdot a_n with the cheap canonicalisation above (n = 0 -> 1).
Expr make_product(std::vector<Expr> factors);
/// base^{exponent} with the cheap canonicalisation above.
Expr make_power(const Expr& base, const Expr& exponent);
/// f(args...) with the canonicalisation above.  Throws std::invalid_argument
/// unless f accepts args.size() arguments (accepts_arguments).
Expr make_function(Function f, std::vector<Expr> args);

/// a_1 + a_2 + ... built one term at a time: after add(a_k), value() is the
/// expression that the nested sums  ((a_1 + a_2) + a_3) + ... + a_k  (operator+,
/// make_sum) give, node for node, but the partial sums are never built: the
/// terms are appended to one list and interned once, by value().  Building a
/// sum of n terms this way is linear in n; through operator+ it is quadratic.
class SumChain {
public:
    explicit SumChain(const Expr& first);
    /// this = make_sum({this, term}).
    void add(const Expr& term);
    Expr value() const;

private:
    void splice(const Expr& term);
    std::vector<Expr> terms_;
    Rational constant_ = 0;                    // the numeric term, at terms_[*slot_]
    std::optional<std::size_t> slot_;
};

/// a_1 a_2 ... built one factor at a time, as SumChain: value() equals the
/// nested products  ((a_1 a_2) a_3) ... (operator*, make_product).
class ProductChain {
public:
    explicit ProductChain(const Expr& first);
    /// this = make_product({this, factor}).
    void multiply(const Expr& factor);
    Expr value() const;

private:
    std::vector<Expr> factors_;
    Rational coefficient_ = 1;
};

Expr operator+(const Expr& a, const Expr& b);
Expr operator-(const Expr& a, const Expr& b);
Expr operator*(const Expr& a, const Expr& b);
/// a b^{-1}.  Division by the constant 0 is not an error: it yields the node
/// 0^{-1}, which evaluates to an infinity or NaN like floating point would.
Expr operator/(const Expr& a, const Expr& b);
Expr operator-(const Expr& a);
inline Expr operator+(const Expr& a) { return a; }

Expr& operator+=(Expr& a, const Expr& b);
Expr& operator-=(Expr& a, const Expr& b);
Expr& operator*=(Expr& a, const Expr& b);
Expr& operator/=(Expr& a, const Expr& b);

}  // namespace chainrule::symbolic
