#pragma once
/// \file replay.hpp
/// Replay: re-evaluate a recorded tape in another scalar type U (or in the same type at
/// another point). The op sequence is recorded once; replaying it with
/// U = boost::multiprecision::cpp_bin_float_50 gives 50-digit values (reference finite
/// differences, exact worksheets), with U = symbolic::Expr the formula of every node.
/// Constants and op parameters are converted with scalar_cast<U> (exact for
/// double → cpp_bin_float_50). Matrix nodes replay too (mat_replay.hpp), in numeric U.

#include "../graph/op_dispatch.hpp"
#include "compiled_types.hpp"
#include "mat_replay.hpp"
#include "../graph/tape.hpp"

#include <span>
#include <string>
#include <vector>

namespace chainrule {

namespace detail {

/// Scalar values of every node of `tape` in U (0 for a matrix-valued node); the matrix
/// entries' values go to m.values. Throws Error if the number of inputs differs.
template <class U, class T>
std::vector<U> replay_all(const Tape<T>& tape, std::span<const U> inputs, MatrixReplay<U>& m) {
    if (inputs.size() != tape.inputs().size())
        throw Error("chainrule: replay needs " + std::to_string(tape.inputs().size()) + " input values, got " +
                    std::to_string(inputs.size()));
    std::vector<U> v;
    v.reserve(tape.size());
    if constexpr (NumericScalar<U>) m.values.resize(tape.matrix_store() != nullptr ? tape.matrix_store()->size() : 0);
    std::size_t next_input = 0, next_entry = 0;
    const U zero(0);
    for (NodeIndex i = 0; i < tape.size(); ++i) {
        const NodeRecord& r = tape.node(i);
        if (is_matrix_op(r.op)) {
            if constexpr (NumericScalar<U> && NumericScalar<T>)
                v.push_back(replay_matrix_entry(tape, next_entry++, v, m));
            else
                throw Error("chainrule: matrix nodes replay in numeric scalar types only");
        } else if (r.op == OpKind::Input)
            v.push_back(inputs[next_input++]);
        else if (r.op == OpKind::Const)
            v.push_back(tape.template constant_in<U>(i));  // π and e evaluated in U
        else if (has_param(r.op))
            v.push_back(op_value<U>(r.op, v[r.in0], zero, scalar_cast<U>(tape.param(i))));
        else
            v.push_back(op_value<U>(r.op, v[r.in0], arity(r.op) == 2 ? v[r.in1] : zero, zero));
    }
    check_all_matrix_inputs_used(m);
    return v;
}

}  // namespace detail

/// Values of every node of `tape` evaluated in U with the given input values (one per
/// Input node, in creation order; matrix variables keep their recorded values). A
/// matrix-valued node's entry is 0. Throws Error if the number of inputs differs.
template <class U, class T>
std::vector<U> replay_values(const Tape<T>& tape, std::span<const U> inputs) {
    std::vector<Matrix<U>> matrices;
    if constexpr (NumericScalar<U> && NumericScalar<T>) matrices = recorded_matrix_inputs<U>(tape);
    detail::MatrixReplay<U> m{matrices};
    return detail::replay_all(tape, inputs, m);
}

/// replay_values() with new values for the matrix variables too (one per MatInput node,
/// in creation order: matrix_inputs(tape)). Throws ShapeError for a matrix of another
/// shape than recorded.
template <class U, class T>
std::vector<U> replay_values(const Tape<T>& tape, std::span<const U> inputs, std::span<const Matrix<U>> matrix_inputs) {
    detail::MatrixReplay<U> m{matrix_inputs};
    return detail::replay_all(tape, inputs, m);
}

/// The recorded input values of `tape`, converted to U.
template <class U, class T>
std::vector<U> recorded_inputs(const Tape<T>& tape) {
    std::vector<U> x;
    x.reserve(tape.inputs().size());
    for (NodeIndex i : tape.inputs()) x.push_back(scalar_cast<U>(tape.value(i)));
    return x;
}

/// A new Tape<U> with the same nodes, names and parameters as `tape`, evaluated in U at
/// `inputs`. Node indices are unchanged, so `result.var(y.index())` is the replayed y
/// and backward() on it runs the reverse sweep in U.
template <class U, class T>
Tape<U> replay(const Tape<T>& tape, std::span<const U> inputs) {
    std::vector<Matrix<U>> matrices;
    if constexpr (NumericScalar<U> && NumericScalar<T>) matrices = recorded_matrix_inputs<U>(tape);
    detail::MatrixReplay<U> m{matrices};
    std::vector<U> v = detail::replay_all(tape, inputs, m);
    Tape<U> out;
    out.reserve(tape.size());
    std::size_t next_entry = 0;
    for (NodeIndex i = 0; i < tape.size(); ++i) {
        const NodeRecord& r = tape.node(i);
        NodeIndex in1 = r.in1;
        if (has_param(r.op)) in1 = out.add_param(scalar_cast<U>(tape.param(i)));
        if constexpr (NumericScalar<U> && NumericScalar<T>)
            if (is_matrix_op(r.op)) {
                const auto& e = tape.matrix_store()->entry(next_entry);
                const std::size_t k = out.matrices().push(detail::convert_entry<U>(e, [](const T& x) { return scalar_cast<U>(x); }));
                out.matrices().value(k) = std::move(m.values[next_entry++]);
            }
        out.record_raw(r.op, r.in0, in1, v[i]);
        if (std::string_view name = tape.name(i); !name.empty()) out.set_name(i, name);
    }
    out.set_anomaly_detection(tape.anomaly_detection());
    return out;
}

/// replay() at the recorded input values.
template <class U, class T>
Tape<U> replay(const Tape<T>& tape) {
    const std::vector<U> x = recorded_inputs<U>(tape);
    return replay<U>(tape, std::span<const U>(x));
}

#if CHAINRULE_USE_COMPILED_INSTANCES  // compiled once, in replay_instances.cpp
#define CHAINRULE_DETAIL_EXTERN_REPLAY(U, T)                                                                   \
    extern template std::vector<U> detail::replay_all<U, T>(const Tape<T>&, std::span<const U>,               \
                                                            detail::MatrixReplay<U>&);                        \
    extern template Tape<U> replay<U, T>(const Tape<T>&, std::span<const U>);
CHAINRULE_REPLAYED_SCALARS(CHAINRULE_DETAIL_EXTERN_REPLAY)
#undef CHAINRULE_DETAIL_EXTERN_REPLAY
#endif

}  // namespace chainrule
