#pragma once
/// \file stopping.hpp
/// When a descent stops: the loss below a bound (J < ε), the gradient norm below a bound
/// (‖∇J‖ < ε), or a most number of updates — any combination; the first that holds ends
/// the run, and the reason is reported.

#include <cstddef>
#include <optional>
#include <string_view>

namespace chainrule::models {

/// Why a run stopped.
enum class StopReason {
    LossBelow,          ///< J < loss_below (or ≤ with or_equal)
    GradientNormBelow,  ///< ‖∇J‖₂ < gradient_norm_below (or ≤)
    MaxSteps,           ///< max_steps updates were made without either bound holding
};

/// "loss below bound", "gradient norm below bound", "max steps reached".
constexpr std::string_view to_string(StopReason reason) {
    switch (reason) {
        case StopReason::LossBelow: return "loss below bound";
        case StopReason::GradientNormBelow: return "gradient norm below bound";
        case StopReason::MaxSteps: return "max steps reached";
    }
    return "?";
}

/// A combinable stopping rule, checked at every step k = 0, 1, … (step 0 is the start:
/// a start that already satisfies a bound makes no update). E.g. the seeds' "stop as
/// soon as J < 0.01": `StoppingRule<double>{.loss_below = 0.01}`.
template <class T>
struct StoppingRule {
    std::optional<T> loss_below;           ///< stop when J < ε
    std::optional<T> gradient_norm_below;  ///< stop when ‖∇J‖₂ < ε
    std::size_t max_steps = 1000;          ///< stop after this many updates
    bool or_equal = false;                 ///< ≤ instead of < for both bounds
};

/// The reason to stop at step k (k updates made so far) with loss J and gradient norm
/// ‖∇J‖, or nothing to go on. The bounds are checked first (loss, then gradient norm), so
/// a run that reaches a bound exactly at max_steps reports the bound.
template <class T>
std::optional<StopReason> stop_reason(const StoppingRule<T>& rule, std::size_t k, const T& loss, const T& gradient_norm) {
    const auto below = [&](const T& x, const std::optional<T>& bound) {
        return bound && (rule.or_equal ? x <= *bound : x < *bound);
    };
    if (below(loss, rule.loss_below)) return StopReason::LossBelow;
    if (below(gradient_norm, rule.gradient_norm_below)) return StopReason::GradientNormBelow;
    if (k >= rule.max_steps) return StopReason::MaxSteps;
    return std::nullopt;
}

}  // namespace chainrule::models
