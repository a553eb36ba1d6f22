#pragma once
/// \file matrix_derivation.hpp
/// The gradient of a model written with matrix nodes, derived in matrix notation: the
/// forward pass as one line per named node with its shapes,
/// \f[ Z = X W + B \qquad (3{\times}1) = (3{\times}2)(2{\times}1) + (1{\times}1), \f]
/// and the reverse sweep as one line per named node, each adjoint written with the
/// adjoints of the nodes that read it (DESIGN: "deltas" style, in matrices):
/// \f[ \frac{\partial J}{\partial W} = X^\top \frac{\partial J}{\partial Z}, \qquad
///     \frac{\partial J}{\partial B} = \mathbf 1^\top \frac{\partial J}{\partial Z}, \qquad
///     \frac{\partial J}{\partial Z} = \frac{\partial J}{\partial A} \odot A \odot (1 - A). \f]
/// The rules are the standard matrix-calculus identities (seed 002; Petersen & Pedersen,
/// *The Matrix Cookbook*, §2.4; Goodfellow et al., *Deep Learning*, §6.5): for C = AB,
/// Ā += C̄ Bᵀ and B̄ += Aᵀ C̄; a broadcast operand's adjoint is summed over the broadcast
/// dimension (a bias row: 𝟏ᵀ C̄, with 𝟏 a column of ones); elementwise f: Z̄ = Ā ⊙ f'(Z).
/// Unnamed matrix nodes are folded into the expressions of the named ones, as in scalar
/// worksheets; unnamed leaves the loss reads are given names (Y for the one-hot targets
/// softmax_cross_entropy(Z, labels) records, C_1, C_2, … for other matrices), so every
/// symbol of the sheet is defined. Definitions and adjoints are symbolic::MatExpr trees,
/// printed by symbolic::to_latex (symbolic/matrix_latex_printer.hpp). Every number is the
/// 50-digit value (the tape is replayed in 50 digits and its own reverse sweep gives the
/// adjoints), so every printed digit is right.

#include "document.hpp"
#include "named_graph.hpp"

#include "../graph/mat.hpp"
#include "../symbolic/matrix_expr.hpp"

#include "../precision/certainty.hpp"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace chainrule::derivations {

/// A named node of the forward pass.
struct MatrixForwardStep {
    NodeIndex node = 0;
    std::string name;           ///< as on the tape ("W1")
    symbolic::MatExpr symbol;   ///< the node as a matrix symbol (printed W_{1})
    Shape shape;
    bool leaf = false;          ///< a variable or constant: no definition
    bool variable = false;      ///< a leaf that receives a gradient
    symbolic::MatExpr definition;  ///< over named nodes: X W + B (printed with shapes: (3×2) (2×1) + (1×1))
    Matrix<Real> value = {};
    /// Per entry of value (column-major), when certified (certified_matrix_derivation); empty:
    /// the 50-digit values are printed as they are.
    std::vector<Certainty> certainty = {};
};

/// One step of the reverse sweep: ∂J/∂N for a named node N.
struct MatrixGradientStep {
    NodeIndex node = 0;
    std::string name;
    symbolic::MatExpr symbol;
    Shape shape;
    symbolic::MatExpr formula;  ///< the right-hand side over named nodes and their adjoints
    bool reduced = false;       ///< the formula sums a broadcast operand's adjoint (uses 𝟏)
    Matrix<Real> value = {};    ///< the 50-digit adjoint
    std::vector<Certainty> certainty = {};  ///< as MatrixForwardStep::certainty
};

struct MatrixDerivation {
    std::string loss;
    std::vector<MatrixForwardStep> forward;    ///< named nodes the loss reads, in creation order
    std::vector<MatrixGradientStep> backward;  ///< named nodes that need a gradient, loss first
};

/// The derivation of the named scalar `loss` of `tape` (T = float, double, long double or
/// Real). With `values` the numbers come from replaying the tape in 50 digits and its
/// reverse sweep; without, the derivation has formulas and shapes only (for models whose
/// matrices are too large to print, e.g. a 128×784 batch). Throws Error when the loss is
/// not named, not a scalar, or reads an op whose matrix rule is not written here (the
/// message names it).
template <class T>
MatrixDerivation derive_matrix(const Tape<T>& tape, NodeIndex loss, bool values = true);

template <class T>
MatrixDerivation derive_matrix(const Tape<T>& tape, const Var<T>& loss, bool values = true) {
    return derive_matrix(tape, tape.check(loss, OpKind::Input), values);
}

/// The derivation of `loss` with every number certified by the precision ladder
/// (precision/ladder.hpp): `record` records the model again at the current precision and
/// returns its tape and loss node; the derivation is repeated at 50, 100, 200, … digits until
/// every entry settles for `digits` significant digits. A cancellation such as
/// 1·(−0.4) + 1·0.6 − 0.2, 6.7·10⁻⁵² at 50 digits, prints as 0 within its bound, not as
/// a wrong number. Throws as derive_matrix.
MatrixDerivation certified_matrix_derivation(const std::function<std::pair<Tape<Real>, NodeIndex>()>& record, int digits);

/// The derivation as a document: shapes and forward pass, reverse sweep. Matrices of at
/// most `max_entries_shown` rows and columns are printed with `digits` significant digits.
/// (With gradient entries written out element by element: matrix_entry.hpp.)
Document matrix_worksheet_document(const MatrixDerivation& d, int digits = 6, Eigen::Index max_entries_shown = 6,
                                   std::string title = {});

}  // namespace chainrule::derivations
