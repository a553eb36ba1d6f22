// The true value of a second derivative ∂²A/∂B∂C (claim_second_order.hpp).
#include "claim_second_order.hpp"

#include "../autodiff/replay.hpp"

#include <algorithm>

namespace chainrule::derivations::detail {
namespace {

bool any_constant(const Tape<Real>& tape, const std::vector<NodeIndex>& leaves) {
    return std::any_of(leaves.begin(), leaves.end(), [&](NodeIndex i) { return tape.node(i).op == OpKind::Const; });
}

// The tape with the constants among `leaves` recorded as variables (same indices and values).
Tape<Real> with_variables(const Tape<Real>& tape, const std::vector<NodeIndex>& leaves) {
    Tape<Real> out;
    out.reserve(tape.size());
    for (NodeIndex i = 0; i < tape.size(); ++i) {
        const NodeRecord& r = tape.node(i);
        const bool leaf = std::find(leaves.begin(), leaves.end(), i) != leaves.end();
        const NodeIndex in1 = has_param(r.op) ? out.add_param(tape.param(i)) : r.in1;
        out.record_raw(leaf ? OpKind::Input : r.op, leaf ? 0 : r.in0, leaf ? 0 : in1, tape.value(i));
    }
    return out;
}

}  // namespace

bool is_second_order_leaf(const Tape<Real>& tape, NodeIndex i) {
    const OpKind op = tape.node(i).op;
    return (op == OpKind::Input || op == OpKind::Const) && !tape.name(i).empty();
}

SecondOrderPoint::SecondOrderPoint(const Tape<Real>& tape, NodeIndex of, const std::vector<NodeIndex>& wrt)
    : tape_(&tape), of_(of) {
    if (any_constant(tape, wrt)) {
        copy_ = with_variables(tape, wrt);
        tape_ = &copy_;
    }
    x_ = recorded_inputs<Real>(*tape_);
}

std::size_t SecondOrderPoint::position(NodeIndex i) const { return chainrule::detail::input_position(*tape_, i); }

SecondOrderSweep<Real> SecondOrderPoint::sweep(NodeIndex c) const {
    std::vector<Real> v(x_.size(), Real(0));
    v[position(c)] = Real(1);
    return second_order_sweep<Real>(*tape_, of_, std::span<const Real>(x_), std::span<const Real>(v));
}

SecondOrderPoint::Column SecondOrderPoint::column(NodeIndex b) const {
    const SecondOrderSweep<Real> s = sweep(b);
    Column out{s.gradient[position(b)], {}};
    const std::vector<NodeIndex>& inputs = tape_->inputs();
    for (std::size_t k = 0; k < inputs.size(); ++k) out.second.emplace_back(inputs[k], s.hv[k]);
    return out;
}

Real SecondOrderPoint::entry(NodeIndex b, NodeIndex c) const { return sweep(c).hv[position(b)]; }

Real second_derivative(const QuantityTruth& truth, const ClaimQuantity& q) {
    const NodeIndex a = truth.node(q.of), b = truth.node(q.wrt), c = truth.node(q.wrt2);
    for (const std::string* name : {&q.wrt, &q.wrt2})
        if (!is_second_order_leaf(truth.tape(), truth.node(*name)))
            throw Error("chainrule: second derivatives are by the model's params, inputs, targets and consts; '" +
                        *name + "' is computed from other nodes");
    return SecondOrderPoint(truth.tape(), a, {b, c}).entry(b, c);
}

}  // namespace chainrule::derivations::detail
