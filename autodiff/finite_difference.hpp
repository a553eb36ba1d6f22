#pragma once
/// \file finite_difference.hpp
/// Reference derivatives by central finite differences of a recorded tape, evaluated by
/// replaying the tape in a (usually wider) scalar type U. This is the independent check
/// of the reverse sweep: it uses only op values (ops/rules_*.hpp value), never the partials.
///
/// Typical use, checking a Tape<double> against 50-digit differences:
/// \code
///   using boost::multiprecision::cpp_bin_float_50;
///   auto x = recorded_inputs<cpp_bin_float_50>(tape);          // exact: double ⊂ 50 digits
///   auto g = central_difference_gradient<cpp_bin_float_50>(
///       tape, y.index(), std::span<const cpp_bin_float_50>(x), cpp_bin_float_50("1e-20"));
/// \endcode

#include "replay.hpp"

#include <cmath>
#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace chainrule {

/// The value of node `output` replayed in U at the point `x` with input `i` moved by `t`:
/// \f$ f(x + t e_i) \f$. `x` is restored before returning (it is a scratch copy, shared
/// by the many evaluations of a difference scheme to avoid one allocation each).
template <class U, class T>
U output_value_shifted(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t i, const U& t) {
    const U xi = x[i];
    x[i] = U(xi + t);
    const U f = replay_values<U>(tape, std::span<const U>(x))[output];
    x[i] = xi;
    return f;
}

/// A Richardson-extrapolated limit and an estimate of its error.
template <class U>
struct Extrapolated {
    U value;  ///< the last diagonal entry of the tableau
    U error;  ///< |its difference from the entry before|: the usual a-posteriori estimate
};

/// Richardson extrapolation (Burden & Faires, *Numerical Analysis*, 9th ed., §4.2) of
/// estimates \f$D(h), D(h/2), D(h/4), …\f$ of a limit \f$L = \lim_{h→0} D(h)\f$ whose error
/// expands as \f$D(h) = L + c_1 h^{p} + c_2 h^{p+q} + c_3 h^{p+2q} + …\f$ (central
/// differences: p = q = 2; one-sided differences: p = q = 1). The tableau
///
/// \f[ R_{k,0} = D(h/2^k), \qquad R_{k,j} = R_{k,j-1} + \frac{R_{k,j-1} - R_{k-1,j-1}}{2^{p+(j-1)q} - 1} \f]
///
/// removes one error term per column, so with n estimates \f$R_{n-1,n-1} = L + O(h^{p+(n-1)q})\f$.
/// Throws Error for an empty list.
template <class U>
Extrapolated<U> richardson_extrapolate(std::vector<U> estimates, int p, int q) {
    if (estimates.empty()) throw Error("chainrule: richardson_extrapolate needs at least one estimate");
    // In place: after column j, estimates[k] holds R_{k,j} for k ≥ j.
    U previous_diagonal = estimates[0];
    for (std::size_t j = 1; j < estimates.size(); ++j) {
        const U factor = U(std::ldexp(1.0, p + static_cast<int>(j - 1) * q) - 1);
        previous_diagonal = estimates[j - 1];
        for (std::size_t k = estimates.size() - 1; k >= j; --k)
            estimates[k] = U(estimates[k] + (estimates[k] - estimates[k - 1]) / factor);
    }
    using std::abs;
    const U last = estimates.back();
    return {last, U(abs(U(last - previous_diagonal)))};
}

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
    for (std::size_t i = 0; i < x.size(); ++i)
        g.push_back(U((output_value_shifted(tape, output, x, i, h) - output_value_shifted(tape, output, x, i, U(-h))) /
                      two_h));
    return g;
}

/// The central difference approximation of ∂(node `output`)/∂W for the matrix variable
/// W = node `wrt` (a MatInput), element by element, at the recorded values of every
/// input converted to U:
///
/// \f[ G_{ij} = \frac{f(W + h E_{ij}) - f(W - h E_{ij})}{2h}, \f]
///
/// with the error behaviour of central_difference_gradient() (2·rows·cols replays of the
/// whole tape: meant for small shapes). Throws Error when `wrt` is not a matrix variable
/// of the tape or `output` is not a node of it.
template <class U, class T>
Matrix<U> central_difference_matrix_gradient(const Tape<T>& tape, NodeIndex output, NodeIndex wrt, const U& h) {
    const std::vector<NodeIndex> variables = matrix_inputs(tape);
    const auto it = std::find(variables.begin(), variables.end(), wrt);
    if (it == variables.end())
        throw Error("chainrule: central_difference_matrix_gradient: node #" + std::to_string(wrt) +
                    " is not a matrix variable of the tape");
    if (output >= tape.size())
        throw Error("chainrule: central_difference_matrix_gradient: no node #" + std::to_string(output));
    const std::vector<U> x = recorded_inputs<U>(tape);
    std::vector<Matrix<U>> m = recorded_matrix_inputs<U>(tape);
    Matrix<U>& w = m[static_cast<std::size_t>(it - variables.begin())];
    auto f = [&] { return replay_values<U>(tape, std::span<const U>(x), std::span<const Matrix<U>>(m))[output]; };
    Matrix<U> g(w.rows(), w.cols());
    for (Eigen::Index i = 0; i < w.size(); ++i) {
        const U wi = w(i);
        w(i) = U(wi + h);
        const U f_plus = f();
        w(i) = U(wi - h);
        const U f_minus = f();
        w(i) = wi;
        g(i) = U((f_plus - f_minus) / U(h + h));
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
