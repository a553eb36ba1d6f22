#pragma once
/// \file claim_second_order.hpp
/// (internal to the claim checker) Second derivatives ∂²A/∂B∂C of claims such as
/// `d2E/dw5^2` and `d2E/dw1dw5`: their true value by one forward-over-reverse sweep
/// (autodiff/second_order.hpp) with the leaves B and C taken as variables, the slips that
/// explain a wrong one (the first derivative, another entry of the Hessian, a product of
/// first derivatives, the sign, a factor 2 or ½), and the note at a kink (relu″ = 0 by
/// the rules' conventions).

#include "claim_truth.hpp"

#include "../autodiff/second_order.hpp"

#include <optional>
#include <string>
#include <vector>

namespace chainrule::derivations::detail {

/// True for the nodes a second derivative may be taken by: named leaves (variables and
/// constants: the model's params, inputs, targets and consts).
bool is_second_order_leaf(const Tape<Real>& tape, NodeIndex i);

/// The first and second derivatives of node `of` by the leaves `wrt` (and by every other
/// named variable of the tape), at the tape's point: the leaves that are constants are
/// taken as variables on a copy of the tape; each column is one sweep.
class SecondOrderPoint {
public:
    SecondOrderPoint(const Tape<Real>& tape, NodeIndex of, const std::vector<NodeIndex>& wrt);
    SecondOrderPoint(const SecondOrderPoint&) = delete;  // tape_ may point at copy_
    SecondOrderPoint& operator=(const SecondOrderPoint&) = delete;
    /// ∂A/∂b and the column ∂²A/∂x∂b for every variable x of the working tape.
    struct Column {
        Real first;
        std::vector<std::pair<NodeIndex, Real>> second;  ///< (x, ∂²A/∂x∂b), in tape order
    };
    Column column(NodeIndex b) const;
    /// ∂²A/∂b∂c.
    Real entry(NodeIndex b, NodeIndex c) const;

private:
    std::size_t position(NodeIndex i) const;
    SecondOrderSweep<Real> sweep(NodeIndex c) const;

    Tape<Real> copy_;  // used when a leaf of `wrt` is a constant
    const Tape<Real>* tape_;
    NodeIndex of_;
    std::vector<Real> x_;
};

/// ∂²A/∂B∂C by name; throws Error when B or C is not a leaf (is_second_order_leaf).
Real second_derivative(const QuantityTruth& truth, const ClaimQuantity& q);

/// The slip that explains the wrong second-derivative number r (quantity resolved), if
/// one does within one unit of its last digit, in this order: the first derivative by
/// either leaf, another entry of the Hessian in the row or column of a leaf, the product
/// of the first derivatives, the negative, twice or half of the right value.
std::optional<SecondOrderSlip> second_order_slip(const QuantityTruth& truth, const ClaimResult& r);

/// At a kink on a path from B or C to A: the note that the second derivative there is the
/// convention's (relu″ = 0), as KinkNote::Kind::SecondOrder.
std::optional<KinkNote> second_order_kink(QuantityTruth& truth, const ClaimQuantity& q, const Real& right);

}  // namespace chainrule::derivations::detail
