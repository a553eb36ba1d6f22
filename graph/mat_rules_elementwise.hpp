#pragma once
/// \file mat_rules_elementwise.hpp
/// Elementwise matrix ops, built from the scalar op rules (ops/rules_*.hpp) so that each
/// function is written once: `MatMap` applies a unary or param op to every element
/// (Y_ij = f(X_ij), adjoint G_ij·f'(X_ij, Y_ij)); `MatZip` applies a binary op (+ − ⊙ ÷,
/// pow, atan2, hypot, min, max) with broadcasting: two shapes fit when each dimension is
/// equal or 1 in one of them (a 1×c bias row, an r×1 column, a 1×1 scalar node), and the
/// output has the larger of each. The adjoint of a broadcast operand is the output's
/// contribution summed over the broadcast dimension(s) (docs/matrix.md).
///
/// Convention (as the scalar sweep's zero-adjoint rule): an element whose output adjoint
/// is exactly 0 contributes exactly 0, never 0·∞ = NaN (sqrt at 0, log at 0).

#include "mat_rules_common.hpp"
#include "op_dispatch.hpp"

#include <stdexcept>

namespace chainrule {
namespace detail {

/// Calls f.template operator()<ops::Name, HasParam>() for a unary or param op.
template <class F>
decltype(auto) visit_map_op(OpKind elem, F&& f) {
    switch (elem) {
#define CHAINRULE_VISIT_UNARY(name, ...) \
    case OpKind::name: return f.template operator()<ops::name, false>();
#define CHAINRULE_VISIT_PARAM(name, ...) \
    case OpKind::name: return f.template operator()<ops::name, true>();
        CHAINRULE_UNARY_OPS(CHAINRULE_VISIT_UNARY)
        CHAINRULE_PARAM_OPS(CHAINRULE_VISIT_PARAM)
#undef CHAINRULE_VISIT_UNARY
#undef CHAINRULE_VISIT_PARAM
        default: throw std::logic_error("chainrule: " + std::string(op_name(elem)) + " is not a unary op");
    }
}

/// Calls f.template operator()<ops::Name>() for a binary op.
template <class F>
decltype(auto) visit_zip_op(OpKind elem, F&& f) {
    switch (elem) {
#define CHAINRULE_VISIT_BINARY(name, ...) \
    case OpKind::name: return f.template operator()<ops::name>();
        CHAINRULE_BINARY_OPS(CHAINRULE_VISIT_BINARY)
#undef CHAINRULE_VISIT_BINARY
        default: throw std::logic_error("chainrule: " + std::string(op_name(elem)) + " is not a binary op");
    }
}

/// Reads a broadcast operand at output position (i, j): a dimension of extent 1 repeats.
template <class T>
struct Broadcast {
    explicit Broadcast(const MatView<T>& m) : m(m), rs(m.rows() == 1 ? 0 : 1), cs(m.cols() == 1 ? 0 : 1) {}
    const T& operator()(Eigen::Index i, Eigen::Index j) const { return m.coeff(i * rs, j * cs); }
    const MatView<T>& m;
    Eigen::Index rs, cs;
};

/// The adjoint contribution g·∂, exactly 0 where g = 0 (no 0·∞).
template <class T>
T times_partial(const T& g, const T& partial) {
    return is_zero(g) ? T(0) : T(g * partial);
}

/// full (the output's shape) summed over the dimensions in which `to` has extent 1.
template <class T>
Matrix<T> reduce_to(Matrix<T> full, const Shape& to) {
    if (to.rows == full.rows() && to.cols == full.cols()) return full;
    if (to.rows == 1 && to.cols == 1) return Matrix<T>::Constant(1, 1, full.sum());
    if (to.rows == 1) return full.colwise().sum();
    return full.rowwise().sum();
}

}  // namespace detail

namespace mat_ops {

/// Y = f(X) elementwise for a unary or param op f (entry.elem; param ops read entry.param).
struct MatMap : SameShape {
    template <class T>
    static T forward(const MatForward<T>& f) {
        if constexpr (std::is_floating_point_v<T>)
            if (f.e.elem == OpKind::Sigmoid) {  // vectorised exp: 10x the scalar libm loop (MNIST)
                f.out = (T(1) / (T(1) + (-f.a.array()).exp())).matrix();
                return T(0);
            }
        const T& p = f.e.param;
        detail::visit_map_op(f.e.elem, [&]<class Op, bool Param>() {
            if constexpr (Param)
                f.out = f.a.unaryExpr([&p](const T& x) { return Op::value(x, p); });
            else
                f.out = f.a.unaryExpr([](const T& x) { return Op::value(x); });
        });
        return T(0);
    }

    /// X̄_ij += Ȳ_ij · f'(X_ij, Y_ij).
    template <class T>
    static void backward(MatBackward<T>& c) {
        if constexpr (std::is_floating_point_v<T>)
            if (c.e.elem == OpKind::Sigmoid) {
                // σ'(x) = σ(x)·σ(−x) from two vectorised exps: no cancellation in 1 − y near
                // saturation, finite everywhere (the scalar rule's accuracy, docs/conventions.md).
                const auto x = c.a.array();
                c.add(0, (c.G().array() * (T(1) / (T(1) + (-x).exp())) * (T(1) / (T(1) + x.exp()))).matrix());
                return;
            }
        const T* g = c.G().data();
        const T* x = c.a.data();
        const T* y = c.y().data();
        const T& p = c.e.param;
        detail::visit_map_op(c.e.elem, [&]<class Op, bool Param>() {
            c.add_each(0, c.a.size(), [&](Eigen::Index i) {
                if constexpr (Param)
                    return detail::times_partial(g[i], Op::partial(x[i], y[i], p));
                else
                    return detail::times_partial(g[i], Op::partial(x[i], y[i]));
            });
        });
    }
};

/// Y = A ∘ B elementwise with broadcasting for a binary op ∘ (entry.elem).
struct MatZip {
    template <class T>
    static Shape shape(const Shape& a, const Shape& b, const detail::MatEntry<T>& e) {
        auto fit = [](Eigen::Index m, Eigen::Index n) { return m == n || m == 1 || n == 1; };
        if (!fit(a.rows, b.rows) || !fit(a.cols, b.cols))
            detail::throw_shape_error(e, a, &b, "each dimension must be equal or 1 in one operand (broadcasting)");
        return {std::max(a.rows, b.rows), std::max(a.cols, b.cols)};
    }

    template <class T>
    static T forward(const MatForward<T>& f) {
        detail::visit_zip_op(f.e.elem, [&]<class Op>() {
            const Shape s = f.e.shape;
            if (shape_of(f.a) == s && shape_of(f.b) == s) {
                f.out = f.a.binaryExpr(f.b, [](const T& x, const T& y) { return Op::value(x, y); });
                return;
            }
            const detail::Broadcast<T> a(f.a), b(f.b);
            f.out.resize(s.rows, s.cols);
            for (Eigen::Index j = 0; j < s.cols; ++j)
                for (Eigen::Index i = 0; i < s.rows; ++i) f.out(i, j) = Op::value(a(i, j), b(i, j));
        });
        return T(0);
    }

    /// Ā += reduce(Ȳ ⊙ ∂Y/∂A), B̄ += reduce(Ȳ ⊙ ∂Y/∂B), reduce summing over broadcast dimensions.
    template <class T>
    static void backward(MatBackward<T>& c) {
        detail::visit_zip_op(c.e.elem, [&]<class Op>() {
            for (int which = 0; which < 2; ++which)
                if (c.needs(which)) add_operand<Op>(c, which);
        });
    }

private:
    template <class Op, class T>
    static void add_operand(MatBackward<T>& c, int which) {
        const Shape s = c.e.shape;
        const Matrix<T>& G = c.G();
        const Matrix<T>& Y = c.y();
        auto pick = [which](const ops::Partials<T>& d) { return which == 0 ? d.da : d.db; };
        if (shape_of(c.a) == s && shape_of(c.b) == s) {  // no broadcasting: linear indices
            const T *pa = c.a.data(), *pb = c.b.data(), *py = Y.data(), *pg = G.data();
            c.add_each(which, s.size(), [&](Eigen::Index i) {
                return detail::times_partial(pg[i], pick(Op::partials(pa[i], pb[i], py[i])));
            });
            return;
        }
        const detail::Broadcast<T> a(c.a), b(c.b);
        Matrix<T> full(s.rows, s.cols);
        for (Eigen::Index j = 0; j < s.cols; ++j)
            for (Eigen::Index i = 0; i < s.rows; ++i)
                full(i, j) = detail::times_partial(G(i, j), pick(Op::partials(a(i, j), b(i, j), Y(i, j))));
        c.add(which, detail::reduce_to(std::move(full), shape_of(which == 0 ? c.a : c.b)));
    }
};

}  // namespace mat_ops
}  // namespace chainrule
