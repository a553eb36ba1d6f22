#pragma once
/// \file math_constants.hpp
/// The mathematical constants a tape holds exactly: π and e. Each is a Const leaf
/// (Tape::math_constant) whose record says which constant it is (the `in0` slot, unused
/// by other leaves), so that replay evaluates the constant anew in the replayed type —
/// π at 100 digits when replayed at 100 digits, the exact symbol π in symbolic::Expr —
/// instead of converting the recorded number (a 50-digit decimal would print as one).

#include "scalar_traits.hpp"

#include <boost/math/constants/constants.hpp>

#include <cstdint>
#include <string_view>
#include <type_traits>

namespace chainrule {

/// Which constant a Const leaf is: None for an ordinary number.
enum class MathConstant : std::uint32_t { None = 0, Pi = 1, E = 2 };

/// "pi", "e" (the names the .chain language reads), "" for None.
constexpr std::string_view math_constant_name(MathConstant c) noexcept {
    return c == MathConstant::Pi ? "pi" : c == MathConstant::E ? "e" : "";
}

/// The value of a constant in T. Numeric T: boost::math::constants, which for an MPFR
/// number of run-time precision is MPFR's correctly rounded π or e at the current
/// precision. Other scalar types (symbolic::Expr) specialise this
/// (derivations/expr_replay.hpp).
template <class T>
struct MathConstantValue {
    static T value(MathConstant c) {
        static_assert(NumericScalar<T>, "specialise MathConstantValue<T> for this scalar type");
        return c == MathConstant::Pi ? boost::math::constants::pi<T>() : boost::math::constants::e<T>();
    }
};

}  // namespace chainrule
