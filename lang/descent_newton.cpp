#include "descent_newton.hpp"

#include "../models/newton.hpp"
#include "../precision/number_format.hpp"
#include "constants.hpp"
#include "descent_objective.hpp"
#include "descent_watch.hpp"

#include <algorithm>
#include <stdexcept>

namespace chainrule::lang {

namespace {

// Thrown by on_step to end a run that failed; the rows kept so far stay in the run.
struct NewtonStopped {
    DescentEnding ending;
};

std::string newton_step_text(std::size_t step) { return "step " + std::to_string(step); }

// What kind of matrix H is, from its eigenvalues (ascending; empty: not finite).
std::string hessian_kind(const std::vector<Real>& eigenvalues) {
    if (eigenvalues.empty()) return "not finite";
    if (eigenvalues.front() == 0) return "singular";
    return eigenvalues.front() > 0 ? "positive definite" : "not positive definite";
}

std::string with_eigenvalues(const std::vector<Real>& eigenvalues) {
    return eigenvalues.empty() ? "" : " (eigenvalues " + eigenvalue_list(eigenvalues) + ")";
}

NewtonRow newton_row(const models::NewtonStep<Real>& s) {
    switch (s.update) {
        case models::NewtonUpdate::None: return {};
        case models::NewtonUpdate::Newton: return {s.step_length, s.halvings == 0 ? "Newton" : "Newton, damped", false};
        case models::NewtonUpdate::GradientStep: break;
    }
    const std::string kind = hessian_kind(s.eigenvalues);
    return {s.step_length,
            "gradient step: H " + (kind == "positive definite" ? "not positive definite" : kind) + " at " +
                newton_step_text(s.point.step - 1) + with_eigenvalues(s.eigenvalues),
            true};
}

std::string point_text(const std::vector<std::string>& names, const std::vector<Real>& point) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i] + " = " + format_number(point[i], 10);
    return out;
}

// What a point where ∇J = 0 is, read off H's eigenvalues.
std::string stationary_kind(const std::vector<Real>& e) {
    if (e.empty()) return "H is not finite there";
    const std::string values = eigenvalue_list(e);
    if (e.front() > 0) return "a minimum (H is positive definite: eigenvalues " + values + ")";
    if (e.front() < 0 && e.back() > 0) return "a saddle point, not a minimum (H has eigenvalues " + values + ")";
    if (e.back() < 0) return "a maximum, not a minimum (H has eigenvalues " + values + ")";
    return "H is singular there (eigenvalues " + values + "): its second derivatives do not tell whether it is a minimum";
}

DescentEnding ending_of(const models::NewtonResult<Real>& result, const Descent& run, bool until) {
    const std::size_t k = result.updates();
    switch (result.end) {
        case models::NewtonEnd::Rule: {
            const bool reached = until && result.reason != models::StopReason::MaxSteps;
            return {reached ? DescentEnd::Reached : DescentEnd::MaxSteps, k, ""};
        }
        case models::NewtonEnd::Stationary:
            return {DescentEnd::Stationary, k,
                    "stationary point at " + newton_step_text(k) + " (" + point_text(run.names, run.steps.back().point) +
                        "): the gradient is exactly 0, " + stationary_kind(result.eigenvalues) +
                        "; Newton's method stops there"};
        case models::NewtonEnd::Converged:
            return {DescentEnd::Converged, k,
                    "converged at " + newton_step_text(k) + " (" + point_text(run.names, run.steps.back().point) +
                        "): the next Newton step does not decrease J in 50-digit arithmetic, so J is at its minimum "
                        "to working precision; Newton's method stops there"};
        case models::NewtonEnd::LineSearchFailed: break;
    }
    return {DescentEnd::LineSearchFailed, k + 1,
            "line search failed at " + newton_step_text(k + 1) + ": no step length t = 1, 1/2, ..., 2^-50 decreased J enough from " +
                newton_step_text(k) + " (Armijo: J(x + t d) <= J(x) + 1e-4 t grad.d)"};
}

}  // namespace

std::size_t NewtonDescent::gradient_steps() const {
    return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const NewtonRow& r) { return r.gradient_step; }));
}

std::string eigenvalue_list(const std::vector<Real>& eigenvalues) {
    std::string out;
    for (const Real& e : eigenvalues) out += (out.empty() ? "" : ", ") + format_number(e, 4);
    return out;
}

NewtonDescent newton_descend(const ExprNode& typed, const Source& source, const Point& start,
                             const std::optional<Condition>& until, std::size_t max_steps) {
    const ExprNode expression = bind_constants(typed, start.names);  // pi, e unless --from names them
    std::vector<Real> evaluating = start.values;  // the point being computed, for a throw inside J
    NewtonDescent out{Descent{start.names, {}, false, {}, {}}, {}};
    Descent& run = out.run;
    DescentWatch watch(expression, source, start.names);
    models::NewtonOptions<Real> newton;
    newton.stop = stopping_rule(until, max_steps);
    newton.on_step = [&](const models::NewtonStep<Real>& s) {
        const models::TrainingStep<Real>& p = s.point;
        DescentStep row{p.step, p.parameters, p.loss, p.gradient, p.gradient_norm};
        if (std::optional<DescentEnding> end = watch.unusable(row)) throw NewtonStopped{std::move(*end)};
        run.steps.push_back(std::move(row));
        out.rows.push_back(newton_row(s));
        if (std::optional<DescentEnding> end = watch.diverged(run.steps.back())) throw NewtonStopped{std::move(*end)};
    };
    const auto minimize = [&] {
        try {
            const models::NewtonResult<Real> result = models::newton_minimize<Real>(
                descent_objective(expression, source, start, evaluating), start.values, newton);
            run.ending = ending_of(result, run, until.has_value());
            run.reached = run.ending.kind == DescentEnd::Reached;
        } catch (const NewtonStopped& stopped) {
            run.ending = stopped.ending;
        }
    };
    if (std::optional<DescentEnding> failed = watch.guarded(minimize, run.steps, evaluating)) run.ending = *failed;
    if (run.steps.empty()) refuse_start(run.ending, source);
    run.warning = watch.warning();
    return out;
}

}  // namespace chainrule::lang
