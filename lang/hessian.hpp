#pragma once
/// \file hessian.hpp
/// What `chainrule hessian` computes: the Hessian \f$H_{ij} = \partial^2 f/\partial x_i
/// \partial x_j\f$ of a typed expression at a point, or of a .chain model's output with
/// respect to its params, with f and ∇f — every number certified by the precision ladder
/// (precision/ladder.hpp), the second derivatives by forward-over-reverse
/// (autodiff/second_order.hpp) at each rung.

#include "calculus.hpp"
#include "model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chainrule::lang {

struct HessianResult {
    std::vector<std::string> names;  ///< the variables (a matrix param's entries as W[1,2])
    Real value;                      ///< f
    Certainty value_certainty;
    std::vector<Real> gradient;      ///< ∂f/∂names[i]
    std::vector<Certainty> gradient_certainty;
    std::vector<Real> entries;       ///< H row-major, n × n
    std::vector<Certainty> certainty;
    /// Entries that are exact rationals at the point's decimals (expressions only; empty
    /// otherwise): the simplified symbolic second partials evaluated exactly, kept where
    /// they agree with the certified number.
    std::vector<std::optional<Rational>> exact;
    std::string singular;  ///< a first-order singular op ("sqrt′ at 0"), as Gradient::singular
    std::string kink;      ///< an op exactly at its kink ("relu at 0"): its convention holds
    std::string output;    ///< of a model: the name differentiated (E)

    std::size_t size() const { return names.size(); }
    const Real& at(std::size_t i, std::size_t j) const { return entries[i * names.size() + j]; }
};

/// The most variables a Hessian is computed for (n² certified entries): 200.
inline constexpr std::size_t kMaxHessianVariables = 200;

/// f, ∇f and the Hessian of `expression` at `point` (its names are the variables, in
/// order), each certified for `digits` digits. Throws LangError as gradient_at(), and for
/// more than kMaxHessianVariables variables.
HessianResult hessian_at(const ExprNode& expression, const Source& source, const Point& point, int digits = 10);

/// The Hessian of the model's output (its `derive` line, else its last definition) with
/// respect to `wrt` (default: the derive line's params, else every param the output
/// depends on; a matrix param contributes each entry, W[1,1], W[1,2], …), certified.
/// Throws LangError for an unknown name, a name that is not a param, a model with no
/// output or params, and more than kMaxHessianVariables variables.
HessianResult model_hessian(const Model& model, std::vector<std::string> wrt, int digits = 10);

/// The result as `format`: text (f, ∇f and a table with row and column names), md and tex
/// (the same document), json ({"output" (of a model), "variables", "value", "gradient",
/// "hessian": [[…]], "not_finite": [{"row", "column", "kind"}], "symmetric", "singular",
/// "kink"}; numbers as doubles, ±∞, NaN and numbers out of range null).
std::string hessian_output(const HessianResult& h, std::string_view format, int digits);

}  // namespace chainrule::lang
