#pragma once
/// \file op_rules_common.hpp
/// Shared pieces of the op rules: the pair of local partials of a binary op, and the
/// namespace set-up that lets every rule call math functions unqualified (std:: and
/// chainrule::math for numbers, argument-dependent lookup for symbolic::Expr).

#include "scalar_math.hpp"

namespace chainrule::ops {

using namespace chainrule::math;  // NOLINT: unqualified calls must see the numeric overloads

/// Local partials ∂y/∂a and ∂y/∂b of a binary op y = f(a, b).
template <class T>
struct Partials {
    T da;
    T db;
};

}  // namespace chainrule::ops
