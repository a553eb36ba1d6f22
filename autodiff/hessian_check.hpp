#pragma once
/// \file hessian_check.hpp
/// Gradient checking at second order: a Hessian (forward-over-reverse, second_order.hpp)
/// against 50-digit central differences of the gradient, and its symmetry.
///
/// **Numeric side.** Column j of H is the derivative of ∇f along e_j:
/// \f[ H_{:,j} \approx \frac{\nabla f(x + h e_j) - \nabla f(x - h e_j)}{2h}, \f]
/// each gradient by the first-order reverse sweep of the tape replayed in
/// cpp_bin_float_50 at the shifted point, with h = 10⁻¹²·max(1, |x_j|), h/2, h/4 and
/// Richardson extrapolation (finite_difference.hpp): so it uses the op rules' first-order
/// partials only, never the dual numbers under test, and is accurate to ~10⁻³⁵ where f is
/// smooth. Where the central differences do not settle as h shrinks (across a jump of the
/// gradient they grow as 1/h) or the one-sided differences from the left and from the
/// right disagree, the gradient is not differentiable at x along e_j: the entry is
/// reported as a kink with both one-sided values, and the checked value (the convention's)
/// is not judged.
///
/// **Tolerance.** |analytic − numeric| ≤ max(10⁻⁹·max(|numeric|, the largest |numeric| of
/// its row and column), 64 ε): a double Hessian is accurate to rounding far below that, a
/// wrong second-order rule misses by far more (a term missing, a factor 2). Symmetry:
/// |H_ij − H_ji| within the same tolerance.

#include "finite_difference.hpp"
#include "gradcheck.hpp"
#include "replay.hpp"
#include "reverse_sweep.hpp"
#include "second_order.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace chainrule {

/// One entry H_ij of a Hessian check.
struct HessianCheckEntry {
    std::size_t row = 0, column = 0;  ///< positions in `wrt`
    double analytic = 0;              ///< forward-over-reverse in double
    double numeric = 0;               ///< 50-digit differences of the gradient (extrapolated)
    double left = 0, right = 0;       ///< one-sided differences (meaningful for a kink)
    double tolerance = 0;
    GradcheckVerdict verdict = GradcheckVerdict::Pass;  ///< Pass, Fail, Kink, Undefined
};

struct HessianCheck {
    std::vector<std::string> names;        ///< of wrt (the tape's names; "#7" unnamed)
    std::vector<HessianCheckEntry> entries;  ///< row-major
    double asymmetry = 0;                  ///< max |H_ij − H_ji| of the analytic Hessian
    bool symmetric = true;                 ///< asymmetry within the tolerance of every pair
    std::size_t count(GradcheckVerdict v) const {
        return static_cast<std::size_t>(
            std::count_if(entries.begin(), entries.end(), [v](const HessianCheckEntry& e) { return e.verdict == v; }));
    }
    bool passed() const { return symmetric && count(GradcheckVerdict::Fail) == 0 && count(GradcheckVerdict::Undefined) == 0; }
};

namespace detail {

/// ∇f (w.r.t. every Input node) in cpp_bin_float_50 at x: the tape replayed there, swept.
template <class T>
std::vector<boost::multiprecision::cpp_bin_float_50> gradient_50(const Tape<T>& tape, NodeIndex output,
                                                                 const std::vector<boost::multiprecision::cpp_bin_float_50>& x) {
    using R = boost::multiprecision::cpp_bin_float_50;
    Tape<R> t = replay<R>(tape, std::span<const R>(x));
    std::vector<Var<R>> inputs;
    for (NodeIndex i : t.inputs()) inputs.push_back(t.var(i));
    return grad(t.var(output), inputs);
}

/// Column j of H by differences of the gradient: central (extrapolated), left, right.
struct HessianColumn {
    std::vector<double> central, left, right;
    /// The central differences at h and h/4 agree to 10⁻¹⁰ (relative): the gradient is
    /// smooth there. Across a jump of the gradient (a kink of f) they grow as 1/h; the
    /// one-sided differences alone miss a jump whose convention value is its midpoint.
    std::vector<bool> smooth;
};

template <class T>
HessianColumn hessian_column_50(const Tape<T>& tape, NodeIndex output, std::size_t j) {
    using R = boost::multiprecision::cpp_bin_float_50;
    std::vector<R> x = recorded_inputs<R>(tape);
    const R xj = x[j];
    const R h0 = R("1e-12") * (abs(xj) > 1 ? R(abs(xj)) : R(1));
    const auto at = [&](const R& t) {
        x[j] = xj + t;
        std::vector<R> g = gradient_50(tape, output, x);
        x[j] = xj;
        return g;
    };
    const std::vector<R> g0 = at(R(0));
    const std::size_t n = g0.size();
    std::vector<std::vector<R>> estimates(n);
    HessianColumn c;
    for (int k = 0; k < 3; ++k) {
        const R h = h0 / R(1 << k);
        const std::vector<R> plus = at(h), minus = at(R(-h));
        for (std::size_t i = 0; i < n; ++i) {
            estimates[i].push_back(R((plus[i] - minus[i]) / (h + h)));
            if (k == 2) {
                c.left.push_back(R((g0[i] - minus[i]) / h).convert_to<double>());
                c.right.push_back(R((plus[i] - g0[i]) / h).convert_to<double>());
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        c.central.push_back(richardson_extrapolate(estimates[i], 2, 2).value.convert_to<double>());
        const R spread = abs(R(estimates[i].front() - estimates[i].back()));
        const R size = abs(estimates[i].back()) > 1 ? R(abs(estimates[i].back())) : R(1);
        c.smooth.push_back(spread <= size * R("1e-10"));
    }
    return c;
}

/// 10⁻⁹ of the entry's scale (the largest |numeric| of its row and column), at least
/// 64 ε: relative, so a wrong rule is caught in entries of 10⁻⁵ as in entries of 1.
inline double hessian_tolerance(double numeric, double scale) {
    return std::max(1e-9 * std::max(std::abs(numeric), scale), 64 * std::numeric_limits<double>::epsilon());
}

/// The verdict on H_ij = `analytic` against column j's differences.
inline HessianCheckEntry judge_hessian_entry(const std::vector<HessianColumn>& columns,
                                             const std::vector<std::size_t>& pos, std::size_t i, std::size_t j,
                                             double analytic) {
    double scale = 0;  // the largest |numeric| of row i and column j
    for (std::size_t k = 0; k < pos.size(); ++k)
        scale = std::max({scale, std::abs(columns[j].central[pos[k]]), std::abs(columns[k].central[pos[i]])});
    if (!std::isfinite(scale)) scale = 0;
    const HessianColumn& col = columns[j];
    HessianCheckEntry e{i, j, analytic, col.central[pos[i]], col.left[pos[i]], col.right[pos[i]], 0,
                        GradcheckVerdict::Pass};
    e.tolerance = hessian_tolerance(e.numeric, scale);
    if (!std::isfinite(e.analytic) || !std::isfinite(e.numeric))
        e.verdict = e.analytic == e.numeric ? GradcheckVerdict::Pass : GradcheckVerdict::Undefined;
    else if (!col.smooth[pos[i]] || std::abs(e.left - e.right) > 1e-6 * std::max(1.0, std::abs(e.left) + std::abs(e.right)))
        e.verdict = GradcheckVerdict::Kink;  // the gradient is not differentiable here along e_j
    else if (std::abs(e.analytic - e.numeric) > e.tolerance)
        e.verdict = GradcheckVerdict::Fail;
    return e;
}

}  // namespace detail

/// Checks `analytic` (n × n, rows and columns in the order of `wrt`) as the Hessian of the
/// scalar output node `output` of a tape without matrix nodes with respect to its Input
/// nodes `wrt` (see the file comment): what a hand-derived or another tool's Hessian is
/// checked with. Throws Error for a node that is not an Input of the tape, a matrix of
/// another size, or a tape with matrix nodes.
template <class T>
HessianCheck check_hessian(const Tape<T>& tape, NodeIndex output, const std::vector<NodeIndex>& wrt,
                           const Matrix<double>& analytic) {
    HessianCheck c;
    const std::vector<NodeIndex>& inputs = tape.inputs();
    std::vector<std::size_t> pos;
    for (NodeIndex w : wrt) {
        const auto it = std::find(inputs.begin(), inputs.end(), w);
        if (it == inputs.end()) throw Error("chainrule: check_hessian: " + tape.describe(w) + " is not an input");
        pos.push_back(static_cast<std::size_t>(it - inputs.begin()));
        const std::string_view name = tape.name(w);
        c.names.push_back(name.empty() ? "#" + std::to_string(w) : std::string(name));
    }
    const auto n = static_cast<Eigen::Index>(wrt.size());
    if (analytic.rows() != n || analytic.cols() != n)
        throw Error("chainrule: check_hessian: a " + std::to_string(analytic.rows()) + "×" + std::to_string(analytic.cols()) +
                    " matrix for " + std::to_string(n) + " inputs");
    std::vector<detail::HessianColumn> columns;
    for (std::size_t j = 0; j < wrt.size(); ++j) columns.push_back(detail::hessian_column_50(tape, output, pos[j]));
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j)
            c.entries.push_back(detail::judge_hessian_entry(columns, pos, static_cast<std::size_t>(i),
                                                            static_cast<std::size_t>(j), analytic(i, j)));
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j) {
            const double d = std::abs(analytic(i, j) - analytic(j, i));
            if (!std::isfinite(d)) continue;
            c.asymmetry = std::max(c.asymmetry, d);
            if (d > c.entries[static_cast<std::size_t>(i * n + j)].tolerance) c.symmetric = false;
        }
    return c;
}

/// check_hessian() of the tape's own Hessian: forward-over-reverse in double
/// (second_order.hpp), one sweep per column.
template <class T>
HessianCheck check_hessian(const Tape<T>& tape, NodeIndex output, const std::vector<NodeIndex>& wrt) {
    const std::vector<double> x = recorded_inputs<double>(tape);
    const auto n = static_cast<Eigen::Index>(wrt.size());
    Matrix<double> h(n, n);
    std::vector<std::size_t> pos;
    for (NodeIndex w : wrt) pos.push_back(detail::input_position(tape, w));
    for (Eigen::Index j = 0; j < n; ++j) {
        std::vector<double> v(x.size(), 0.0);
        if (pos[static_cast<std::size_t>(j)] >= v.size()) break;  // not an input: the check above says so
        v[pos[static_cast<std::size_t>(j)]] = 1;
        const SecondOrderSweep<double> s =
            second_order_sweep<double>(tape, output, std::span<const double>(x), std::span<const double>(v));
        for (Eigen::Index i = 0; i < n; ++i)
            h(i, j) = pos[static_cast<std::size_t>(i)] < s.hv.size() ? s.hv[pos[static_cast<std::size_t>(i)]] : 0.0;
    }
    return check_hessian(tape, output, wrt, h);
}

}  // namespace chainrule
