#pragma once
/// \file mat_rules_algebra.hpp
/// The matrix-algebra ops of matrix calculus (docs/matrix.md, "Matrix algebra"): trace,
/// determinant, log-determinant, inverse, Frobenius norm, diag and the Kronecker product.
/// Values through Eigen's LU with partial pivoting (exact to the working precision in any
/// numeric T, 50 digits included). Their vector–Jacobian products are the identities of
/// Petersen & Pedersen, *The Matrix Cookbook* (2012), eqs. (49), (51), (59), (103), (525)
/// and Giles, "An extended collection of matrix derivative results for forward and reverse
/// mode AD" (2008), §3.1–3.2, in the layout where a gradient has its parameter's shape:
///   t = tr A:            Ā += t̄ I
///   d = det A:           Ā += d̄ · adj(A)ᵀ   (= d̄ · det(A) · A⁻ᵀ when A is invertible; the
///                        cofactors themselves for small or nearly singular A)
///   ℓ = ln det A:        Ā += ℓ̄ · A⁻ᵀ
///   Y = A⁻¹:             Ā += −Yᵀ Ȳ Yᵀ
///   n = ‖A‖_F:           Ā += n̄ · A / n      (0 at A = 0, the subgradient of least norm)
///   Y = diag(v):         v̄ += diag(Ȳ);  y = diag(A): Ā += Diag(ȳ)
///   Y = A ⊗ B:           Ā_ij += Σ_kl Ȳ_(ip+k)(jq+l) B_kl,  B̄_kl += Σ_ij Ȳ_(ip+k)(jq+l) A_ij
/// At singular points: det of a singular A is 0 and its gradient the adjugate's transpose
/// (cofactors, still defined); ln det A is −∞ at det A = 0 and NaN for det A < 0 (as the
/// scalar log); A⁻¹ and ∇ ln det of a singular A have non-finite entries (as 1/0).

#include "mat_rules_common.hpp"

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace chainrule::mat_ops {

namespace detail_algebra {

template <class T>
void require_square(const Shape& a, const chainrule::detail::MatEntry<T>& e) {
    if (a.rows != a.cols)
        chainrule::detail::throw_shape_error(e, a, nullptr, "the matrix must be square (" + std::to_string(a.rows) +
                                                                " rows, " + std::to_string(a.cols) + " columns)");
}

/// The cofactor matrix C of a square A (C_ij = (−1)^{i+j} det of A without row i and
/// column j), so that adj(A) = Cᵀ and ∂ det A/∂A = C. Minor by minor for n ≤ 4 and for
/// singular or nearly singular A up to n = 64 — |det A| below √ε times Hadamard's bound
/// Π_i ‖row_i‖, where det(A)·A⁻ᵀ would multiply a rounding-sized det by a huge inverse;
/// else det(A)·A⁻ᵀ.
template <class T, class M>
Matrix<T> cofactors(const M& a) {
    using std::sqrt;
    const Eigen::Index n = a.rows();
    if (n == 1) return Matrix<T>::Constant(1, 1, T(1));
    const Eigen::PartialPivLU<Matrix<T>> lu(a);
    const T det = lu.determinant();
    using std::abs;
    T hadamard_bound(1);
    for (Eigen::Index i = 0; i < n; ++i) hadamard_bound *= T(a.row(i).norm());
    const bool ill = abs(det) <= sqrt(std::numeric_limits<T>::epsilon()) * hadamard_bound;
    if (n > 64 || (n > 4 && !ill)) return det * lu.inverse().transpose();
    Matrix<T> c(n, n), minor(n - 1, n - 1);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
            for (Eigen::Index r = 0, mr = 0; r < n; ++r) {
                if (r == i) continue;
                for (Eigen::Index s = 0, ms = 0; s < n; ++s)
                    if (s != j) minor(mr, ms++) = a(r, s);
                ++mr;
            }
            const T d = minor.rows() == 0 ? T(1) : Eigen::PartialPivLU<Matrix<T>>(minor).determinant();
            c(i, j) = (i + j) % 2 == 0 ? d : T(-d);
        }
    return c;
}

}  // namespace detail_algebra

/// The shape rule of trace, det and logdet: a square matrix to a scalar.
struct SquareToScalar {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>& e) {
        detail_algebra::require_square(a, e);
        return {};
    }
};

/// t = tr A = Σ_i A_ii (A square) → scalar. Ā += t̄ I.
struct Trace : SquareToScalar {
    template <class T>
    static T forward(const MatForward<T>& f) { return T(f.a.trace()); }
    template <class T>
    static void backward(MatBackward<T>& c) {
        c.add(0, Matrix<T>(c.g() * Matrix<T>::Identity(c.a.rows(), c.a.cols())));
    }
};

/// d = det A (A square, LU with partial pivoting) → scalar. Ā += d̄ · cofactors(A).
struct Det : SquareToScalar {
    template <class T>
    static T forward(const MatForward<T>& f) {
        return f.a.rows() == 0 ? T(1) : T(Eigen::PartialPivLU<Matrix<T>>(f.a).determinant());
    }
    template <class T>
    static void backward(MatBackward<T>& c) {
        c.add(0, Matrix<T>(c.g() * detail_algebra::cofactors<T>(c.a)));
    }
};

/// ℓ = ln det A (A square) → scalar, from the LU factors as Σ ln|U_ii| (no overflow of
/// det A itself): −∞ when det A = 0, NaN when det A < 0. Ā += ℓ̄ A⁻ᵀ.
struct LogDet : SquareToScalar {
    template <class T>
    static T forward(const MatForward<T>& f) {
        using std::log;
        using std::abs;
        const Eigen::PartialPivLU<Matrix<T>> lu(f.a);
        const auto& u = lu.matrixLU();
        T log_abs(0);
        int sign = static_cast<int>(lu.permutationP().determinant());
        for (Eigen::Index i = 0; i < u.rows(); ++i) {
            if (u(i, i) == T(0)) return -std::numeric_limits<T>::infinity();
            if (u(i, i) < T(0)) sign = -sign;
            log_abs += log(abs(T(u(i, i))));
        }
        return sign > 0 ? log_abs : std::numeric_limits<T>::quiet_NaN();
    }
    template <class T>
    static void backward(MatBackward<T>& c) {
        const Eigen::PartialPivLU<Matrix<T>> lu(c.a);
        c.add(0, Matrix<T>(c.g() * lu.inverse().transpose()));
    }
};

/// Y = A⁻¹ (A square, LU with partial pivoting). Ā += −Yᵀ Ȳ Yᵀ.
struct Inverse : SameShape {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>& e) {
        detail_algebra::require_square(a, e);
        return a;
    }
    template <class T>
    static T forward(const MatForward<T>& f) {
        f.out = Eigen::PartialPivLU<Matrix<T>>(f.a).inverse();
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) {
        const Matrix<T>& y = c.y();
        c.add(0, Matrix<T>(-(y.transpose() * c.G() * y.transpose())));
    }
};

/// n = ‖A‖_F = (Σ_ij A_ij²)^{1/2} → scalar (for float and double Eigen's stableNorm, which
/// does not overflow for large entries; multiprecision types have the exponent range).
/// Ā += n̄ A / n, and 0 at A = 0 (the subgradient of least norm, as |x|' = 0 at 0).
struct FrobeniusNorm : ScalarResult {
    template <class T>
    static T norm(const MatView<T>& a) {
        if constexpr (std::is_floating_point_v<T>) return Matrix<T>(a).stableNorm();
        else return T(a.norm());
    }
    template <class T>
    static T forward(const MatForward<T>& f) { return norm(f.a); }
    template <class T>
    static void backward(MatBackward<T>& c) {
        const T n = norm(c.a);
        if (n == T(0)) return;
        c.add(0, Matrix<T>(c.a * T(c.g() / n)));
    }
};

/// As MATLAB's diag: a vector v (n×1 or 1×n) → the n×n matrix with v on its diagonal; an
/// m×n matrix (m, n > 1) → the column of its min(m, n) diagonal entries. Backward: v̄ +=
/// the diagonal of Ȳ (in v's shape); Ā_ii += ȳ_i.
struct Diag {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>&) {
        if (a.rows == 1 || a.cols == 1) return {a.size(), a.size()};
        return {std::min(a.rows, a.cols), 1};
    }
    template <class T>
    static T forward(const MatForward<T>& f) {
        if (f.a.rows() == 1 || f.a.cols() == 1) {
            f.out = Matrix<T>::Zero(f.a.size(), f.a.size());
            for (Eigen::Index i = 0; i < f.a.size(); ++i) f.out(i, i) = f.a(i);
        } else {
            f.out = f.a.diagonal();
        }
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) {
        Matrix<T> g;
        if (c.a.rows() == 1 || c.a.cols() == 1) {
            g.resize(c.a.rows(), c.a.cols());
            for (Eigen::Index i = 0; i < c.a.size(); ++i) g(i) = c.G()(i, i);
        } else {
            g = Matrix<T>::Zero(c.a.rows(), c.a.cols());
            for (Eigen::Index i = 0; i < c.G().rows(); ++i) g(i, i) = c.G()(i);
        }
        c.add(0, g);
    }
};

/// Y = A ⊗ B, (m×n) ⊗ (p×q) → mp×nq, Y_(ip+k)(jq+l) = A_ij B_kl (the Kronecker product).
struct Kron {
    template <class T>
    static Shape shape(const Shape& a, const Shape& b, const detail::MatEntry<T>&) {
        return {a.rows * b.rows, a.cols * b.cols};
    }
    template <class T>
    static T forward(const MatForward<T>& f) {
        const Eigen::Index p = f.b.rows(), q = f.b.cols();
        f.out.resize(f.a.rows() * p, f.a.cols() * q);
        for (Eigen::Index i = 0; i < f.a.rows(); ++i)
            for (Eigen::Index j = 0; j < f.a.cols(); ++j) f.out.block(i * p, j * q, p, q) = f.a(i, j) * f.b;
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) {
        const Eigen::Index p = c.b.rows(), q = c.b.cols();
        Matrix<T> ga = Matrix<T>::Zero(c.a.rows(), c.a.cols()), gb = Matrix<T>::Zero(p, q);
        for (Eigen::Index i = 0; i < c.a.rows(); ++i)
            for (Eigen::Index j = 0; j < c.a.cols(); ++j) {
                const auto block = c.G().block(i * p, j * q, p, q);
                ga(i, j) = block.cwiseProduct(c.b).sum();
                gb += c.a(i, j) * block;
            }
        c.add(0, ga);
        c.add(1, gb);
    }
};

}  // namespace chainrule::mat_ops
