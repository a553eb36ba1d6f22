#pragma once
/// \file claim_diagnosis.hpp
/// (internal to the claim checker) Explaining a wrong number by a simple slip: it is
/// another named quantity (two values swapped), the negative, double or half of the right
/// value, the right product of local derivatives with one factor replaced by another named
/// value, or (updates) a step taken uphill or without the learning rate.

#include "claim_truth.hpp"

#include <string>
#include <vector>

namespace chainrule::derivations::detail {

/// The diagnosis of results[self] (a numeric claim, quantity resolved), or "" when no
/// slip explains it. `results` holds every claim's verdict, later ones included.
std::string diagnose(QuantityTruth& truth, const std::vector<ClaimResult>& results, std::size_t self);

}  // namespace chainrule::derivations::detail
