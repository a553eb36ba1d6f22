#pragma once
/// \file singular_points.hpp
/// Where a model sits exactly on a point at which a function it uses is not
/// differentiable in the ordinary sense — so that a worksheet or a claim check can say so
/// instead of printing the convention's number as if it were the only answer:
///
/// - **kinks** (one-sided derivatives differ): relu, abs and leaky_relu at 0, max/min at a
///   tie, hypot at the origin; step and sign at 0 (a jump: the derivative is 0 on both
///   sides, the function is discontinuous);
/// - **infinite derivatives**: x^p with 0 < p < 1 (sqrt) and cbrt at 0, asin/acos at ±1;
/// - **infinite or undefined values**: log at 0, x^p with p < 0 at 0, atan2 at the origin;
///   log of a negative number, a negative number to a fractional power.
///
/// The conventions used at these points are docs/conventions.md's (relu′(0) = 0 as in
/// PyTorch, |x|′(0) = 0, a max/min tie splits ½–½, …).

#include "named_graph.hpp"
#include "prose.hpp"

#include <optional>
#include <string>
#include <vector>

namespace chainrule::derivations {

enum class SingularKind {
    Kink,                ///< one-sided derivatives differ (or a jump)
    InfiniteDerivative,  ///< the local partial is ±∞
    InfiniteValue,       ///< the value itself is ±∞ or undefined
};

struct SingularPoint {
    std::size_t node = 0;     ///< the named node whose definition applies the function
    SingularKind kind = SingularKind::Kink;
    std::string function;     ///< "relu", "abs", "sqrt", "max", …
    symbolic::Expr argument;  ///< the argument (the first one for max/min/hypot/atan2)
    symbolic::Expr other;     ///< max/min/hypot/atan2: the second argument
    /// Kinks: the derivative of the function with respect to its (first) argument from
    /// the left and from the right, and the convention's value.
    std::optional<Real> left, right, convention_value;
    Phrase convention = Phrase::ConventionRelu;  ///< the convention's sentence (prose.hpp)
    std::string convention_subject;              ///< its {0}: "sqrt", "x^1/3" (powers only)
};

/// The convention in words: "relu'(0) = 0, as in PyTorch", "sqrt'(0) is infinite".
std::string convention_text(const SingularPoint& p, Language language = Language::English);

/// Every singular point of the graph at its values (evaluated at the current precision;
/// an argument counts as on the point only when it is exactly there).
std::vector<SingularPoint> find_singular_points(const NamedGraph& g);

}  // namespace chainrule::derivations
