#pragma once
/// \file reverse_sweep.hpp
/// Reverse-mode automatic differentiation over a Tape<T>: the reverse sweep visits the
/// nodes from the output back to the first, and adds to each input's adjoint the
/// vector–Jacobian product adj(y)·∂y/∂x of every node y that reads it. Because creation
/// order is topological, a node's adjoint is complete before it is propagated, and a node
/// used on several paths accumulates once per use.
///
/// Convention: a node whose adjoint is exactly zero is skipped, so an unused or
/// zero-weighted branch never contributes 0·∞ = NaN (docs/conventions.md).

#include "compiled_types.hpp"

#include "../graph/mat_dispatch.hpp"
#include "../graph/op_dispatch.hpp"
#include "../graph/tape.hpp"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

namespace chainrule {

namespace detail {

template <class T>
[[noreturn]] void throw_adjoint_anomaly(const Tape<T>& tape, NodeIndex input, NodeIndex from) {
    throw AnomalyError("chainrule: anomaly: first non-finite adjoint at " + tape.describe(input) +
                       ", propagated from " + tape.describe(from));
}

/// Anomaly check of the adjoint just accumulated into node `input`. A Const leaf is not
/// checked: it receives no gradient, so an infinite adjoint there (∂(a^b)/∂a for a
/// constant base a = 0 and b < 1) is no anomaly of any gradient.
template <class T>
void check_adjoint(const Tape<T>& tape, const T& adj, NodeIndex input, NodeIndex from) {
    if constexpr (NumericScalar<T>)
        if (!is_finite(adj) && tape.node(input).op != OpKind::Const) throw_adjoint_anomaly(tape, input, from);
}

}  // namespace detail

namespace detail {

/// Anomaly check of the adjoints just accumulated into the inputs of matrix entry e.
template <class T>
void check_matrix_adjoints(const Tape<T>& tape, const MatEntry<T>& e, const T* adj) {
    const MatrixStore<T>& store = *tape.matrix_store();
    for (int which = 0; which < arity(e.op); ++which) {
        const NodeIndex in = which == 0 ? e.in0 : e.in1;
        const std::uint32_t slot = which == 0 ? e.slot0 : e.slot1;
        if (slot == kScalarSlot)
            check_adjoint(tape, adj[in], in, e.node);
        else if (store.has_adjoint(slot) && !store.adjoint(slot).allFinite())
            throw_adjoint_anomaly(tape, in, e.node);
    }
}

/// The reverse-sweep step of matrix entry k: nothing when its adjoint is zero (a matrix
/// node no sweep reached, a scalar loss with adjoint 0) or when no input wants a gradient.
template <bool Anomaly, class T>
void matrix_step(Tape<T>& tape, std::size_t k, T* adj) {
    MatrixStore<T>& store = tape.matrices();
    const MatEntry<T>& e = store.entry(k);
    const bool reached = is_matrix_valued(e.op) ? store.has_adjoint(k) : !is_zero(adj[e.node]);
    if (!reached || !(e.needs0 || e.needs1)) return;
    MatBackward<T> step(store, k, adj, tape.values().data());
    mat_backward(step);
    if constexpr (Anomaly) check_matrix_adjoints(tape, e, adj);
}

// The sweep, compiled twice: with and without anomaly checks, so that the common case
// pays no test per node for a mode that is off; and twice more: with matrix nodes, each
// handed to matrix_step, or without (a scalar tape: the loop has no test for them).
template <bool Anomaly, bool Matrices, class T>
void reverse_sweep_impl(Tape<T>& tape, NodeIndex from) {
    std::vector<T>& adjoint = tape.adjoint_buffer();
    const NodeRecord* nodes = tape.nodes().data();
    const T* v = tape.values().data();
    const T* p = tape.params().data();
    T* adj = adjoint.data();
    [[maybe_unused]] std::size_t k = 0;  // matrix entries of nodes 0..i
    if constexpr (Matrices) k = tape.matrices().count_upto(from);
    for (NodeIndex i = from + 1; i-- > 0;) {
        if constexpr (Matrices) {
            if (is_matrix_op(nodes[i].op)) {
                matrix_step<Anomaly>(tape, --k, adj);
                continue;
            }
        }
        const T a = adj[i];
        if (is_zero(a)) continue;
        const NodeRecord& r = nodes[i];
        switch (r.op) {
            case OpKind::Input:
            case OpKind::Const: continue;
#define CHAINRULE_SWEEP_UNARY(name, ...) \
    case OpKind::name: adj[r.in0] += a * ops::name::partial(v[r.in0], v[i]); break;
#define CHAINRULE_SWEEP_PARAM(name, ...) \
    case OpKind::name: adj[r.in0] += a * ops::name::partial(v[r.in0], v[i], p[r.in1]); break;
#define CHAINRULE_SWEEP_BINARY(name, ...)                                        \
    case OpKind::name: {                                                          \
        const ops::Partials<T> d = ops::name::partials(v[r.in0], v[r.in1], v[i]); \
        adj[r.in0] += a * d.da;                                                   \
        adj[r.in1] += a * d.db;                                                   \
        if constexpr (Anomaly) check_adjoint(tape, adj[r.in1], r.in1, i);       \
        break;                                                                    \
    }
            CHAINRULE_UNARY_OPS(CHAINRULE_SWEEP_UNARY)
            CHAINRULE_PARAM_OPS(CHAINRULE_SWEEP_PARAM)
            CHAINRULE_BINARY_OPS(CHAINRULE_SWEEP_BINARY)
#undef CHAINRULE_SWEEP_UNARY
#undef CHAINRULE_SWEEP_PARAM
#undef CHAINRULE_SWEEP_BINARY
            default: break;
        }
        if constexpr (Anomaly) check_adjoint(tape, adj[r.in0], r.in0, i);
    }
}

}  // namespace detail

/// Runs the reverse sweep from node `from` down to node 0 over the adjoints already in
/// the tape's adjoint buffer (seed them first). Gradients accumulate.
template <class T>
void reverse_sweep(Tape<T>& tape, NodeIndex from) {
    if constexpr (NumericScalar<T>) {
        if (tape.has_matrices()) {
            if (tape.anomaly_detection())
                detail::reverse_sweep_impl<true, true>(tape, from);
            else
                detail::reverse_sweep_impl<false, true>(tape, from);
            return;
        }
    }
    if (tape.anomaly_detection())
        detail::reverse_sweep_impl<true, false>(tape, from);
    else
        detail::reverse_sweep_impl<false, false>(tape, from);
}

#if CHAINRULE_USE_COMPILED_INSTANCES  // compiled once, in reverse_sweep_instances.cpp
#define CHAINRULE_DETAIL_EXTERN_SWEEP(T) extern template void reverse_sweep<T>(Tape<T>&, NodeIndex);
CHAINRULE_SWEPT_SCALARS(CHAINRULE_DETAIL_EXTERN_SWEEP)
#undef CHAINRULE_DETAIL_EXTERN_SWEEP
#endif

namespace detail {

/// True when a matrix node of the tape has an adjoint from an earlier sweep.
template <class T>
bool has_matrix_adjoints(const Tape<T>& tape) {
    if constexpr (NumericScalar<T>)
        return tape.matrix_store() != nullptr && tape.matrix_store()->any_adjoint();
    else
        return false;
}

/// Adds `seed` to the adjoint of node `output` and runs the reverse sweep from it. The
/// adjoints of nodes 0..output must be zero before: the sweep propagates each node's
/// whole adjoint.
template <class T>
void seed_and_sweep(Tape<T>& tape, NodeIndex output, const T& seed) {
    std::vector<T>& adj = tape.adjoint_buffer();
    adj[output] += seed;
    if (tape.anomaly_detection()) check_adjoint(tape, adj[output], output, output);
    reverse_sweep(tape, output);
}

/// Clears the adjoints, sweeps from `output` with seed 1 and reads get(tape, node) for
/// each node of wrt (Var or Mat handles, checked to belong to output's tape).
template <class T, class Handle, class Get>
auto fresh_gradient(const Var<T>& output, const std::vector<Handle>& wrt, Get get) {
    Tape<T>& tape = output.tape();
    std::vector<NodeIndex> indices;
    indices.reserve(wrt.size());
    for (const Handle& x : wrt) indices.push_back(tape.check(x, OpKind::Input));
    tape.clear_adjoints();
    seed_and_sweep(tape, output.index(), T(1));
    std::vector<decltype(get(tape, NodeIndex{}))> g;
    g.reserve(wrt.size());
    for (NodeIndex i : indices) g.push_back(get(tape, i));
    return g;
}

}  // namespace detail

/// Seeds the output's adjoint with `seed` (default 1: ∂y/∂y) and runs the reverse sweep.
/// Adjoints accumulate across calls, as PyTorch's backward(); call
/// tape.clear_adjoints() in between for independent gradients. Afterwards
/// `x.adjoint()` is ∂(seed·y)/∂x for every node x recorded before y (plus what earlier
/// calls left there: each call adds its own gradient, to every node).
template <class T>
void backward(const Var<T>& output, const T& seed = T(1)) {
    Tape<T>& tape = output.tape();
    const NodeIndex out = output.index();
    const bool all_zero = tape.adjoints_all_zero();  // read before adjoint_buffer() clears it
    std::vector<T>& adj = tape.adjoint_buffer();
    const auto first = adj.begin(), last = adj.begin() + out + 1;
    // The scan is skipped when the tape knows its adjoints are zero (the common case: a
    // fresh recording, or after clear_adjoints()).
    if (all_zero ||
        (std::all_of(first, last, [](const T& a) { return is_zero(a); }) && !detail::has_matrix_adjoints(tape))) {
        detail::seed_and_sweep(tape, out, seed);
        return;
    }
    // Adjoints left by an earlier backward(): sweeping over them would propagate them a
    // second time (two calls gave about 4× the gradient, not 2×). Sweep the new seed
    // alone from zeros, then add the earlier adjoints back.
    std::vector<T> earlier(first, last);
    std::fill(first, last, T(0));
    if constexpr (NumericScalar<T>) {
        if (tape.has_matrices()) {
            const auto earlier_matrices = tape.matrices().take_adjoints();
            detail::seed_and_sweep(tape, out, seed);
            tape.matrices().add_adjoints(earlier_matrices);
            for (NodeIndex i = 0; i <= out; ++i) adj[i] += earlier[i];
            return;
        }
    }
    detail::seed_and_sweep(tape, out, seed);
    for (NodeIndex i = 0; i <= out; ++i) adj[i] += earlier[i];
}

/// The gradient (∂y/∂x₁, …, ∂y/∂xₙ) of the output y with respect to the given nodes,
/// computed by a fresh reverse sweep (adjoints are cleared first, so several outputs of
/// one recording can be differentiated one after another without re-recording).
/// Throws TapeMismatchError/StaleHandleError if a node belongs to another tape.
template <class T>
std::vector<T> grad(const Var<T>& output, const std::vector<Var<T>>& wrt) {
    return detail::fresh_gradient(output, wrt, [](const Tape<T>& tape, NodeIndex i) { return tape.adjoint(i); });
}

/// The gradient matrices ∂y/∂W₁, …, ∂y/∂Wₙ (each of its W's shape) of the scalar output y
/// with respect to matrix nodes, by a fresh reverse sweep as grad() above.
template <class T>
std::vector<Matrix<T>> grad(const Var<T>& output, const std::vector<Mat<T>>& wrt) {
    return detail::fresh_gradient(output, wrt,
                                  [](const Tape<T>& tape, NodeIndex i) { return tape.adjoint_matrix(i); });
}

/// grad() for a braced list of matrix nodes: grad(J, {W1, W2}).
template <class T>
std::vector<Matrix<T>> grad(const Var<T>& output, std::initializer_list<Mat<T>> wrt) {
    return grad(output, std::vector<Mat<T>>(wrt));
}

/// ∂y/∂W for one matrix node W (of W's shape).
template <class T>
Matrix<T> grad(const Var<T>& output, const Mat<T>& wrt) {
    return std::move(grad(output, std::vector<Mat<T>>{wrt}).front());
}

/// grad() for a braced list of nodes: grad(E, {w5, w1}).
template <class T>
std::vector<T> grad(const Var<T>& output, std::initializer_list<Var<T>> wrt) {
    return grad(output, std::vector<Var<T>>(wrt));
}

}  // namespace chainrule
