#pragma once
/// \file scalar_math.hpp
/// Numerically stable implementations, for every numeric scalar type, of the
/// elementary functions that <cmath> lacks (activations, reciprocal trigonometric and
/// hyperbolic functions, xlogy). Generic op code calls these *unqualified*, after
/// `using namespace chainrule::math;`, so that a non-numeric scalar (symbolic::Expr)
/// supplies its own overloads by argument-dependent lookup.
///
/// Conventions at non-differentiable or singular points are listed in
/// docs/conventions.md; the tests in tests/autodiff/conventions_test.cpp check each.

#include "numeric_scalar.hpp"

#include <boost/math/constants/constants.hpp>

#include <cmath>

namespace chainrule::math {

/// The constant π/2 in type T (of a NumberLike type: of the number it is built on).
template <NumericScalar T>
T half_pi() {
    if constexpr (NumberLike<T>::value)
        return T(boost::math::constants::half_pi<typename NumberLike<T>::real_type>());
    else
        return boost::math::constants::half_pi<T>();
}

/// Logistic sigmoid \f$\sigma(x) = 1/(1+e^{-x})\f$, evaluated without overflow:
/// for x < 0 as \f$e^{x}/(1+e^{x})\f$. Range (0, 1); σ(−800) underflows to 0 in double
/// (the correctly rounded value) and stays positive in 50-digit types.
template <NumericScalar T>
T sigmoid(const T& x) {
    using std::exp;
    if (x >= 0) {
        T e = exp(T(-x));
        return T(1) / (T(1) + e);
    }
    T e = exp(x);
    return e / (T(1) + e);
}

/// \f$\sigma'(x) = \sigma(x)\,\sigma(-x) = e^{-|x|}/(1+e^{-|x|})^2\f$, computed from x
/// (not as y(1−y), which loses all digits of 1−y for large x).
template <NumericScalar T>
T sigmoid_derivative(const T& x) {
    using std::abs;
    using std::exp;
    T e = exp(T(-abs(x)));
    T d = T(1) + e;
    return e / (d * d);
}

/// Softplus \f$\ln(1+e^{x}) = \max(x,0) + \ln(1+e^{-|x|})\f$ (stable for |x| large).
template <NumericScalar T>
T softplus(const T& x) {
    using std::abs;
    using std::exp;
    using std::log1p;
    T m = x > 0 ? T(x) : T(0);
    return m + log1p(exp(T(-abs(x))));
}

/// \f$\ln(e^{a} + e^{b}) = \max(a, b) + \ln(1 + e^{-|a - b|})\f$, without overflow
/// (logaddexp(1000, 1000) = 1000 + ln 2) or underflow (logaddexp(−1000, −1000) =
/// −1000 + ln 2). An infinite max is the result (logaddexp(−∞, −∞) = −∞); NaN propagates.
template <NumericScalar T>
T logaddexp(const T& a, const T& b) {
    using std::abs;
    using std::exp;
    using std::log1p;
    if (a != a || b != b) return T(a + b);  // NaN
    const T m = a < b ? T(b) : T(a);
    if (!is_finite(m)) return m;            // ±∞
    return T(m + log1p(exp(T(-abs(T(a - b))))));
}

/// \f$\ln\sigma(x) = -\mathrm{softplus}(-x)\f$; log_sigmoid(−300) = −300.
template <NumericScalar T>
T log_sigmoid(const T& x) {
    return T(-softplus(T(-x)));
}

/// Rectifier \f$\max(x, 0)\f$.
template <NumericScalar T>
T relu(const T& x) {
    return x > 0 ? T(x) : T(0);
}

/// Leaky rectifier: x for x > 0, αx otherwise.
template <NumericScalar T>
T leaky_relu(const T& x, const T& alpha) {
    return x > 0 ? T(x) : T(alpha * x);
}

/// Heaviside step H(x): 1 for x ≥ 0, 0 for x < 0 (H(0) = 1, as the perceptron's
/// "f(z) = 1 if z ≥ 0" in the seeds).
template <NumericScalar T>
T step(const T& x) {
    return x >= 0 ? T(1) : T(0);
}

/// Sign: −1, 0 or +1; sign(0) = 0; NaN propagates.
template <NumericScalar T>
T sign(const T& x) {
    if (x > 0) return T(1);
    if (x < 0) return T(-1);
    return T(x - x);  // 0 for 0, NaN for NaN
}

/// \f$x \ln y\f$, defined as 0 when x = 0 (even for y = 0), as scipy.special.xlogy.
/// Used for ∂(a^b)/∂b = a^b ln a, which is 0 at a = 0, b > 0.
template <NumericScalar T>
T xlogy(const T& x, const T& y) {
    using std::log;
    if (x == 0) return T(0);
    return T(x * log(y));
}

/// Cotangent cos x / sin x (tg/ctg in the seeds).
template <NumericScalar T>
T cot(const T& x) {
    using std::cos;
    using std::sin;
    return T(cos(x) / sin(x));
}

/// Arc-cotangent \f$\pi/2 - \arctan x\f$: continuous, range (0, π).
template <NumericScalar T>
T acot(const T& x) {
    using std::atan;
    return T(half_pi<T>() - atan(x));
}

/// Hyperbolic cotangent 1/tanh x.
template <NumericScalar T>
T coth(const T& x) {
    using std::tanh;
    return T(T(1) / tanh(x));
}

/// Hyperbolic secant 1/cosh x (0 for |x| beyond the overflow of cosh).
template <NumericScalar T>
T sech(const T& x) {
    using std::cosh;
    return T(T(1) / cosh(x));
}

/// Hyperbolic cosecant 1/sinh x.
template <NumericScalar T>
T csch(const T& x) {
    using std::sinh;
    return T(T(1) / sinh(x));
}


}  // namespace chainrule::math
