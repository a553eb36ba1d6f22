#pragma once
/// \file matrix_entry.hpp
/// One entry of a matrix-form gradient written out entry by entry — the link between the
/// matrix chain rule and the scalar one. For ∂J/∂W = Xᵀ ∂J/∂Z (W 2×1, a batch of 4),
/// \f[ \frac{\partial J}{\partial W_{21}} = \sum_{k=1}^{4} X_{k2} \frac{\partial J}{\partial Z_{k1}}
///     = X_{12} \frac{\partial J}{\partial Z_{11}} + \dots + X_{42} \frac{\partial J}{\partial Z_{41}}, \f]
/// each term the scalar chain rule's ∂J/∂Z_{k1} · ∂Z_{k1}/∂W_{21}, summed over the batch.
///
/// The entry (i, j) of a formula is expanded by (P Q)_{ij} = Σ_k P_{ik} Q_{kj},
/// (Pᵀ)_{ij} = P_{ji}, (P ⊙ Q)_{ij} = P_{ij} Q_{ij}, (P ± Q)_{ij} = P_{ij} ± Q_{ij},
/// 𝟏_{ij} = 1, (s P)_{ij} = s P_{ij}, broadcasting a row, column or 1×1 operand; any other
/// part (σ(Z), P⁻¹, …) is kept whole as [·]_{ij}.

#include "matrix_derivation.hpp"

#include <optional>
#include <string>
#include <vector>

namespace chainrule::derivations {

/// Entry (row, col), 0-based, of a matrix expression: a named node, an adjoint, or a part kept whole.
struct EntryFactor {
    symbolic::MatExpr matrix;
    Eigen::Index row = 0, col = 0;
    std::optional<Real> value;  ///< known for named nodes and adjoints of the derivation
    bool scalar = false;        ///< a 1×1 node: written without indices
};

/// coefficient × Π factors.
struct EntryTerm {
    Real coefficient = 1;
    std::vector<EntryFactor> factors;
};

struct EntryExpansion {
    std::string name;          ///< the node whose gradient entry this is (W)
    Eigen::Index row = 0, col = 0;
    Shape shape;               ///< its shape
    symbolic::MatExpr formula;  ///< ∂J/∂W's formula (the reverse sweep's step)
    std::vector<EntryTerm> terms;
    Real value;                ///< the entry of the step's 50-digit value
    std::optional<Certainty> certainty;
};

/// Most terms an expansion may have (a 784×64 weight of a batch of 128 has 128 per entry;
/// the sheet prints a few and the value).
inline constexpr std::size_t kMaxEntryTerms = 100000;

/// Entry (row, col) (0-based) of the gradient step of `name` in `d`. Throws Error when the
/// derivation has no gradient step of that name, the entry is outside its shape, or the
/// expansion would have more than kMaxEntryTerms terms.
EntryExpansion expand_entry(const MatrixDerivation& d, const std::string& name, Eigen::Index row, Eigen::Index col);

/// Σ coefficient × Π factor values, when every factor's value is known.
std::optional<Real> term_value(const EntryTerm& t);

/// matrix_worksheet_document (matrix_derivation.hpp) with a last section, "One entry,
/// element by element", writing out each of `entries` as its formula's entry, its terms,
/// their numbers and its value.
Document matrix_worksheet_document(const MatrixDerivation& d, int digits, Eigen::Index max_entries_shown,
                                   std::string title, const std::vector<EntryExpansion>& entries);

}  // namespace chainrule::derivations
