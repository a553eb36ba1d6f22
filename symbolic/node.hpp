// Internal: the node behind an Expr and the raw (non-canonicalising) node
// builders.  Only the symbolic/ sources use this header; client code builds
// expressions through arithmetic.hpp and functions.hpp.
#pragma once

#include <vector>

#include "expr.hpp"

namespace chainrule::symbolic {

class Node {
public:
    Kind kind = Kind::constant;
    Function fn = Function::exp;  // meaningful for Kind::function only
    std::size_t hash = 0;
    std::string name;             // Kind::symbol
    Rational value;               // Kind::constant
    std::vector<Expr> ops;        // sum, product, power, function
    mutable const Node* next_dying = nullptr;  // intrusive free list (intern.cpp)
};

namespace detail {

/// Interns a node exactly as given (no canonicalisation at all).  Sums and
/// products need >= 2 operands, powers exactly 2, functions their arity.
Expr raw_sum(std::vector<Expr> terms);
Expr raw_product(std::vector<Expr> factors);
Expr raw_power(Expr base, Expr exponent);
Expr raw_function(Function f, std::vector<Expr> args);
Expr raw_constant(Rational value);
Expr raw_symbol(std::string name);

/// Rebuilds a node of e's kind (and function) from new operands, through the
/// canonicalising builders of arithmetic.hpp.  Used by substitute and friends.
Expr rebuild(const Expr& e, std::vector<Expr> ops);

/// Number of nodes currently alive in the hash-consing table (for tests).
std::size_t interned_node_count();

}  // namespace detail
}  // namespace chainrule::symbolic
