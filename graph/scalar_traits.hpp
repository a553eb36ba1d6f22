#pragma once
/// \file scalar_traits.hpp
/// What the tape needs to know about a scalar type T: whether it is a number
/// (NumericScalar, is_zero, is_finite: ops/numeric_scalar.hpp), how to print it in
/// messages, and how to convert a value of one scalar type into another (used by replay).

#include "../ops/numeric_scalar.hpp"

#include <boost/multiprecision/number.hpp>

#include <cmath>
#include <concepts>
#include <cstdio>
#include <string>
#include <type_traits>

namespace chainrule {

/// Decimal text of a numeric value with `digits` significant digits (for messages).
template <NumericScalar T>
std::string to_decimal_string(const T& x, int digits = 17) {
    if constexpr (std::is_floating_point_v<T>) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*Lg", digits, static_cast<long double>(x));
        return buf;
    } else {
        return x.str(digits);
    }
}

/// Conversion of a scalar value between scalar types, used when a tape recorded in T
/// is replayed in U. Numeric → numeric converts exactly where U can hold the value
/// (double → cpp_bin_float_50 is exact). Specialise for other U (symbolic::Expr).
template <class U, class T>
struct ScalarConvert {
    static U convert(const T& x) {
        if constexpr (std::is_floating_point_v<U> && boost::multiprecision::is_number<T>::value)
            return x.template convert_to<U>();
        else
            return U(x);
    }
};

/// Converts x from scalar type T to scalar type U (see ScalarConvert).
template <class U, class T>
U scalar_cast(const T& x) {
    if constexpr (std::is_same_v<U, T>)
        return x;
    else
        return ScalarConvert<U, T>::convert(x);
}

}  // namespace chainrule
