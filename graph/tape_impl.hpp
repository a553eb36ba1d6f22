#pragma once
/// \file tape_impl.hpp
/// Out-of-line members of Tape<T> (included at the end of tape.hpp).

#include "tape.hpp"

namespace chainrule {

template <class T>
void Tape<T>::throw_bad_handle(const detail::TapeControlBlock* block, NodeIndex index, std::uint32_t generation,
                               OpKind op) const {
    if (block == nullptr)
        throw TapeMismatchError("chainrule: op '" + std::string(op_name(op)) +
                                "' was given an empty handle (not made by a tape)");
    if (block == block_ || block->generation != generation)
        throw StaleHandleError("chainrule: op '" + std::string(op_name(op)) + "' was given node #" +
                               std::to_string(index) + " of a tape that was cleared or destroyed");
    throw TapeMismatchError("chainrule: op '" + std::string(op_name(op)) + "' mixes nodes of two different tapes (node #" +
                            std::to_string(index) + " belongs to another tape)");
}

template <class T>
std::string Tape<T>::describe(NodeIndex i) const {
    const NodeRecord& r = nodes_.at(i);
    std::string s = "node " + describe_node(i, name(i)) + " (op '" + op_label(i) + "'";
    auto show = [&](NodeIndex j) {
        std::string t = describe_node(j, name(j));
        if (is_matrix_valued(nodes_[j].op)) return t + " of shape " + shape_text(shape(j));
        if constexpr (NumericScalar<T>) t += " = " + to_decimal_string(values_[j]);
        return t;
    };
    if (is_matrix_valued(r.op))
        s += ", shape " + shape_text(shape(i));
    else if constexpr (NumericScalar<T>)
        s += ", value " + to_decimal_string(values_[i]);
    const int n = arity(r.op);
    if (n >= 1) s += ", input " + show(r.in0);
    if (n == 2) s += ", input " + show(r.in1);
    if (has_param(r.op)) {
        if constexpr (NumericScalar<T>) s += ", parameter " + to_decimal_string(params_[r.in1]);
    }
    return s + ")";
}

}  // namespace chainrule
