#pragma once
/// \file second_order_derivation.hpp
/// Second derivatives on a worksheet (`--order 2`): ∂²E/∂p² derived by the chain rule from
/// the first-order derivation it reuses. With ∂E/∂p = Σ_paths Π_k f_k (chain_rule.hpp, the
/// paths style), the product rule gives
/// \f[ \frac{\partial^2 E}{\partial p^2} = \sum_{\text{paths}} \sum_k
///     \Big(\prod_{i \ne k} f_i\Big) \frac{\partial f_k}{\partial p}, \qquad
///     \frac{\partial f_k}{\partial p} = \sum_{M} \frac{\partial f_k}{\partial M}\,
///     \frac{\partial M}{\partial p}, \f]
/// M ranging over the named nodes that f_k's formula reads and that depend on p (p itself
/// included, ∂p/∂p = 1); ∂M/∂p is a first derivative (the tangent of M along p, from the
/// same forward-over-reverse sweep that gives the cross-check). Each ∂f_k/∂M is symbolic
/// differentiation of the factor's formula, simplified. A kink's convention carries over:
/// the Iverson bracket [z > 0] of relu′ has derivative 0.
///
/// Numbers are computed at every rung of the precision ladder (worksheet.cpp) and checked
/// against forward-over-reverse (autodiff/second_order.hpp): ∂²E/∂p² = (H e_p)_p.

#include "chain_rule.hpp"

#include <cstddef>
#include <vector>

namespace chainrule::derivations {

/// ∂f/∂p of one factor f of a path product: Σ_M (∂f/∂M)(∂M/∂p).
struct FactorDerivative {
    struct Term {
        std::size_t node = 0;    ///< M: a named node f's formula reads that depends on p (or p)
        symbolic::Expr formula;  ///< ∂f/∂M, simplified, in named nodes
        Real value;              ///< of the formula
        Certainty certainty;
    };
    std::vector<Term> terms;  ///< empty: f does not depend on p (its derivative is 0)
    Real value;
    Certainty certainty;
};

/// ∂M/∂p of a named node M: a first derivative through the graph.
struct Tangent {
    std::size_t node = 0;
    Real value;
    Certainty certainty;
};

/// The derivation of ∂²E/∂p² from the paths-style derivation of ∂E/∂p.
struct SecondDerivation {
    std::size_t output = 0;
    std::size_t wrt = 0;
    std::size_t first = 0;  ///< its first-order derivation's index in Worksheet::derivations
    std::vector<std::vector<FactorDerivative>> factors;  ///< [path][k]: ∂f_k/∂p
    std::vector<std::vector<Real>> terms;                ///< [path][k]: (Π_{i≠k} f_i)·∂f_k/∂p
    std::vector<std::vector<Certainty>> term_certainty;
    std::vector<Tangent> tangents;  ///< ∂M/∂p of every M the terms use, in graph order
    Real result;                    ///< Σ of the terms
    Real forward_over_reverse;      ///< (H e_p)_p of the tape
    Certainty result_certainty, forward_over_reverse_certainty;
};

/// The second-order part of a worksheet: a derivation per parameter whose first-order
/// derivation is in the paths style, and the Hessian of E by every requested variable
/// (forward-over-reverse), row-major.
struct SecondOrderSection {
    std::vector<SecondDerivation> derivations;
    std::vector<std::size_t> params;  ///< the Hessian's rows and columns (graph nodes, variables)
    std::vector<Real> hessian;
    std::vector<Certainty> hessian_certainty;
};

/// How the product rule's result compares with forward-over-reverse: Agrees when both are
/// settled and print the same (or are the same infinity), Disagrees when both are settled
/// and do not, CannotConfirm otherwise (ReverseModeCheck of worksheet.hpp, reused).
enum class ReverseModeCheck;
ReverseModeCheck second_order_check(const SecondDerivation& s, int digits);

/// The structure (which factors, which terms, which tangents) of the second derivatives
/// of E by the variables among `first`'s parameters. Nodes that are no variables (∂E/∂out_h1)
/// have no second derivative on the sheet.
SecondOrderSection second_order_section(const NamedGraph& g, const std::vector<GradientDerivation>& first);

/// Every number of the section at the current precision: the graph's values and the
/// first-order derivations must be evaluated (evaluate_derivation) on `tape` first.
void evaluate_second_order(const NamedGraph& g, const std::vector<GradientDerivation>& first, const Tape<Real>& tape,
                           NodeIndex output, SecondOrderSection& s);

}  // namespace chainrule::derivations
