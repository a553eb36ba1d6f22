#pragma once
/// \file second_order.hpp
/// Second derivatives of a recorded tape by **forward-over-reverse**: the Hessian–vector
/// product \f$H v = \nabla(\nabla f \cdot v)\f$ of a scalar output f is one forward pass in
/// dual numbers (autodiff/dual.hpp: every node's value and its derivative along v) followed
/// by the reverse sweep in dual numbers (each local partial evaluated in Dual<U>, whose
/// tangent is the partial's derivative along v). The adjoints' values are the gradient,
/// their tangents H v (Griewank & Walther, *Evaluating Derivatives*, 2nd ed., §5.4; the
/// method of PyTorch's `hvp` with forward AD and of JAX's `jax.hessian` = jacfwd(jacrev)).
///
/// **Why this method.** It needs no second set of derivative rules: the op rules' local
/// partials (ops/rules_*.hpp), with their conventions, are evaluated in Dual<U>. The
/// alternative, reverse-over-reverse, would record the reverse sweep on a second tape and
/// so needs every partial as an op of the tape. Cost (bench/bench_second_order.cpp, the
/// README's figures): one HVP ≈ 10 reverse sweeps of the recorded tape — it recomputes the
/// values and first-order partials (its forward pass) and evaluates every partial in dual
/// numbers (sin′ = cos costs a cos and a sin); the n × n Hessian is n HVPs, one per unit
/// vector. Symmetric by construction only up to rounding.
///
/// **Conventions at second order** (docs/conventions.md): those of the first-order rules,
/// differentiated — relu″ = 0, |x|″ = 0, step′ = sign′ = 0 everywhere (also at 0);
/// pow(x, 2)″ = 2 also at x = 0 (the rule is b·a^(b−1), never exp(b ln a)); max/min at a tie
/// take ½ of each side at first order and 0 at second; √x at 0 has √″ = −∞ (an infinite
/// entry, not a number). Nodes whose dual adjoint is exactly 0 are skipped, as in the
/// first-order sweep.
///
/// **Matrix tapes**: through the scalar expansion (scalar_expansion.hpp) — one scalar
/// input per matrix entry — so for models up to its size bound (about 2·10⁶ scalar nodes).

#include "compiled_types.hpp"
#include "dual.hpp"
#include "replay.hpp"
#include "scalar_expansion.hpp"

#include "../graph/matrix.hpp"
#include "../graph/op_dispatch.hpp"
#include "../graph/tape.hpp"

#include <algorithm>
#include <initializer_list>
#include <span>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace chainrule {

/// The dual adjoints of one forward-over-reverse sweep: `gradient[k]` = ∂f/∂x_k and
/// `hv[k]` = (H v)_k for every Input node x_k of the tape (creation order), and the
/// tangent of every node 0..output: its derivative along v (∂N/∂x_k for v = e_k).
template <class U>
struct SecondOrderSweep {
    std::vector<U> gradient;
    std::vector<U> hv;
    std::vector<U> tangent;
};

namespace detail {

/// Values and tangents of nodes 0..output in Dual<U>: inputs at `x` moving along `v` (one
/// per Input node). A node's tangent is its first-order partials (the tape's rules, with
/// their conventions) times its inputs' tangents. Throws Error for a matrix node.
template <class U, class T>
std::vector<Dual<U>> tangent_pass(const Tape<T>& tape, NodeIndex output, std::span<const U> x, std::span<const U> v) {
    std::vector<Dual<U>> val;
    val.reserve(output + 1);
    std::size_t k = 0;
    for (NodeIndex i = 0; i <= output; ++i) {
        const NodeRecord& r = tape.node(i);
        if (is_matrix_op(r.op)) throw Error("chainrule: second derivatives of a matrix node: use the scalar expansion");
        if (r.op == OpKind::Input) {
            val.emplace_back(x[k], v[k]);
            ++k;
            continue;
        }
        if (r.op == OpKind::Const) {
            val.emplace_back(tape.template constant_in<U>(i));
            continue;
        }
        const Dual<U>& a = val[r.in0];
        const U b = arity(r.op) == 2 ? val[r.in1].v : U(0);
        const U p = has_param(r.op) ? scalar_cast<U>(tape.param(i)) : U(0);
        const U y = op_value<U>(r.op, a.v, b, p);
        const ops::Partials<U> d = op_partials<U>(r.op, a.v, b, y, p);
        U dy = Dual<U>::scaled(a.d, d.da);
        if (arity(r.op) == 2) dy += Dual<U>::scaled(val[r.in1].d, d.db);
        val.emplace_back(y, dy);
    }
    return val;
}

/// An adjoint times a local partial, with the first-order sweep's convention: an adjoint
/// whose value is exactly 0 contributes value 0 and no a·∂̇ term, even through an infinite
/// or NaN partial (so the gradient part equals grad()'s, which skips such a node); its
/// tangent ȧ still moves the product (ȧ·∂).
template <class U>
Dual<U> adjoint_times(const Dual<U>& a, const Dual<U>& d) {
    if (a.v == 0) return {U(0), Dual<U>::scaled(a.d, d.v)};
    return a * d;
}

/// The reverse sweep in Dual<U> from `output` (seed 1) over the values of tangent_pass.
template <class U, class T>
std::vector<Dual<U>> dual_reverse_sweep(const Tape<T>& tape, NodeIndex output, const std::vector<Dual<U>>& val) {
    std::vector<Dual<U>> adj(output + 1);
    adj[output] = Dual<U>(U(1));
    const Dual<U> zero;
    for (NodeIndex i = output + 1; i-- > 0;) {
        const Dual<U> a = adj[i];
        const NodeRecord& r = tape.node(i);
        if (is_zero(a) || r.op == OpKind::Input || r.op == OpKind::Const) continue;
        const bool binary = arity(r.op) == 2;
        const Dual<U> p = has_param(r.op) ? Dual<U>(scalar_cast<U>(tape.param(i))) : zero;
        const ops::Partials<Dual<U>> d = op_partials<Dual<U>>(r.op, val[r.in0], binary ? val[r.in1] : zero, val[i], p);
        adj[r.in0] += adjoint_times(a, d.da);
        if (binary) adj[r.in1] += adjoint_times(a, d.db);
    }
    return adj;
}

}  // namespace detail

/// One forward-over-reverse sweep of the scalar output node `output` of a tape without
/// matrix nodes, in U: the gradient and H v with respect to every Input node, at input
/// values `x` (one per Input node, creation order) along `v` (likewise). Throws Error for
/// sizes that differ from the tape's inputs or a matrix node before `output`.
template <class U, class T>
SecondOrderSweep<U> second_order_sweep(const Tape<T>& tape, NodeIndex output, std::span<const U> x,
                                       std::span<const U> v) {
    const std::size_t n = tape.inputs().size();
    if (x.size() != n || v.size() != n)
        throw Error("chainrule: second_order_sweep needs " + std::to_string(n) + " input values and directions, got " +
                    std::to_string(x.size()) + " and " + std::to_string(v.size()));
    const std::vector<Dual<U>> val = detail::tangent_pass(tape, output, x, v);
    const std::vector<Dual<U>> adj = detail::dual_reverse_sweep(tape, output, val);
    SecondOrderSweep<U> s;
    s.tangent.reserve(val.size());
    for (const Dual<U>& d : val) s.tangent.push_back(d.d);
    s.gradient.reserve(n);
    s.hv.reserve(n);
    for (NodeIndex i : tape.inputs()) {
        const Dual<U> a = i <= output ? adj[i] : Dual<U>();
        s.gradient.push_back(a.v);
        s.hv.push_back(a.d);
    }
    return s;
}

namespace detail {

/// Position of Input node `node` among the Input nodes of `tape`.
template <class T>
std::size_t input_position(const Tape<T>& tape, NodeIndex node) {
    const auto& in = tape.inputs();
    return static_cast<std::size_t>(std::find(in.begin(), in.end(), node) - in.begin());
}

/// The tape that second derivatives run on (y's own tape, or for a tape with matrix nodes
/// its scalar expansion), its output, and the positions of the wrt inputs among its Input
/// nodes (checked to be Input nodes of y's tape).
template <class T>
struct SecondOrderTarget {
    ScalarExpansion<T> expansion;  // empty for a scalar tape
    const Tape<T>* tape = nullptr;
    NodeIndex output = 0;
    std::vector<std::size_t> positions;

    SecondOrderTarget(const SecondOrderTarget&) = delete;  // `tape` may point into `expansion`
    SecondOrderTarget& operator=(const SecondOrderTarget&) = delete;
    SecondOrderTarget(const Var<T>& y, const std::vector<Var<T>>& wrt) {
        const Tape<T>& original = y.tape();
        std::vector<NodeIndex> nodes;
        for (const Var<T>& w : wrt) {
            const NodeIndex i = original.check(w, OpKind::Input);
            if (original.node(i).op != OpKind::Input)
                throw Error("chainrule: second derivatives with respect to " + original.describe(i) +
                            ", which is not an input (a variable of the tape)");
            nodes.push_back(i);
        }
        if (original.has_matrices()) {
            expansion = expand_to_scalars(original, y.index());
            tape = &expansion.tape;
            output = expansion.output;
            for (NodeIndex i : nodes) positions.push_back(input_position(*tape, expansion.leaf(i)->entries.front()));
        } else {
            tape = &original;
            output = y.index();
            for (NodeIndex i : nodes) positions.push_back(input_position(original, i));
        }
    }
};

template <class U, class T>
using ValueType = std::conditional_t<std::is_void_v<U>, T, U>;

}  // namespace detail

/// The Hessian \f$H_{ij} = \partial^2 y/\partial x_i \partial x_j\f$ of the scalar output y
/// with respect to the input nodes `wrt` (n × n, in their order), at the recorded input
/// values, the other inputs held fixed; computed in U (default: the tape's T; e.g.
/// `hessian<cpp_bin_float_50>(y, {x, z})` for 50 digits) by n forward-over-reverse sweeps.
/// Conventions at kinks and infinite entries: see the file comment. Tapes with matrix
/// nodes: through their scalar expansion. Throws TapeMismatchError/StaleHandleError for a
/// node of another tape, Error for a node that is not an input or an expansion too large.
template <class U = void, class T>
Matrix<detail::ValueType<U, T>> hessian(const Var<T>& y, const std::vector<Var<T>>& wrt) {
    using R = detail::ValueType<U, T>;
    const detail::SecondOrderTarget<T> t(y, wrt);
    const std::size_t n = wrt.size();
    Matrix<R> h(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    const std::vector<R> x = recorded_inputs<R>(*t.tape);
    std::vector<R> v(x.size(), R(0));
    for (std::size_t j = 0; j < n; ++j) {
        v[t.positions[j]] = R(1);
        const SecondOrderSweep<R> s = second_order_sweep<R>(*t.tape, t.output, std::span<const R>(x), std::span<const R>(v));
        for (std::size_t i = 0; i < n; ++i)
            h(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = s.hv[t.positions[i]];
        v[t.positions[j]] = R(0);
    }
    return h;
}

/// hessian() for a braced list of inputs: hessian(E, {w1, w5}).
template <class U = void, class T>
Matrix<detail::ValueType<U, T>> hessian(const Var<T>& y, std::initializer_list<Var<T>> wrt) {
    return hessian<U>(y, std::vector<Var<T>>(wrt));
}

/// The Hessian–vector product H v of the scalar output y with respect to the input nodes
/// `wrt` (one entry of v per node), at the recorded input values, in U (default T); one
/// forward-over-reverse sweep. Throws Error when v and wrt differ in size, and as hessian().
template <class U = void, class T>
std::vector<detail::ValueType<U, T>> hvp(const Var<T>& y, const std::vector<Var<T>>& wrt,
                                         const std::vector<detail::ValueType<U, T>>& v) {
    using R = detail::ValueType<U, T>;
    if (v.size() != wrt.size())
        throw Error("chainrule: hvp: " + std::to_string(wrt.size()) + " inputs but a vector of " +
                    std::to_string(v.size()) + " entries");
    const detail::SecondOrderTarget<T> t(y, wrt);
    const std::vector<R> x = recorded_inputs<R>(*t.tape);
    std::vector<R> dir(x.size(), R(0));
    for (std::size_t j = 0; j < t.positions.size(); ++j) dir[t.positions[j]] += v[j];
    const SecondOrderSweep<R> s = second_order_sweep<R>(*t.tape, t.output, std::span<const R>(x), std::span<const R>(dir));
    std::vector<R> result;
    for (std::size_t p : t.positions) result.push_back(s.hv[p]);
    return result;
}

/// The Hessian–vector product for matrix parameters: with f = y(W₁, …, W_k) and directions
/// V₁, …, V_k (each of its W's shape), the matrices \f$\sum_j \partial^2 f/\partial W_i
/// \partial W_j [V_j]\f$ (each of W_i's shape), in U (default T). Computed on the tape's
/// scalar expansion (one scalar input per entry); throws Error past its size bound, for a
/// direction of another shape, or for a node that is not a matrix variable.
template <class U = void, class T>
std::vector<Matrix<detail::ValueType<U, T>>> hvp(const Var<T>& y, const std::vector<Mat<T>>& wrt,
                                                 const std::vector<Matrix<detail::ValueType<U, T>>>& v) {
    using R = detail::ValueType<U, T>;
    if (v.size() != wrt.size())
        throw Error("chainrule: hvp: " + std::to_string(wrt.size()) + " matrices but " + std::to_string(v.size()) +
                    " directions");
    const Tape<T>& tape = y.tape();
    const ScalarExpansion<T> e = expand_to_scalars(tape, y.index());
    const std::vector<R> x = recorded_inputs<R>(e.tape);
    std::vector<R> dir(x.size(), R(0));
    std::vector<const ExpandedLeaf*> leaves;
    for (std::size_t j = 0; j < wrt.size(); ++j) {
        const NodeIndex node = tape.check(wrt[j], OpKind::MatInput);
        if (tape.node(node).op != OpKind::MatInput)
            throw Error("chainrule: hvp with respect to " + tape.describe(node) +
                        ", which is not a matrix variable of the tape");
        const ExpandedLeaf* l = e.leaf(node);
        if (l == nullptr || v[j].rows() != l->shape.rows || v[j].cols() != l->shape.cols)
            throw ShapeError("chainrule: hvp: direction " + std::to_string(j + 1) + " is " +
                             std::to_string(v[j].rows()) + "×" + std::to_string(v[j].cols()) + ", its matrix " +
                             std::to_string(l == nullptr ? 0 : l->shape.rows) + "×" +
                             std::to_string(l == nullptr ? 0 : l->shape.cols));
        leaves.push_back(l);
    }
    std::unordered_map<NodeIndex, std::size_t> positions;  // one pass, not a search per entry
    for (std::size_t k = 0; k < e.tape.inputs().size(); ++k) positions.emplace(e.tape.inputs()[k], k);
    auto position = [&](NodeIndex entry) { return positions.at(entry); };
    for (std::size_t j = 0; j < leaves.size(); ++j)
        for (std::size_t k = 0; k < leaves[j]->entries.size(); ++k) {
            const Eigen::Index cols = leaves[j]->shape.cols;
            dir[position(leaves[j]->entries[k])] += v[j](static_cast<Eigen::Index>(k) / cols, static_cast<Eigen::Index>(k) % cols);
        }
    const SecondOrderSweep<R> s = second_order_sweep<R>(e.tape, e.output, std::span<const R>(x), std::span<const R>(dir));
    std::vector<Matrix<R>> out;
    for (const ExpandedLeaf* l : leaves) {
        Matrix<R> m(l->shape.rows, l->shape.cols);
        for (std::size_t k = 0; k < l->entries.size(); ++k)
            m(static_cast<Eigen::Index>(k) / l->shape.cols, static_cast<Eigen::Index>(k) % l->shape.cols) = s.hv[position(l->entries[k])];
        out.push_back(std::move(m));
    }
    return out;
}

#if CHAINRULE_USE_COMPILED_INSTANCES  // compiled once, in second_order_instances.cpp
#define CHAINRULE_DETAIL_EXTERN_SECOND_ORDER(U, T)                                                           \
    extern template SecondOrderSweep<U> second_order_sweep<U, T>(const Tape<T>&, NodeIndex, std::span<const U>, \
                                                                 std::span<const U>);
CHAINRULE_SECOND_ORDER_SCALARS(CHAINRULE_DETAIL_EXTERN_SECOND_ORDER)
#undef CHAINRULE_DETAIL_EXTERN_SECOND_ORDER
#endif

}  // namespace chainrule
