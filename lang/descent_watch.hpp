#pragma once
/// \file descent_watch.hpp
/// How `descend` tells a failing run from one that is still going, row by row: a value
/// beyond the double range (overflow), J or ∇J not finite (and which function left its
/// domain), J far above its start (divergence), and the warning when J keeps rising.
/// The rules are documented in docs/cli.md (`descend`).

#include "ast.hpp"
#include "calculus.hpp"
#include "diagnostic.hpp"
#include "numbers.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace chainrule::lang {

/// A magnitude beyond this is an overflow: the largest double (≈1.8e308). The 50-digit
/// type's own exponent range is far wider, so without a bound a blow-up would go on for
/// hundreds of steps (x², η = 1.5: 512), and JSON, the plot and every consumer of doubles
/// could not show the rows anyway.
Real overflow_bound();

/// J − J₀ > kDivergenceFactor·max(1, |J₀|) at a step is divergence: a descent never
/// needs to climb that far above where it started.
inline constexpr double kDivergenceFactor = 1e6;

/// A failure at the start means the input is outside the domain of J: bad input, not a
/// run. Throws LangError ("…: the start (--from) must be a point where J and its gradient
/// are finite").
[[noreturn]] void refuse_start(const DescentEnding& ending, const Source& source);

/// Follows the rows of one descent (step 0 first).
class DescentWatch {
public:
    DescentWatch(const ExprNode& expression, const Source& source, std::vector<std::string> names);

    /// The ending when the row cannot be kept: a coordinate, J or a partial is not finite
    /// or beyond overflow_bound(); nothing when it can.
    std::optional<DescentEnding> unusable(const DescentStep& row) const;

    /// The ending when computing J or ∇J at `point` (step `step`) threw an arithmetic error.
    DescentEnding failed_evaluation(std::size_t step, const std::vector<Real>& point) const;

    /// Runs `body` (a whole run); Boost.Multiprecision's arithmetic errors thrown inside J or
    /// its derivatives (domain, range, overflow) end it as failed_evaluation at the step
    /// after the `kept` rows, at the point being evaluated. Nothing when the body returned.
    template <class Body>
    std::optional<DescentEnding> guarded(Body&& body, const std::vector<DescentStep>& kept,
                                         const std::vector<Real>& evaluating) const {
        try {
            body();
            return std::nullopt;
        } catch (const std::domain_error&) {
        } catch (const std::range_error&) {
        } catch (const std::overflow_error&) {
        }
        return failed_evaluation(kept.size(), evaluating);
    }

    /// After a row is kept: counts the updates at which J rose (the warning) and applies
    /// the divergence rule.
    std::optional<DescentEnding> diverged(const DescentStep& row);

    /// Set once J has risen at kRisingStepsWarning updates in a row.
    const std::string& warning() const { return warning_; }

private:
    std::string at(const std::vector<Real>& point) const;
    DescentEnding not_finite(const DescentStep& row) const;

    const ExprNode& expression_;
    const Source& source_;
    std::vector<std::string> names_;
    Real start_value_;
    Real previous_value_;
    Real rise_start_;         ///< J before the current rise began
    std::size_t rising_ = 0;  ///< updates in a row at which J rose
    std::string warning_;
};

}  // namespace chainrule::lang
