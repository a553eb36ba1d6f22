// to_latex of a MatExpr: the matrix-form derivation's LaTeX (math mode, amsmath, amssymb for
// \mathbb{1}), with the scalar printer's conventions (latex_printer.hpp) for its scalar parts
// and names:
//
//   X W + B        X^{\top} \frac{\partial J}{\partial Z}        \mathbf{1}^{\top} \frac{\partial J}{\partial Z}
//   \frac{\partial J}{\partial A} \odot A \odot \left(1 - A\right)      \frac{1}{3} \left(A - Y\right)
//   \sigma\left(Z\right)   \tanh'\left(Z\right)   A^{\circ 2}   \left[Z > 0\right]
//   \operatorname{softmax}\left(Z\right)   \operatorname{MSE}\left(A,\, Y\right)
//
// Matrix products are juxtaposed (" \cdot " before a number), ⊙ and ⊘ are written out;
// parentheses only where precedence needs them, and always between different kinds of
// product ((A \odot B) C) and around a product inside ⊘ (not associative).
#pragma once

#include <string>

#include "matrix_expr.hpp"

namespace chainrule::symbolic {

struct MatLatexOptions {
    /// Print every named matrix as its shape, "(3{\times}2)", instead of its name: the
    /// "with shapes" line under a definition, (3{\times}2) (2{\times}1) + (1{\times}1).
    bool shapes = false;
};

/// LaTeX for e (math mode, without surrounding $). Symbol names print as latex_name gives
/// them, scalar parts as to_latex(Expr) gives them (\frac{1}{3}), a number from a tape
/// (mat_number) as its decimal (0.5).
std::string to_latex(const MatExpr& e, const MatLatexOptions& options = {});

/// The definition of f for an m×n argument, as a sheet states it before using f:
/// "\operatorname{MSE}(P, Y) = \frac{1}{mn} \sum_{i,j} (P_{ij} - Y_{ij})^{2}". The losses are
/// means over their terms, as graph/mat_rules_softmax.hpp computes them. Empty for the
/// functions in standard notation (det, A⁻¹, I …), which need no definition.
std::string definition_latex(MatFunction f);

}  // namespace chainrule::symbolic
