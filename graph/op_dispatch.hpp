#pragma once
/// \file op_dispatch.hpp
/// Runtime dispatch from an OpKind to its rule (ops::<Name>): the value of a node from
/// its inputs, and its local partials. Used by replay (any scalar type U) and by the
/// reverse sweep. One switch, no virtual calls.

#include "op_kind.hpp"
#include "../ops/rules.hpp"

#include <stdexcept>

namespace chainrule {

/// The value of an op node from its input values a (and b for binary ops) and its
/// parameter p (param ops only). Leaves are not computed here.
template <class T>
T op_value(OpKind op, const T& a, const T& b, const T& p) {
    switch (op) {
#define CHAINRULE_CASE_UNARY(name, ...) \
    case OpKind::name: return ops::name::value(a);
#define CHAINRULE_CASE_PARAM(name, ...) \
    case OpKind::name: return ops::name::value(a, p);
#define CHAINRULE_CASE_BINARY(name, ...) \
    case OpKind::name: return ops::name::value(a, b);
        CHAINRULE_UNARY_OPS(CHAINRULE_CASE_UNARY)
        CHAINRULE_PARAM_OPS(CHAINRULE_CASE_PARAM)
        CHAINRULE_BINARY_OPS(CHAINRULE_CASE_BINARY)
#undef CHAINRULE_CASE_UNARY
#undef CHAINRULE_CASE_PARAM
#undef CHAINRULE_CASE_BINARY
        default: break;
    }
    throw std::logic_error("chainrule: op_value called on a leaf");
}

/// The local partials (∂y/∂a, ∂y/∂b) of an op node with inputs a, b, output y and
/// parameter p. For unary and param ops only `da` is meaningful (db = 0).
template <class T>
ops::Partials<T> op_partials(OpKind op, const T& a, const T& b, const T& y, const T& p) {
    switch (op) {
#define CHAINRULE_CASE_UNARY(name, ...) \
    case OpKind::name: return {ops::name::partial(a, y), T(0)};
#define CHAINRULE_CASE_PARAM(name, ...) \
    case OpKind::name: return {ops::name::partial(a, y, p), T(0)};
#define CHAINRULE_CASE_BINARY(name, ...) \
    case OpKind::name: return ops::name::partials(a, b, y);
        CHAINRULE_UNARY_OPS(CHAINRULE_CASE_UNARY)
        CHAINRULE_PARAM_OPS(CHAINRULE_CASE_PARAM)
        CHAINRULE_BINARY_OPS(CHAINRULE_CASE_BINARY)
#undef CHAINRULE_CASE_UNARY
#undef CHAINRULE_CASE_PARAM
#undef CHAINRULE_CASE_BINARY
        default: break;
    }
    return {T(0), T(0)};  // leaves have no inputs
}

}  // namespace chainrule
