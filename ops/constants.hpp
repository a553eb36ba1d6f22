#pragma once
/// \file constants.hpp
/// The constants an op rule needs in its scalar type T: π (erf′ = 2/√π·e^(−x²)) and
/// decimals given to more digits than a double holds (selu's λ and α). Numeric T: π from
/// boost::math::constants, decimals converted by T itself, both correctly rounded at T's
/// precision (for Real at the current precision, so every rung of the ladder has its own
/// digits). Another scalar type specialises OpConstants<T>: symbolic::Expr gives the exact
/// π and the exact decimal (symbolic/functions.hpp).

#include "numeric_scalar.hpp"

#include <boost/math/constants/constants.hpp>

#include <cstdlib>
#include <string>
#include <type_traits>

namespace chainrule::ops {

template <class T>
struct OpConstants {
    static T pi() {
        static_assert(NumericScalar<T>, "specialise ops::OpConstants<T> for this scalar type");
        return boost::math::constants::pi<T>();
    }
    /// The decimal `text` ("1.0507009873554804934193349852946") rounded to T.
    static T decimal(const char* text) {
        static_assert(NumericScalar<T>, "specialise ops::OpConstants<T> for this scalar type");
        if constexpr (std::is_same_v<T, float>)
            return std::strtof(text, nullptr);
        else if constexpr (std::is_same_v<T, double>)
            return std::strtod(text, nullptr);
        else if constexpr (std::is_same_v<T, long double>)
            return std::strtold(text, nullptr);
        else
            return T(std::string(text));
    }
};

/// π in T.
template <class T>
T pi_in() {
    return OpConstants<T>::pi();
}

/// The decimal `text` in T (exact for symbolic::Expr, correctly rounded for numbers).
template <class T>
T decimal_in(const char* text) {
    return OpConstants<T>::decimal(text);
}

}  // namespace chainrule::ops
