#pragma once
/// \file singular_ops.hpp
/// Where a recording stops being differentiable in the ordinary sense: the first op node
/// (in creation order, so nearest the inputs) whose value or one of whose local partials is
/// not finite — sqrt′ at 0 (+∞), log at 0 (−∞), asin′ at 1, 0/0 (NaN). Printed results
/// name it ("∂f/∂x = inf: sqrt′ at 0") instead of showing a bare infinity or NaN.

#include "../graph/op_dispatch.hpp"
#include "../graph/scalar_traits.hpp"
#include "../graph/tape.hpp"

#include <optional>
#include <string>
#include <vector>

namespace chainrule {

struct SingularOp {
    NodeIndex node = 0;
    OpKind op = OpKind::Input;
    bool value_not_finite = false;  ///< the op's value itself (log at 0), else a local partial
    std::string description;        ///< "sqrt' at 0", "log at 0", "division by 0" (ASCII)
};

namespace detail {

template <class T>
std::string op_text(OpKind op, const T& param) {
    switch (op) {
        case OpKind::PowConst: return "x^" + to_decimal_string(param, 6);
        case OpKind::ExpBase: return to_decimal_string(param, 6) + "^x";
        case OpKind::LogBase: return "log_" + to_decimal_string(param, 6);
        case OpKind::ConstDiv: return to_decimal_string(param, 6) + "/x";
        case OpKind::Div: return "division";
        default: return std::string(op_name(op));
    }
}

template <class T>
std::string singular_description(const Tape<T>& tape, NodeIndex i, bool value) {
    const NodeRecord& r = tape.node(i);
    const T param = has_param(r.op) ? tape.param(i) : T(0);
    const std::string at = to_decimal_string(tape.value(r.in0), 10) +
                           (arity(r.op) == 2 ? ", " + to_decimal_string(tape.value(r.in1), 10) : "");
    if (r.op == OpKind::Div || r.op == OpKind::ConstDiv) {
        if (is_zero(tape.value(arity(r.op) == 2 ? r.in1 : r.in0))) return "division by 0";
    }
    return op_text(r.op, param) + (value ? "" : "'") + " at " + at;
}

/// Whether an op with arguments a (and b) sits exactly at its non-differentiable point
/// (docs/conventions.md): a unary op whose Facts::singular is a kink or jump at 0, max or min at a tie, hypot
/// or atan2 at the origin. grad's note and gradcheck's singular points both ask this.
template <class U>
bool at_kink(OpKind op, const U& a, const U& b) {
    switch (op) {
        case OpKind::Max: case OpKind::Min: return a == b;
        case OpKind::Hypot: case OpKind::Atan2: return is_zero(a) && is_zero(b);
        default: return arity(op) == 1 && kinks_at_zero(op) && is_zero(a);
    }
}

}  // namespace detail

/// needed[i]: the output reads node i (directly or not), or i is the output.
template <class T>
std::vector<bool> needed_nodes(const Tape<T>& tape, NodeIndex out) {
    std::vector<bool> needed(out + 1, false);
    needed[out] = true;
    for (NodeIndex i = out + 1; i-- > 0;) {
        if (!needed[i]) continue;
        const NodeRecord& r = tape.node(i);
        if (arity(r.op) >= 1) needed[r.in0] = true;
        if (arity(r.op) == 2) needed[r.in1] = true;
    }
    return needed;
}

/// The first op node that `out` depends on whose value or local partial is not finite
/// while its inputs are finite (so the cause, not a consequence); nullopt when there is
/// none. Scalar ops only (matrix nodes are skipped).
template <NumericScalar T>
std::optional<SingularOp> first_singular_op(const Tape<T>& tape, NodeIndex out) {
    const std::vector<bool> needed = needed_nodes(tape, out);
    for (NodeIndex i = 0; i <= out; ++i) {
        const NodeRecord& r = tape.node(i);
        if (!needed[i] || arity(r.op) == 0 || is_matrix_op(r.op)) continue;
        const T& a = tape.value(r.in0);
        const T b = arity(r.op) == 2 ? tape.value(r.in1) : T(0);
        if (!is_finite(a) || !is_finite(b)) continue;  // a consequence of an earlier node
        const bool value = !is_finite(tape.value(i));
        const ops::Partials<T> p = op_partials(r.op, a, b, tape.value(i), has_param(r.op) ? tape.param(i) : T(0));
        if (value || !is_finite(p.da) || (arity(r.op) == 2 && !is_finite(p.db)))
            return SingularOp{i, r.op, value, detail::singular_description(tape, i, value)};
    }
    return std::nullopt;
}

/// The first op node that `out` depends on (through a nonzero adjoint or not) that sits
/// exactly at a kink or jump (detail::at_kink: relu, abs, sign, step, leaky_relu, selu at
/// 0, max or min at a tie, hypot or atan2 at the origin). Its description ("relu at 0",
/// "max at 0.5, 0.5"), or nothing. The partials there follow the op's convention
/// (docs/conventions.md); the caller says so.
template <NumericScalar T>
std::optional<std::string> first_kink_op(const Tape<T>& tape, NodeIndex out) {
    const std::vector<bool> needed = needed_nodes(tape, out);
    for (NodeIndex i = 0; i <= out; ++i) {
        const NodeRecord& r = tape.node(i);
        if (!needed[i] || arity(r.op) == 0 || is_matrix_op(r.op)) continue;
        const bool binary = arity(r.op) == 2 && !has_param(r.op);
        if (detail::at_kink(r.op, tape.value(r.in0), binary ? tape.value(r.in1) : T(0)))
            return detail::singular_description(tape, i, true);
    }
    return std::nullopt;
}

}  // namespace chainrule
