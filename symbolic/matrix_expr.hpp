// chainrule::symbolic::MatExpr — an expression of matrix calculus, for printing matrix-form
// derivations (derivations/matrix_derivation.hpp) through the same machinery as scalar ones.
//
// A MatExpr is a cheap handle to an immutable tree. Its leaves are
//
//   scalar     a scalar Expr (1/3, a named scalar): printed by the scalar printer; a number
//              read from a tape (mat_number) prints as a decimal where it has one (0.5)
//   symbol     a named matrix (or scalar) with its shape, e.g. W (2×1)
//   adjoint    \partial J / \partial N: the adjoint of the named node N for the loss J
//   ones       \mathbf{1}, a column of ones (its length is what the product needs)
//
// and its inner nodes
//
//   sum        a_1 ± a_2 ± …          (a term that is a negation prints as " - a")
//   negation   -a
//   product    a b                    the matrix product; a scalar factor scales
//   hadamard   a \odot b              elementwise product
//   quotient   a \oslash b            elementwise quotient
//   transpose  a^\top
//   power      a^{\circ p}            elementwise power, p a scalar Expr
//   map        f(a), f'(a)            a catalogue function applied elementwise (or its derivative)
//   apply      sum(a), softmax(a), MSE(a, b) … a function of whole matrices (MatFunction)
//   positive   [a > 0]                elementwise indicator (Iverson bracket)
//
// Nothing is simplified but 1·a = a·1 = a, I·a = a for a surely matrix-sized a, (aᵀ)ᵀ = a,
// (PQ)ᵀ = QᵀPᵀ, a^{∘1} = a and nesting of one associative operation (sums, matrix
// products, ⊙: (a + b) + c = a + b + c); spread_hadamard writes (s𝟏𝟏ᵀ) ⊙ b as s b where the
// caller knows b has the full shape. So the printed form is the form the derivation wrote. Layout: the gradient of a scalar by a
// matrix has the matrix's shape (the "denominator layout" of The Matrix Cookbook, §2).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "expr.hpp"

namespace chainrule::symbolic {

/// A matrix shape, rows × columns (a scalar is 1 × 1).
struct MatShape {
    std::int64_t rows = 1;
    std::int64_t cols = 1;
};

/// Functions of whole matrices that matrix-form derivations print.
enum class MatFunction : std::uint8_t {
    sum,                    ///< the sum of all entries
    mean,                   ///< their mean
    softmax,                ///< by rows
    log_softmax,            ///< by rows
    mse,                    ///< mean squared error of (prediction, target)
    bce_with_logits,        ///< binary cross-entropy of (logits, target)
    softmax_cross_entropy,  ///< cross-entropy of softmax(logits) against one-hot targets
    trace,                  ///< tr A
    det,                    ///< det A
    logdet,                 ///< ln det A
    frobenius_norm,         ///< ‖A‖_F
    inverse,                ///< A⁻¹
    inverse_transpose,      ///< A⁻ᵀ (the gradients of det and ln det)
    normalized,             ///< A / ‖A‖_F (the gradient of the norm)
    diag,                   ///< as MATLAB: the diagonal matrix of a vector, the diagonal of a matrix
    kron,                   ///< A ⊗ B
    kron_left_adjoint,      ///< (G, B) ↦ [tr(G_[ij]ᵀ B)]_ij: the adjoint of A in A ⊗ B (G_[ij] the p×q blocks of G)
    kron_right_adjoint,     ///< (G, A) ↦ Σ_ij A_ij G_[ij]: the adjoint of B
    identity,               ///< I (no arguments; the shape of the matrix it stands next to)
};

class MatExpr {
public:
    enum class Kind : std::uint8_t {
        scalar, symbol, adjoint, ones, sum, negation, product, hadamard, quotient, transpose, power, map, apply,
        positive
    };

    /// The scalar 0 (an empty definition).
    MatExpr();

    Kind kind() const;
    /// The children (sum terms, factors, the argument of a map…), in order.
    const std::vector<MatExpr>& operands() const;
    /// scalar: the value; power: the exponent.
    const Expr& scalar() const;
    /// symbol: its name; adjoint: the name of N (the loss is loss_name()).
    const std::string& name() const;
    const std::string& loss_name() const;
    /// symbol: its shape.
    MatShape shape() const;
    /// map: the function, and whether this is its derivative f'.
    Function function() const;
    bool derivative() const;
    /// apply: the matrix function.
    MatFunction matrix_function() const;

    /// True for the scalar leaf 1.
    bool is_one() const;
    /// scalar: a number read from a tape, printed as a decimal (mat_number); power: the
    /// same for the exponent.
    bool decimal() const;

    struct Node;

private:
    explicit MatExpr(std::shared_ptr<const Node> n) : n_(std::move(n)) {}
    friend MatExpr make_mat(Node n);
    std::shared_ptr<const Node> n_;
};

/// An exact scalar: 1/3 prints \frac{1}{3}.
MatExpr mat_scalar(const Expr& value);
/// A number recorded on a tape: printed as its decimal when it has a short one (0.5, 0.01),
/// as the worksheets print recorded numbers.
MatExpr mat_number(const Expr& value);
MatExpr mat_symbol(std::string name, MatShape shape);
MatExpr mat_adjoint(std::string loss, std::string of);
MatExpr mat_ones();

MatExpr operator+(const MatExpr& a, const MatExpr& b);
MatExpr operator-(const MatExpr& a, const MatExpr& b);
MatExpr operator-(const MatExpr& a);
/// The matrix product a b (a scalar factor scales the other; 1·b = b; I·b = b when b is
/// surely a matrix, known_matrix in matrix_expr.cpp).
MatExpr operator*(const MatExpr& a, const MatExpr& b);
MatExpr hadamard(const MatExpr& a, const MatExpr& b);
/// a ⊙ b, where a is often the s 𝟏𝟏ᵀ a sum or mean spreads (then s b). Only for a b of the
/// full shape (not a broadcast row, column or scalar): the caller knows the shapes.
MatExpr spread_hadamard(const MatExpr& spread, const MatExpr& b);
MatExpr hadamard_quotient(const MatExpr& a, const MatExpr& b);
/// aᵀ; the transpose of a transpose is a itself, of I or a scalar the same, of a product
/// the reversed transposes ((PQ)ᵀ = QᵀPᵀ, scalar factors in front).
MatExpr transpose(const MatExpr& a);
/// a^{∘p}, entry by entry; a^{∘1} is a. With `decimal`, p is a number from a tape and
/// prints as its decimal (0.75) where it has one.
MatExpr hadamard_power(const MatExpr& a, const Expr& exponent, bool decimal = false);
/// f applied entry by entry (f a catalogue function: sigmoid, tanh, exp …); with
/// `derivative` its derivative f' applied entry by entry.
MatExpr elementwise(Function f, const MatExpr& a, bool derivative = false);
MatExpr apply(MatFunction f, std::vector<MatExpr> arguments);
/// [a > 0] (Iverson bracket): 1 where an entry of a is positive, 0 elsewhere (relu's derivative,
/// with relu'(0) = 0 as on the tape).
MatExpr positive_indicator(const MatExpr& a);

}  // namespace chainrule::symbolic
