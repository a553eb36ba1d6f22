#pragma once
/// \file losses.hpp
/// The sample losses of seed 004 ("常用样本损失"), recording on the tape: a is the
/// prediction (a Var), y the label or target (a plain number or a Var — a target recorded
/// as a named constant keeps its name in derivations). Each returns the loss node, so
/// backward()/grad() give its gradient; the 0–1 loss has none and returns a plain value.
///
/// Behaviour at kinks follows docs/conventions.md (abs'(0) = 0, relu'(0) = 0).

#include "../graph/var_functions.hpp"
#include "errors.hpp"
#include "number_text.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <type_traits>

namespace chainrule::models {

/// A target next to a prediction Var<T>: a Var<T> of the same tape or a plain number.
template <class Y, class T>
concept TargetFor = std::same_as<std::remove_cvref_t<Y>, Var<T>> || ConstantFor<Y, T>;

namespace detail {
template <class T, class Y>
T target_value(const Y& y) {
    if constexpr (std::same_as<std::remove_cvref_t<Y>, Var<T>>)
        return y.value();
    else
        return T(y);
}
template <class T, class Y>
void require_label_pm1(const Y& y, const char* loss) {
    const T v = target_value<T>(y);
    if (!(v == T(1) || v == T(-1)))
        throw ModelError(std::string("chainrule: ") + loss + " needs a label y of -1 or +1");
}
}  // namespace detail

/// Squared loss (seed 004's single-sample loss, with the ½ that makes ∂/∂a = a − y):
/// \f[ \ell(a, y) = \tfrac12 (a - y)^2, \qquad \frac{\partial \ell}{\partial a} = a - y. \f]
/// Any real a, y. (Seed 004's table also lists (a − y)² without the ½: twice this.)
template <class T, class Y>
    requires TargetFor<Y, T>
Var<T> squared_loss(const Var<T>& a, const Y& y) {
    return T(1) / 2 * pow(a - y, 2);
}

/// Mean squared error over m samples, seed 004's "J = 1/(2m) Σ (z_i − y_i)²" — the mean
/// of squared_loss():
/// \f[ J = \frac{1}{2m} \sum_{i=1}^{m} (a_i - y_i)^2, \qquad
///     \frac{\partial J}{\partial a_i} = \frac{a_i - y_i}{m}. \f]
/// (PyTorch's MSELoss has no ½: twice this.) Throws ModelError when the spans' sizes
/// differ or are 0.
template <class T>
Var<T> mean_squared_error(std::span<const Var<T>> a, std::span<const T> y) {
    if (a.size() != y.size() || a.empty())
        throw ModelError("chainrule: mean_squared_error needs as many targets as predictions (and at least one), got " +
                         std::to_string(a.size()) + " predictions and " + std::to_string(y.size()) + " targets");
    Var<T> sum = pow(a[0] - y[0], 2);
    for (std::size_t i = 1; i < a.size(); ++i) sum = sum + pow(a[i] - y[i], 2);
    return sum / T(2 * a.size());
}

/// Absolute loss
/// \f[ \ell(a, y) = |a - y|, \qquad \frac{\partial \ell}{\partial a} = \operatorname{sign}(a - y), \f]
/// with derivative 0 at a = y (abs'(0) = 0, docs/conventions.md: the subgradient of least norm).
template <class T, class Y>
    requires TargetFor<Y, T>
Var<T> absolute_loss(const Var<T>& a, const Y& y) {
    return abs(a - y);
}

/// Binary cross-entropy (log loss) of a probability a and a label y:
/// \f[ \ell(a, y) = -\bigl[y \ln a + (1 - y) \ln(1 - a)\bigr], \qquad
///     \frac{\partial \ell}{\partial a} = \frac{a - y}{a (1 - a)}. \f]
/// Domain: 0 < a < 1 and 0 ≤ y ≤ 1 (seed 004 uses y ∈ {0, 1}; soft labels are fine).
/// At a = 0 or 1 the loss is +∞ or 0·∞: throws ModelError there (and outside the domain)
/// rather than returning NaN — a probability that saturates belongs to
/// binary_cross_entropy_with_logits(), which is finite for every logit.
template <class T, class Y>
    requires TargetFor<Y, T>
Var<T> binary_cross_entropy(const Var<T>& a, const Y& y) {
    const T p = a.value(), label = detail::target_value<T>(y);
    if (!(p > T(0) && p < T(1)))
        throw ModelError("chainrule: binary_cross_entropy needs a probability in (0, 1), got " +
                         detail::short_number(p) + " (use binary_cross_entropy_with_logits for saturated outputs)");
    if (!(label >= T(0) && label <= T(1)))
        throw ModelError("chainrule: binary_cross_entropy needs a label y in [0, 1]");
    return -(y * log(a) + (1 - y) * log(1 - a));
}

/// Binary cross-entropy of a logit z (a = σ(z)), written stably:
/// \f[ \ell(z, y) = -\bigl[y \ln\sigma(z) + (1 - y)\ln(1 - \sigma(z))\bigr]
///               = \operatorname{softplus}(z) - y z, \qquad
///     \frac{\partial \ell}{\partial z} = \sigma(z) - y, \f]
/// with softplus(z) = ln(1 + e^z) = max(z, 0) + log1p(e^{−|z|}) (ops/scalar_math.hpp):
/// finite for every finite z (z = ±800 gives 0 or 800 − 800y, not ∞ − ∞). Any real z,
/// 0 ≤ y ≤ 1. Source: the same identity as torch.nn.BCEWithLogitsLoss.
template <class T, class Y>
    requires TargetFor<Y, T>
Var<T> binary_cross_entropy_with_logits(const Var<T>& z, const Y& y) {
    return softplus(z) - y * z;
}

/// Hinge loss (seed 004; SVMs), for a label y = ±1:
/// \f[ \ell(a, y) = \max(0,\, 1 - y a), \qquad
///     \frac{\partial \ell}{\partial a} = \begin{cases} -y & y a < 1 \\ 0 & y a \ge 1 \end{cases} \f]
/// recorded as relu(1 − y·a), so at the kink y·a = 1 the derivative is 0 (relu'(0) = 0,
/// docs/conventions.md; as PyTorch's MultiMarginLoss). Throws ModelError unless y = ±1.
template <class T, class Y>
    requires TargetFor<Y, T>
Var<T> hinge_loss(const Var<T>& a, const Y& y) {
    detail::require_label_pm1<T>(y, "hinge_loss");
    return relu(1 - y * a);
}

/// Exponential loss (seed 004; AdaBoost), for a label y = ±1:
/// \f[ \ell(a, y) = e^{-y a}, \qquad \frac{\partial \ell}{\partial a} = -y\, e^{-y a}. \f]
/// Smooth everywhere; overflows to +∞ for y·a below about −709 in double. Throws
/// ModelError unless y = ±1.
template <class T, class Y>
    requires TargetFor<Y, T>
Var<T> exponential_loss(const Var<T>& a, const Y& y) {
    detail::require_label_pm1<T>(y, "exponential_loss");
    return exp(-(y * a));
}

/// The 0–1 ("gold standard") loss of seed 004, a value only:
/// \f[ \ell(a, y) = \begin{cases} 0 & a = y \\ 1 & a \ne y \end{cases} \f]
/// for a predicted class a and a label y (compared exactly: threshold a score first).
/// Piecewise constant, so its gradient is 0 wherever it exists and says nothing: it is
/// not recorded on a tape and cannot be trained on — count errors with it, train on a
/// surrogate (hinge, cross-entropy).
template <class T>
T zero_one_loss(const T& a, const T& y) {
    return a == y ? T(0) : T(1);
}

}  // namespace chainrule::models
