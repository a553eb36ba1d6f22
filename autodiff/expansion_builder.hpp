#pragma once
/// \file expansion_builder.hpp
/// Recording the scalar expansion of a matrix tape (scalar_expansion.hpp): a scalar node of
/// a given OpKind is appended with its value computed by the op's own rule (op_value, as
/// replay.hpp does), and with the matrix node and entry it belongs to, for messages.
///
/// Matrices of the expansion are matrices of node indices (`Ids`). Two shared constant
/// nodes stand for the *structural* 0 and 1 that matrix algorithms introduce (the identity
/// of Gauss–Jordan, the off-diagonal zeros of diag(v), eliminated entries): add, sub, mul
/// and div fold them (0 + x = x, 0·x = 0, x/1 = x, …), so the expansion has no node for an
/// update that does nothing. Only these two nodes fold: a constant of the tape that happens
/// to be 0 stays an operand (0·∞ is NaN there, as in the matrix rule).

#include "../graph/op_dispatch.hpp"
#include "../graph/tape.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace chainrule {

/// Where a node of a scalar expansion comes from: the node of the original tape whose value
/// it computes (or helps compute), and the entry of that node (row and column from 0), or
/// row = col = −1 for a node shared by several entries (an elimination step of det, the
/// log-sum-exp of a softmax row).
struct ExpansionOrigin {
    NodeIndex node = 0;
    std::int32_t row = -1, col = -1;
};

namespace detail::expansion {

/// A matrix of node indices (column-major, as the tape's values).
using Ids = Eigen::Matrix<NodeIndex, Eigen::Dynamic, Eigen::Dynamic>;

/// No node: the structural constants before they are first needed.
inline constexpr NodeIndex kNoNode = std::numeric_limits<NodeIndex>::max();

/// Appends scalar nodes to the expansion's tape (see the file comment).
template <class T>
class Builder {
public:
    Builder(Tape<T>& tape, std::vector<ExpansionOrigin>& origins, std::size_t max_nodes)
        : tape_(tape), origins_(origins), max_nodes_(max_nodes) {}

    /// The origin of the nodes appended from now on.
    void at(NodeIndex node, Eigen::Index row = -1, Eigen::Index col = -1) {
        origin_ = {node, static_cast<std::int32_t>(row), static_cast<std::int32_t>(col)};
    }

    /// The value of expanded node k (at the recorded point).
    T value(NodeIndex k) const { return tape_.values()[k]; }

    NodeIndex unary(OpKind op, NodeIndex a) { return push(op, a, 0, T(0)); }
    NodeIndex param(OpKind op, NodeIndex a, const T& p) { return push(op, a, 0, p); }
    NodeIndex binary(OpKind op, NodeIndex a, NodeIndex b) { return push(op, a, b, T(0)); }

    NodeIndex input(const T& value, std::string_view name = {}) {
        guard();
        const NodeIndex k = name.empty() ? tape_.record_raw(OpKind::Input, 0, 0, value).index()
                                         : tape_.variable(value, name).index();
        origins_.push_back(origin_);
        return k;
    }
    NodeIndex constant(const T& value) {
        guard();
        origins_.push_back(origin_);
        return tape_.constant(value).index();
    }
    NodeIndex math_constant(MathConstant c) {
        guard();
        origins_.push_back(origin_);
        return tape_.math_constant(c).index();
    }

    /// The structural 0 and 1 (one shared Const node each).
    NodeIndex zero() { return shared(zero_, T(0)); }
    NodeIndex one() { return shared(one_, T(1)); }
    bool structural_zero(NodeIndex k) const noexcept { return k == zero_; }

    NodeIndex add(NodeIndex a, NodeIndex b) {
        if (a == zero_) return b;
        if (b == zero_) return a;
        return binary(OpKind::Add, a, b);
    }
    NodeIndex sub(NodeIndex a, NodeIndex b) {
        if (b == zero_) return a;
        if (a == zero_) return unary(OpKind::Neg, b);
        return binary(OpKind::Sub, a, b);
    }
    NodeIndex mul(NodeIndex a, NodeIndex b) {
        if (a == zero_ || b == zero_) return zero();
        if (a == one_) return b;
        if (b == one_) return a;
        return binary(OpKind::Mul, a, b);
    }
    NodeIndex div(NodeIndex a, NodeIndex b) {
        if (a == zero_) return zero();
        if (b == one_) return a;
        return binary(OpKind::Div, a, b);
    }
    NodeIndex neg(NodeIndex a) { return a == zero_ ? a : unary(OpKind::Neg, a); }

    /// (((t₀ op t₁) op t₂) … ): a left-to-right chain, the order of a plain loop (`op` Add:
    /// a sum, folding the structural 0; Mul, LogAddExp, Hypot: as recorded). One term: the
    /// term itself; none: the structural 0 (only sums are ever empty).
    NodeIndex chain(OpKind op, const std::vector<NodeIndex>& terms) {
        if (terms.empty()) return zero();
        NodeIndex acc = terms.front();
        for (std::size_t k = 1; k < terms.size(); ++k)
            acc = op == OpKind::Add ? add(acc, terms[k]) : op == OpKind::Mul ? mul(acc, terms[k]) : binary(op, acc, terms[k]);
        return acc;
    }
    NodeIndex sum(const std::vector<NodeIndex>& terms) { return chain(OpKind::Add, terms); }

private:
    void guard() const {
        if (tape_.size() >= max_nodes_)
            throw Error("chainrule: the scalar expansion of the tape is too large for gradcheck: more than " +
                        std::to_string(max_nodes_) + " scalar nodes; check a smaller batch");
    }

    NodeIndex push(OpKind op, NodeIndex a, NodeIndex b, const T& p) {
        guard();
        const bool param = has_param(op), two = arity(op) == 2 && !param;
        const T va = tape_.values()[a], vb = two ? T(tape_.values()[b]) : T(0);
        const T y = op_value<T>(op, va, vb, p);
        const NodeIndex in1 = param ? tape_.add_param(p) : two ? b : 0;
        const NodeIndex k = tape_.record_raw(op, a, in1, y).index();
        origins_.push_back(origin_);
        return k;
    }

    NodeIndex shared(NodeIndex& slot, const T& value) {
        if (slot == kNoNode) slot = constant(value);
        return slot;
    }

    Tape<T>& tape_;
    std::vector<ExpansionOrigin>& origins_;
    std::size_t max_nodes_;
    ExpansionOrigin origin_{};
    NodeIndex zero_ = kNoNode, one_ = kNoNode;
};

}  // namespace detail::expansion
}  // namespace chainrule
