#pragma once
/// \file numeric_scalar.hpp
/// Which scalar types are numbers: float, double, long double and Boost.Multiprecision
/// (MPFR's Real, cpp_bin_float_50, cpp_rational, …), as opposed to a symbolic expression
/// or a Var for higher order. Op rules branch on it to apply their conventions at
/// singular points and to pick a stable numeric formula.

#include <boost/multiprecision/number.hpp>

#include <cmath>
#include <concepts>
#include <type_traits>

namespace chainrule {

/// Extension point: a scalar type that is not a built-in or Boost.Multiprecision number but
/// behaves as one for the op rules — its comparisons compare values, so the conventions
/// at singular points apply — specialises NumberLike with `value = true` and names the
/// number type it is built on as `real_type`. The dual numbers of second derivatives do
/// (autodiff/dual.hpp). Tapes are not recorded in such types: they have no matrices.
template <class T>
struct NumberLike : std::false_type {};

/// A numeric scalar: a built-in floating-point type, a Boost.Multiprecision number, or a
/// NumberLike type. Numeric scalars have values that can be compared, so ops may apply
/// their documented conventions at singular points (e.g. ∂atan2 = 0 at the origin) by
/// branching.
template <class T>
concept NumericScalar =
    std::is_floating_point_v<T> || boost::multiprecision::is_number<T>::value || NumberLike<T>::value;

/// Numeric zero test. Non-numeric scalars (symbolic::Expr) provide their own
/// `is_zero` found by argument-dependent lookup.
template <NumericScalar T>
bool is_zero(const T& x) {
    return x == 0;
}

/// True when x is neither infinite nor NaN.
template <NumericScalar T>
bool is_finite(const T& x) {
    using std::isfinite;
    if constexpr (std::is_floating_point_v<T>)
        return std::isfinite(x);
    else
        return boost::multiprecision::isfinite(x);
}

}  // namespace chainrule
