#pragma once
/// \file descent_newton.hpp
/// `chainrule descend --method newton`: Newton's method on a typed J in 50-digit arithmetic
/// (models::newton_minimize: the Hessian from the tape by forward-over-reverse, LDLᵀ,
/// a gradient step where H is not positive definite, a backtracking Armijo line search),
/// with the rows, endings and rules of gradient descent (descent_watch.hpp) and per row
/// the step length t and how the update was made. Rules: docs/cli.md (`descend`).

#include "ast.hpp"
#include "calculus.hpp"
#include "diagnostic.hpp"
#include "numbers.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace chainrule::lang {

/// The update that led to a row (nothing at step 0).
struct NewtonRow {
    std::optional<Real> step_length;  ///< t: the step was t·d
    /// "Newton" (d = −H⁻¹∇J, t = 1), "Newton, damped" (t < 1), or for a gradient step
    /// d = −∇J why H could not be used: "gradient step: H not positive definite at step 0
    /// (eigenvalues -0.8323, 2)", "… H singular …", "… H not finite …". Empty at step 0.
    std::string update;
    bool gradient_step = false;
};

struct NewtonDescent {
    Descent run;                  ///< rows and ending as for gradient descent (also Stationary, LineSearchFailed)
    std::vector<NewtonRow> rows;  ///< one per row of run.steps
    /// The updates that were gradient steps because H was not positive definite (or not finite).
    std::size_t gradient_steps() const;
};

/// Newton's method from `start` until `until` holds, max_steps updates were made, ∇J is
/// exactly 0 (DescentEnd::Stationary, with a message saying whether H there is positive
/// definite: a minimum, or a saddle/maximum), no step length decreases J
/// (DescentEnd::LineSearchFailed), or the run fails as a gradient descent does (overflow,
/// left the domain of J). Throws LangError when the start is outside the domain of J.
NewtonDescent newton_descend(const ExprNode& expression, const Source& source, const Point& start,
                             const std::optional<Condition>& until, std::size_t max_steps);

/// Eigenvalues as a short list ("-0.8323, 2"; 4 significant digits).
std::string eigenvalue_list(const std::vector<Real>& eigenvalues);

}  // namespace chainrule::lang
