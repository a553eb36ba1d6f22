#pragma once
/// \file matrix_claims.hpp
/// The `check` lines of a matrix model (docs/claims.md, "Matrix claims"):
///
///     check dJ/dW = X'*(A - Y)/4          a formula: judged as an identity
///     check dJ/dW = [0.6325; -0.4713]     numbers: entry by entry
///     check A = sigmoid(X*W + b)          a node's value
///
/// The right value of dJ/dN is the adjoint of N in a reverse sweep from the scalar J (the
/// gradient has N's shape); of N, its value. A numeric claim is right when every entry is
/// within one unit of its last shown digit (as scalar claims, derivations/claim_truth.hpp).
/// A formula is evaluated on the model (matrix shapes kept) at the model's point and at
/// random points where every param and input is perturbed (targets and consts are kept:
/// labels stay labels): it **holds identically**, **holds at this point only**, or is
/// **wrong**. The first wrong claim in file order is the first error.
///
/// Diagnoses of a wrong formula, the first that explains its values at every point: the
/// transpose of the right value (a wrong layout, with a factor if one is needed); a
/// constant factor (a missing 1/m: m times the right value; the sign); one name that
/// should be transposed, or a transpose too many, or a matrix product `*` where the
/// element-wise `.*` is meant, or the reverse; one of these with a factor. Numeric claims:
/// the layout, a factor ±n or ±1/n that fits every entry within its last digit.
/// Updates (W+ = …), Jacobians of matrix nodes and "carried forward" are not judged here.

#include "../derivations/document.hpp"
#include "model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace chainrule::lang {

struct MatrixClaimResult {
    enum class Verdict { Correct, HoldsIdentically, HoldsAtThisPointOnly, Wrong };
    std::string text;             ///< the claim as written
    bool formula = false;
    Verdict verdict = Verdict::Wrong;
    Matrix<Real> claimed;         ///< at the model's point (empty when it has no value there: a shape error)
    Matrix<Real> right;           ///< the right value at the model's point
    std::size_t wrong_entries = 0;     ///< numeric claims: entries beyond one unit of their last digit
    int claimed_digits = 0;            ///< numeric claims: the most significant digits an entry shows
    std::size_t points_checked = 0;    ///< formulas: points tried (the model's first)
    std::size_t points_holding = 0;
    bool first_error = false;
    std::string diagnosis;        ///< plain text; empty when nothing simple explains a wrong claim
};

struct MatrixClaimReport {
    std::vector<MatrixClaimResult> results;  ///< in file order
    std::optional<std::size_t> first_error;
    bool any_wrong() const;
};

/// The verdicts of a matrix model's `check` lines (`points` random points per formula; a
/// point where the model has no value is skipped, at most 3·points are drawn).
/// Throws LangError at the claim: a malformed claim, an unknown name, a derivative of a
/// matrix (a Jacobian), an update (not checked on matrix models), a model without checks.
MatrixClaimReport check_matrix_claims(const Model& model, std::size_t points = 24);

/// The report as a document: a table (claim, verdict, note), then claimed and right values
/// of each wrong claim (`digits` significant digits) as matrices, or with `plain` as text
/// ([a; b]) for the terminal.
derivations::Document matrix_claims_document(const MatrixClaimReport& report, int digits, const std::string& title,
                                             bool plain = false);

/// {"claims": [{"claim", "formula", "verdict", "first_error", "diagnosis", "wrong_entries",
/// "points_checked", "points_holding", "claimed": [[…]], "right": [[…]]}], "first_error"}.
std::string matrix_claims_json(const MatrixClaimReport& report, int digits);

}  // namespace chainrule::lang
