// Numeric values of the functions of function_kind.hpp for a floating-point
// type T (double, long double, boost::multiprecision::cpp_bin_float_50, ...),
// with the conventions documented in functions.hpp.  Used by evaluate.hpp.
#pragma once

#include <boost/math/constants/constants.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "expr.hpp"
#include "function_kind.hpp"

namespace chainrule::symbolic::numeric {

// Every function below starts with using-declarations of the std:: functions
// it needs: they hide the Expr overloads of chainrule::symbolic (which would
// otherwise be found first and convert a double to Expr), while
// argument-dependent lookup still finds boost::multiprecision's overloads.

/// \sigma(x) without overflow: e^{x} / (1 + e^{x}) for x < 0.
template <class T>
T sigmoid(const T& x) {
    using std::exp;
    if (x >= T(0)) return T(1) / (T(1) + exp(-x));
    const T e = exp(x);
    return e / (T(1) + e);
}

/// \ln(1 + e^{x}) without overflow: \max(x, 0) + \ln(1 + e^{-|x|}).
template <class T>
T softplus(const T& x) {
    using std::abs;
    using std::exp;
    using std::log1p;
    const T positive_part = x > T(0) ? x : T(0);
    return positive_part + log1p(exp(-abs(x)));
}

/// \pi or e in T, at T's precision (for an MPFR number with run-time precision,
/// the current precision: MPFR's \pi, e correctly rounded).
template <class T>
T apply_constant(Function f) {
    switch (f) {
    case Function::pi: return boost::math::constants::pi<T>();
    case Function::e: return boost::math::constants::e<T>();
    default: break;
    }
    throw std::logic_error("apply_constant: not a constant");
}

/// \ln \sum_i e^{a_i} without overflow or underflow: m + \ln \sum_i e^{a_i - m}
/// with m = \max_i a_i (so the largest term is e^0 = 1).  m = \pm\infty gives m;
/// a NaN argument gives NaN.
template <class T>
T logsumexp(const std::vector<T>& a) {
    using std::exp, std::log;
    T m = a.front();
    for (const T& x : a) {
        if (x != x) return x;  // NaN
        if (m < x) m = x;
    }
    if (m == std::numeric_limits<T>::infinity() || m == -std::numeric_limits<T>::infinity()) return m;
    T sum(0);
    for (const T& x : a) sum += exp(T(x - m));
    return T(m + log(sum));
}

template <class T>
T apply_unary(Function f, const T& x) {
    using std::abs, std::acos, std::asin, std::atan, std::cbrt, std::cos, std::cosh, std::exp, std::expm1;
    using std::log, std::log1p, std::sin, std::sinh, std::tan, std::tanh;
    const T zero(0);
    const T one(1);
    switch (f) {
    case Function::exp: return exp(x);
    case Function::log: return log(x);
    case Function::sin: return sin(x);
    case Function::cos: return cos(x);
    case Function::tan: return tan(x);
    case Function::cot: return cos(x) / sin(x);
    case Function::asin: return asin(x);
    case Function::acos: return acos(x);
    case Function::atan: return atan(x);
    case Function::acot: return boost::math::constants::half_pi<T>() - atan(x);
    case Function::sinh: return sinh(x);
    case Function::cosh: return cosh(x);
    case Function::tanh: return tanh(x);
    case Function::coth: return one / tanh(x);
    case Function::sech: return one / cosh(x);
    case Function::csch: return one / sinh(x);
    case Function::cbrt: return cbrt(x);
    case Function::abs: return abs(x);
    case Function::sign: return x > zero ? one : (x < zero ? -one : zero);
    case Function::expm1: return expm1(x);
    case Function::log1p: return log1p(x);
    case Function::sigmoid: return numeric::sigmoid(x);
    case Function::relu: return x > zero ? x : zero;
    case Function::softplus: return numeric::softplus(x);
    case Function::log_sigmoid: return -numeric::softplus(T(-x));
    case Function::step: return x >= zero ? one : zero;
    default: break;
    }
    throw std::logic_error("apply_unary: not a unary function");
}

template <class T>
T apply_binary(Function f, const T& a, const T& b) {
    using std::atan2, std::hypot, std::log;
    const T zero(0);
    switch (f) {
    case Function::atan2: return atan2(a, b);
    case Function::hypot: return hypot(a, b);
    case Function::min: return b < a ? b : a;
    case Function::max: return a < b ? b : a;
    case Function::xlogy: return a == zero ? zero : T(a * log(b));
    case Function::leaky_relu: return a > zero ? a : T(b * a);
    default: break;
    }
    throw std::logic_error("apply_binary: not a binary function");
}

/// b^n by repeated squaring (exact sign for negative b).
template <class T>
T integer_power(T base, long n) {
    const bool invert = n < 0;
    unsigned long m = invert ? 0UL - static_cast<unsigned long>(n) : static_cast<unsigned long>(n);
    T result(1);
    while (m != 0) {
        if (m & 1UL) result *= base;
        base *= base;
        m >>= 1;
    }
    return invert ? T(T(1) / result) : result;
}

/// An exact rational as T: numerator / denominator, each converted into T
/// (so the only rounding is that of T's division).
template <class T>
T to_number(const Rational& r) {
    if constexpr (std::is_floating_point_v<T>)
        return numerator(r).template convert_to<T>() / denominator(r).template convert_to<T>();
    else
        return T(numerator(r)) / T(denominator(r));
}

}  // namespace chainrule::symbolic::numeric
