#pragma once
/// \file mat_rules_softmax.hpp
/// Row-wise softmax and log-softmax (each row of an n×k matrix is one sample's logits), and
/// the losses, each the mean over its terms (as PyTorch's default reduction):
///   - MSE: \f$L = \frac{1}{nk}\sum_{ij} (P_{ij} - Y_{ij})^2\f$;
///   - binary cross-entropy with logits: \f$L = \frac{1}{nk}\sum_{ij} \operatorname{softplus}(Z_{ij}) - Y_{ij} Z_{ij}\f$,
///     \f$= -\frac{1}{nk}\sum_{ij} Y_{ij}\ln\sigma(Z_{ij}) + (1 - Y_{ij})\ln(1 - \sigma(Z_{ij}))\f$;
///   - softmax cross-entropy with logits: \f$L = -\frac{1}{n}\sum_{ij} Y_{ij}\,\mathrm{logsoftmax}(Z)_{ij}\f$
///     (Y one-hot rows, or any target distribution).
/// Stability (docs/matrix.md): log-softmax is \f$z - m - \ln\sum_j e^{z_j - m}\f$ with m the row
/// maximum, so no exponential overflows and the loss is finite for logits like
/// [−431, 279, 427]; softplus is evaluated without overflow (scalar_math.hpp).

#include "mat_rules_common.hpp"
#include "../ops/rules_piecewise.hpp"

namespace chainrule {
namespace detail {

template <class T>
using Column = Eigen::Array<T, Eigen::Dynamic, 1>;

/// out = log-softmax of each row of z.
template <class T>
void log_softmax_rows(const MatView<T>& z, Matrix<T>& out) {
    const Column<T> m = z.rowwise().maxCoeff().array();
    out = (z.array().colwise() - m).matrix();
    const Column<T> lse = out.array().exp().rowwise().sum().log();
    out.array().colwise() -= lse;
}

/// Throws unless the targets have the predictions' (logits') shape.
template <class T>
Shape same_shape(const Shape& a, const Shape& b, const MatEntry<T>& e) {
    if (!(a == b)) throw_shape_error(e, a, &b, "the targets must have the shape of the predictions");
    return {};
}

}  // namespace detail

namespace mat_ops {

/// S_ij = e^{Z_ij − m_i} / Σ_l e^{Z_il − m_i}; Z̄ = S ⊙ (S̄ − (S̄ ⊙ S)1 1ᵀ).
struct Softmax : SameShape {    template <class T>
    static T forward(const MatForward<T>& f) {
        const detail::Column<T> m = f.a.rowwise().maxCoeff().array();
        f.out = (f.a.array().colwise() - m).exp().matrix();
        const detail::Column<T> s = f.out.rowwise().sum().array();
        f.out.array().colwise() /= s;
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) {
        const auto S = c.y().array();
        const detail::Column<T> dots = (c.G().array() * S).rowwise().sum();
        c.add(0, (S * (c.G().array().colwise() - dots)).matrix());
    }
};

/// L = Z − m − ln Σ e^{Z − m} per row; Z̄ = L̄ − e^L ⊙ (L̄ 1) 1ᵀ.
struct LogSoftmax : SameShape {    template <class T>
    static T forward(const MatForward<T>& f) {
        detail::log_softmax_rows(f.a, f.out);
        return T(0);
    }
    template <class T>
    static void backward(MatBackward<T>& c) {
        const detail::Column<T> sums = c.G().rowwise().sum().array();
        c.add(0, (c.G().array() - c.y().array().exp().colwise() * sums).matrix());
    }
};

/// L = mean (P − Y)²; P̄ = 2L̄(P − Y)/N, Ȳ = −P̄.
struct MseLoss {
    template <class T>
    static Shape shape(const Shape& a, const Shape& b, const detail::MatEntry<T>& e) { return detail::same_shape(a, b, e); }
    template <class T>
    static T forward(const MatForward<T>& f) { return T((f.a - f.b).squaredNorm() / T(f.a.size())); }
    template <class T>
    static void backward(MatBackward<T>& c) {
        const T s = T(T(2) * c.g() / T(c.a.size()));
        c.add(0, (c.a - c.b) * s);
        c.add(1, (c.b - c.a) * s);
    }
};

/// L = mean softplus(Z) − Y ⊙ Z; Z̄ = L̄(σ(Z) − Y)/N, Ȳ = −L̄ Z/N.
struct BceWithLogits {
    template <class T>
    static Shape shape(const Shape& a, const Shape& b, const detail::MatEntry<T>& e) { return detail::same_shape(a, b, e); }
    template <class T>
    static T forward(const MatForward<T>& f) {
        const auto sp = f.a.unaryExpr([](const T& z) { return ops::Softplus::value(z); });
        return T((sp - f.a.cwiseProduct(f.b)).sum() / T(f.a.size()));
    }
    template <class T>
    static void backward(MatBackward<T>& c) {
        const T s = T(c.g() / T(c.a.size()));
        c.add(0, (c.a.unaryExpr([](const T& z) { return ops::Sigmoid::value(z); }) - c.b) * s);
        c.add(1, c.a * T(-s));
    }
};

/// L = −(1/n) Σ Y ⊙ logsoftmax(Z) (the value slot caches logsoftmax(Z));
/// Z̄ = L̄(softmax(Z) ⊙ (Y1)1ᵀ − Y)/n (= L̄(softmax(Z) − Y)/n for one-hot rows), Ȳ = −L̄ logsoftmax(Z)/n.
struct SoftmaxCrossEntropy {
    template <class T>
    static Shape shape(const Shape& a, const Shape& b, const detail::MatEntry<T>& e) { return detail::same_shape(a, b, e); }
    template <class T>
    static T forward(const MatForward<T>& f) {
        detail::log_softmax_rows(f.a, f.out);
        return T(-f.b.cwiseProduct(f.out).sum() / T(f.a.rows()));
    }
    template <class T>
    static void backward(MatBackward<T>& c) {
        const T s = T(c.g() / T(c.a.rows()));
        const Matrix<T>& L = c.y();
        if (c.needs(0)) {
            const detail::Column<T> mass = c.b.rowwise().sum().array();
            c.add(0, ((L.array().exp().colwise() * mass - c.b.array()) * s).matrix());
        }
        c.add(1, L * T(-s));
    }
};

}  // namespace mat_ops
}  // namespace chainrule
