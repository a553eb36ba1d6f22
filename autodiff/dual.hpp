#pragma once
/// \file dual.hpp
/// Dual numbers \f$a + b\varepsilon\f$ with \f$\varepsilon^2 = 0\f$: a value and a tangent
/// (a directional derivative). Evaluating any formula in Dual<T> gives its value and its
/// derivative along the seeded direction, \f$f(x + \dot x\varepsilon) = f(x) + f'(x)\dot x
/// \varepsilon\f$. The second-order sweep (second_order.hpp) evaluates the op rules' *local
/// partials* in Dual<T>: their tangents are the second derivatives, so Hessians need no
/// second table of derivative rules per op — only the rules of the elementary functions
/// below, which are those of any calculus text (Griewank & Walther, *Evaluating
/// Derivatives*, 2nd ed., §3.1, Table 3.3).
///
/// Dual<T> is number-like for the op rules (ops/numeric_scalar.hpp, NumberLike): their
/// conventions at singular points branch on the **value** (comparisons look at the value
/// only), so a kink's convention holds at second order too: relu′ = 1 − step(−x) has
/// tangent 0, hence relu″ = 0; |x|″ = 0; step′ = sign′ = 0; max/min's ½ at a tie has
/// derivative 0.
///
/// **Zero tangents stay zero.** Where the tangent of the argument is exactly 0 the result's
/// tangent is 0, not f′(x)·0: a direction that does not move x gives no ∞·0 = NaN at a point
/// where f′ is infinite (√x at 0 along a direction that leaves x fixed) — the same
/// convention as the reverse sweep's skipping of zero adjoints (docs/conventions.md).
/// Where the tangent is nonzero and f′ infinite, the tangent is ±∞ (√x at 0: the second
/// derivative of √ there is −∞, and is reported so).

#include "../ops/constants.hpp"
#include "../ops/numeric_scalar.hpp"
#include "../ops/scalar_math.hpp"
#include "../graph/scalar_traits.hpp"

#include <boost/math/constants/constants.hpp>

#include <cmath>
#include <string>
#include <type_traits>

namespace chainrule {

/// A dual number: value v and tangent d (see the file comment). T is a numeric scalar.
template <class T>
struct Dual {
    T v{0};  ///< the value
    T d{0};  ///< the tangent: the derivative along the seeded direction

    Dual() = default;
    Dual(const T& value, const T& tangent) : v(value), d(tangent) {}
    Dual(const T& value) : v(value), d(0) {}  // NOLINT: constants convert implicitly
    template <class S>
        requires(std::is_arithmetic_v<S> && !std::is_same_v<S, T>)
    Dual(S value) : v(value), d(0) {}  // NOLINT: literals in the op rules (T(1), x > 0)

    friend Dual operator+(const Dual& a, const Dual& b) { return {T(a.v + b.v), T(a.d + b.d)}; }
    friend Dual operator-(const Dual& a, const Dual& b) { return {T(a.v - b.v), T(a.d - b.d)}; }
    friend Dual operator-(const Dual& a) { return {T(-a.v), T(-a.d)}; }
    friend Dual operator*(const Dual& a, const Dual& b) {
        return {T(a.v * b.v), T(scaled(a.d, b.v) + scaled(b.d, a.v))};
    }
    friend Dual operator/(const Dual& a, const Dual& b) {
        const T q = a.v / b.v;
        // A finite numerator over an infinite divisor (an overflowed value: cosh²x for |x| ≳ 355
        // in double, in the tanh partial 1/cosh²x) is 0 with tangent 0, as 1/∞ = 0 — the
        // formula's q·ḃ/b would be 0·∞/∞ = NaN.
        if (!is_finite(b.v) && b.v == b.v && is_finite(a.v) && is_finite(a.d)) return {q, T(0)};
        const T num = scaled(a.d, T(1)) - scaled(b.d, q);  // 0 when neither moves: 0/0 stays 0
        return {q, num == 0 ? T(0) : T(num / b.v)};
    }
    Dual& operator+=(const Dual& b) { return *this = *this + b; }
    Dual& operator-=(const Dual& b) { return *this = *this - b; }
    Dual& operator*=(const Dual& b) { return *this = *this * b; }
    Dual& operator/=(const Dual& b) { return *this = *this / b; }

    // Comparisons see the value only: the branches of the op rules' conventions.
    friend bool operator==(const Dual& a, const Dual& b) { return a.v == b.v; }
    friend bool operator!=(const Dual& a, const Dual& b) { return a.v != b.v; }
    friend bool operator<(const Dual& a, const Dual& b) { return a.v < b.v; }
    friend bool operator<=(const Dual& a, const Dual& b) { return a.v <= b.v; }
    friend bool operator>(const Dual& a, const Dual& b) { return a.v > b.v; }
    friend bool operator>=(const Dual& a, const Dual& b) { return a.v >= b.v; }

    /// t·f with an exactly zero tangent t giving 0 even for an infinite or NaN f.
    static T scaled(const T& t, const T& f) { return t == 0 ? T(0) : T(t * f); }
};

/// The Dual<T> whose tangent is f′(x)·ẋ for f(x) = fx (0 where ẋ = 0).
template <class T>
Dual<T> chain(const Dual<T>& x, const T& fx, const T& dfdx) {
    return {fx, Dual<T>::scaled(x.d, dfdx)};
}

template <class T>
struct NumberLike<Dual<T>> : std::true_type {
    using real_type = T;
};

/// Both the value and the tangent are 0: the reverse sweep may skip such an adjoint (a zero
/// value alone is not enough: at a stationary point the gradient is 0, its tangent not).
template <class T>
bool is_zero(const Dual<T>& x) {
    return x.v == 0 && x.d == 0;
}

/// The value is finite: what the op rules branch on (logaddexp of two infinities), as the
/// comparisons look at the value only.
template <class T>
bool is_finite(const Dual<T>& x) {
    return is_finite(x.v);
}

/// The value, for messages.
template <class T>
std::string to_decimal_string(const Dual<T>& x, int digits = 17) {
    return to_decimal_string(x.v, digits);
}

// The elementary functions, found by argument-dependent lookup from the op rules.
// clang-format off
template <class T> Dual<T> exp(const Dual<T>& x) { using std::exp; const T e = exp(x.v); return chain(x, e, e); }
template <class T> Dual<T> expm1(const Dual<T>& x) { using std::exp, std::expm1; return chain(x, T(expm1(x.v)), T(exp(x.v))); }
template <class T> Dual<T> log(const Dual<T>& x) { using std::log; return chain(x, T(log(x.v)), T(T(1) / x.v)); }
template <class T> Dual<T> log1p(const Dual<T>& x) { using std::log1p; return chain(x, T(log1p(x.v)), T(T(1) / (T(1) + x.v))); }
template <class T> Dual<T> sin(const Dual<T>& x) { using std::sin, std::cos; return chain(x, T(sin(x.v)), T(cos(x.v))); }
template <class T> Dual<T> cos(const Dual<T>& x) { using std::sin, std::cos; return chain(x, T(cos(x.v)), T(-sin(x.v))); }
template <class T> Dual<T> tan(const Dual<T>& x) { using std::tan; const T t = tan(x.v); return chain(x, t, T(T(1) + t * t)); }
template <class T> Dual<T> asin(const Dual<T>& x) {
    using std::asin, std::sqrt;
    return chain(x, T(asin(x.v)), T(T(1) / sqrt(T((T(1) - x.v) * (T(1) + x.v)))));
}
template <class T> Dual<T> acos(const Dual<T>& x) {
    using std::acos, std::sqrt;
    return chain(x, T(acos(x.v)), T(T(-1) / sqrt(T((T(1) - x.v) * (T(1) + x.v)))));
}
template <class T> Dual<T> atan(const Dual<T>& x) { using std::atan; return chain(x, T(atan(x.v)), T(T(1) / (T(1) + x.v * x.v))); }
template <class T> Dual<T> sinh(const Dual<T>& x) { using std::sinh, std::cosh; return chain(x, T(sinh(x.v)), T(cosh(x.v))); }
template <class T> Dual<T> cosh(const Dual<T>& x) { using std::sinh, std::cosh; return chain(x, T(cosh(x.v)), T(sinh(x.v))); }
template <class T> Dual<T> tanh(const Dual<T>& x) {
    using std::tanh, std::cosh;
    const T c = cosh(x.v);
    return chain(x, T(tanh(x.v)), T(T(1) / (c * c)));
}
template <class T> Dual<T> sqrt(const Dual<T>& x) { using std::sqrt; const T r = sqrt(x.v); return chain(x, r, T(T(1) / (T(2) * r))); }
template <class T> Dual<T> cbrt(const Dual<T>& x) { using std::cbrt; const T r = cbrt(x.v); return chain(x, r, T(T(1) / (T(3) * r * r))); }
/// |x|′ = sign x, 0 at 0 (the convention of the tape's Abs).
template <class T> Dual<T> abs(const Dual<T>& x) {
    using std::abs;
    return chain(x, T(abs(x.v)), x.v > 0 ? T(1) : x.v < 0 ? T(-1) : T(0));
}
template <class T> Dual<T> erf(const Dual<T>& x) {
    using std::erf, std::exp, std::sqrt;
    return chain(x, T(erf(x.v)), T(T(2) / sqrt(boost::math::constants::pi<T>()) * exp(T(-(x.v * x.v)))));
}
template <class T> Dual<T> erfc(const Dual<T>& x) {
    using std::erfc, std::exp, std::sqrt;
    return chain(x, T(erfc(x.v)), T(T(-2) / sqrt(boost::math::constants::pi<T>()) * exp(T(-(x.v * x.v)))));
}
// clang-format on

/// softplus(x) = ln(1 + eˣ), tangent σ(x)·ẋ. Its stable numeric form max(x, 0) +
/// ln(1 + e^(−|x|)) is smooth, but each of its two pieces has a kink at 0, whose conventions
/// would give the tangent 0 there (mish′ reads softplus: mish″(0) came out halved).
template <class T>
Dual<T> softplus(const Dual<T>& x) {
    return chain(x, math::softplus(x.v), math::sigmoid(x.v));
}

/// a^b: tangent b·a^(b−1)·ȧ + a^b ln a·ḃ, each term 0 where its tangent is 0, and
/// ∂/∂a = 0 for b = 0 (x⁰ = 1 is constant, also at 0), ∂/∂b = 0 where a^b = 0 (xlogy).
template <class T>
Dual<T> pow(const Dual<T>& a, const Dual<T>& b) {
    using std::log, std::pow;
    const T y = pow(a.v, b.v);
    T d(0);
    if (a.d != 0 && b.v != 0) d += T(b.v * pow(a.v, T(b.v - T(1))) * a.d);
    if (b.d != 0 && y != 0) d += T(y * log(a.v) * b.d);
    return {y, d};
}

/// x·ln y with the convention xlogy(0, y) = 0 (ops/scalar_math.hpp: ∂(a^b)/∂b = a^b ln a at
/// a = 0), differentiated: tangent ẋ·ln y + x·ẏ/y, the second term 0 where x = 0. The
/// generic xlogy would return the constant 0 at x = 0 and drop ẋ·ln y: at a = 0, b = 1,
/// ∂²(a^b)/∂a∂b = a^(b−1)(1 + b ln a) → −∞ in both orders of differentiation, not 0 in one.
template <class T>
Dual<T> xlogy(const Dual<T>& x, const Dual<T>& y) {
    using std::log;
    const T l = log(y.v);
    if (x.v == 0) return {T(0), Dual<T>::scaled(x.d, l)};
    return {T(x.v * l), T(Dual<T>::scaled(x.d, l) + Dual<T>::scaled(y.d, T(x.v / y.v)))};
}

/// atan2(a, b): tangent (b·ȧ − a·ḃ)/(a² + b²), 0 at the origin (the tape's convention).
template <class T>
Dual<T> atan2(const Dual<T>& a, const Dual<T>& b) {
    using std::atan2;
    const T r2 = a.v * a.v + b.v * b.v;
    const T d = r2 == 0 ? T(0) : T((Dual<T>::scaled(a.d, b.v) - Dual<T>::scaled(b.d, a.v)) / r2);
    return {T(atan2(a.v, b.v)), d};
}

/// hypot(a, b): tangent (a·ȧ + b·ḃ)/h, 0 at the origin (the tape's convention).
template <class T>
Dual<T> hypot(const Dual<T>& a, const Dual<T>& b) {
    using std::hypot;
    const T h = hypot(a.v, b.v);
    const T d = h == 0 ? T(0) : T((Dual<T>::scaled(a.d, a.v) + Dual<T>::scaled(b.d, b.v)) / h);
    return {h, d};
}

namespace ops {

/// π and decimals in Dual<T>: constants, tangent 0.
template <class T>
struct OpConstants<Dual<T>> {
    static Dual<T> pi() { return Dual<T>(OpConstants<T>::pi()); }
    static Dual<T> decimal(const char* text) { return Dual<T>(OpConstants<T>::decimal(text)); }
};

}  // namespace ops

/// Conversion into Dual<U>: the value converted, tangent 0.
template <class U, class T>
struct ScalarConvert<Dual<U>, T> {
    static Dual<U> convert(const T& x) { return Dual<U>(scalar_cast<U>(x)); }
};

}  // namespace chainrule
