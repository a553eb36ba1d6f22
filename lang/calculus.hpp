#pragma once
/// \file calculus.hpp
/// What `chainrule grad`, `diff` and `descend` compute from a typed expression: the value
/// and gradient at a point (reverse mode, 50 digits), the simplified symbolic derivative,
/// and a table of gradient-descent steps (models/: SGD, momentum, Nesterov, Adam).

#include "../symbolic/expr.hpp"
#include "ast.hpp"
#include "diagnostic.hpp"
#include "numbers.hpp"

#include "../models/optimizers.hpp"
#include "../models/stopping.hpp"

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
    /// The update rule and its hyper-parameters: sgd (the default), momentum, nesterov,
    /// adam (models/optimizers.hpp); learning_rate must be set.
    models::OptimizerSettings<Real> optimizer;
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

/// Gradient descent from `start` in 50-digit arithmetic with the optimizer of `options`
/// (plain SGD: x ← x − η ∇J(x)), through models::minimize: step 0 is the start, then one
/// row per update, until the condition holds or max_steps updates were made. Throws
/// LangError (as gradient_at) when J or ∇J stops being finite, models::ModelError for an
/// unknown optimizer or a hyper-parameter out of range.
Descent descend(const ExprNode& expression, const Source& source, const Point& start, const DescentOptions& options);

/// The stopping rule of an `--until` condition (J or |∇J| below the bound) and a most
/// number of updates.
models::StoppingRule<Real> stopping_rule(const std::optional<Condition>& until, std::size_t max_steps);

}  // namespace chainrule::lang
