#pragma once
/// \file finite_difference.hpp
/// Reference derivatives by central finite differences of a recorded tape, evaluated by
/// replaying the tape in a (usually wider) scalar type U. This is the independent check
/// of the reverse sweep: it uses only op values (op_rules_*::value), never the partials.
///
/// Typical use, checking a Tape<double> against 50-digit differences:
/// \code
///   using boost::multiprecision::cpp_bin_float_50;
///   auto x = recorded_inputs<cpp_bin_float_50>(tape);          // exact: double ⊂ 50 digits
///   auto g = central_difference_gradient<cpp_bin_float_50>(
///       tape, y.index(), std::span<const cpp_bin_float_50>(x), cpp_bin_float_50("1e-20"));
/// \endcode

#include "replay.hpp"

#include <span>
#include <string>
#include <vector>

namespace chainrule {

/// The central difference approximation of the gradient of node `output` with respect
/// to every Input node of `tape` (in creation order, as `tape.inputs()`), at the point
/// `at` (one value per input), with step h:
///
/// \f[ g_i = \frac{f(x + h e_i) - f(x - h e_i)}{2h}, \qquad f = \text{replay\_values<U>(tape, ·)[output]}. \f]
///
/// The tape is re-evaluated in U from its op sequence (constants and op parameters are
/// converted with scalar_cast<U>), so branches (max, relu, …) are re-decided at x ± h e_i.
///
/// Error behaviour. For f three times differentiable on [x − h, x + h],
/// \f$|g_i - \partial_i f| \le \frac{h^2}{6}\max|\partial_i^3 f| + \frac{\varepsilon_U |f|}{h}\f$
/// (truncation + rounding; ε_U is the unit roundoff of U, assuming each replayed value
/// is accurate to a few ε_U). With U = cpp_bin_float_50 (ε ≈ 1e-50) and h = 1e-20 both
/// terms are ≈ 1e-40 relative for well-scaled f, far below double's 1e-16; with
/// U = cpp_bin_float_100, h = 1e-40 gives ≈ 1e-60 for checking 50-digit types.
/// The rounding term is relative to |f|, not to |∂f|: where f is a large constant plus
/// a tiny variation (tanh(100) = 1 − 2.8e-87) the difference loses every digit. Where f
/// has a kink or a singularity within h of x the result is meaningless (a one-sided
/// slope, or an average of two); where f is undefined at x ± h it is NaN. h is an
/// absolute step: scale it to |x| yourself for large inputs.
///
/// Throws Error if `at` does not hold one value per Input node or `output` is not a node
/// of the tape.
template <class U, class T>
std::vector<U> central_difference_gradient(const Tape<T>& tape, NodeIndex output, std::span<const U> at,
                                           const U& h) {
    if (at.size() != tape.inputs().size())
        throw Error("chainrule: central_difference_gradient needs " + std::to_string(tape.inputs().size()) +
                    " input values, got " + std::to_string(at.size()));
    if (output >= tape.size())
        throw Error("chainrule: central_difference_gradient: no node #" + std::to_string(output) + " on a tape of " +
                    std::to_string(tape.size()) + " nodes");
    std::vector<U> x(at.begin(), at.end());
    std::vector<U> g;
    g.reserve(x.size());
    const U two_h = U(h + h);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const U xi = x[i];
        x[i] = U(xi + h);
        const U f_plus = replay_values<U>(tape, std::span<const U>(x))[output];
        x[i] = U(xi - h);
        const U f_minus = replay_values<U>(tape, std::span<const U>(x))[output];
        x[i] = xi;
        g.push_back(U((f_plus - f_minus) / two_h));
    }
    return g;
}

/// central_difference_gradient() at the recorded input values, converted to U.
template <class U, class T>
std::vector<U> central_difference_gradient(const Tape<T>& tape, NodeIndex output, const U& h) {
    const std::vector<U> x = recorded_inputs<U>(tape);
    return central_difference_gradient<U>(tape, output, std::span<const U>(x), h);
}

}  // namespace chainrule
