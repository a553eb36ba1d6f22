// Internal: the node-level rewrite rules of simplify.  Each takes operands
// that are already simplified and returns a node in normal form (as far as a
// single rule can; the driver in simplify.cpp repeats until a fixed point).
#pragma once

#include <vector>

#include "expr.hpp"

namespace chainrule::symbolic::detail {

Expr simplify_sum(const std::vector<Expr>& terms);
Expr simplify_product(const std::vector<Expr>& factors);
Expr simplify_power(const Expr& base, const Expr& exponent);
Expr simplify_function(Function f, const std::vector<Expr>& args);

/// Splits a term into numeric coefficient and the rest:  -3 x y -> (-3, x y),
/// x -> (1, x), 5 -> (5, 1).
struct Coefficient {
    Rational value;
    Expr rest;
};
Coefficient split_coefficient(const Expr& term);

/// Equality up to the order of the operands of a top-level sum or product
/// (x y ~ y x), used to find like terms and like factors.
bool same_up_to_order(const Expr& a, const Expr& b);
/// A hash that agrees for expressions that are same_up_to_order.
std::size_t order_free_hash(const Expr& e);

}  // namespace chainrule::symbolic::detail
