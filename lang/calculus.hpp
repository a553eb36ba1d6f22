#pragma once
/// \file calculus.hpp
/// What `chainrule grad`, `diff` and `descend` compute from a typed expression: the value
/// and gradient at a point (reverse mode, 50 digits), the simplified symbolic derivative,
/// and a table of gradient-descent steps (models/: SGD, momentum, Nesterov, Adam).

#include "../symbolic/expr.hpp"
#include "ast.hpp"
#include "diagnostic.hpp"
#include "numbers.hpp"
#include "../graph/tape.hpp"
#include "../precision/certainty.hpp"

#include "../models/optimizers.hpp"
#include "../models/stopping.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chainrule::lang {

/// Named values, in the order given (`x=3, y=1`).
struct Point {
    std::vector<std::string> names;
    std::vector<Real> values;
    /// The decimal text of each value, when it came from text: each rung of the precision
    /// ladder reads it again at its own precision (empty: the values are used as they are).
    std::vector<std::string> texts;
};

/// The point of a parsed binding list; throws LangError (at the name) for a name given
/// twice.
Point make_point(const std::vector<Binding>& bindings, const Source& source);

struct Gradient {
    Real value;
    std::vector<Real> partials;  ///< ∂f/∂(point.names[i])
    Certainty value_certainty;   ///< what the precision ladder established
    std::vector<Certainty> partial_certainty;
    /// When f or a partial is infinite or undefined: the op that makes it so, e.g.
    /// "sqrt′ at 0" (autodiff/singular_ops.hpp); empty otherwise.
    std::string singular;
    /// When an op sits exactly at its kink or jump (relu at 0, max at a tie): that op, e.g.
    /// "relu at 0"; the partials follow its convention there. Empty otherwise.
    std::string kink;
    /// f and each partial when it is an exact rational: the expression and its simplified
    /// symbolic derivatives evaluated in exact arithmetic at the point's decimals
    /// (symbolic/exact_value.hpp: + − × ÷, rational powers, abs, relu, min, max, …), kept
    /// only where it agrees with the certified number. Empty (no entries) when the point's
    /// values have no text; nothing for a result that is not rational (sin, exp, π, …).
    std::optional<Rational> exact_value;
    std::vector<std::optional<Rational>> exact_partials;
};

/// f and ∇f at `point`, certified for `digits` significant digits by the precision ladder
/// (precision/ladder.hpp): the variables are the point's names (a name of the point that
/// the expression does not use has partial 0); `pi` and `e` are the constants π and e
/// unless the point names them (constants.hpp). An infinite partial (sqrt at 0) or value
/// (log at 0) is a result, named in Gradient::singular. `option` names where the point
/// came from in messages ("--at"). Throws LangError for a name without a value, unknown
/// functions, wrong arity, and a value that is undefined (NaN: outside the domain).
Gradient gradient_at(const ExprNode& expression, const Source& source, const Point& point,
                     std::string_view option = "--at", int digits = 10);

/// Throws the LangError of a name in an expression that `point` (typed for `option`:
/// "--at", "--from") gives no value, at the name, listing the point's variables.
[[noreturn]] Var<Real> unknown_point_name(const ExprNode& n, const Source& source, const Point& point,
                                          std::string_view option);

/// f recorded on `tape` in Real at the current precision (a rung of the ladder: the
/// point's decimals read again), the point's names as variables (appended to `variables`,
/// in order). `option` names where the point came from in messages. Throws LangError as
/// gradient_at().
Var<Real> record_at_point(Tape<Real>& tape, std::vector<Var<Real>>& variables, const ExprNode& expression,
                          const Source& source, const Point& point, std::string_view option);

/// r when it is the value x was certified as (so a fraction is shown only for the number
/// the ladder computed; a mismatch would mean the symbolic and the tape derivatives differ).
std::optional<Rational> agreeing_rational(const std::optional<Rational>& r, const Real& x);

/// A result that is an exact rational at the point's decimals is settled by it, whatever
/// the ladder could establish: exp(x) − exp(x) is 0 at every rung, but mixed rounding
/// moves it (two separately rounded e^x), so the ladder gives only 0 within a bound.
void settle_by_exact_rational(Real& x, Certainty& c, const std::optional<Rational>& exact);

/// The arithmetic of a plain (uncertified) reverse sweep, to show what a framework gives.
enum class Arithmetic { Double, Float };

/// f and ∇f by one reverse sweep in double or float (the point's decimals rounded to the
/// type once): what PyTorch or NumPy print in float64/float32, rounding errors included.
/// Certainties are left at their defaults; nothing is verified.
Gradient plain_gradient_at(const ExprNode& expression, const Source& source, const Point& point, Arithmetic arithmetic);

/// ∂f/∂wrt, simplified; every name of the expression is a symbol but pi and e, the
/// constants π and e (unless wrt is that name). Throws LangError.
symbolic::Expr derivative(const ExprNode& expression, const Source& source, std::string_view wrt);

/// The higher derivative ∂ⁿf/∂wrt[n−1]⋯∂wrt[0]: f differentiated by each name in turn,
/// simplified at every step (∂²f/∂x∂y for {"x", "y"}; {"x", "x"} for ∂²f/∂x²). Throws
/// LangError as derivative().
symbolic::Expr derivative(const ExprNode& expression, const Source& source, const std::vector<std::string>& wrt);

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

/// Why a descent stopped. Reached and MaxSteps are normal ends; the others mean the run
/// failed although the input was valid (the CLI's exit code 1). Rules: docs/cli.md.
enum class DescentEnd {
    Reached,            ///< the `until` condition holds at the last row
    MaxSteps,           ///< max_steps updates were made
    Diverged,           ///< J rose more than 10⁶·max(1, |J₀|) above J₀ at the last row
    Overflow,           ///< an iterate, J or a partial beyond the double range (or the 50-digit range)
    LeftDomain,         ///< J not finite: a function outside its domain, a division by zero
    NotDifferentiable,  ///< J finite but ∇J not (sqrt at 0, …)
    Stationary,         ///< Newton's method: ∇J is exactly 0 at the last row (a normal end)
    LineSearchFailed,   ///< Newton's method: no step length decreased J enough (descent_newton.hpp)
    Converged,          ///< Newton's method: a step no longer decreases J at 50 digits (a normal end)
};

/// "reached", "max_steps", "diverged", "overflow", "left_domain", "not_differentiable",
/// "stationary", "line_search_failed", "converged".
std::string_view to_string(DescentEnd end);

struct DescentEnding {
    DescentEnd kind = DescentEnd::MaxSteps;
    /// The step it ended at: the last row for Reached, MaxSteps, Diverged and Stationary;
    /// for the others the step after the last row (its values could not be computed, or no
    /// step was found, so it has none).
    std::size_t step = 0;
    /// One line for a failed run ("overflow at step 4: J = 1.6e420 exceeds the range of a
    /// double (1.797693135e308)", "left the domain of log at step 1 (x = -9)") and for a
    /// Stationary end ("the gradient is exactly 0 at step 1 …"); empty otherwise.
    std::string message;
    bool failed() const {
        return kind != DescentEnd::Reached && kind != DescentEnd::MaxSteps && kind != DescentEnd::Stationary &&
               kind != DescentEnd::Converged;
    }
};

struct Descent {
    std::vector<std::string> names;
    std::vector<DescentStep> steps;  ///< step 0 is the start; every row has finite values
    bool reached = false;            ///< the `until` condition holds at the last step
    DescentEnding ending;
    /// Once J has risen at kRisingStepsWarning updates in a row: a line saying so and that
    /// the learning rate may be too large; empty otherwise.
    std::string warning;
};

/// J rising at this many consecutive updates gives Descent::warning.
inline constexpr std::size_t kRisingStepsWarning = 10;

/// Gradient descent from `start` in 50-digit arithmetic with the optimizer of `options`
/// (plain SGD: x ← x − η ∇J(x)), through models::minimize: step 0 is the start, then one
/// row per update, until the condition holds, max_steps updates were made, or the run
/// fails (diverged, overflow, left the domain of J: `ending` says which and where; the
/// rows computed so far are kept). Throws LangError when the start itself is outside the
/// domain (J or ∇J not finite there), models::ModelError for an unknown optimizer or a
/// hyper-parameter out of range.
Descent descend(const ExprNode& expression, const Source& source, const Point& start, const DescentOptions& options);

/// The stopping rule of an `--until` condition (J or |∇J| below the bound) and a most
/// number of updates.
models::StoppingRule<Real> stopping_rule(const std::optional<Condition>& until, std::size_t max_steps);

}  // namespace chainrule::lang
