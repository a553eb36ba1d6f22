#pragma once
/// \file mat_labels.hpp
/// How messages name a matrix op: op_name(op), or for the elementwise ops the scalar op
/// they apply ("sigmoid (elementwise)", "add (elementwise)", "mul (elementwise)" for the
/// Hadamard product and for scalar × matrix).

#include "op_kind.hpp"

#include <string>

namespace chainrule {

inline std::string matrix_op_label(OpKind op, OpKind elem) {
    if (op == OpKind::MatMap || op == OpKind::MatZip) return std::string(op_name(elem)) + " (elementwise)";
    return std::string(op_name(op));
}

}  // namespace chainrule
