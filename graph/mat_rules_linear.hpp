#pragma once
/// \file mat_rules_linear.hpp
/// The linear matrix ops: leaves, matmul, transpose, reshape, slicing rows, and the sums
/// and means (of all elements → a scalar node; of each row → r×1; of each column → 1×c).
/// Their backward rules are the transposes of the maps (docs/matrix.md):
/// \f$\bar A \mathrel{+}= \bar Y B^\top,\ \bar B \mathrel{+}= A^\top \bar Y\f$ for Y = AB,
/// \f$\bar X \mathrel{+}= \bar y \mathbf{1}\mathbf{1}^\top\f$ for y = Σ X, and so on.

#include "mat_rules_common.hpp"

#include <stdexcept>

namespace chainrule::mat_ops {

/// Leaves: the value is given, nothing to propagate.
struct MatLeaf {
    template <class T>
    static Shape shape(const Shape&, const Shape&, const detail::MatEntry<T>& e) { return e.shape; }
    template <class T>
    static T forward(const MatForward<T>&) { throw std::logic_error("chainrule: a matrix leaf is not computed"); }
    template <class T>
    static void backward(MatBackward<T>&) {}
};
struct MatInput : MatLeaf {};
struct MatConst : MatLeaf {};

/// Y = A B, (m×n)(n×p) → m×p, through Eigen's GEMM. Ā += Ȳ Bᵀ, B̄ += Aᵀ Ȳ (each only when
/// that input wants a gradient: no Ā for a constant data matrix).
struct MatMul {
    template <class T>
    static Shape shape(const Shape& a, const Shape& b, const detail::MatEntry<T>& e) {
        if (a.cols != b.rows)
            detail::throw_shape_error(e, a, &b, "columns of the left (" + std::to_string(a.cols) +
                                                    ") ≠ rows of the right (" + std::to_string(b.rows) + ")");
        return {a.rows, b.cols};
    }
    template <class T>
    static T forward(const MatForward<T>& f) {
        f.out.noalias() = f.a * f.b;
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) {
        c.add_product(0, c.G(), c.b.transpose());
        c.add_product(1, c.a.transpose(), c.G());
    }
};

/// Y = Aᵀ, Ā += Ȳᵀ.
struct Transpose {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>&) { return {a.cols, a.rows}; }
    template <class T>
    static T forward(const MatForward<T>& f) {
        f.out = f.a.transpose();
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) { c.add(0, c.G().transpose()); }
};

/// Y = A with the same elements in column-major order, in the requested shape (entry.shape).
struct Reshape {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>& e) {
        if (a.size() != e.shape.size())
            detail::throw_shape_error(e, a, &e.shape, "reshape keeps the number of elements");
        return e.shape;
    }
    template <class T>
    static T forward(const MatForward<T>& f) {
        f.out = MatView<T>(f.a.data(), f.e.shape.rows, f.e.shape.cols);
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) { c.add(0, MatView<T>(c.G().data(), c.a.rows(), c.a.cols())); }
};

/// Y = rows offset … offset + n − 1 of A (a mini-batch); Ā gets Ȳ in those rows.
struct SliceRows {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>& e) {
        if (e.offset < 0 || e.shape.rows < 0 || e.offset + e.shape.rows > a.rows)
            detail::throw_shape_error(e, a, nullptr,
                                      "rows " + std::to_string(e.offset) + " to " +
                                          std::to_string(e.offset + e.shape.rows - 1) + " are not all rows of it");
        return {e.shape.rows, a.cols};
    }
    template <class T>
    static T forward(const MatForward<T>& f) {
        f.out = f.a.middleRows(f.e.offset, f.e.shape.rows);
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) { c.add_rows(0, c.e.offset, c.G()); }
};

/// y = Σ_ij A_ij (a scalar node), Ā += ȳ·1.
struct MatSum : ScalarResult {    template <class T>
    static T forward(const MatForward<T>& f) { return f.a.sum(); }
    template <class T>
    static void backward(MatBackward<T>& c) { c.add(0, Matrix<T>::Constant(c.a.rows(), c.a.cols(), c.g())); }
};

/// y = (1/(rc)) Σ_ij A_ij (a scalar node), Ā += ȳ/(rc)·1.
struct MatMean : ScalarResult {    template <class T>
    static T forward(const MatForward<T>& f) { return T(f.a.sum() / T(f.a.size())); }
    template <class T>
    static void backward(MatBackward<T>& c) {
        c.add(0, Matrix<T>::Constant(c.a.rows(), c.a.cols(), T(c.g() / T(c.a.size()))));
    }
};

/// y_i = Σ_j A_ij (r×1), Ā_ij += ȳ_i.
struct RowSums {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>&) { return {a.rows, 1}; }
    template <class T>
    static T forward(const MatForward<T>& f) {
        f.out = f.a.rowwise().sum();
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) { c.add(0, c.G().replicate(1, c.a.cols())); }
};

/// y_j = Σ_i A_ij (1×c), Ā_ij += ȳ_j.
struct ColSums {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>&) { return {1, a.cols}; }
    template <class T>
    static T forward(const MatForward<T>& f) {
        f.out = f.a.colwise().sum();
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) { c.add(0, c.G().replicate(c.a.rows(), 1)); }
};

/// y_i = (1/c) Σ_j A_ij (r×1), Ā_ij += ȳ_i/c.
struct RowMeans {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>&) { return {a.rows, 1}; }
    template <class T>
    static T forward(const MatForward<T>& f) {
        f.out = f.a.rowwise().sum() / T(f.a.cols());
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) { c.add(0, c.G().replicate(1, c.a.cols()) / T(c.a.cols())); }
};

/// y_j = (1/r) Σ_i A_ij (1×c), Ā_ij += ȳ_j/r.
struct ColMeans {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>&) { return {1, a.cols}; }
    template <class T>
    static T forward(const MatForward<T>& f) {
        f.out = f.a.colwise().sum() / T(f.a.rows());
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) { c.add(0, c.G().replicate(c.a.rows(), 1) / T(c.a.rows())); }
};

}  // namespace chainrule::mat_ops
