#pragma once
/// \file mat_record.hpp
/// Recording one matrix op on a tape: infer and check the output shape, evaluate the
/// value into the matrix store (reusing its storage), and append the node.

#include "mat_dispatch.hpp"
#include "tape.hpp"

#include <string>

namespace chainrule::detail {

/// True when the value of input `node` (slot `slot`) depends on a variable, i.e. wants a
/// gradient. Scalar nodes are taken to want one unless they are Const leaves.
template <class T>
bool wants_gradient(const Tape<T>& tape, NodeIndex node, std::uint32_t slot) {
    if (slot != kScalarSlot) return tape.matrix_store()->entry(slot).needs();
    return tape.node(node).op != OpKind::Const;
}

template <class T>
[[noreturn]] void throw_matrix_anomaly(const Tape<T>& tape, const MatEntry<T>& e) {
    std::string s = "chainrule: anomaly: first non-finite value at node " + describe_node(e.node, {}) + " (op '" +
                    matrix_op_label(e.op, e.elem) + "', shape " + shape_text(e.shape) + "), input " +
                    tape.describe(e.in0);
    if (arity(e.op) == 2) s += ", input " + tape.describe(e.in1);
    throw AnomalyError(s);
}

/// The slot an operand is read from: its matrix entry, or kScalarSlot for a scalar — also
/// for the scalar result of a matrix op (sum, trace, det, a loss), whose value and adjoint
/// live with the scalars (A + trace(A) read an empty matrix before).
template <class T>
std::uint32_t operand_slot(const MatrixStore<T>& store, NodeIndex node) {
    const std::uint32_t slot = store.slot_of(node);
    if (slot != kScalarSlot && !is_matrix_valued(store.entry(slot).op)) return kScalarSlot;
    return slot;
}

/// Records the matrix op e.op (arguments in e: elem, param, offset, requested shape) reading
/// node in0 (and in1 for two-input ops); returns the new node. Throws ShapeError when the
/// shapes do not fit, AnomalyError in anomaly mode for a non-finite value; a throw records
/// nothing.
template <class T>
NodeIndex record_matrix(Tape<T>& tape, MatEntry<T> e, NodeIndex in0, NodeIndex in1 = 0) {
    MatrixStore<T>& store = tape.matrices();
    const bool two = arity(e.op) == 2;
    e.node = static_cast<NodeIndex>(tape.size());
    e.in0 = in0;
    e.in1 = two ? in1 : 0;
    e.slot0 = operand_slot(store, in0);
    e.slot1 = two ? operand_slot(store, in1) : kScalarSlot;
    e.shape = mat_shape(e, tape.shape(in0), two ? tape.shape(in1) : Shape{});
    e.needs0 = wants_gradient(tape, in0, e.slot0);
    e.needs1 = two && wants_gradient(tape, in1, e.slot1);
    const std::size_t k = store.push(e);
    try {
        const MatView<T> a = input_view(store, tape.values().data(), in0, e.slot0);
        const MatView<T> b = two ? input_view(store, tape.values().data(), in1, e.slot1) : a;
        const T scalar = mat_forward(MatForward<T>{store.entry(k), a, b, store.value(k)});
        if constexpr (NumericScalar<T>)
            if (tape.anomaly_detection() && is_matrix_valued(e.op) && !store.value(k).allFinite())
                throw_matrix_anomaly(tape, e);
        tape.record_raw(e.op, e.in0, e.in1, scalar);  // a scalar anomaly unwinds the entry too
    } catch (...) {
        if (store.size() == k + 1) store.pop_back();
        throw;
    }
    return e.node;
}

/// An entry for op `op` with its arguments (the rest is filled in by record_matrix).
template <class T>
MatEntry<T> mat_args(OpKind op, OpKind elem = OpKind::Input, const T& param = T(0)) {
    MatEntry<T> e;
    e.op = op;
    e.elem = elem;
    e.param = param;
    return e;
}

}  // namespace chainrule::detail
