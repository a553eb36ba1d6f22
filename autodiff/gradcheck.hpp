#pragma once
/// \file gradcheck.hpp
/// Gradient checking: the reverse-mode gradient of a recorded tape (or a gradient the
/// caller claims, e.g. one derived by hand) against a numeric derivative that is exact to
/// far more digits than T has — central differences of the same tape replayed in
/// `cpp_bin_float_50` (`cpp_bin_float_100` for T of more than 30 digits), refined by
/// Richardson extrapolation. The numeric side uses only op values (op_rules_*::value), never
/// the partial rules, so it checks those rules independently.
///
/// \code
///   Tape<double> tape;
///   auto x = tape.variable(0.3), y = tape.variable(2.0);
///   auto f = sin(x * y) + relu(x);
///   GradcheckReport<cpp_bin_float_50> r = gradcheck(tape, f.index());
///   r.passed();                 // no FAIL; r.entries[k]: analytic, numeric, errors, verdict
/// \endcode
///
/// Why not a double finite difference (PyTorch's torch.autograd.gradcheck: eps = 1e-6,
/// atol = 1e-5, rtol = 1e-3)? Its own error is ≈ h²|f'''| + ε|f|/h ≈ 1e-10 relative at
/// best, so it cannot see a derivative rule that is wrong by 1e-8; here the numeric
/// derivative is good to ≈ 37 digits and the tolerance is a few ε of T (docs/gradcheck.md).

#include "finite_difference.hpp"
#include "replay.hpp"
#include "reverse_sweep.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace chainrule {

/// The verdict on one component of a gradient.
enum class GradcheckVerdict {
    Pass,               ///< |analytic − numeric| ≤ tolerance
    Fail,               ///< beyond the tolerance: the derivative (rule or claim) is wrong
    NotDifferentiable,  ///< a kink, jump or domain edge within the step: see left/right
};

/// "pass", "FAIL", "not differentiable here".
inline std::string_view verdict_text(GradcheckVerdict v) {
    switch (v) {
        case GradcheckVerdict::Pass: return "pass";
        case GradcheckVerdict::Fail: return "FAIL";
        case GradcheckVerdict::NotDifferentiable: break;
    }
    return "not differentiable here";
}

/// The type the tape is replayed in for the numeric derivative: 50 digits for T of up to
/// 30 digits (float, double, long double), 100 digits for the 50-digit types.
template <class T>
using GradcheckReference = std::conditional_t<(std::numeric_limits<T>::digits10 > 30),
                                              boost::multiprecision::cpp_bin_float_100,
                                              boost::multiprecision::cpp_bin_float_50>;

/// What to check and how strictly.
struct GradcheckOptions {
    /// The Input nodes to check, in this order; empty: every Input node (tape.inputs()).
    std::vector<NodeIndex> wrt;
    /// K of the tolerance K·ε_T·L (see GradcheckReport::policy): rounding units allowed
    /// per factor of each chain-rule path.
    double ulps_per_factor = 16;
};

/// One component ∂f/∂x_i. All numbers are in the reference type U (the analytic value
/// converted exactly).
template <class U>
struct GradcheckEntry {
    NodeIndex input = 0;      ///< the Input node
    std::string name;         ///< its name on the tape, else "#index"
    U analytic;               ///< the checked value: reverse mode in T, or the caller's claim
    U numeric;                ///< the Richardson-extrapolated central difference
    U abs_error;              ///< |analytic − numeric|
    U rel_error;              ///< abs_error/|numeric| (0 when both are 0, ∞ when only numeric is)
    U tolerance;              ///< τ = K·ε_T·L + ν
    U numeric_error;          ///< ν: the numeric derivative's own error estimate
    U left, right;            ///< one-sided derivatives (of the two branches at a kink)
    U reverse_reference;      ///< the reverse sweep replayed in U (same partial rules)
    GradcheckVerdict verdict = GradcheckVerdict::Pass;
    std::string note;         ///< why, for FAIL and "not differentiable here"
};

/// The result of gradcheck(): one entry per checked input, and the tolerances used.
template <class U>
struct GradcheckReport {
    NodeIndex output = 0;
    double epsilon = 0;          ///< ε_T (std::numeric_limits<T>::epsilon())
    double ulps_per_factor = 0;  ///< K
    U relative_step;             ///< h/max(1, |x_i|)
    int richardson_levels = 0;   ///< steps h, h/2, …
    std::string policy;          ///< the tolerance in words, and why
    std::vector<GradcheckEntry<U>> entries;

    std::size_t count(GradcheckVerdict v) const {
        return static_cast<std::size_t>(
            std::count_if(entries.begin(), entries.end(), [v](const auto& e) { return e.verdict == v; }));
    }
    /// No entry is a FAIL ("not differentiable here" is not a failure).
    bool passed() const { return count(GradcheckVerdict::Fail) == 0; }
};

namespace detail::gradcheck {

inline constexpr int kLevels = 3;  // h, h/2, h/4: O(h^6) central, O(h^3) one-sided

/// The step scale of U: 10^−⌊digits10/4⌋ (1e-12 for 50 digits). See gradcheck().
template <class U>
U step_scale() {
    return U(std::pow(10.0, -static_cast<double>(std::numeric_limits<U>::digits10 / 4)));
}

template <class U>
bool finite(const U& x) {
    using boost::multiprecision::isfinite;
    using std::isfinite;
    return isfinite(x);
}

template <class U>
U abs_of(const U& x) {
    using std::abs;
    return U(abs(x));
}

/// The Input nodes to check with their positions in tape.inputs(). Throws Error for a
/// node that is not an Input of the tape.
template <class T>
std::vector<std::size_t> input_positions(const Tape<T>& tape, const std::vector<NodeIndex>& wrt) {
    const std::vector<NodeIndex>& inputs = tape.inputs();
    std::vector<std::size_t> positions;
    if (wrt.empty())
        for (std::size_t k = 0; k < inputs.size(); ++k) positions.push_back(k);
    for (NodeIndex n : wrt) {
        const auto it = std::find(inputs.begin(), inputs.end(), n);
        if (it == inputs.end())
            throw Error("chainrule: gradcheck: " + (n < tape.size() ? tape.describe(n) : "node #" + std::to_string(n)) +
                        " is not an Input node of the tape");
        positions.push_back(static_cast<std::size_t>(it - inputs.begin()));
    }
    return positions;
}

/// L_i = Σ over the chain-rule paths from `output` to node i of (number of factors + 1)·
/// ∏|local partial|, for every node (one reverse sweep of absolute values in U). L ≥ |∂f/∂x_i|
/// and, times ε, bounds the rounding of the reverse sweep (running error analysis).
template <class U, class T>
std::vector<U> path_weights(const Tape<T>& tape, const std::vector<U>& v, NodeIndex output) {
    std::vector<U> s(output + 1, U(0)), l(output + 1, U(0));
    s[output] = U(1);
    l[output] = U(1);
    const auto spread = [&](NodeIndex from, NodeIndex to, const U& partial) {
        const U d = abs_of(partial);
        s[to] += s[from] * d;
        l[to] += (l[from] + s[from]) * d;
    };
    for (NodeIndex k = output + 1; k-- > 0;) {
        const NodeRecord& r = tape.node(k);
        if (is_zero(s[k]) || arity(r.op) == 0) continue;  // as the sweep: nothing flows
        const bool param = has_param(r.op), binary = arity(r.op) == 2 && !param;
        const U p = param ? scalar_cast<U>(tape.param(k)) : U(0);
        const ops::Partials<U> d = op_partials<U>(r.op, v[r.in0], binary ? v[r.in1] : U(0), v[k], p);
        spread(k, r.in0, d.da);
        if (binary) spread(k, r.in1, d.db);
    }
    return l;
}

/// The reverse-mode gradient of `output` in the tape's own type, on a replayed copy (the
/// caller's adjoints stay untouched), at the given Input nodes.
template <class V, class T>
std::vector<V> reverse_gradient(const Tape<T>& tape, NodeIndex output, const std::vector<NodeIndex>& nodes) {
    Tape<V> copy = replay<V>(tape);
    copy.clear_adjoints();
    detail::seed_and_sweep(copy, output, V(1));
    std::vector<V> g;
    for (NodeIndex n : nodes) g.push_back(copy.adjoint(n));
    return g;
}

/// Richardson limit of central differences (f(x + h_k e_i) − f(x − h_k e_i))/(2h_k),
/// h_k = h/2^k.
template <class U, class T>
Extrapolated<U> central_slope(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t i, const U& h) {
    std::vector<U> d;
    for (int k = 0; k < kLevels; ++k) {
        const U hk = U(ldexp(h, -k));
        d.push_back(U((output_value_shifted(tape, output, x, i, hk) - output_value_shifted(tape, output, x, i, U(-hk))) /
                      U(hk + hk)));
    }
    return richardson_extrapolate(std::move(d), 2, 2);
}

/// Richardson limit of one-sided differences from a = x_i + anchor in direction s = ±1:
/// (f(a + s h_k) − f(a))/(s h_k): the right (s = 1) or left (s = −1) derivative at a.
template <class U, class T>
Extrapolated<U> one_sided_slope(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t i,
                                const U& anchor, int s, const U& h) {
    const U fa = output_value_shifted(tape, output, x, i, anchor);
    std::vector<U> d;
    for (int k = 0; k < kLevels; ++k) {
        const U step = U(ldexp(h, -k) * s);
        d.push_back(U((output_value_shifted(tape, output, x, i, U(anchor + step)) - fa) / step));
    }
    return richardson_extrapolate(std::move(d), 1, 1);
}

/// The numeric side of one component: central and one-sided limits at x, with the
/// rounding floor `noise` (the U-rounding of the quotients) added to their errors.
template <class U>
struct Numeric {
    Extrapolated<U> central, left, right;
};

template <class U, class T>
Numeric<U> numeric_slopes(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t i, const U& h,
                          const U& noise) {
    Numeric<U> n{central_slope(tape, output, x, i, h), one_sided_slope(tape, output, x, i, U(0), -1, h),
                 one_sided_slope(tape, output, x, i, U(0), 1, h)};
    for (Extrapolated<U>* e : {&n.central, &n.left, &n.right}) e->error += noise;
    return n;
}

/// The rounding floor of the quotients for input i: 64 ε_U·M/h, M the largest magnitude
/// among the tape's values at x and f(x ± h) (replay rounding ≈ a few ε_U·M, amplified
/// ≤ ~30× by the Richardson weights).
template <class U, class T>
U rounding_floor(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t i, const U& h,
                 const U& tape_magnitude) {
    U m = tape_magnitude;
    for (const U& f : {output_value_shifted(tape, output, x, i, h), output_value_shifted(tape, output, x, i, U(-h))})
        if (finite(f)) m = std::max(m, abs_of(f));
    return U(64 * std::numeric_limits<U>::epsilon() * m / h);
}

/// Why x is no differentiable point at the resolution of the check, or empty if it is.
/// `slack` is the check's own allowance K·ε_T·L: one-sided derivatives closer than that
/// plus their errors cannot be told apart, and any value between them passes.
/// A tableau "does not converge" when its error exceeds 1e-6·(|value| + L) + `jump_floor`:
/// for smooth f the error is ≈ (h/d)³ relative (d: distance to a singularity) plus
/// rounding, while a jump J within the step makes the quotients grow as J/h.
template <class U>
std::string non_differentiability(const Numeric<U>& n, const U& slack, const U& weight, const U& jump_floor) {
    for (const Extrapolated<U>* e : {&n.central, &n.left, &n.right})
        if (!finite(e->value) || !finite(e->error)) return "f is not finite within the step: an edge of its domain";
    for (const Extrapolated<U>* e : {&n.central, &n.left, &n.right})
        if (e->error > U(U("1e-6") * (abs_of(e->value) + weight) + jump_floor))
            return "the difference quotients do not converge: a jump or a singularity within the step";
    if (abs_of(U(n.right.value - n.left.value)) > U(slack + n.left.error + n.right.error))
        return "the one-sided derivatives differ: a kink within the step";
    return {};
}

/// The policy sentence of the report.
inline std::string policy_text(double epsilon, double k, const std::string& step) {
    return "|analytic - numeric| <= K*eps*L + nu, eps = " + to_decimal_string(epsilon, 3) +
           " (the checked type), K = " + to_decimal_string(k, 3) +
           ", L = sum over the chain-rule paths to the input of (factors + 1)*prod|local partial| (>= |df/dx|): "
           "the reverse sweep rounds every factor of every path by a few ulps (the multiply, the accumulation, "
           "the partial's own evaluation), so its error is at most ~ K*eps per factor; nu = the numeric "
           "derivative's own error (Richardson tableau difference + replay rounding), ~1e-37 relative with "
           "h = " + step + "*max(1,|x|), negligible beside eps. A double finite difference (PyTorch: eps 1e-6, "
           "rtol 1e-3) could not see errors below ~1e-10.";
}

/// The entry of one input: numeric limits, tolerance, verdict and note.
template <class U, class T>
GradcheckEntry<U> check_component(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t position,
                                  const U& analytic, const U& reverse_u, const U& weight, double slack_per_weight,
                                  const U& tape_magnitude) {
    using std::abs;
    const NodeIndex node = tape.inputs()[position];
    GradcheckEntry<U> e;
    e.input = node;
    e.name = tape.name(node).empty() ? "#" + std::to_string(node) : std::string(tape.name(node));
    e.analytic = analytic;
    e.reverse_reference = reverse_u;
    const U h = U(step_scale<U>() * std::max(U(1), abs_of(x[position])));
    const U noise = rounding_floor(tape, output, x, position, h, tape_magnitude);
    const Numeric<U> n = numeric_slopes(tape, output, x, position, h, noise);
    const U slack = U(U(slack_per_weight) * weight);
    e.numeric = n.central.value;
    e.numeric_error = n.central.error;
    e.tolerance = U(slack + e.numeric_error);
    e.abs_error = abs_of(U(analytic - e.numeric));
    e.rel_error = is_zero(e.numeric) ? (is_zero(e.abs_error) ? U(0) : std::numeric_limits<U>::infinity())
                                     : U(e.abs_error / abs_of(e.numeric));
    e.left = n.left.value;
    e.right = n.right.value;
    // √ε_U·M/h: far above the rounding (ε_U·M/h), far below any jump > 1e-24·M.
    const U jump_floor = U(noise * U(sqrt(U(1) / std::numeric_limits<U>::epsilon())) / 64);
    if (std::string why = non_differentiability(n, slack, weight, jump_floor); !why.empty()) {
        // The derivatives of the two branches, from beyond the step (at x ∓ 2h), so that
        // a switching point anywhere within [x − h, x + h] does not mix them.
        e.left = one_sided_slope(tape, output, x, position, U(-2 * h), -1, h).value;
        e.right = one_sided_slope(tape, output, x, position, U(2 * h), 1, h).value;
        e.verdict = GradcheckVerdict::NotDifferentiable;
        e.note = std::move(why);
    } else if (!finite(analytic) || e.abs_error > e.tolerance) {
        e.verdict = GradcheckVerdict::Fail;
        e.note = abs_of(U(reverse_u - e.numeric)) <= e.tolerance
                     ? "reverse mode in the reference type agrees (" + reverse_u.str(20) +
                           "): the checked value, not a derivative rule, is off (a claim, or rounding of T)"
                     : "reverse mode in the reference type gives " + reverse_u.str(20) +
                           " too: a derivative rule is wrong";
    }
    return e;
}

/// The shared body of both gradcheck() overloads: `analytic` holds one value per
/// checked input.
template <class T, class U>
GradcheckReport<U> run(const Tape<T>& tape, NodeIndex output, const std::vector<std::size_t>& positions,
                       const std::vector<T>& analytic, const GradcheckOptions& options) {
    std::vector<NodeIndex> nodes;
    for (std::size_t p : positions) nodes.push_back(tape.inputs()[p]);
    const Tape<U> reference = replay<U>(tape);
    const std::vector<U> v(reference.values().begin(), reference.values().end());
    if (!finite(v[output]))
        throw Error("chainrule: gradcheck: the output " + tape.describe(output) + " is not finite at the point");
    std::vector<U> weights = path_weights(tape, v, output);
    weights.resize(tape.size(), U(0));  // an Input recorded after the output: no path
    const std::vector<U> reverse_u = reverse_gradient<U>(tape, output, nodes);
    U magnitude(0);  // of the values at x, for rounding_floor()
    for (NodeIndex k = 0; k <= output; ++k)
        if (finite(v[k])) magnitude = std::max(magnitude, abs_of(v[k]));
    const double epsilon = static_cast<double>(std::numeric_limits<T>::epsilon());
    const double k = options.ulps_per_factor;

    GradcheckReport<U> report{output, epsilon, k, step_scale<U>(), kLevels,
                              policy_text(epsilon, k, step_scale<U>().str(3)), {}};
    std::vector<U> x = recorded_inputs<U>(tape);
    for (std::size_t j = 0; j < positions.size(); ++j)
        report.entries.push_back(check_component(tape, output, x, positions[j], scalar_cast<U>(analytic[j]),
                                                 reverse_u[j], weights[nodes[j]], k * epsilon, magnitude));
    return report;
}

/// Throws Error unless `output` is a node of the tape and every node up to it is a
/// scalar op (matrix nodes have no scalar replay yet).
template <class T>
void check_output(const Tape<T>& tape, NodeIndex output) {
    if (output >= tape.size())
        throw Error("chainrule: gradcheck: no node #" + std::to_string(output) + " on a tape of " +
                    std::to_string(tape.size()) + " nodes");
    for (NodeIndex k = 0; k <= output; ++k)
        if (static_cast<int>(tape.node(k).op) >= static_cast<int>(OpKind::Count_))
            throw Error("chainrule: gradcheck: " + tape.describe(k) + " is a matrix node; gradcheck checks scalar tapes");
}

}  // namespace detail::gradcheck

/// Checks the reverse-mode gradient of node `output` (computed in T, on a replayed copy:
/// the tape's adjoints are untouched) against numeric derivatives, for every Input node
/// or those in options.wrt.
///
/// **Numeric derivative.** With U = GradcheckReference<T>, \f$f\f$ the output replayed in
/// U, and \f$h = 10^{-\lfloor d_U/4 \rfloor}\max(1, |x_i|)\f$ (d_U = digits10 of U:
/// \f$h = 10^{-12}\f$ for 50 digits), the central quotients
/// \f$D(h_k) = \frac{f(x + h_k e_i) - f(x - h_k e_i)}{2h_k}\f$, \f$h_k = h/2^k\f$, k = 0, 1, 2,
/// are extrapolated (richardson_extrapolate, p = q = 2) to \f$\partial_i f + O(h^6)\f$;
/// the one-sided quotients \f$\frac{f(x \pm h_k e_i) - f(x)}{\pm h_k}\f$ likewise (p = q = 1)
/// to the right and left derivatives \f$+ O(h^3)\f$.
/// Why this h: the one-sided truncation h³ and the rounding ε_U/h balance at
/// \f$h = \varepsilon_U^{1/4}\f$, both ≈ \f$\varepsilon_U^{3/4}\f$ ≈ 1e-38 (the central
/// value is better still), while a step that small keeps "near a kink" (within h) a
/// band of width 1e-12 and a singularity at distance d harmless down to d ≈ 1e-10.
///
/// **Tolerance.** Component i passes when
/// \f[ |a_i - n_i| \le K\,\varepsilon_T\,L_i + \nu_i, \qquad
///     L_i = \sum_{\text{paths } P:\ \text{output} \to x_i} (|P| + 1) \prod_{(u,w) \in P} \left|\frac{\partial u}{\partial w}\right| \f]
/// (|P| = number of factors; L_i ≥ |∂f/∂x_i|, computed in U). Running error analysis of
/// the sweep (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §3.1):
/// each factor of a path costs a rounding of the multiply, one of the accumulation and the
/// few ulps of the partial's evaluation, so the error of a_i is ≲ K ε_T L_i with
/// K = options.ulps_per_factor = 16: about 3× the ≈ 5 ε per op measured for the libm-based
/// partials (tests/autodiff/op_derivatives_typed_test.cpp).
/// ν_i is the numeric value's own error: its last tableau difference plus the rounding
/// floor 64 ε_U M/h of the replay (M: the largest |value| on the tape at x and |f(x ± h)|);
/// ≈ 1e-37 relative, negligible beside ε_T.
/// Not modelled: rounding of forward values amplified by an ill-conditioned op (sin of
/// 1e6·x in double): a FAIL there says so in its note (reverse mode in U agrees).
///
/// **Not differentiable here.** When a tableau has a non-finite value (an edge of f's
/// domain within h), does not converge (error > 1e-6 relative: a jump or singularity
/// within h), or the one-sided limits differ by more than K ε_T L_i plus their errors (a
/// kink within h: |x|, relu, leaky_relu, max, min, sign, step, hypot at 0 …), the verdict is
/// NotDifferentiable — never a failure, whatever convention the op applies there
/// (docs/conventions.md: |x|'(0) = 0, relu'(0) = 0, …) — and left/right are the
/// derivatives of the two branches, one-sided Richardson limits from x ∓ 2h outward (exact
/// for linear branches, within ≈ 3h|f''| of the limits at the switching point otherwise).
///
/// Sources: Richardson extrapolation, Burden & Faires, *Numerical Analysis*, 9th ed., §4.2;
/// PyTorch torch.autograd.gradcheck (eps = 1e-6, atol = 1e-5, rtol = 1e-3) for comparison.
///
/// Throws Error when `output` is not a node of the tape, a node of options.wrt is not an
/// Input node, or the output is not finite at the recorded point; AnomalyError from the
/// reverse sweep when the tape has anomaly detection on and a gradient is not finite.
template <class T, class U = GradcheckReference<T>>
GradcheckReport<U> gradcheck(const Tape<T>& tape, NodeIndex output, const GradcheckOptions& options = {}) {
    detail::gradcheck::check_output(tape, output);
    const std::vector<std::size_t> positions = detail::gradcheck::input_positions(tape, options.wrt);
    std::vector<NodeIndex> nodes;
    for (std::size_t p : positions) nodes.push_back(tape.inputs()[p]);
    const std::vector<T> g = detail::gradcheck::reverse_gradient<T>(tape, output, nodes);
    return detail::gradcheck::run<T, U>(tape, output, positions, g, options);
}

/// Checks a gradient the caller claims (a hand-derived one, or one from another
/// program): `claimed_gradient[j]` is ∂output/∂(j-th checked input), in the order of
/// options.wrt, or of tape.inputs() when that is empty. Numeric side, tolerance (with
/// ε_T of the claim's type T) and verdicts as gradcheck() above; each entry's
/// reverse_reference is the reverse-mode value in U, for comparison.
/// Throws Error as above, and when claimed_gradient has the wrong length.
template <class T, class U = GradcheckReference<T>>
GradcheckReport<U> gradcheck(const Tape<T>& tape, NodeIndex output,
                             std::type_identity_t<std::span<const T>> claimed_gradient,
                             const GradcheckOptions& options = {}) {
    detail::gradcheck::check_output(tape, output);
    const std::vector<std::size_t> positions = detail::gradcheck::input_positions(tape, options.wrt);
    if (claimed_gradient.size() != positions.size())
        throw Error("chainrule: gradcheck: the claimed gradient has " + std::to_string(claimed_gradient.size()) +
                    " components for " + std::to_string(positions.size()) + " checked inputs");
    const std::vector<T> g(claimed_gradient.begin(), claimed_gradient.end());
    return detail::gradcheck::run<T, U>(tape, output, positions, g, options);
}

}  // namespace chainrule
