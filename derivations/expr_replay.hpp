#pragma once
/// \file expr_replay.hpp
/// Replaying a tape with T = symbolic::Expr: the conversion of recorded numbers into
/// exact symbolic constants (ScalarConvert<Expr, T>), used by replay and by the named
/// graph. Doubles become the decimal they print as (0.55 → 11/20, 0.5 → 1/2);
/// multiprecision values become the decimal of their guaranteed digits.

#include "../graph/math_constants.hpp"
#include "../graph/scalar_traits.hpp"
#include "../symbolic/arithmetic.hpp"
#include "../symbolic/expr.hpp"
#include "../symbolic/functions.hpp"

#include <limits>
#include <type_traits>

namespace chainrule {

template <class T>
struct ScalarConvert<symbolic::Expr, T> {
    static symbolic::Expr convert(const T& x) {
        if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
            return symbolic::Expr(static_cast<double>(x));
        } else {
            // digits10 digits are exact for the type (for a run-time precision type, its
            // precision); trailing zeros are dropped.
            int digits = std::numeric_limits<T>::digits10;
            if constexpr (requires { x.precision(); }) digits = static_cast<int>(x.precision());
            return symbolic::Expr::decimal(to_decimal_string(x, digits));
        }
    }
};

/// π and e on a tape (graph/math_constants.hpp) replay as the exact symbolic constants.
template <>
struct MathConstantValue<symbolic::Expr> {
    static symbolic::Expr value(MathConstant c) { return c == MathConstant::Pi ? symbolic::pi() : symbolic::e(); }
};

}  // namespace chainrule
