#pragma once
/// \file matrix_recorder.hpp
/// Recording an expression of a matrix model (docs/matrix.md, "Matrix models in .chain")
/// on a Tape<Real>: the value is a scalar node or a matrix node.
///
/// An expression that reads no matrix is recorded by record_expression (recorder.hpp),
/// exactly as in a scalar model. Otherwise the operators mean what they mean in
/// MATLAB/Octave, on the tape's matrix ops (graph/mat_functions.hpp):
///   - `A * B` the matrix product; `s * A`, `A * s`, `A / s` with a scalar s (a number, a
///     constant expression or a scalar node) scale every entry;
///   - `.*` `./` `.^` element-wise, with broadcasting of a scalar, a 1×n row or an m×1
///     column (`X*W + b` with a 1×k bias b); `+` `-` likewise;
///   - `A'` the transpose; a function of one argument (exp, sigmoid, relu, log, …)
///     element-wise; `pow`, `min`, `max`, `atan2`, `hypot`, `logaddexp` element-wise;
///   - `A ^ p` and `A / B` of matrices are errors that name the element-wise operator
///     (matrix powers and right division are not differentiated here).
/// Matrix functions (matrix_functions.hpp): sum, mean (all, or by dimension 1 or 2 as
/// MATLAB), row_sums, col_sums, row_means, col_means, softmax, log_softmax (by rows), mse,
/// bce, bce_with_logits, softmax_cross_entropy, trace, det, logdet, inv, norm (Frobenius),
/// diag, kron, transpose.
/// Shape errors name the op, both shapes and the place (file:line:col).

#include "../chainrule.hpp"
#include "ast.hpp"
#include "diagnostic.hpp"
#include "numbers.hpp"

#include <functional>
#include <optional>
#include <variant>

namespace chainrule::lang {

/// A node of a model: a scalar (Var) or a matrix (Mat).
using ModelValue = std::variant<Var<Real>, Mat<Real>>;

/// The node a Name node stands for; throws LangError when there is none.
using ValueResolver = std::function<ModelValue(const ExprNode& name)>;

/// True when `expression` reads a matrix: a matrix literal, a name that `resolve` maps to a
/// matrix, or a matrix function (sum, trace, …).
bool reads_matrix(const ExprNode& expression, const ValueResolver& resolve);

/// Records `expression` on `tape` and returns its node. Throws LangError (unknown
/// function, wrong arity, a shape that does not fit, a matrix where a number is needed,
/// division by a constant zero, …).
ModelValue record_value(Tape<Real>& tape, const ExprNode& expression, const Source& source,
                        const ValueResolver& resolve);

}  // namespace chainrule::lang
