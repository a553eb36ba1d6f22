#pragma once
/// \file training_loop.hpp
/// minimize(): gradient-based minimisation of a function that records itself on a tape,
/// with an optimizer (optimizers.hpp) and a stopping rule (stopping.hpp), keeping the
/// history the seeds tabulate — step 0 is the start; step k shows the point after k
/// updates, J there and ∇J there (the gradient the next update uses).
///
/// Dynamic graph: every step records a fresh Tape<T> from the current parameter values
/// (plain values held outside any tape), runs one reverse sweep, and updates the values.

#include "../autodiff/reverse_sweep.hpp"
#include "../graph/tape.hpp"
#include "../graph/var_functions.hpp"
#include "number_text.hpp"
#include "optimizer.hpp"
#include "progress.hpp"
#include "stopping.hpp"

#include <cmath>
#include <functional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace chainrule::models {

/// J(p): records the objective on `tape` from the parameters' Input nodes (one Var per
/// parameter, in order) and returns the output node. Must record on the tape it is given.
template <class T>
using Objective = std::function<Var<T>(Tape<T>&, std::span<const Var<T>>)>;

/// One row of the history.
template <class T>
struct TrainingStep {
    std::size_t step = 0;       ///< updates made before this point (0: the start)
    std::vector<T> parameters;  ///< p_k
    T loss;                     ///< J(p_k)
    std::vector<T> gradient;    ///< ∇J(p_k)
    T gradient_norm;            ///< ‖∇J(p_k)‖₂
};

template <class T>
struct TrainingOptions {
    StoppingRule<T> stop;
    ProgressOptions progress;  ///< progress.stream = nullptr (the default): nothing shown
    /// false: the history keeps only the start and the last step (long runs).
    bool keep_history = true;
    /// Called at every step (also step 0 and the last) before the stopping rule is checked;
    /// may throw to abort the run (the exception propagates). Sees non-finite steps too.
    std::function<void(const TrainingStep<T>&)> on_step;
    /// Throw ModelError when J or ∇J is not finite (after on_step).
    bool require_finite = true;
};

template <class T>
struct TrainingResult {
    std::vector<TrainingStep<T>> history;  ///< step 0 first; back() is where the run stopped
    StopReason reason = StopReason::MaxSteps;
    const TrainingStep<T>& last() const { return history.back(); }
    /// Updates made.
    std::size_t updates() const { return history.back().step; }
};

/// J, ∇J (one reverse sweep) and ‖∇J‖₂ at `parameters`, recorded on a fresh tape.
/// Throws what the objective throws, and TapeMismatchError when it records elsewhere.
template <class T>
TrainingStep<T> evaluate(const std::type_identity_t<Objective<T>>& objective, std::span<const T> parameters,
                         std::size_t step = 0) {
    using std::sqrt;
    Tape<T> tape;
    std::vector<Var<T>> inputs;
    inputs.reserve(parameters.size());
    for (const T& p : parameters) inputs.push_back(tape.variable(p));
    const Var<T> J = objective(tape, std::span<const Var<T>>(inputs));
    TrainingStep<T> s{step, std::vector<T>(parameters.begin(), parameters.end()), J.value(), grad(J, inputs), T(0)};
    T sum_of_squares = T(0);
    for (const T& g : s.gradient) sum_of_squares += g * g;
    s.gradient_norm = sqrt(sum_of_squares);
    return s;
}

namespace detail {

template <class T>
void require_finite_step(const TrainingStep<T>& s) {
    bool finite = is_finite(s.loss);
    for (const T& g : s.gradient) finite = finite && is_finite(g);
    if (finite) return;
    std::string at;
    for (std::size_t i = 0; i < s.parameters.size() && i < 8; ++i)
        at += (i ? ", " : "") + short_number(s.parameters[i]);
    throw ModelError("chainrule: minimize: " + std::string(is_finite(s.loss) ? "the gradient" : "the loss") +
                     " is not finite at step " + std::to_string(s.step) + " (parameters " + at +
                     (s.parameters.size() > 8 ? ", …" : "") + "): diverged, or left the domain of J");
}

}  // namespace detail

/// Minimises J from `start` with `optimizer` until options.stop holds: at each step
/// k = 0, 1, …, evaluate J and ∇J at p_k, record the step, stop if the rule holds,
/// else p_{k+1} = optimizer.step(p_k, ∇J(p_k)).
///
/// The optimizer keeps its state across calls (pass a fresh or reset() one for an
/// independent run). Deterministic: the same objective, start and optimizer settings
/// give the same history, bit for bit (nothing is random, nothing depends on time: the
/// progress display only reads the clock to decide when to draw).
///
/// Throws ModelError when J or ∇J stops being finite (unless require_finite is off), and
/// whatever the objective, on_step or the optimizer throw.
template <class T>
TrainingResult<T> minimize(const std::type_identity_t<Objective<T>>& objective, std::vector<T> start,
                           Optimizer<T>& optimizer, const TrainingOptions<T>& options = {}) {
    TrainingResult<T> result;
    std::vector<T> p = std::move(start);
    ProgressBar progress(options.progress, options.stop.max_steps);
    for (std::size_t k = 0;; ++k) {
        TrainingStep<T> s = evaluate<T>(objective, std::span<const T>(p), k);
        if (options.on_step) options.on_step(s);
        if (options.require_finite) detail::require_finite_step(s);
        const std::optional<StopReason> reason = stop_reason(options.stop, k, s.loss, s.gradient_norm);
        const std::string status = "J = " + detail::short_number(s.loss) + "  |grad| = " +
                                   detail::short_number(s.gradient_norm);
        if (reason) {
            progress.finish(k, status);
            result.history.push_back(std::move(s));
            result.reason = *reason;
            return result;
        }
        progress.update(k, status);
        optimizer.step(std::span<T>(p), std::span<const T>(s.gradient));
        if (options.keep_history || k == 0) result.history.push_back(std::move(s));
    }
}

}  // namespace chainrule::models
