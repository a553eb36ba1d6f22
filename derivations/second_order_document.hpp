#pragma once
/// \file second_order_document.hpp
/// The worksheet's "Second derivatives" section (`--order 2`; second_order_derivation.hpp):
/// laid out, nothing computed.

#include "prose.hpp"
#include "worksheet.hpp"

namespace chainrule::derivations {

/// Appends the section to `doc` when the worksheet was made with order 2: for each
/// parameter, ∂²E/∂p² by the product rule, each factor's derivative, the numbers and the
/// cross-check with forward-over-reverse; then the Hessian of E by the parameters.
void second_order_document(const Worksheet& w, Language language, Document& doc);

}  // namespace chainrule::derivations
