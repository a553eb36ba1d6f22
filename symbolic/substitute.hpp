// substitute: structural replacement of subtrees.
//
// Every subtree *structurally equal* to a pattern is replaced (top-down: a
// match is replaced whole and not searched further), simultaneously for all
// patterns of a map; replacements are not searched again.  Matching is
// structural, not algebraic: the pattern x y matches the node x y but not a
// factor pair inside x y z, and  x + y  does not match  y + x.  Rebuilt
// nodes get the cheap canonicalisation of construction, not `simplify`.
//
// Typical use: with  out = \sigma(in),
//   substitute(diff(sigmoid(in), in), sigmoid(in), out)  ->  out (1 - out)
#pragma once

#include <unordered_map>

#include "expr.hpp"

namespace chainrule::symbolic {

using Substitution = std::unordered_map<Expr, Expr>;

Expr substitute(const Expr& e, const Expr& pattern, const Expr& replacement);
Expr substitute(const Expr& e, const Substitution& replacements);

}  // namespace chainrule::symbolic
