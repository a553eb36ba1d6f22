#pragma once
/// \file mat_rules_common.hpp
/// What a matrix op rule (graph/mat_rules_*.hpp, struct mat_ops::<Name>) works with, generic
/// in the scalar type T:
///   - `static Shape shape(Shape a, Shape b, const MatEntry<T>& e)`: the output shape from
///     the input shapes (a scalar input is 1×1), or a ShapeError naming the op and shapes;
///   - `static T forward(const MatForward<T>&)`: writes a matrix value to `out`, or returns
///     the scalar value (sum, mean, losses; those may keep a cache in `out`);
///   - `static void backward(MatBackward<T>&)`: adds the vector–Jacobian products of the
///     output adjoint to the inputs' adjoints (only to inputs that want a gradient).

#include "errors.hpp"
#include "mat_labels.hpp"
#include "mat_store.hpp"
#include "scalar_traits.hpp"

#include <string>

namespace chainrule {

/// A read-only view of a node's value: a matrix of the store, or a scalar node as 1×1.
template <class T>
using MatView = Eigen::Map<const Matrix<T>>;

namespace detail {

/// The ShapeError of op `e` for input shapes a (and b): "chainrule: matmul: shapes 3×4 and
/// 5×2 do not fit: …".
template <class T>
[[noreturn]] void throw_shape_error(const MatEntry<T>& e, const Shape& a, const Shape* b, const std::string& why) {
    std::string s = "chainrule: " + matrix_op_label(e.op, e.elem) + ": ";
    s += b != nullptr ? "shapes " + shape_text(a) + " and " + shape_text(*b) : "shape " + shape_text(a);
    throw ShapeError(s + " do not fit: " + why);
}

/// The view of input `node` with slot `slot` (kScalarSlot: the scalar value scalars[node]).
template <class T, class Store>
MatView<T> input_view(const Store& store, const T* scalars, NodeIndex node, std::uint32_t slot) {
    if (slot == kScalarSlot) return MatView<T>(scalars + node, 1, 1);
    const Matrix<T>& m = store.value(slot);
    return MatView<T>(m.data(), m.rows(), m.cols());
}

}  // namespace detail

namespace mat_ops {

/// The shape rule of ops whose output has their (first) input's shape.
struct SameShape {
    template <class T>
    static Shape shape(const Shape& a, const Shape&, const detail::MatEntry<T>&) { return a; }
};

/// The shape rule of ops with a scalar result (1×1).
struct ScalarResult {
    template <class T>
    static Shape shape(const Shape&, const Shape&, const detail::MatEntry<T>&) { return {}; }
};

}  // namespace mat_ops

/// Inputs and output of a forward evaluation.
template <class T>
struct MatForward {
    const detail::MatEntry<T>& e;
    MatView<T> a;  ///< input 0
    MatView<T> b;  ///< input 1 (a again for one-input ops)
    Matrix<T>& out;
};

/// Inputs, output and adjoints of a backward step (one node of the reverse sweep).
template <class T>
class MatBackward {
public:
    MatBackward(detail::MatrixStore<T>& store, std::size_t k, T* adj, const T* scalars)
        : e(store.entry(k)),
          a(detail::input_view(store, scalars, e.in0, e.slot0)),
          b(arity(e.op) == 2 ? detail::input_view(store, scalars, e.in1, e.slot1) : a),
          store_(store),
          k_(k),
          adj_(adj) {}

    const detail::MatEntry<T>& e;
    MatView<T> a, b;  ///< input values

    /// The node's value (for the losses: their cache, see mat_rules_softmax.hpp).
    const Matrix<T>& y() const { return store_.value(k_); }
    /// The adjoint of a matrix-valued node.
    const Matrix<T>& G() const { return store_.adjoint(k_); }
    /// The adjoint of a scalar-valued node.
    T g() const { return adj_[e.node]; }
    /// True when input `which` (0 or 1) wants a gradient.
    bool needs(int which) const { return which == 0 ? e.needs0 : e.needs1; }

    /// Adds x, of input `which`'s shape, to its adjoint (a scalar input adds x.sum()).
    template <class X>
    void add(int which, const X& x) {
        if (!needs(which)) return;
        if (const std::uint32_t s = slot(which); s != detail::kScalarSlot)
            store_.accumulate(s, x);
        else
            adj_[node(which)] += T(x.sum());
    }
    /// Adds the matrix product l·r to the adjoint of matrix input `which` (GEMM, no temporary).
    template <class L, class R>
    void add_product(int which, const L& l, const R& r) {
        if (needs(which)) store_.accumulate_product(slot(which), l, r);
    }
    /// Adds x to rows offset… of the adjoint of matrix input `which`.
    template <class X>
    void add_rows(int which, Eigen::Index offset, const X& x) {
        if (needs(which)) store_.accumulate_rows(slot(which), offset, x);
    }
    /// Adds f(i) to element i (column-major) of input `which`'s adjoint, which has the
    /// output's shape (a scalar input adds Σ f(i)).
    template <class F>
    void add_each(int which, Eigen::Index n, F f) {
        if (!needs(which)) return;
        const std::uint32_t s = slot(which);
        if (s == detail::kScalarSlot) {
            T sum(0);
            for (Eigen::Index i = 0; i < n; ++i) sum += f(i);
            adj_[node(which)] += sum;
            return;
        }
        store_.accumulate_each(s, f);
    }

private:
    std::uint32_t slot(int which) const { return which == 0 ? e.slot0 : e.slot1; }
    NodeIndex node(int which) const { return which == 0 ? e.in0 : e.in1; }

    detail::MatrixStore<T>& store_;
    std::size_t k_;
    T* adj_;
};

}  // namespace chainrule
