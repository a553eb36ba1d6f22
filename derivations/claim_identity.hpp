#pragma once
/// \file claim_identity.hpp
/// (internal to the claim checker) Is a claimed formula the right one, or does it only
/// give the right number at the model's point? It is evaluated, with the true quantity,
/// at the point and at random points where the chosen leaves are perturbed
/// (x → x·(1 + u/2) + v/10, u, v uniform in [−1, 1]), all in 50-digit arithmetic.

#include "claim_truth.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace chainrule::derivations::detail {

struct IdentityCheck {
    Real at_point;             ///< the formula's value at the model's point
    bool holds_at_point = false;
    std::size_t checked = 0;   ///< random points evaluated
    std::size_t holding = 0;   ///< … where the formula equals the quantity
};

/// Agreement of a formula with a quantity to 30 significant digits (far beyond rounding
/// in 50-digit arithmetic, far below any real slip).
bool formula_agrees(const Real& formula, const Real& truth);

/// Checks `formula` against quantity q (resolved). Points whose evaluation leaves the
/// domain (a non-finite value) are redrawn, at most 4·points draws in all.
IdentityCheck check_identity(QuantityTruth& truth, const ClaimQuantity& q, const symbolic::Expr& formula,
                             const std::vector<std::string>& perturbed, std::size_t points, std::uint64_t seed);

}  // namespace chainrule::derivations::detail
