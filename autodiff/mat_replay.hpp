#pragma once
/// \file mat_replay.hpp
/// Replay of matrix nodes (used by replay.hpp): each matrix entry of a Tape<T> evaluated
/// again in U by the same forward rule (graph/mat_dispatch.hpp), its parameter and
/// constant matrices converted with scalar_cast<U>. Matrix variables (MatInput leaves)
/// take the given matrices, in creation order. Matrix nodes replay in numeric types only
/// (float … cpp_bin_float_50), not in symbolic::Expr.

#include "../graph/mat_dispatch.hpp"
#include "../graph/tape.hpp"

#include <span>
#include <string>
#include <vector>

namespace chainrule {

/// The MatInput nodes of `tape` (matrix variables), in creation order: the order in which
/// replay takes their values.
template <class T>
std::vector<NodeIndex> matrix_inputs(const Tape<T>& tape) {
    std::vector<NodeIndex> out;
    if (const auto* store = tape.matrix_store())
        for (std::size_t k = 0; k < store->size(); ++k)
            if (store->entry(k).op == OpKind::MatInput) out.push_back(store->entry(k).node);
    return out;
}

/// The recorded values of the matrix variables of `tape`, converted to U.
template <class U, class T>
std::vector<Matrix<U>> recorded_matrix_inputs(const Tape<T>& tape) {
    std::vector<Matrix<U>> out;
    for (NodeIndex i : matrix_inputs(tape))
        out.push_back(tape.matrix_value(i).unaryExpr([](const T& x) { return scalar_cast<U>(x); }));
    return out;
}

namespace detail {

/// The matrices of a replay in U: one per matrix entry, and the matrix-variable values.
template <class U>
struct MatrixReplay {
    std::span<const Matrix<U>> inputs;
    std::size_t next_input = 0;
    std::vector<Matrix<U>> values{};
    const Matrix<U>& value(std::size_t k) const { return values[k]; }
};

/// Evaluates matrix entry k of `tape` in U (its value goes to m.values[k]); returns the
/// node's scalar value (0 for a matrix-valued node).
template <class U, class T>
U replay_matrix_entry(const Tape<T>& tape, std::size_t k, const std::vector<U>& scalars, MatrixReplay<U>& m) {
    const MatEntry<T>& e = tape.matrix_store()->entry(k);
    Matrix<U>& out = m.values[k];
    if (e.op == OpKind::MatInput) {
        if (m.next_input >= m.inputs.size())
            throw Error("chainrule: replay needs a value for matrix variable #" + std::to_string(e.node));
        out = m.inputs[m.next_input++];
        if (!(shape_of(out) == e.shape))
            throw ShapeError("chainrule: replay: matrix variable #" + std::to_string(e.node) + " was recorded as " +
                             shape_text(e.shape) + ", got " + shape_text(shape_of(out)));
        return U(0);
    }
    if (e.op == OpKind::MatConst) {
        out = tape.matrix_store()->value(k).unaryExpr([](const T& x) { return scalar_cast<U>(x); });
        return U(0);
    }
    const MatEntry<U> eu = convert_entry<U>(e, [](const T& x) { return scalar_cast<U>(x); });
    const MatView<U> a = input_view(m, scalars.data(), eu.in0, eu.slot0);
    const MatView<U> b = arity(e.op) == 2 ? input_view(m, scalars.data(), eu.in1, eu.slot1) : a;
    return mat_forward(MatForward<U>{eu, a, b, out});
}

/// Checks that every matrix variable got its value.
template <class U>
void check_all_matrix_inputs_used(const MatrixReplay<U>& m) {
    if (m.next_input != m.inputs.size())
        throw Error("chainrule: replay needs " + std::to_string(m.next_input) + " matrix input values, got " +
                    std::to_string(m.inputs.size()));
}

}  // namespace detail
}  // namespace chainrule
