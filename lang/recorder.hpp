#pragma once
/// \file recorder.hpp
/// Recording an expression tree on a Tape<Real>.
///
/// - Names become the nodes the resolver gives (the model's declarations and
///   definitions, or the variables of --at).
/// - Constant subexpressions are folded exactly while the result stays a short decimal
///   (1/2 → 0.5, 2^-3 → 0.125, -3 → −3), so `1/2*(t − y)^2` records one constant ½ and
///   the worksheet prints ½; others (1/3, 2^0.5) stay as operations on constants, whose
///   symbolic form is exact (1/3, 2^{1/2}).
/// - x^c with a constant c records one x^p node, c^x one p^x node, log(x, c) one log_p
///   node, leaky_relu(x, c) one node with slope c (which must be constant).
/// - `pi` and `e` (Constant nodes, constants.hpp) record π and e exactly
///   (Tape::math_constant); e^u records exp(u).
/// - logsumexp(a, b, …) records logaddexp nodes folded left; logsumexp(a) is a.
/// - Division by a constant zero is an error at the divisor.

#include "../chainrule.hpp"
#include "ast.hpp"
#include "diagnostic.hpp"
#include "numbers.hpp"

#include <functional>

namespace chainrule::lang {

/// The node a Name node stands for; throws LangError (unknown name, …) when there is none.
using NameResolver = std::function<Var<Real>(const ExprNode& name)>;

/// Records `expression` (parsed from `source`) on `tape` and returns its output node.
/// Throws LangError for unknown functions, wrong arity, a non-constant leaky_relu slope
/// and division by a constant zero.
Var<Real> record_expression(Tape<Real>& tape, const ExprNode& expression, const Source& source,
                            const NameResolver& resolve);

}  // namespace chainrule::lang
