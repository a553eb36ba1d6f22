#pragma once
/// \file claims.hpp
/// The `check` lines of a model as claims (derivations/claims.hpp) and their verdicts.
///
///     check out_h2 = 0.6592603884                                  a node value
///     check dE/dw5 = 0.0818667051                                  a total derivative
///     check dE/dw5 = -(o1 - out_o1)*out_o1*(1 - out_o1)*out_h1     a formula
///     check w5+ = 0.45906664745 lr=0.5                             after one descent step
///     check d2E/dw5^2 = -0.0208070533                              a second derivative (d2E/dw1dw5: mixed)
///
/// Updates descend the model's output (its `derive` line, else its last definition) with
/// the claim's learning rate, else the model's `lr`. Formulas are checked at the model's
/// point and at random points where every input, target and param is perturbed.

#include "../derivations/claims.hpp"
#include "model.hpp"

#include <vector>

namespace chainrule::lang {

/// The model's claims, parsed and checked against its names. Throws LangError at the
/// offending character (a malformed claim, an unknown name, an update of something that
/// is not a param, an update without a learning rate, a formula over unknown names).
std::vector<derivations::Claim> model_claims(const Model& model);

/// The verdicts of the model's claims (`points` random points per formula). Throws
/// LangError as model_claims, and when the model has no check lines.
derivations::ClaimReport check_model_claims(const Model& model, std::size_t points = 24);

}  // namespace chainrule::lang
