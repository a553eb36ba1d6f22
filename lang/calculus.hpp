#pragma once
/// \file calculus.hpp
/// What `chainrule grad`, `diff` and `descend` compute from a typed expression: the value
/// and gradient at a point (reverse mode, 50 digits), the simplified symbolic derivative,
/// and a table of plain gradient-descent steps.

#include "../symbolic/expr.hpp"
#include "ast.hpp"
#include "diagnostic.hpp"
#include "numbers.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chainrule::lang {

/// Named values, in the order given (`x=3, y=1`).
struct Point {
    std::vector<std::string> names;
    std::vector<Real> values;
};

/// The point of a parsed binding list; throws LangError (at the name) for a name given
/// twice.
Point make_point(const std::vector<Binding>& bindings, const Source& source);

struct Gradient {
    Real value;
    std::vector<Real> partials;  ///< ∂f/∂(point.names[i])
};

/// f and ∇f at `point`: the variables are the point's names (a name of the point that the
/// expression does not use has partial 0). `option` names where the point came from in
/// messages ("--at"). Throws LangError for a name without a value, unknown functions,
/// wrong arity, and a value or gradient that is not finite.
Gradient gradient_at(const ExprNode& expression, const Source& source, const Point& point,
                     std::string_view option = "--at");

/// ∂f/∂wrt, simplified; every name of the expression is a symbol. Throws LangError.
symbolic::Expr derivative(const ExprNode& expression, const Source& source, std::string_view wrt);

struct DescentOptions {
    Real learning_rate;
    std::optional<Condition> until;  ///< stop at the first step that satisfies it
    std::size_t max_steps = 100;     ///< most updates made
};

struct DescentStep {
    std::size_t step = 0;
    std::vector<Real> point;
    Real value;                  ///< J at the point
    std::vector<Real> gradient;  ///< ∇J at the point (the next update is −η ∇J)
    Real gradient_norm;
};

struct Descent {
    std::vector<std::string> names;
    std::vector<DescentStep> steps;  ///< step 0 is the start
    bool reached = false;            ///< the `until` condition holds at the last step
};

/// Plain gradient descent x ← x − η ∇J(x) from `start`, in 50-digit arithmetic: step 0
/// is the start, then one row per update, until the condition holds or max_steps updates
/// were made. Throws LangError (as gradient_at) when J or ∇J stops being finite.
Descent descend(const ExprNode& expression, const Source& source, const Point& start, const DescentOptions& options);

/// Whether a step satisfies the condition (J or |∇J| below the bound).
bool satisfies(const Condition& condition, const DescentStep& step);

}  // namespace chainrule::lang
