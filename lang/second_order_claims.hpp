#pragma once
/// \file second_order_claims.hpp
/// The quantity of a second-derivative claim (`check d2E/dw5^2 = …`, `check d2E/dw1dw5 = …`,
/// `check ∂²E/∂w5² = …`): its orders checked (2 above, ^2 below or two names), its names
/// the model's — `dw1dw5`, one identifier to the grammar, split at a 'd' into two names —
/// and its leaves the model's params, inputs, targets or consts.

#include "../derivations/claims.hpp"
#include "ast.hpp"
#include "model.hpp"

namespace chainrule::lang {

/// ∂²A/∂B∂C of a parsed claim (ClaimSyntax::Kind::HigherDerivative), B and C as written
/// (check_claims puts them in the model's order). Throws LangError at the offending
/// character: an order other than 2 (d3E/…, dw5^3), d2E/dw5 without ^2 or a second name,
/// a power after two names, an unknown name, a name split two ways (d2E/dadb when a, b,
/// adb, … are all names), a name that is defined by an expression.
derivations::ClaimQuantity second_order_quantity(const Model& model, const ClaimSyntax& s);

}  // namespace chainrule::lang
