#pragma once
/// \file gradcheck.hpp
/// Gradient checking: the reverse-mode gradient of a recorded tape (or a gradient the
/// caller claims, e.g. one derived by hand) against a numeric derivative that is exact to
/// far more digits than T has — central differences of the same tape replayed in
/// `cpp_bin_float_50` (`cpp_bin_float_100` for T of more than 30 digits), refined by
/// Richardson extrapolation. The numeric side uses only op values (ops/rules_*.hpp value), never
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
///
/// Tapes with matrix nodes are checked entry by entry on their scalar expansion
/// (gradcheck_matrix.hpp, scalar_expansion.hpp).

#include "finite_difference.hpp"
#include "replay.hpp"
#include "reverse_sweep.hpp"
#include "singular_ops.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace chainrule {

/// The verdict on one component of a gradient.
enum class GradcheckVerdict {
    Pass,          ///< |analytic − numeric| ≤ tolerance, or both the same infinity
    Fail,          ///< beyond the tolerance: the derivative (rule or claim) is wrong
    Kink,          ///< x sits at a kink or jump; analytic is the documented convention or a one-sided derivative
    Undefined,     ///< the checked value is NaN (0·∞, ∞ − ∞ in the chain rule): see `singular`
    NotEstimated,  ///< the difference quotients fit no limit: no numeric value, see the note
};

/// "pass", "FAIL", "kink", "undefined", "could not estimate".
inline std::string_view verdict_text(GradcheckVerdict v) {
    switch (v) {
        case GradcheckVerdict::Pass: return "pass";
        case GradcheckVerdict::Fail: return "FAIL";
        case GradcheckVerdict::Kink: return "kink";
        case GradcheckVerdict::Undefined: return "undefined";
        case GradcheckVerdict::NotEstimated: break;
    }
    return "could not estimate";
}

/// What a numeric derivative (central, left or right) turned out to be.
enum class Estimate {
    Finite,        ///< a limit, to within its error estimate
    Infinite,      ///< ±∞ (the value holds it): the quotients grow without bound while f stays continuous
    Undefined,     ///< f is not finite on that side at every step tried: outside its domain (value NaN)
    Jump,          ///< f jumps at x; the value is the slope of the branch beyond the jump
    NotEstimated,  ///< the quotients neither converge nor fit a pattern above (value NaN)
};

/// "finite", "infinite", "undefined", "jump", "could not estimate".
inline std::string_view estimate_text(Estimate e) {
    switch (e) {
        case Estimate::Finite: return "finite";
        case Estimate::Infinite: return "infinite";
        case Estimate::Undefined: return "undefined";
        case Estimate::Jump: return "jump";
        case Estimate::NotEstimated: break;
    }
    return "could not estimate";
}

/// An op at a point where its derivative is a convention or infinite (docs/conventions.md).
struct SingularPoint {
    NodeIndex node = 0;
    std::string node_text;  ///< "#3 'h'"
    std::string rule;       ///< "relu′(0) = 0", "sqrt′(0) = +∞", "max(0.25, 0.25): ∂/∂a = 0.5, ∂/∂b = 0.5"
};

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
/// converted exactly). A number whose kind is not Finite is ±∞ (Infinite) or NaN.
template <class U>
struct GradcheckEntry {
    NodeIndex input = 0;      ///< the Input node
    std::string name;         ///< its name on the tape, else "#index"
    U analytic;               ///< the checked value: reverse mode in T, or the caller's claim
    U numeric;                ///< the Richardson-extrapolated derivative (see numeric_kind)
    U abs_error;              ///< |analytic − numeric| (0 for the same infinity; NaN when numeric is none)
    U rel_error;              ///< abs_error/|numeric| (0 when both are 0, ∞ when only numeric is)
    U tolerance;              ///< τ = K·ε_T·L + ν
    U numeric_error;          ///< ν: the numeric derivative's own error estimate
    U left, right;            ///< one-sided derivatives (at a jump: the slopes of the two branches)
    U reverse_reference;      ///< the reverse sweep replayed in U (same partial rules)
    U step;                   ///< the step h of the last tableau used
    Estimate numeric_kind = Estimate::Finite, left_kind = Estimate::Finite, right_kind = Estimate::Finite;
    std::vector<SingularPoint> singular;  ///< ops at a kink or with an infinite partial at x, on a path to x_i
    GradcheckVerdict verdict = GradcheckVerdict::Pass;
    std::string note;         ///< why, for every verdict but a plain pass
};

/// "relu′(0) = 0 at node #1 'x'; …": the singular points of an entry, or "" for none.
inline std::string singular_text(const std::vector<SingularPoint>& points) {
    std::string s;
    for (const SingularPoint& p : points) s += (s.empty() ? "" : "; ") + p.rule + " at node " + p.node_text;
    return s;
}

/// The result of gradcheck(): one entry per checked input, and the tolerances used.
template <class U>
struct GradcheckReport {
    NodeIndex output = 0;
    double epsilon = 0;          ///< ε_T (std::numeric_limits<T>::epsilon())
    double ulps_per_factor = 0;  ///< K
    U relative_step;             ///< c: the first step is h = c·|x_i| (c at x_i = 0)
    int richardson_levels = 0;   ///< steps h, h/2, …
    std::string policy;          ///< the tolerance in words, and why
    std::vector<GradcheckEntry<U>> entries;

    std::size_t count(GradcheckVerdict v) const {
        return static_cast<std::size_t>(
            std::count_if(entries.begin(), entries.end(), [v](const auto& e) { return e.verdict == v; }));
    }
    /// No entry is a FAIL or undefined (a kink at its convention, or a derivative the
    /// check could not estimate, is no failure).
    bool passed() const { return count(GradcheckVerdict::Fail) == 0 && count(GradcheckVerdict::Undefined) == 0; }
};

namespace detail::gradcheck {

inline constexpr int kLevels = 3;        // h, h/2, h/4: O(h^6) central, O(h^3) one-sided
inline constexpr int kAttempts = 5;      // h, h/2^10, …, h/2^40
inline constexpr int kShrinkBits = 10;   // each attempt divides h by 1024

/// The step scale c of U: 10^−⌊digits10/4⌋ (1e-12 for 50 digits). See gradcheck().
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
bool not_a_number(const U& x) {
    using boost::multiprecision::isnan;
    using std::isnan;
    return isnan(x);
}

template <class U>
U abs_of(const U& x) {
    using std::abs;
    return U(abs(x));
}

/// The first step: relative to the point (h = c·|x|), so x ± h keeps the sign of x and
/// log, sqrt, 1/x are evaluated inside their domain however small |x| is; absolute (c)
/// only at x = 0, where no scale exists.
template <class U>
U initial_step(const U& x) {
    return is_zero(x) ? step_scale<U>() : U(step_scale<U>() * abs_of(x));
}

/// "+∞", "−∞", "NaN" or the value to 6 digits: for the rules of singular points.
template <class U>
std::string short_text(const U& x) {
    if (not_a_number(x)) return "NaN";
    if (!finite(x)) return x > 0 ? "+∞" : "−∞";
    return x.str(6);
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

/// The local partials of node k at the values v (in U).
template <class U, class T>
ops::Partials<U> local_partials(const Tape<T>& tape, const std::vector<U>& v, NodeIndex k) {
    const NodeRecord& r = tape.node(k);
    const bool param = has_param(r.op), binary = arity(r.op) == 2 && !param;
    const U p = param ? scalar_cast<U>(tape.param(k)) : U(0);
    return op_partials<U>(r.op, v[r.in0], binary ? v[r.in1] : U(0), v[k], p);
}

/// Sweeps of absolute values from `output`: s_k = Σ over paths to node k of ∏|local partial|
/// (≥ |∂f/∂v_k|) and L_k = Σ (number of factors + 1)·∏|local partial|. L ≥ |∂f/∂x_i| and,
/// times ε, bounds the rounding of the reverse sweep (running error analysis); s weighs the
/// rounding of each value in the replay (rounding_floor).
template <class U>
struct PathWeights {
    std::vector<U> s, l;
};

template <class U, class T>
PathWeights<U> path_weights(const Tape<T>& tape, const std::vector<U>& v, NodeIndex output) {
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
        const ops::Partials<U> d = local_partials(tape, v, k);
        spread(k, r.in0, d.da);
        if (arity(r.op) == 2 && !has_param(r.op)) spread(k, r.in1, d.db);
    }
    return {std::move(s), std::move(l)};
}

/// The ops on a path from `output` to `input` that sit at a kink or have a non-finite
/// local partial at the values v: what a kink's convention, an infinite derivative or a
/// NaN of reverse mode comes from ("sqrt′(0) = +∞ at node #2").
template <class U, class T>
std::vector<SingularPoint> singular_points(const Tape<T>& tape, const std::vector<U>& v, const std::vector<U>& s,
                                           NodeIndex output, NodeIndex input) {
    std::vector<bool> depends(output + 1, false);  // node k reads `input`, directly or not
    std::vector<SingularPoint> found;
    if (input > output) return found;
    depends[input] = true;
    for (NodeIndex k = input + 1; k <= output; ++k) {
        const NodeRecord& r = tape.node(k);
        const bool binary = arity(r.op) == 2 && !has_param(r.op);
        if (arity(r.op) == 0 || !(depends[r.in0] || (binary && depends[r.in1]))) continue;
        depends[k] = true;
        if (is_zero(s[k])) continue;  // nothing flows back through k
        const U& a = v[r.in0];
        const U b = binary ? v[r.in1] : U(0);
        const ops::Partials<U> d = local_partials(tape, v, k);
        if (!at_kink(r.op, a, b) && finite(d.da) && (!binary || finite(d.db))) continue;
        const std::string op(op_name(r.op));
        std::string rule = binary ? op + "(" + short_text(a) + ", " + short_text(b) + "): ∂/∂a = " + short_text(d.da) +
                                        ", ∂/∂b = " + short_text(d.db)
                                  : op + "′(" + short_text(a) + ") = " + short_text(d.da);
        if (has_param(r.op)) rule += " (p = " + short_text(scalar_cast<U>(tape.param(k))) + ")";
        found.push_back({k, describe_node(k, tape.name(k)), std::move(rule)});
    }
    return found;
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

/// Whether quotients D(h), D(h/2), D(h/4) with error c₁h^p + c₂h^(p+q) + … are in the
/// asymptotic regime Richardson assumes: their differences shrink by ≈ 2^p (within
/// [2^(p−1), 2^(p+q+1)]), unless both are at the rounding level `noise`. Where f varies
/// faster than the step (x·sin(1/x) near 0) or jumps, the differences are random or grow,
/// and the tableau's own error estimate would mean nothing (Burden & Faires §4.2; the same
/// ratio test as in Romberg integration).
template <class U>
bool asymptotic(const std::vector<U>& d, int p, int q, const U& noise) {
    const U d1 = U(d[1] - d[0]), d2 = U(d[2] - d[1]);
    if (std::max(abs_of(d1), abs_of(d2)) <= noise) return true;
    if (is_zero(d2)) return false;
    const U r = U(d1 / d2);
    return r >= U(std::ldexp(1.0, p - 1)) && r <= U(std::ldexp(1.0, p + q + 1));
}

/// Richardson extrapolation of the quotients d; not in the asymptotic regime: error +∞.
template <class U>
Extrapolated<U> extrapolate_checked(std::vector<U> d, int p, const U& noise) {
    const bool regular = asymptotic(d, p, p, noise);
    Extrapolated<U> e = richardson_extrapolate(std::move(d), p, p);
    if (!regular) e.error = std::numeric_limits<U>::infinity();
    return e;
}

/// Richardson limit of central differences (f(x + h_k e_i) − f(x − h_k e_i))/(2h_k),
/// h_k = h/2^k.
template <class U, class T>
Extrapolated<U> central_slope(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t i, const U& h,
                              const U& noise) {
    std::vector<U> d;
    for (int k = 0; k < kLevels; ++k) {
        const U hk = U(ldexp(h, -k));
        d.push_back(U((output_value_shifted(tape, output, x, i, hk) - output_value_shifted(tape, output, x, i, U(-hk))) /
                      U(hk + hk)));
    }
    return extrapolate_checked(std::move(d), 2, noise);
}

/// A one-sided Richardson limit and its first quotient (at h), whose trend over shrinking
/// steps tells an infinite derivative from a jump (side_trend).
template <class U>
struct OneSided {
    Extrapolated<U> limit;
    U first;
    U base;  ///< f at the anchor: its rounding is part of the quotients' rounding floor
};

/// Richardson limit of one-sided differences from a = x_i + anchor in direction s = ±1:
/// (f(a + s h_k) − f(a))/(s h_k): the right (s = 1) or left (s = −1) derivative at a.
template <class U, class T>
OneSided<U> one_sided_slope(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t i, const U& anchor,
                            int s, const U& h, const U& noise) {
    const U fa = output_value_shifted(tape, output, x, i, anchor);
    std::vector<U> d;
    for (int k = 0; k < kLevels; ++k) {
        const U step = U(ldexp(h, -k) * s);
        d.push_back(U((output_value_shifted(tape, output, x, i, U(anchor + step)) - fa) / step));
    }
    const U first = d.front();
    return {extrapolate_checked(std::move(d), 1, noise), first, fa};
}

/// One step size tried: the central and one-sided limits at x with step h, their errors
/// including the rounding floor `noise`.
template <class U>
struct Attempt {
    U h, noise;
    Extrapolated<U> central;
    OneSided<U> side[2];  // [0] left, [1] right
};

/// The rounding floor of the quotients at step h: 64 ε_U·C/h with C = Σ_k s_k|v_k| (the
/// first-order effect on f of rounding every value of the replay, Higham §3.1: C is
/// relative to f's own sensitivity, so neither a large |x| nor a large constant inflates
/// it), amplified ≤ ~30× by the Richardson weights.
template <class U>
U rounding_floor(const U& conditioning, const U& h) {
    return U(64 * std::numeric_limits<U>::epsilon() * conditioning / h);
}

template <class U, class T>
Attempt<U> attempt(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t i, const U& h,
                   const U& conditioning) {
    const U noise = rounding_floor(conditioning, h);
    Attempt<U> a{h, noise, central_slope(tape, output, x, i, h, noise),
                 {one_sided_slope(tape, output, x, i, U(0), -1, h, noise), one_sided_slope(tape, output, x, i, U(0), 1, h, noise)}};
    for (Extrapolated<U>* e : {&a.central, &a.side[0].limit, &a.side[1].limit}) e->error += a.noise;
    return a;
}

/// A numeric derivative as the report shows it.
template <class U>
struct Slope {
    Estimate kind = Estimate::NotEstimated;
    U value = std::numeric_limits<U>::quiet_NaN();
    U error = std::numeric_limits<U>::quiet_NaN();
};

template <class U>
Slope<U> finite_slope(const Extrapolated<U>& e) {
    return {Estimate::Finite, e.value, e.error};
}

/// The numeric side of one component.
template <class U>
struct Numeric {
    Slope<U> central, side[2];
    U h;
    bool kink = false;  ///< the one-sided derivatives differ, or f jumps: central means nothing
    std::string why;    ///< for anything but a smooth point: what was found
};

/// The thresholds of one component: `slack` = K·ε_T·L (the check's own allowance), L
/// (`weight`), and `floor` = K·η_T with η_T the smallest positive T (denorm_min): below
/// T's normal range a rounding error is absolute, up to η_T (Higham, *Accuracy and
/// Stability of Numerical Algorithms*, 2nd ed., §2.1: fl(x op y) = (x op y)(1 + δ) + η), so
/// a derivative too small for T (gelu′(−40) ≈ −5.8e−347 in double) is right as 0.
template <class U>
struct Scale {
    U slack, weight, floor;
    /// What a checked value may differ by before the numeric error is added: slack + floor.
    U allowance() const { return slack + floor; }
};

template <class U>
bool usable(const Extrapolated<U>& e) {
    return finite(e.value) && finite(e.error);
}

/// Converged well enough to check against: error ≤ 1e-6·(|value| + L) + √ε_U·C/h. For
/// smooth f the error is ≈ (h/d)³ relative (d: distance to a singularity) plus rounding;
/// a jump J within the step makes the quotients grow as J/h.
template <class U>
bool converged(const Extrapolated<U>& e, const Attempt<U>& a, const Scale<U>& sc) {
    const U jump_floor = U(a.noise * U(sqrt(U(1) / std::numeric_limits<U>::epsilon())) / 64);
    return usable(e) && e.error <= U(U("1e-6") * (abs_of(e.value) + sc.weight) + jump_floor);
}

/// Converged far below the tolerance (≤ slack/8 + twice the rounding floor): no smaller
/// step is needed.
template <class U>
bool sharp(const Extrapolated<U>& e, const Attempt<U>& a, const Scale<U>& sc) {
    return usable(e) && e.error <= U(sc.slack / 8 + 2 * a.noise);
}

/// Two tableaus (at steps 1024× apart) give the same limit within their errors: the
/// check that both are in the asymptotic regime. One tableau's error estimate alone can be
/// fooled where f varies faster than the step (x·sin(1/x) near 0: random quotients).
template <class U>
bool agree(const Extrapolated<U>& now, const Extrapolated<U>& before, const Scale<U>& sc) {
    return abs_of(U(now.value - before.value)) <= U(sc.slack + now.error + before.error);
}

/// Side s converged at attempt k and agrees with attempt k − 1.
template <class U>
bool stable_side(const std::vector<Attempt<U>>& tried, std::size_t k, int s, const Scale<U>& sc) {
    return k > 0 && converged(tried[k].side[s].limit, tried[k], sc) &&
           converged(tried[k - 1].side[s].limit, tried[k - 1], sc) &&
           agree(tried[k].side[s].limit, tried[k - 1].side[s].limit, sc);
}

template <class U>
bool sides_differ(const Attempt<U>& a, const Scale<U>& sc) {
    const Extrapolated<U>&l = a.side[0].limit, &r = a.side[1].limit;
    return abs_of(U(r.value - l.value)) > U(sc.slack + l.error + r.error);
}

/// What the first quotients of side s (0 left, 1 right) did over the last three steps
/// (each 1024× smaller): with d = |f(x ± h) − f(x)|, a jump keeps d (to 1/16); an infinite derivative
/// shrinks d while |quotient| grows; a derivative 0 reached as a power (x^1.875 at 0)
/// shrinks |quotient|. Anything else is not estimated.
template <class U>
Slope<U> side_trend(const std::vector<Attempt<U>>& tried, int s) {
    const std::size_t n = tried.size();
    if (n < 3) return {};
    bool jump = true, grows = true, shrinks = true, same_sign = true;
    for (std::size_t k = n - 2; k < n; ++k) {
        const U &q0 = tried[k - 1].side[s].first, &q1 = tried[k].side[s].first;
        const U d0 = U(abs_of(q0) * tried[k - 1].h), d1 = U(abs_of(q1) * tried[k].h);
        // f(x ± h) − f(x) settles at the jump J (the rest shrinks with h): not by chance twice
        const U j0 = U(q0 * tried[k - 1].h), j1 = U(q1 * tried[k].h);
        jump = jump && !is_zero(j1) && abs_of(U(j1 - j0)) * 16 <= abs_of(j0);
        grows = grows && abs_of(q1) >= 4 * abs_of(q0) && d1 * 2 <= d0;
        shrinks = shrinks && abs_of(q1) * 4 <= abs_of(q0);
        same_sign = same_sign && !is_zero(q0) && ((q0 > 0) == (q1 > 0));
    }
    const U last = tried.back().side[s].first;
    if (jump) return Slope<U>{Estimate::Jump};
    if (grows && same_sign)
        return {Estimate::Infinite, last > 0 ? std::numeric_limits<U>::infinity() : U(-std::numeric_limits<U>::infinity()),
                U(0)};
    if (shrinks) return {Estimate::Finite, U(0), abs_of(last)};
    return {};
}

/// One side after all steps: undefined when f is not finite there at the smallest step,
/// its limit when that converged, else its trend.
template <class U>
Slope<U> side_result(const std::vector<Attempt<U>>& tried, int s, const Scale<U>& sc) {
    const Attempt<U>& last = tried.back();
    if (!finite(last.side[s].limit.value)) return Slope<U>{Estimate::Undefined};
    if (stable_side(tried, tried.size() - 1, s, sc)) return finite_slope(last.side[s].limit);
    for (const Attempt<U>& a : tried)
        if (!finite(a.side[s].limit.value)) return {};  // finite only at some steps: no pattern
    return side_trend(tried, s);
}

/// The verdict-free outcome when no step gave a smooth point or a kink: from the two
/// sides' trends — a domain edge (one side undefined), an infinite derivative, a jump.
template <class U, class T>
Numeric<U> from_trends(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t i,
                       const std::vector<Attempt<U>>& tried, const Scale<U>& sc, const U& conditioning) {
    Numeric<U> n;
    n.h = tried.back().h;
    for (int s : {0, 1}) n.side[s] = side_result(tried, s, sc);
    const Slope<U>&l = n.side[0], &r = n.side[1];
    const char* names[] = {"left", "right"};
    if (l.kind == Estimate::Jump || r.kind == Estimate::Jump) {
        // The slopes of the branches, from beyond the jump (x ∓ 2h) outward.
        for (int s : {0, 1}) {
            if (n.side[s].kind != Estimate::Jump) continue;
            const int dir = s == 0 ? -1 : 1;
            Attempt<U> there = tried.back();  // the rounding floor is that of f there, not of f(x)
            there.noise = rounding_floor(U(conditioning + abs_of(output_value_shifted(tape, output, x, i, U(2 * dir * n.h)))), n.h);
            const OneSided<U> branch = one_sided_slope(tape, output, x, i, U(2 * dir * n.h), dir, n.h, there.noise);
            Extrapolated<U> b = branch.limit;
            b.error += there.noise;
            if (converged(b, there, sc)) n.side[s] = {Estimate::Jump, b.value, b.error};
        }
        n.kink = true;
        n.why = "f jumps at {x}";
        return n;
    }
    for (int s : {0, 1}) {
        const Slope<U>&in = n.side[s], &out = n.side[1 - s];
        if (out.kind != Estimate::Undefined || in.kind == Estimate::Undefined || in.kind == Estimate::NotEstimated) continue;
        n.central = in;
        n.why = std::string("f is undefined ") + names[1 - s] + " of {x} (an edge of its domain): the derivative is the " +
                names[s] + " one";
        return n;
    }
    if (l.kind == Estimate::Infinite && r.kind == Estimate::Infinite && l.value == r.value) {
        n.central = l;
        n.why = "both one-sided derivatives are " + short_text(l.value);
        return n;
    }
    if (l.kind == Estimate::Infinite && r.kind == Estimate::Infinite) {
        n.kink = true;
        n.why = "a cusp: the one-sided derivatives are " + short_text(l.value) + " and " + short_text(r.value);
        return n;
    }
    if (l.kind == Estimate::Finite && r.kind == Estimate::Finite) {
        if (abs_of(U(r.value - l.value)) > U(sc.slack + l.error + r.error)) {
            n.kink = true;
            n.why = "the one-sided derivatives differ: a kink at {x}";
        } else {
            n.central = {Estimate::Finite, U((l.value + r.value) / 2), U(l.error + r.error)};
        }
        return n;
    }
    n.why = l.kind == Estimate::Undefined && r.kind == Estimate::Undefined
                ? "f is not finite on either side of {x}, down to h = " + n.h.str(3)
                : "the difference quotients do not converge down to h = " + n.h.str(3) + " (error estimate " +
                      tried.back().central.error.str(3) + " > 1e-6 relative)";
    return n;
}

template <class U>
Numeric<U> smooth_at(const Attempt<U>& a) {
    Numeric<U> n{finite_slope(a.central), {finite_slope(a.side[0].limit), finite_slope(a.side[1].limit)}, a.h, false, {}};
    return n;
}

template <class U>
Numeric<U> kink_at(const Attempt<U>& a) {
    Numeric<U> n{{}, {finite_slope(a.side[0].limit), finite_slope(a.side[1].limit)}, a.h, true,
                 "the one-sided derivatives differ: a kink at {x}"};
    return n;
}

/// The numeric derivative of component i. Steps h = c·|x_i|, h/1024, …, h/1024⁴ are tried
/// until the central and one-sided tableaus of two steps in a row converge, agree with
/// each other, and the smaller error is far below the tolerance (a smooth point), or the
/// one-sided ones converge to different limits at two steps in a row (a kink at x: a kink
/// merely within the step moves away as h shrinks). A value of f that is not finite at
/// x ± h (the step left the domain) or a tableau that does not converge also shrinks the
/// step. Otherwise the best such pair, else the trends (from_trends).
template <class U, class T>
Numeric<U> numeric_derivative(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t i,
                              const Scale<U>& sc, const U& conditioning) {
    std::vector<Attempt<U>> tried;
    U h = initial_step(x[i]);
    std::optional<std::size_t> best;  // of the agreeing smooth pairs, the step with the least central error
    bool kink_before = false;
    for (std::size_t k = 0; k < static_cast<std::size_t>(kAttempts); ++k, h = U(ldexp(h, -kShrinkBits))) {
        tried.push_back(attempt(tape, output, x, i, h, conditioning));
        const Attempt<U>& a = tried.back();
        const bool sides = stable_side(tried, k, 0, sc) && stable_side(tried, k, 1, sc);
        const bool kink = sides && sides_differ(a, sc);
        if (sides && !kink && converged(a.central, a, sc) && converged(tried[k - 1].central, tried[k - 1], sc) &&
            agree(a.central, tried[k - 1].central, sc)) {
            const std::size_t pick = a.central.error <= tried[k - 1].central.error ? k : k - 1;
            const Attempt<U>& p = tried[pick];
            if (sharp(p.central, p, sc) && sharp(p.side[0].limit, p, sc) && sharp(p.side[1].limit, p, sc))
                return smooth_at(p);
            if (!best || p.central.error < tried[*best].central.error) best = pick;
        } else if (kink && kink_before) {
            return kink_at(a);
        }
        kink_before = kink;
    }
    if (best) return smooth_at(tried[*best]);
    if (kink_before) return kink_at(tried.back());
    return from_trends(tape, output, x, i, tried, sc, conditioning);
}

/// The policy sentence of the report.
inline std::string policy_text(double epsilon, double k, const std::string& step) {
    return "|analytic - numeric| <= K*eps*L + nu, eps = " + to_decimal_string(epsilon, 3) +
           " (the checked type), K = " + to_decimal_string(k, 3) +
           ", L = sum over the chain-rule paths to the input of (factors + 1)*prod|local partial| (>= |df/dx|): "
           "the reverse sweep rounds every factor of every path by a few ulps (the multiply, the accumulation, "
           "the partial's own evaluation), so its error is at most ~ K*eps per factor; nu = the numeric "
           "derivative's own error (Richardson tableau difference + replay rounding), ~1e-37 relative with "
           "h = " + step + "*|x| (" + step + " at x = 0), negligible beside eps. A double finite difference "
           "(PyTorch: eps 1e-6, rtol 1e-3) could not see errors below ~1e-10.";
}

/// The note of a FAIL: is the rule wrong, or only the checked value?
template <class U>
std::string fail_note(const U& reverse_u, const U& numeric, const U& tolerance) {
    return abs_of(U(reverse_u - numeric)) <= tolerance
               ? "reverse mode in the reference type agrees (" + short_text(reverse_u) +
                     "): the checked value, not a derivative rule, is off (a claim, or rounding of T)"
               : "reverse mode in the reference type gives " + short_text(reverse_u) + " too: a derivative rule is wrong";
}

/// Verdict at a kink or jump: the checked value is the documented convention (reverse mode
/// in U, whose rules apply it) or one of the one-sided derivatives — else a FAIL.
template <class U>
void judge_kink(GradcheckEntry<U>& e, const Numeric<U>& n, const U& slack) {
    const std::string sides = " (left " + short_text(e.left) + ", right " + short_text(e.right) + ")";
    const std::string at = singular_text(e.singular);
    const auto near = [&](const U& v, const U& err) {
        return finite(v) && abs_of(U(e.analytic - v)) <= U(slack + (finite(err) ? err : U(0)));
    };
    e.verdict = GradcheckVerdict::Kink;
    if (near(e.reverse_reference, U(0)))
        e.note = "kink: convention " + (at.empty() ? "of reverse mode, " + short_text(e.reverse_reference) : at) + sides +
                 "; " + n.why;
    else if (near(e.left, n.side[0].error) && n.side[0].kind == Estimate::Finite)
        e.note = "kink: the checked value is the left derivative" + sides + "; " + n.why;
    else if (near(e.right, n.side[1].error) && n.side[1].kind == Estimate::Finite)
        e.note = "kink: the checked value is the right derivative" + sides + "; " + n.why;
    else {
        e.verdict = GradcheckVerdict::Fail;
        e.note = "at a kink" + sides + " the checked value is neither the convention (" +
                 short_text(e.reverse_reference) + (at.empty() ? "" : ": " + at) + ") nor a one-sided derivative";
    }
}

/// Verdict against a numeric derivative that is a number or ±∞.
template <class U>
void judge_value(GradcheckEntry<U>& e, const Numeric<U>& n, const U& slack) {
    const std::string at = singular_text(e.singular);
    if (e.numeric_kind == Estimate::Infinite) {
        const bool same = e.analytic == e.numeric;
        e.abs_error = same ? U(0) : std::numeric_limits<U>::infinity();
        e.rel_error = e.abs_error;
        e.verdict = same ? GradcheckVerdict::Pass : GradcheckVerdict::Fail;
        e.note = (same ? "both " + short_text(e.numeric) : "the derivative is " + short_text(e.numeric) +
                                                               ", the checked value " + short_text(e.analytic)) +
                 "; " + n.why + (at.empty() ? "" : ": " + at);
        return;
    }
    e.tolerance = U(slack + e.numeric_error);
    e.abs_error = abs_of(U(e.analytic - e.numeric));
    e.rel_error = is_zero(e.numeric) ? (is_zero(e.abs_error) ? U(0) : std::numeric_limits<U>::infinity())
                                     : U(e.abs_error / abs_of(e.numeric));
    if (!finite(e.analytic)) {
        e.verdict = GradcheckVerdict::Fail;
        e.note = "the checked value is " + short_text(e.analytic) + ", the derivative " + short_text(e.numeric) +
                 (at.empty() ? "" : " (" + at + ")");
    } else if (e.abs_error > e.tolerance) {
        e.verdict = GradcheckVerdict::Fail;
        e.note = fail_note(e.reverse_reference, e.numeric, e.tolerance);
    }
    if (!n.why.empty()) e.note += (e.note.empty() ? "" : "; ") + n.why;
}

/// The entry of one input: numeric derivative, tolerance, verdict and note.
template <class U, class T>
GradcheckEntry<U> check_component(const Tape<T>& tape, NodeIndex output, std::vector<U>& x, std::size_t position,
                                  std::string name, const U& analytic, const U& reverse_u, const Scale<U>& sc,
                                  const U& conditioning, std::vector<SingularPoint> singular) {
    GradcheckEntry<U> e;
    e.input = tape.inputs()[position];
    e.name = std::move(name);
    e.analytic = analytic;
    e.reverse_reference = reverse_u;
    e.singular = std::move(singular);
    Numeric<U> n = numeric_derivative(tape, output, x, position, sc, conditioning);
    // The numeric side's sentences say {x} for the input; the note names it ("a kink at w").
    for (std::size_t at = n.why.find("{x}"); at != std::string::npos; at = n.why.find("{x}", at))
        n.why.replace(at, 3, e.name);
    e.step = n.h;
    e.numeric = n.central.value;
    e.numeric_error = n.central.error;
    e.numeric_kind = n.central.kind;
    e.left = n.side[0].value;
    e.right = n.side[1].value;
    e.left_kind = n.side[0].kind;
    e.right_kind = n.side[1].kind;
    e.tolerance = U(sc.allowance() + (finite(e.numeric_error) ? e.numeric_error : U(0)));
    e.abs_error = e.rel_error = std::numeric_limits<U>::quiet_NaN();
    if (not_a_number(analytic)) {
        // 0·∞ or ∞ − ∞ in the chain rule: the value is undefined, whatever f′ is.
        e.verdict = GradcheckVerdict::Undefined;
        e.note = "the checked value is NaN (undefined: 0·∞ or ∞ − ∞ in the chain rule)" +
                 (e.singular.empty() ? std::string() : ", from " + singular_text(e.singular)) +
                 (n.central.kind == Estimate::Finite || n.central.kind == Estimate::Infinite
                      ? "; the derivative is " + short_text(e.numeric)
                      : "; " + (n.kink ? n.why : "could not estimate the derivative: " + n.why));
    } else if (n.kink) {
        judge_kink(e, n, sc.allowance());
    } else if (n.central.kind == Estimate::Finite && !is_zero(sc.slack) &&
               e.numeric_error > std::max(sc.slack, U(U("1e-6") * abs_of(e.numeric)))) {
        // Its error would decide the check (the rounding of a large f swamps a small
        // variation: log(b) + exp(700) in b): a number this uncertain is not printed.
        // (With no path weight, L = 0 — sign, step, x³ at 0 — the derivative is 0 to within
        // the rounding floor, and that is the check.)
        e.verdict = GradcheckVerdict::NotEstimated;
        e.note = "could not estimate: the differences are at the rounding level of f (error estimate " +
                 short_text(e.numeric_error) + " above both the tolerance and 1e-6 of the value)";
        e.numeric = std::numeric_limits<U>::quiet_NaN();
        e.numeric_kind = Estimate::NotEstimated;
    } else if (n.central.kind == Estimate::Finite || n.central.kind == Estimate::Infinite) {
        judge_value(e, n, sc.allowance());
    } else {
        e.verdict = GradcheckVerdict::NotEstimated;
        e.note = "could not estimate: " + n.why;
    }
    return e;
}

/// C = Σ_k s_k·|v_k| over the nodes up to the output (finite terms): the first-order
/// sensitivity of f to rounding every value of the replay (see rounding_floor).
template <class U>
U conditioning_of(const std::vector<U>& s, const std::vector<U>& v) {
    U c(0);
    for (std::size_t k = 0; k < s.size(); ++k) {
        const U term = U(s[k] * abs_of(v[k]));
        if (finite(term)) c += term;
    }
    return c;
}

/// When `tape` is the scalar expansion of a matrix tape (gradcheck_matrix.hpp), what the
/// report takes from the matrix tape, per checked input: the leaf (Input or MatInput) of
/// the matrix tape, the entry's name ("W[1,2]"), and the matrix tape's own reverse sweep
/// in U (the rules whose result is checked, so a FAIL's note tells a wrong rule from a
/// wrong claim); how a node of the expansion is named in singular points, and how errors
/// name the output.
template <class U>
struct MatrixContext {
    std::vector<NodeIndex> inputs;
    std::vector<std::string> names;
    std::vector<U> reverse_reference;
    std::function<std::string(NodeIndex)> node_text;
    std::string output_text;
};

/// The shared body of both gradcheck() overloads: `analytic` holds one value per
/// checked input. `matrix`: see MatrixContext (null for a scalar tape).
template <class T, class U>
GradcheckReport<U> run(const Tape<T>& tape, NodeIndex output, const std::vector<std::size_t>& positions,
                       const std::vector<T>& analytic, const GradcheckOptions& options,
                       const MatrixContext<U>* matrix = nullptr) {
    std::vector<NodeIndex> nodes;
    for (std::size_t p : positions) nodes.push_back(tape.inputs()[p]);
    const Tape<U> reference = replay<U>(tape);
    const std::vector<U> v(reference.values().begin(), reference.values().end());
    if (!finite(v[output]))
        throw Error("chainrule: gradcheck: the output " + (matrix != nullptr ? matrix->output_text : tape.describe(output)) +
                    " is not finite at the point");
    PathWeights<U> w = path_weights(tape, v, output);
    const U conditioning = conditioning_of(w.s, v);
    w.l.resize(tape.size(), U(0));  // an Input recorded after the output: no path
    const std::vector<U> reverse_u = matrix != nullptr ? matrix->reverse_reference : reverse_gradient<U>(tape, output, nodes);
    const double epsilon = static_cast<double>(std::numeric_limits<T>::epsilon());
    const double k = options.ulps_per_factor;

    GradcheckReport<U> report{output, epsilon, k, step_scale<U>(), kLevels,
                              policy_text(epsilon, k, step_scale<U>().str(3)), {}};
    std::vector<U> x = recorded_inputs<U>(tape);
    for (std::size_t j = 0; j < positions.size(); ++j) {
        const U& weight = w.l[nodes[j]];
        const Scale<U> sc{finite(weight) ? U(U(k * epsilon) * weight) : U(0), finite(weight) ? weight : U(0),
                          U(U(k) * scalar_cast<U>(std::numeric_limits<T>::denorm_min()))};
        std::vector<SingularPoint> singular = singular_points(tape, v, w.s, output, nodes[j]);
        if (matrix != nullptr)
            for (SingularPoint& p : singular) p.node_text = matrix->node_text(p.node);
        const std::string_view name = tape.name(nodes[j]);
        report.entries.push_back(check_component(
            tape, output, x, positions[j],
            matrix != nullptr ? matrix->names[j] : name.empty() ? "#" + std::to_string(nodes[j]) : std::string(name),
            scalar_cast<U>(analytic[j]), reverse_u[j], sc, conditioning, std::move(singular)));
        if (matrix != nullptr) report.entries.back().input = matrix->inputs[j];
    }
    return report;
}

#if CHAINRULE_USE_COMPILED_INSTANCES  // compiled once, in gradcheck_instances.cpp
#define CHAINRULE_DETAIL_EXTERN_RUN(T)                                                                        \
    extern template GradcheckReport<GradcheckReference<T>> run<T, GradcheckReference<T>>(                  \
        const Tape<T>&, NodeIndex, const std::vector<std::size_t>&, const std::vector<T>&, const GradcheckOptions&, \
        const MatrixContext<GradcheckReference<T>>*);
CHAINRULE_GRADCHECKED_SCALARS(CHAINRULE_DETAIL_EXTERN_RUN)
#undef CHAINRULE_DETAIL_EXTERN_RUN
#endif

/// Throws Error unless `output` is a node of the tape.
template <class T>
void check_output(const Tape<T>& tape, NodeIndex output) {
    if (output >= tape.size())
        throw Error("chainrule: gradcheck: no node #" + std::to_string(output) + " on a tape of " +
                    std::to_string(tape.size()) + " nodes");
}

/// True when a node up to `output` is a matrix node: gradcheck then checks the tape's
/// scalar expansion (gradcheck_matrix.hpp).
template <class T>
bool has_matrix_nodes(const Tape<T>& tape, NodeIndex output) {
    if (!tape.has_matrices()) return false;
    for (NodeIndex k = 0; k <= output; ++k)
        if (is_matrix_op(tape.node(k).op)) return true;
    return false;
}

/// gradcheck() of a tape with matrix nodes up to `output` (gradcheck_matrix.hpp): the
/// reverse-mode gradient of the matrix tape, or the `claimed` one, per entry.
template <class T, class U>
GradcheckReport<U> check_matrix_tape(const Tape<T>& tape, NodeIndex output, std::optional<std::span<const T>> claimed,
                                     const GradcheckOptions& options);

}  // namespace detail::gradcheck

/// Checks the reverse-mode gradient of node `output` (computed in T, on a replayed copy:
/// the tape's adjoints are untouched) against numeric derivatives, for every Input node
/// or those in options.wrt.
///
/// **Numeric derivative.** With U = GradcheckReference<T> and \f$f\f$ the output replayed
/// in U, the central quotients \f$D(h_k) = \frac{f(x + h_k e_i) - f(x - h_k e_i)}{2h_k}\f$,
/// \f$h_k = h/2^k\f$, k = 0, 1, 2, are extrapolated (richardson_extrapolate, p = q = 2) to
/// \f$\partial_i f + O(h^6)\f$; the one-sided quotients \f$\frac{f(x \pm h_k e_i) - f(x)}{\pm h_k}\f$
/// likewise (p = q = 1) to the right and left derivatives \f$+ O(h^3)\f$.
///
/// **Step.** Relative to the point: \f$h = c|x_i|\f$, \f$c = 10^{-\lfloor d_U/4 \rfloor}\f$
/// (1e-12 for 50 digits), absolute (h = c) only at x_i = 0. So x ± h keeps the sign of x
/// (log at 1e-300 is differenced at 1e-300·(1 ± 1e-12), inside its domain) and the
/// truncation, ≈ (h/|x|)^k relative for functions whose scale is |x| (x^p, log, 1/x), is
/// the same at 1e-300 as at 1. c balances the one-sided truncation (h/|x|)³ and the
/// rounding ε_U/h at \f$c = \varepsilon_U^{1/4}\f$. When the tableaus do not converge far
/// below the tolerance (f varies on a scale smaller than |x|: sin at 1e10; a domain edge or
/// a kink within h), h is divided by 1024, up to 4 times (down to c·1e-12·|x|, where the
/// rounding is still ≈ 1e-26 relative). This is the usual practice of adaptive numerical
/// differentiation (Press et al., *Numerical Recipes*, 3rd ed., §5.7: steps scaled to x,
/// Ridders' shrinking tableau with its error estimate).
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
/// floor 64 ε_U C/h of the replay (C = Σ_k s_k|v_k|, s_k ≥ |∂f/∂v_k|: the first-order
/// effect of rounding every value); ≈ 1e-37 relative, negligible beside ε_T.
/// Not modelled: rounding of forward values amplified by an ill-conditioned op (sin of
/// 1e6·x in double): a FAIL there says so in its note (reverse mode in U agrees).
///
/// **Points that are not smooth.** No step is shrunk below the resolution above; what the
/// quotients then show decides the entry, and no number is reported that was not
/// computed to within its error estimate:
/// - a domain edge (f not finite on one side at every step: sqrt at 0, asin at 1): the
///   derivative is the one-sided one from inside the domain;
/// - an infinite derivative (the quotients of a side grow ≥ 4× per step with one sign while
///   |f(x ± h) − f(x)| shrinks: sqrt, cbrt, x^0.5 at 0, asin at 1): ±∞, and a checked value
///   of the same infinity passes (∞ = ∞);
/// - a kink at x (the one-sided limits converge to different values at two steps in a row:
///   relu, abs, max/min ties, hypot at 0) or a jump (|f(x ± h) − f(x)| does not shrink:
///   sign, step, atan2 at 0; left/right are then the slopes of the branches, from x ∓ 2h
///   outward): verdict Kink when the checked value is the documented convention (the
///   reverse sweep in U, whose rules apply docs/conventions.md) or a one-sided
///   derivative, else FAIL; `singular` names the ops at their singular point;
/// - a checked value NaN (0·∞ in the chain rule): Undefined, naming those ops;
/// - anything else: NotEstimated ("could not estimate", with the reason), never a number.
///
/// **Matrix tapes.** When nodes up to `output` are matrix nodes, the analytic gradient is
/// the matrix tape's own reverse sweep in T (its vector–Jacobian rules, graph/mat_rules_*.hpp),
/// and everything above runs on the tape's scalar expansion (scalar_expansion.hpp), where
/// each entry of a matrix variable is an input of its own: one report entry per entry,
/// named `W[1,2]` (row, column from 1) with `input` the MatInput node, row-major, the
/// leaves in creation order (options.wrt may name Input and MatInput nodes: a MatInput
/// checks all its entries); a scalar Input keeps its name. The output must be a scalar
/// node. Throws Error when the expansion would exceed kMaxExpansionNodes ("… too large for
/// gradcheck …; check a smaller batch"). See gradcheck_matrix.hpp.
///
/// Sources: Richardson extrapolation, Burden & Faires, *Numerical Analysis*, 9th ed., §4.2;
/// PyTorch torch.autograd.gradcheck (eps = 1e-6, atol = 1e-5, rtol = 1e-3) for comparison.
///
/// Throws Error when `output` is not a node of the tape, a node of options.wrt is not an
/// Input node (or MatInput), or the output is not finite at the recorded point; AnomalyError
/// from the reverse sweep when the tape has anomaly detection on and a gradient is not finite.
template <class T, class U = GradcheckReference<T>>
GradcheckReport<U> gradcheck(const Tape<T>& tape, NodeIndex output, const GradcheckOptions& options = {}) {
    detail::gradcheck::check_output(tape, output);
    if (detail::gradcheck::has_matrix_nodes(tape, output))
        return detail::gradcheck::check_matrix_tape<T, U>(tape, output, std::nullopt, options);
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
/// reverse_reference is the reverse-mode value in U, for comparison. On a matrix tape
/// (see above) there is one claimed value per checked entry, in the report's order: the
/// leaves of options.wrt (else every Input and MatInput in creation order), each matrix
/// row-major.
/// Throws Error as above, and when claimed_gradient has the wrong length.
template <class T, class U = GradcheckReference<T>>
GradcheckReport<U> gradcheck(const Tape<T>& tape, NodeIndex output,
                             std::type_identity_t<std::span<const T>> claimed_gradient,
                             const GradcheckOptions& options = {}) {
    detail::gradcheck::check_output(tape, output);
    if (detail::gradcheck::has_matrix_nodes(tape, output))
        return detail::gradcheck::check_matrix_tape<T, U>(tape, output, claimed_gradient, options);
    const std::vector<std::size_t> positions = detail::gradcheck::input_positions(tape, options.wrt);
    if (claimed_gradient.size() != positions.size())
        throw Error("chainrule: gradcheck: the claimed gradient has " + std::to_string(claimed_gradient.size()) +
                    " components for " + std::to_string(positions.size()) + " checked inputs");
    const std::vector<T> g(claimed_gradient.begin(), claimed_gradient.end());
    return detail::gradcheck::run<T, U>(tape, output, positions, g, options);
}

}  // namespace chainrule

#include "gradcheck_matrix.hpp"
