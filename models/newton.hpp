#pragma once
/// \file newton.hpp
/// newton_minimize(): Newton's method, p ← p − t H⁻¹∇J, with the Hessian H from the tape
/// (autodiff/second_order.hpp, forward-over-reverse) and a backtracking line search, keeping
/// the same history as minimize() (training_loop.hpp): step 0 is the start, step k the point
/// after k updates with J, ∇J, ‖∇J‖ and H there, plus how the update that led to it was made.
///
/// **The update** (Nocedal & Wright, *Numerical Optimization*, 2nd ed., §3.1, §3.4):
/// - H positive definite (every pivot of its LDLᵀ factorisation, Eigen's LDLT with
///   symmetric pivoting, is > 0): the Newton direction d = −H⁻¹∇J, a descent direction.
///   LDLᵀ takes no square roots, so a diagonal H gives d_i = −g_i/H_ii exactly (J = x²
///   from 3: x₁ = 3 − 6/2 = 0, where Cholesky's √2·√2 would leave a rounding).
/// - H not positive definite (an eigenvalue ≤ 0: a saddle, a maximum, a singular H) or not
///   finite: d = −∇J, a gradient step — the Newton direction may then point uphill or not
///   exist. The eigenvalues of H are kept (NewtonStep::eigenvalues) so the caller can say why.
/// - **Backtracking (Armijo) line search** along d: t = 1, 1/2, 1/4, … (at most
///   max_halvings halvings) until J(p + t d) ≤ J(p) + c·t·∇Jᵀd with c = 10⁻⁴. A trial point
///   where J is not finite or its arithmetic throws counts as no decrease. The full Newton
///   step t = 1 is always tried first, so near a minimum with H positive definite the
///   convergence is quadratic (J = x²: one step).
///
/// **Ends**: the stopping rule (stopping.hpp) as in minimize(); ∇J exactly 0 (a stationary
/// point: no direction moves; NewtonEnd::Stationary, with H's eigenvalues to tell a minimum
/// from a saddle); no acceptable t after max_halvings halvings (NewtonEnd::LineSearchFailed).

#include "../autodiff/reverse_sweep.hpp"
#include "../autodiff/replay.hpp"  // recorded_inputs
#include "../autodiff/second_order.hpp"
#include "../graph/matrix.hpp"
#include "../graph/tape.hpp"
#include "../ops/numeric_scalar.hpp"
#include "stopping.hpp"
#include "symmetric_eigenvalues.hpp"
#include "training_loop.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <vector>

namespace chainrule::models {

/// How the update that led to a step was made.
enum class NewtonUpdate {
    None,          ///< step 0: no update yet
    Newton,        ///< d = −H⁻¹∇J (H positive definite)
    GradientStep,  ///< d = −∇J: H was not positive definite, or not finite
};

/// One row of the history: the point and its derivatives, and the update that led to it.
template <class T>
struct NewtonStep {
    TrainingStep<T> point;  ///< p_k, J(p_k), ∇J(p_k), ‖∇J(p_k)‖
    Matrix<T> hessian;      ///< H(p_k)
    NewtonUpdate update = NewtonUpdate::None;
    T step_length = T(0);       ///< t of the update that led here (step ≥ 1)
    std::size_t halvings = 0;   ///< t = 2^−halvings
    /// For a GradientStep: the eigenvalues of H at the previous point, ascending (empty when
    /// H was not finite).
    std::vector<T> eigenvalues;
};

enum class NewtonEnd {
    Rule,              ///< the stopping rule holds (NewtonResult::reason)
    Stationary,        ///< ∇J is exactly 0 at the last step
    LineSearchFailed,  ///< no t = 2^−h, h ≤ max_halvings, decreased J enough
    Converged,         ///< the accepted step left J unchanged: no decrease is representable (last step kept)
};

template <class T>
struct NewtonOptions {
    StoppingRule<T> stop;
    /// Called at every step (also step 0 and the last) before the stopping rule is checked;
    /// may throw to abort the run (the exception propagates).
    std::function<void(const NewtonStep<T>&)> on_step;
    T sufficient_decrease = T(1) / T(10000);  ///< Armijo's c
    std::size_t max_halvings = 50;
};

template <class T>
struct NewtonResult {
    std::vector<NewtonStep<T>> history;  ///< step 0 first; back() is where the run stopped
    NewtonEnd end = NewtonEnd::Rule;
    StopReason reason = StopReason::MaxSteps;  ///< when end is Rule
    /// Stationary: the eigenvalues of H at the last point, ascending (empty if H is not finite).
    std::vector<T> eigenvalues;
    std::size_t updates() const { return history.back().point.step; }
};

namespace detail {

/// J, ∇J, ‖∇J‖ and H at `p`, recorded on a fresh tape.
template <class T>
NewtonStep<T> second_order_step(const Objective<T>& objective, std::span<const T> p, std::size_t step) {
    NewtonStep<T> s;
    s.point = evaluate<T>(objective, p, step);
    Tape<T> tape;
    std::vector<Var<T>> inputs;
    for (const T& x : p) inputs.push_back(tape.variable(x));
    const Var<T> J = objective(tape, std::span<const Var<T>>(inputs));
    s.hessian = inputs.empty() ? Matrix<T>(0, 0) : hessian(J, inputs);
    return s;
}

template <class T>
struct NewtonDirection {
    std::vector<T> d;
    NewtonUpdate kind = NewtonUpdate::Newton;
    std::vector<T> eigenvalues;  ///< for a GradientStep
};

/// −H⁻¹g when H is positive definite (LDLᵀ pivots > 0), else −g with H's eigenvalues.
template <class T>
NewtonDirection<T> newton_direction(const Matrix<T>& h, const std::vector<T>& g) {
    const auto n = static_cast<Eigen::Index>(g.size());
    Matrix<T> minus_g(n, 1);
    for (Eigen::Index i = 0; i < n; ++i) minus_g(i, 0) = -g[static_cast<std::size_t>(i)];
    const bool finite = std::all_of(h.data(), h.data() + h.size(), [](const T& x) { return is_finite(x); });
    if (finite) {
        const Eigen::LDLT<Matrix<T>> ldlt(h);
        bool positive = true;  // every pivot > 0 (vectorD() is a strided view: no data() ranges)
        for (Eigen::Index i = 0; i < n; ++i) positive = positive && ldlt.vectorD()(i) > 0;
        if (ldlt.info() == Eigen::Success && positive) {
            const Matrix<T> d = ldlt.solve(minus_g);
            return {std::vector<T>(d.data(), d.data() + d.size()), NewtonUpdate::Newton, {}};
        }
    }
    return {std::vector<T>(minus_g.data(), minus_g.data() + n), NewtonUpdate::GradientStep, symmetric_eigenvalues(h)};
}

/// J at `p`, or nothing when its arithmetic throws (outside a domain, beyond a range).
template <class T>
std::optional<T> value_at(const Objective<T>& objective, std::span<const T> p) {
    try {
        Tape<T> tape;
        std::vector<Var<T>> inputs;
        for (const T& x : p) inputs.push_back(tape.variable(x));
        return objective(tape, std::span<const Var<T>>(inputs)).value();
    } catch (const std::domain_error&) {
    } catch (const std::range_error&) {
    } catch (const std::overflow_error&) {
    }
    return std::nullopt;
}

template <class T>
struct AcceptedStep {
    std::vector<T> point;
    T t;
    std::size_t halvings = 0;
};

/// The first t = 1, 1/2, 1/4, … with J(p + t d) ≤ J(p) + c·t·∇Jᵀd (Armijo), or nothing.
template <class T>
std::optional<AcceptedStep<T>> backtrack(const Objective<T>& objective, const TrainingStep<T>& at,
                                         const std::vector<T>& d, const NewtonOptions<T>& options) {
    T slope = T(0);
    for (std::size_t i = 0; i < d.size(); ++i) slope += at.gradient[i] * d[i];
    T t = T(1);
    for (std::size_t h = 0; h <= options.max_halvings; ++h, t /= 2) {
        std::vector<T> x = at.parameters;
        for (std::size_t i = 0; i < x.size(); ++i) x[i] += t * d[i];
        const std::optional<T> J = value_at(objective, std::span<const T>(x));
        if (J && is_finite(*J) && *J <= at.loss + options.sufficient_decrease * t * slope)
            return AcceptedStep<T>{std::move(x), t, h};
    }
    return std::nullopt;
}

template <class T>
bool all_zero(const std::vector<T>& g) {
    return std::all_of(g.begin(), g.end(), [](const T& x) { return x == 0; });
}

}  // namespace detail

/// Minimises J from `start` by Newton's method (see the file comment): at each step
/// k = 0, 1, …, evaluate J, ∇J and H at p_k, record the step, stop if the rule holds or
/// ∇J = 0, else take the (damped) Newton or gradient step. Deterministic. Throws what the
/// objective (at an accepted point), the second-order sweep or on_step throw.
template <class T>
NewtonResult<T> newton_minimize(const std::type_identity_t<Objective<T>>& objective, const std::vector<T>& start,
                                const NewtonOptions<T>& options = {}) {
    NewtonResult<T> result;
    NewtonStep<T> s = detail::second_order_step<T>(objective, std::span<const T>(start), 0);
    for (std::size_t k = 0;; ++k) {
        if (options.on_step) options.on_step(s);
        const std::optional<StopReason> reason = stop_reason(options.stop, k, s.point.loss, s.point.gradient_norm);
        result.history.push_back(s);
        if (reason) {
            result.reason = *reason;
            return result;
        }
        if (detail::all_zero(s.point.gradient)) {
            result.end = NewtonEnd::Stationary;
            result.eigenvalues = symmetric_eigenvalues(s.hessian);
            return result;
        }
        detail::NewtonDirection<T> d = detail::newton_direction(s.hessian, s.point.gradient);
        std::optional<detail::AcceptedStep<T>> accepted = detail::backtrack(objective, s.point, d.d, options);
        if (!accepted) {
            result.end = NewtonEnd::LineSearchFailed;
            return result;
        }
        NewtonStep<T> next = detail::second_order_step<T>(objective, std::span<const T>(accepted->point), k + 1);
        if (!(next.point.loss < s.point.loss)) {  // J's last digits no longer move: rows of noise would follow
            result.end = NewtonEnd::Converged;
            return result;
        }
        s = std::move(next);
        s.update = d.kind;
        s.step_length = accepted->t;
        s.halvings = accepted->halvings;
        s.eigenvalues = std::move(d.eigenvalues);
    }
}

}  // namespace chainrule::models
