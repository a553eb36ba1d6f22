// Numeric values of the functions of function_kind.hpp for a floating-point
// type T (double, long double, boost::multiprecision::cpp_bin_float_50, ...):
// the catalogue's functions by their rules' value (the numerics the tape runs,
// with the same conventions), and Expr's own (xlogy, logsumexp, pi, e).  Used by
// evaluate.hpp.
#pragma once

#include <boost/math/constants/constants.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "expr.hpp"
#include "function_rules.hpp"

namespace chainrule::symbolic::numeric {

// A function below that calls std:: functions starts with using-declarations:
// they hide the Expr overloads of chainrule::symbolic (which would otherwise be
// found first and convert a double to Expr), while argument-dependent lookup
// still finds boost::multiprecision's overloads.

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

/// f(x) for a unary function: its rule's value (ops/rules_*.hpp), the tape's own numerics.
template <class T>
T apply_unary(Function f, const T& x) {
    return visit_unary_rule(f, [&]<class Rule>() { return T(Rule::value(x)); });
}

/// f(a, b) for atan2, hypot, min, max, leaky_relu (their rules' values) and xlogy.
template <class T>
T apply_binary(Function f, const T& a, const T& b) {
    if (f == Function::xlogy) {
        using std::log;
        return a == T(0) ? T(0) : T(a * log(b));
    }
    return visit_binary_rule(f, [&]<class Rule>() { return T(Rule::value(a, b)); });
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
