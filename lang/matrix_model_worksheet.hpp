#pragma once
/// \file matrix_model_worksheet.hpp
/// The worksheet of a matrix model (a .chain file with matrices): the derivation in matrix
/// form (derivations/matrix_derivation.hpp) of the model's output — forward pass with
/// shapes, reverse sweep as matrix identities, 50-digit numbers for matrices small enough
/// to print — and its data as JSON.

#include "../derivations/document.hpp"
#include "../derivations/matrix_derivation.hpp"
#include "model.hpp"
#include "model_worksheet.hpp"

#include <string>

namespace chainrule::lang {

/// Largest number of rows or columns a matrix may have for the sheet to print its numbers.
inline constexpr Eigen::Index kMaxMatrixShown = 6;

/// Most matrix entries (all nodes of the tape) for which the sheet computes certified
/// numbers; a larger model gets formulas and shapes only (the numbers of a 784×64 layer
/// cannot be printed, and certifying them would take minutes).
inline constexpr std::size_t kMaxCertifiedEntries = 20000;

/// The matrix entries on a tape (every matrix node's rows × columns).
std::size_t matrix_entries(const Tape<Real>& tape);

/// The derivation of the model's output (a named scalar: a loss, a sum, …), every number
/// certified to request.digits by the precision ladder (formulas and shapes only beyond
/// kMaxCertifiedEntries). Throws LangError
/// when the model has no output, the output is a matrix or depends on no param, or a
/// `derive … wrt` / --wrt list is given (a matrix worksheet derives every param).
derivations::MatrixDerivation matrix_model_derivation(const Model& model, const WorksheetRequest& request);

/// The derivation as a document (md, tex, html), titled by the request, else the model.
derivations::Document matrix_model_document(const Model& model, const WorksheetRequest& request);

/// {"output", "layout": "gradient has the shape of the parameter", "forward": [{"name", "shape":
/// [r, c], "kind": "param"|"given"|"definition", "latex", "value": [[…]]}], "backward": [{"name",
/// "shape", "latex", "value"}]} with values as decimal strings of `digits` significant digits.
std::string matrix_worksheet_json(const derivations::MatrixDerivation& d, int digits);

}  // namespace chainrule::lang
