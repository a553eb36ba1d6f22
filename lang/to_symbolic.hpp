#pragma once
/// \file to_symbolic.hpp
/// An expression tree as a symbolic::Expr: numbers become exact rationals, every name a
/// symbol, Constant nodes (constants.hpp: bind_constants turns the names pi and e into
/// them) the exact constants π and e, calls the symbolic functions (with the same names,
/// aliases and arities as on the tape; logsumexp is one n-ary call), so `diff` can
/// differentiate what the user typed.

#include "../symbolic/expr.hpp"
#include "ast.hpp"
#include "diagnostic.hpp"

namespace chainrule::lang {

/// Throws LangError for unknown functions, wrong arity and division by a constant zero.
symbolic::Expr to_symbolic(const ExprNode& expression, const Source& source);

}  // namespace chainrule::lang
