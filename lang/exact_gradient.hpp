#pragma once
/// \file exact_gradient.hpp
/// The gradients of a .chain model as exact rationals, for the fraction a worksheet
/// shows next to a decimal (∂f/∂x = −47/25 = −1.88).
///
/// A model's numbers are decimals, that is exact rationals (numbers.hpp). Where the
/// output is built from + − × ÷, integer powers and the piecewise-linear functions
/// (abs, relu, leaky_relu, min, max, sign, step), its gradient is a rational too. It is
/// computed here apart from the tape, from the file's text:
///
/// 1. every definition as a symbolic expression over the names it reads (to_symbolic:
///    its literals exact), every declared value exact (exact_value);
/// 2. the values of the definitions in file order, in exact arithmetic
///    (symbolic::exact_rational_value);
/// 3. the adjoints backwards from the output, \f$\bar M = \sum_N \bar N\,\partial N/\partial M\f$
///    over the definitions N that read M, each local partial the symbolic derivative of
///    N's definition (symbolic::diff; relu′(0) = 0 and the other conventions are the
///    tape's) evaluated exactly.
///
/// A value or local partial that is not rational (σ, exp, log, √2, π, …) makes every
/// adjoint that is reached through it unknown; so do numbers of more than
/// kExactGradientBits bits (deep chains of products), which are not worth a fraction.

#include "../derivations/worksheet.hpp"
#include "model.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chainrule::lang {

/// Largest numerator or denominator (bits) carried through the exact computation.
inline constexpr unsigned kExactGradientBits = 1024;

/// The model read again from its text, exactly (steps 1 and 2 above): its definitions as
/// symbolic expressions in file order, the names whose value is rational (declared
/// values, definitions computed exactly), and the `lr` line's value.
struct ExactModel {
    std::vector<std::pair<std::string, symbolic::Expr>> definitions;
    std::map<std::string, Rational, std::less<>> values;
    std::optional<Rational> learning_rate;
};

/// The model's ExactModel. Throws LangError (as to_symbolic) for a divisor that
/// simplifies to 0, such as x/(y − y).
ExactModel exact_model(const Model& model);

/// ∂(output)/∂name (step 3 above) for every name whose derivative is rational; `output`
/// may be any name (a leaf has only ∂output/∂output = 1).
std::map<std::string, Rational, std::less<>> exact_adjoints(const ExactModel& model, std::string_view output);

/// ∂(output)/∂name for every name the output reads (directly or through other
/// definitions) whose derivative is an exact rational (step 3 above); a name whose
/// derivative is not rational is absent, so is a name the output does not read. The
/// output itself has 1. Throws std::out_of_range when `output` is not a definition of
/// the model; LangError (as to_symbolic) for a divisor that simplifies to 0, such as
/// x/(y − y) — which a built model, whose values are finite, does not have.
std::map<std::string, Rational, std::less<>> exact_adjoints(const Model& model, std::string_view output);

/// True when r is worth showing as a fraction next to its decimal: lang::short_fraction
/// gives it (not an integer, numerator and denominator below 10⁶) and its denominator is
/// not a power of ten (37/100 says no more than 0.37).
bool fraction_worth_showing(const Rational& r);

/// Sets exact_result and exact_after_update of every derivation of `w`, a worksheet of
/// `model` (model_worksheet), where the number is an exact rational worth a fraction
/// (fraction_worth_showing) and equal to the certified number the worksheet computed
/// (`result`, `after_update`; a mismatch would mean the exact and the tape computations
/// differ, and then nothing is set). exact_after_update needs the model's `lr` (exact, from
/// its text) and the derivation's wrt a declared param.
void add_exact_results(const Model& model, derivations::Worksheet& w);

}  // namespace chainrule::lang
