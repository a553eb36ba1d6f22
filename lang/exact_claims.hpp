#pragma once
/// \file exact_claims.hpp
/// The true values of a model's claims as exact rationals, where the model's decimals make
/// them rational (exact_gradient.hpp): so that an exact claim such as `dE/dw = 151/125` is
/// judged by comparing rationals, not numbers that agree to 40 digits.

#include "../derivations/claims.hpp"
#include "model.hpp"

#include <optional>
#include <span>
#include <vector>

namespace chainrule::lang {

/// One entry per claim of `model_claims(model)` (the same order): the claim's true value
/// as a rational — a node value, dA/dB, or p − η·dE/dp with η the claim's `lr=`, else the
/// model's `lr` line, each read exactly from the file's text. nullopt where it is not a
/// rational that exact_gradient computes (σ, exp, π, …; numbers past kExactGradientBits;
/// dA/dB where A does not read B). Every entry is nullopt when the text has a divisor that
/// only simplification finds to be 0 (x/(y − y)).
std::vector<std::optional<Rational>> exact_claim_truths(const Model& model, std::span<const derivations::Claim> claims);

}  // namespace chainrule::lang
