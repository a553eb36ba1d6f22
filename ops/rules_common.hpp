#pragma once
/// \file rules_common.hpp
/// Shared pieces of the op rules: the pair of local partials of a binary op, the facts and
/// constants a rule may state, and the namespace set-up that lets every rule call math
/// functions unqualified (std:: and chainrule::math for numbers, argument-dependent lookup
/// for symbolic::Expr).
///
/// A rule struct ops::<Name> (one per row of ops/catalogue.hpp) has, all static:
///   - `value(x)` and `partial(x, y)` (unary; y is the recorded output), `value(x, p)` and
///     `partial(x, y, p)` (param ops), or `value(a, b)` and `partials(a, b, y)` (binary):
///     templates in the scalar type T, what the tape runs in double, Real and
///     symbolic::Expr. Conventions at singular points apply to numeric T
///     (`if constexpr (NumericScalar<T>)`); stable formulas are chosen for numbers.
///   - functions of symbolic::Expr (CHAINRULE_UNARY_FUNCTIONS, CHAINRULE_BINARY_FUNCTIONS)
///     also `derivative(u, self)` (unary) or `derivative(a, b, i, self)` (∂/∂ of argument
///     i): the formula symbolic::diff uses, written separately from `partial` so that the
///     two check each other (tests/lang/op_catalogue_test.cpp). It is a template only to
///     keep this layer free of symbolic/; E is always symbolic::Expr, and `self` is the
///     node f(u) itself.
///   - `facts` (ops/facts.hpp): LaTeX name and simplification folds.

#include "constants.hpp"
#include "facts.hpp"
#include "scalar_math.hpp"

namespace chainrule::ops {

using namespace chainrule::math;  // NOLINT: unqualified calls must see the numeric overloads

/// Local partials ∂y/∂a and ∂y/∂b of a binary op y = f(a, b).
template <class T>
struct Partials {
    T da;
    T db;
};

}  // namespace chainrule::ops
