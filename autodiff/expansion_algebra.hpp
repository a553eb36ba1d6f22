#pragma once
/// \file expansion_algebra.hpp
/// The matrix-algebra ops of a scalar expansion (scalar_expansion.hpp) that need an
/// algorithm rather than a formula per entry: det, ln det and the inverse, as scalar nodes.
///
/// **Pivots are chosen at the recorded point.** Gaussian elimination and Gauss–Jordan pick
/// as pivot the entry of largest |value| in the column (partial pivoting, as Eigen's
/// PartialPivLU that computes the tape's values). The choice is piecewise constant in the
/// inputs, and every nonzero pivot gives the same function (det A, ln|det A|, A⁻¹: only the
/// rounding differs), so the recorded nodes compute the tape's function near the point,
/// with its derivatives.
///
/// - det A: for n ≤ 4 the Laplace (cofactor) expansion along the first row, a polynomial
///   with no division (right at singular A as well); for n > 4 one elimination step,
///   det A = (−1)^p · a_p1 · det S with S = A₂₂ − A₂₁ a_p1⁻¹ A₁₂ the Schur complement of the
///   pivot a_p1 (rows in their order without row p), until S is 4×4. A column that is
///   exactly 0 at the point (no pivot) is expanded along instead: det A = Σ_i (−1)^i a_i1
///   det A_(i1), so the derivative there, the cofactors, is still recorded.
/// - ln det A as the tape defines it (graph/mat_rules_algebra.hpp: Σ_i ln|u_ii| over the
///   pivots of the LU factors; NaN when det A < 0; −∞ when a pivot is 0): the pivots of the
///   same elimination, Σ log(abs(u_ii)); at a column without pivot, ln|det| of the rest;
///   when the sign of det A at the point is negative, + NaN.
/// - A⁻¹: Gauss–Jordan on [A | I] (the identity's entries structural, see
///   expansion_builder.hpp); a pivot 0 at the point divides by 0, as the tape's inverse of a
///   singular matrix has non-finite entries.

#include "expansion_builder.hpp"

#include <cmath>
#include <limits>
#include <vector>

namespace chainrule::detail::expansion {

/// The row (from `first` on) of the entry of largest |value| in column `col` of m.
template <class T>
Eigen::Index pivot_row(const Builder<T>& b, const Ids& m, Eigen::Index col, Eigen::Index first = 0) {
    using std::abs;
    Eigen::Index best = first;
    T best_abs = abs(b.value(m(first, col)));
    for (Eigen::Index r = first + 1; r < m.rows(); ++r)
        if (const T a = abs(b.value(m(r, col))); a > best_abs) best = r, best_abs = a;
    return best;
}

/// m without row i and column j.
inline Ids minor_of(const Ids& m, Eigen::Index i, Eigen::Index j) {
    Ids out(m.rows() - 1, m.cols() - 1);
    for (Eigen::Index r = 0, mr = 0; r < m.rows(); ++r) {
        if (r == i) continue;
        for (Eigen::Index c = 0, mc = 0; c < m.cols(); ++c)
            if (c != j) out(mr, mc++) = m(r, c);
        ++mr;
    }
    return out;
}

/// Σ_i (−1)^(i+j) m_ij det(m without row i, column j) along column j (`along_row`: along
/// row j instead), with det of each minor from `det`.
template <class T, class Det>
NodeIndex cofactor_expansion(Builder<T>& b, const Ids& m, bool along_row, Det det) {
    NodeIndex acc = kNoNode;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        const Eigen::Index r = along_row ? 0 : i, c = along_row ? i : 0;
        if (b.structural_zero(m(r, c))) continue;
        const NodeIndex term = b.mul(m(r, c), det(minor_of(m, r, c)));
        acc = acc == kNoNode ? (i % 2 == 0 ? term : b.neg(term)) : i % 2 == 0 ? b.add(acc, term) : b.sub(acc, term);
    }
    return acc == kNoNode ? b.zero() : acc;
}

/// The Laplace expansion of det m along the first row (n ≤ 4; 1 for 0×0).
template <class T>
NodeIndex laplace_det(Builder<T>& b, const Ids& m) {
    if (m.rows() == 0) return b.one();
    if (m.rows() == 1) return m(0, 0);
    return cofactor_expansion(b, m, true, [&b](const Ids& minor) { return laplace_det(b, minor); });
}

/// The Schur complement of pivot m(p, 0): rows other than p (in order), columns 1…:
/// s_rc = m_rc − (m_r0 / m_p0)·m_pc.
template <class T>
Ids schur_complement(Builder<T>& b, const Ids& m, Eigen::Index p) {
    const Eigen::Index n = m.rows();
    Ids s(n - 1, n - 1);
    for (Eigen::Index r = 0, sr = 0; r < n; ++r) {
        if (r == p) continue;
        const NodeIndex factor = b.div(m(r, 0), m(p, 0));
        for (Eigen::Index c = 1; c < n; ++c) s(sr, c - 1) = b.sub(m(r, c), b.mul(factor, m(p, c)));
        ++sr;
    }
    return s;
}

/// det m (see the file comment).
template <class T>
NodeIndex det_nodes(Builder<T>& b, const Ids& m) {
    if (m.rows() <= 4) return laplace_det(b, m);
    const Eigen::Index p = pivot_row(b, m, 0);
    if (b.value(m(p, 0)) == T(0))  // no pivot at the point: expand along the column
        return cofactor_expansion(b, m, false, [&b](const Ids& minor) { return det_nodes(b, minor); });
    const NodeIndex d = b.mul(m(p, 0), det_nodes(b, schur_complement(b, m, p)));
    return p % 2 == 0 ? d : b.neg(d);
}

/// ln det m as the tape defines it (see the file comment).
template <class T>
NodeIndex logdet_nodes(Builder<T>& b, Ids m) {
    std::vector<NodeIndex> logs;
    bool negative = false;
    while (m.rows() > 0) {
        const Eigen::Index p = pivot_row(b, m, 0);
        const T pivot = b.value(m(p, 0));
        if (pivot == T(0)) {  // det is 0 at the point: ln|det| of the rest, −∞ there
            logs.push_back(b.unary(OpKind::Log, b.unary(OpKind::Abs, det_nodes(b, m))));
            negative = false;
            break;
        }
        if ((p % 2 == 1) != (pivot < T(0))) negative = !negative;  // a row swap, a negative pivot
        logs.push_back(b.unary(OpKind::Log, b.unary(OpKind::Abs, m(p, 0))));
        m = schur_complement(b, m, p);
    }
    const NodeIndex s = b.sum(logs);
    return negative ? b.binary(OpKind::Add, s, b.constant(std::numeric_limits<T>::quiet_NaN())) : s;
}

/// A⁻¹ by Gauss–Jordan on [A | I] with partial pivoting at the point.
template <class T>
Ids inverse_nodes(Builder<T>& b, const Ids& a) {
    const Eigen::Index n = a.rows();
    Ids m(n, 2 * n);
    m.leftCols(n) = a;
    for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index c = 0; c < n; ++c) m(r, n + c) = r == c ? b.one() : b.zero();
    for (Eigen::Index c = 0; c < n; ++c) {
        const Eigen::Index p = pivot_row(b, m, c, c);
        if (p != c) m.row(c).swap(m.row(p));
        const NodeIndex pivot = m(c, c);
        for (Eigen::Index j = c + 1; j < 2 * n; ++j) m(c, j) = b.div(m(c, j), pivot);
        m(c, c) = b.one();
        for (Eigen::Index r = 0; r < n; ++r) {
            if (r == c) continue;
            const NodeIndex f = m(r, c);
            for (Eigen::Index j = c + 1; j < 2 * n; ++j) m(r, j) = b.sub(m(r, j), b.mul(f, m(c, j)));
            m(r, c) = b.zero();
        }
    }
    return m.rightCols(n);
}

}  // namespace chainrule::detail::expansion
