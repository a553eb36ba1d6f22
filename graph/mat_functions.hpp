#pragma once
/// \file mat_functions.hpp
/// Ops on Mat<T> (matrix nodes), each recording one node on the tape of its operands
/// (docs/matrix.md has the table with shapes and formulas):
///   - `A * B` / `matmul(A, B)` (matrix product), `transpose(A)`;
///   - `A + B`, `A - B`, `hadamard(A, B)`, `A / B` elementwise with broadcasting (a 1×c row,
///     an r×1 column or a scalar Var fits any r×c); `s * A`, `A * s`, `A / s`, `A + s`, …
///     for a scalar Var s (a 1×1 operand) or a plain number p (one `map` node);
///   - every function of one argument of the core elementwise (`exp`, `sigmoid`, `relu`,
///     `pow(A, p)`, `leaky_relu(A, slope)`, …) and `atan2 hypot min max pow` of two Mats;
///   - `sum`, `mean` (→ scalar Var), `row_sums`, `col_sums`, `row_means`, `col_means`;
///   - `reshape(A, r, c)` (column-major), `slice_rows(A, first, count)`;
///   - `softmax`, `log_softmax` (of each row, stable);
///   - losses (→ scalar Var): `mse_loss(P, Y)`, `bce_with_logits(Z, Y)`,
///     `softmax_cross_entropy(Z, Y)` (one-hot rows) or `(Z, labels)` (integer labels).
/// Errors: ShapeError naming the op and both shapes; TapeMismatchError/StaleHandleError as
/// for Var. Values and partials of the elementwise functions are the scalar rules of
/// ops/rules_*.hpp, with the same conventions (docs/conventions.md).

#include "mat_record.hpp"
#include "var_functions.hpp"

#include <span>
#include <string>

namespace chainrule {

template <class C>
struct is_mat : std::false_type {};
template <class T>
struct is_mat<Mat<T>> : std::true_type {};

/// A plain number usable next to a Mat<T> (not a handle).
template <class C, class T>
concept MatConstantFor = ConstantFor<C, T> && !is_mat<std::remove_cvref_t<C>>::value;

namespace detail {

/// Records a one-input matrix op on x's tape.
template <class T>
NodeIndex record_on(const Mat<T>& x, MatEntry<T> e) {
    Tape<T>& tape = x.tape();
    const NodeIndex i = tape.check(x, e.op);
    return record_matrix(tape, std::move(e), i);
}
/// Records a one-input matrix op with a scalar value (sum, trace, det …) on x's tape.
template <class T>
Var<T> scalar_node(const Mat<T>& x, OpKind op) {
    return x.tape().var(record_on(x, mat_args<T>(op)));
}
template <class T>
Mat<T> mat_node(const Mat<T>& x, MatEntry<T> e) {
    return x.tape().mat(record_on(x, std::move(e)));
}
/// Elementwise f(x) (and f(x; p)) for a unary or param op.
template <class T>
Mat<T> map(OpKind elem, const Mat<T>& x, const T& p = T(0)) {
    return mat_node(x, mat_args<T>(OpKind::MatMap, elem, p));
}
/// The tape of a (Mat, Mat), (Mat, Var) or (Var, Mat) pair.
template <class T, template <class> class A, template <class> class B>
Tape<T>& tape_of(const A<T>& a, const B<T>& b) {
    if constexpr (std::is_same_v<A<T>, Mat<T>>)
        return a.tape();
    else
        return b.tape();
}
/// Two-input matrix op `op` (for MatZip: elementwise `elem` with broadcasting).
template <class T, template <class> class A, template <class> class B>
NodeIndex record_pair(OpKind op, OpKind elem, const A<T>& a, const B<T>& b) {
    Tape<T>& tape = tape_of(a, b);
    const OpKind named = op == OpKind::MatZip ? elem : op;
    const NodeIndex i = tape.check(a, named), j = tape.check(b, named);
    return record_matrix(tape, mat_args<T>(op, elem), i, j);
}
template <class T, template <class> class A, template <class> class B>
Mat<T> zip(OpKind elem, const A<T>& a, const B<T>& b) {
    return tape_of(a, b).mat(record_pair(OpKind::MatZip, elem, a, b));
}

}  // namespace detail

// ---------------------------------------------------------------- products and shapes
/// Y = A B: (m×n)(n×p) → m×p (Eigen GEMM). Ā = Ȳ Bᵀ, B̄ = Aᵀ Ȳ.
template <class T>
Mat<T> matmul(const Mat<T>& a, const Mat<T>& b) {
    return a.tape().mat(detail::record_pair(OpKind::MatMul, OpKind::Input, a, b));
}
/// The matrix product (not elementwise: that is hadamard()).
template <class T>
Mat<T> operator*(const Mat<T>& a, const Mat<T>& b) {
    return matmul(a, b);
}
/// Aᵀ: m×n → n×m.
template <class T>
Mat<T> transpose(const Mat<T>& a) {
    return detail::mat_node(a, detail::mat_args<T>(OpKind::Transpose));
}
/// The same elements, read in column-major order, as a rows×cols matrix (same count).
template <class T>
Mat<T> reshape(const Mat<T>& a, Eigen::Index rows, Eigen::Index cols) {
    auto e = detail::mat_args<T>(OpKind::Reshape);
    e.shape = {rows, cols};
    return detail::mat_node(a, e);
}
/// Rows first … first + count − 1 of A (a mini-batch): count×n.
template <class T>
Mat<T> slice_rows(const Mat<T>& a, Eigen::Index first, Eigen::Index count) {
    auto e = detail::mat_args<T>(OpKind::SliceRows);
    e.offset = first;
    e.shape = {count, 1};
    return detail::mat_node(a, e);
}

// ---------------------------------------------------------------- elementwise, broadcasting
/// A ⊙ B (Hadamard product) with broadcasting.
template <class T>
Mat<T> hadamard(const Mat<T>& a, const Mat<T>& b) {
    return detail::zip(OpKind::Mul, a, b);
}

// A ∘ B for Mat∘Mat, Mat∘Var, Var∘Mat (a scalar Var is a 1×1 operand), and with a plain
// number p as one param map node (x + p, p + x, …: the scalar param ops elementwise).
#define CHAINRULE_MAT_ARITHMETIC(op, Op, VarConst, ConstVar)                                  \
    template <class T>                                                                        \
    Mat<T> operator op(const Mat<T>& a, const Mat<T>& b) {                                    \
        return detail::zip(OpKind::Op, a, b);                                                 \
    }                                                                                         \
    template <class T>                                                                        \
    Mat<T> operator op(const Mat<T>& a, const Var<T>& b) {                                    \
        return detail::zip(OpKind::Op, a, b);                                                 \
    }                                                                                         \
    template <class T>                                                                        \
    Mat<T> operator op(const Var<T>& a, const Mat<T>& b) {                                    \
        return detail::zip(OpKind::Op, a, b);                                                 \
    }                                                                                         \
    template <class T, class C>                                                               \
        requires MatConstantFor<C, T>                                                         \
    Mat<T> operator op(const Mat<T>& a, const C& p) {                                         \
        return detail::map(OpKind::VarConst, a, T(p));                                        \
    }                                                                                         \
    template <class T, class C>                                                               \
        requires MatConstantFor<C, T>                                                         \
    Mat<T> operator op(const C& p, const Mat<T>& b) {                                         \
        return detail::map(OpKind::ConstVar, b, T(p));                                        \
    }
CHAINRULE_MAT_ARITHMETIC(+, Add, AddConst, ConstAdd)
CHAINRULE_MAT_ARITHMETIC(-, Sub, SubConst, ConstSub)
CHAINRULE_MAT_ARITHMETIC(/, Div, DivConst, ConstDiv)
#undef CHAINRULE_MAT_ARITHMETIC

/// s·A and A·s for a scalar Var s (broadcast 1×1 operand): s̄ = Σ Ȳ ⊙ A.
template <class T>
Mat<T> operator*(const Var<T>& s, const Mat<T>& a) {
    return detail::zip(OpKind::Mul, s, a);
}
template <class T>
Mat<T> operator*(const Mat<T>& a, const Var<T>& s) {
    return detail::zip(OpKind::Mul, a, s);
}
/// p·A and A·p for a plain number p (one map node).
template <class T, class C>
    requires MatConstantFor<C, T>
Mat<T> operator*(const C& p, const Mat<T>& a) {
    return detail::map(OpKind::MulConst, a, T(p));
}
template <class T, class C>
    requires MatConstantFor<C, T>
Mat<T> operator*(const Mat<T>& a, const C& p) {
    return detail::map(OpKind::MulConst, a, T(p));
}

// Every function of one argument, elementwise, under its name and aliases (the catalogue,
// ops/catalogue.hpp): exp(A), sigmoid(A), relu(A), -A, sqrt(A), …
#define CHAINRULE_MAT_UNARY(fn, Op)                   \
    template <class T>                                \
    Mat<T> fn(const Mat<T>& x) {                      \
        return detail::map(OpKind::Op, x);            \
    }
#define CHAINRULE_MAT_UNARY_ROW(Op, fn, ...) \
    CHAINRULE_MAT_UNARY(fn, Op) CHAINRULE_EACH_ALIAS(CHAINRULE_MAT_UNARY, Op, __VA_ARGS__)
CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_MAT_UNARY_ROW)
CHAINRULE_MAT_UNARY(operator-, Neg)
CHAINRULE_MAT_UNARY(sqrt, Sqrt)
#undef CHAINRULE_MAT_UNARY_ROW
#undef CHAINRULE_MAT_UNARY

// atan2, hypot, min, max, logaddexp and pow elementwise with broadcasting (Mat or scalar
// Var operands).
#define CHAINRULE_MAT_BINARY(fn, Op)                               \
    template <class T>                                             \
    Mat<T> fn(const Mat<T>& a, const Mat<T>& b) {                  \
        return detail::zip(OpKind::Op, a, b);                      \
    }                                                              \
    template <class T>                                             \
    Mat<T> fn(const Mat<T>& a, const Var<T>& b) {                  \
        return detail::zip(OpKind::Op, a, b);                      \
    }                                                              \
    template <class T>                                             \
    Mat<T> fn(const Var<T>& a, const Mat<T>& b) {                  \
        return detail::zip(OpKind::Op, a, b);                      \
    }
#define CHAINRULE_MAT_BINARY_ROW(Op, fn, ...) CHAINRULE_MAT_BINARY(fn, Op)
CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_MAT_BINARY_ROW)
#undef CHAINRULE_MAT_BINARY_ROW
CHAINRULE_MAT_BINARY(logaddexp, LogAddExp)
CHAINRULE_MAT_BINARY(pow, Pow)
#undef CHAINRULE_MAT_BINARY

/// A^p elementwise for a constant exponent p.
template <class T, class C>
    requires MatConstantFor<C, T>
Mat<T> pow(const Mat<T>& x, const C& p) {
    return detail::map(OpKind::PowConst, x, T(p));
}
/// p^A elementwise for a constant base p ≥ 0.
template <class T, class C>
    requires MatConstantFor<C, T>
Mat<T> pow(const C& p, const Mat<T>& x) {
    return detail::map(OpKind::ExpBase, x, T(p));
}
/// log_p(A) elementwise for a constant base p > 0, p ≠ 1.
template <class T, class C>
    requires MatConstantFor<C, T>
Mat<T> log(const Mat<T>& x, const C& base) {
    return detail::map(OpKind::LogBase, x, T(base));
}
/// Leaky rectifier elementwise, slope α for x ≤ 0 (default 0.01, as PyTorch).
template <class T, class C = double>
    requires MatConstantFor<C, T>
Mat<T> leaky_relu(const Mat<T>& x, const C& slope = C(0.01)) {
    return detail::map(OpKind::LeakyRelu, x, T(slope));
}

// ---------------------------------------------------------------- reductions
/// Σ_ij A_ij, a scalar node.
template <class T>
Var<T> sum(const Mat<T>& a) {
    return detail::scalar_node(a, OpKind::MatSum);
}
/// (1/(rc)) Σ_ij A_ij, a scalar node.
template <class T>
Var<T> mean(const Mat<T>& a) {
    return detail::scalar_node(a, OpKind::MatMean);
}
// One-input ops giving a matrix: row_sums(A) (r×c → r×1), col_sums(A) (→ 1×c), row_means,
// col_means, and softmax(Z) / log_softmax(Z) of each row (n×k → n×k): S_ij = e^{Z_ij} /
// Σ_l e^{Z_il} and Z_ij − m_i − ln Σ_l e^{Z_il − m_i}, computed with the row maximum m_i
// subtracted (no overflow).
#define CHAINRULE_MAT_ONE_INPUT(fn, Op)                                   \
    template <class T>                                                    \
    Mat<T> fn(const Mat<T>& a) {                                          \
        return detail::mat_node(a, detail::mat_args<T>(OpKind::Op));      \
    }
CHAINRULE_MAT_ONE_INPUT(row_sums, RowSums)
CHAINRULE_MAT_ONE_INPUT(col_sums, ColSums)
CHAINRULE_MAT_ONE_INPUT(row_means, RowMeans)
CHAINRULE_MAT_ONE_INPUT(col_means, ColMeans)
CHAINRULE_MAT_ONE_INPUT(softmax, Softmax)
CHAINRULE_MAT_ONE_INPUT(log_softmax, LogSoftmax)
#undef CHAINRULE_MAT_ONE_INPUT

// ---------------------------------------------------------------- matrix algebra
// (mat_rules_algebra.hpp: values by LU with partial pivoting; gradients and conventions at
// singular matrices there and in docs/matrix.md, "Matrix algebra".)
/// tr A = Σ_i A_ii, a scalar node. ShapeError unless A is square. ∂ tr A/∂A = I.
template <class T>
Var<T> trace(const Mat<T>& a) {
    return detail::scalar_node(a, OpKind::Trace);
}
/// det A, a scalar node. ShapeError unless A is square. ∂ det A/∂A = adj(A)ᵀ = det(A) A⁻ᵀ
/// (Jacobi's formula; the adjugate also where A is singular).
template <class T>
Var<T> det(const Mat<T>& a) {
    return detail::scalar_node(a, OpKind::Det);
}
/// ln det A, a scalar node (−∞ when det A = 0, NaN when det A < 0). ShapeError unless A is
/// square. ∂ ln det A/∂A = A⁻ᵀ.
template <class T>
Var<T> logdet(const Mat<T>& a) {
    return detail::scalar_node(a, OpKind::LogDet);
}
/// A⁻¹. ShapeError unless A is square; a singular A gives non-finite entries. Ā += −A⁻ᵀ Ȳ A⁻ᵀ.
template <class T>
Mat<T> inv(const Mat<T>& a) {
    return detail::mat_node(a, detail::mat_args<T>(OpKind::Inverse));
}
/// The Frobenius norm ‖A‖_F = (Σ_ij A_ij²)^{1/2}, a scalar node. ∂‖A‖_F/∂A = A/‖A‖_F (0 at A = 0).
template <class T>
Var<T> norm(const Mat<T>& a) {
    return detail::scalar_node(a, OpKind::FrobeniusNorm);
}
/// As MATLAB: diag(v) of a vector (n×1 or 1×n) is the n×n diagonal matrix, diag(A) of a
/// matrix the column of its diagonal (min(m, n)×1).
template <class T>
Mat<T> diag(const Mat<T>& a) {
    return detail::mat_node(a, detail::mat_args<T>(OpKind::Diag));
}
/// The Kronecker product A ⊗ B: (m×n) ⊗ (p×q) → mp×nq, blocks A_ij B.
template <class T>
Mat<T> kron(const Mat<T>& a, const Mat<T>& b) {
    return a.tape().mat(detail::record_pair(OpKind::Kron, OpKind::Input, a, b));
}

// ---------------------------------------------------------------- losses
#define CHAINRULE_MAT_LOSS(fn, Op)                                                   \
    template <class T>                                                               \
    Var<T> fn(const Mat<T>& prediction, const Mat<T>& target) {                      \
        return prediction.tape().var(detail::record_pair(OpKind::Op, OpKind::Input, prediction, target)); \
    }
/// Mean squared error \f$\frac{1}{N}\sum (P - Y)^2\f$ over all N elements (P, Y same shape).
CHAINRULE_MAT_LOSS(mse_loss, MseLoss)
/// Binary cross-entropy with logits \f$\frac{1}{N}\sum \operatorname{softplus}(Z) - Y Z\f$ over all
/// N elements: the cross-entropy of σ(Z) against targets Y ∈ [0, 1], without log(0).
CHAINRULE_MAT_LOSS(bce_with_logits, BceWithLogits)
/// Softmax cross-entropy with logits \f$-\frac{1}{n}\sum_{ij} Y_{ij}\,\mathrm{logsoftmax}(Z)_{ij}\f$ for
/// n×k logits Z and targets Y of the same shape (one-hot rows or distributions).
CHAINRULE_MAT_LOSS(softmax_cross_entropy, SoftmaxCrossEntropy)
#undef CHAINRULE_MAT_LOSS

/// Softmax cross-entropy with integer labels (label_i ∈ [0, k) for row i of the n×k
/// logits): the one-hot targets are recorded as a constant leaf. Throws ShapeError when
/// there are not n labels, Error for a label outside [0, k).
template <class T>
Var<T> softmax_cross_entropy(const Mat<T>& logits, std::span<const int> labels) {
    const Shape s = logits.shape();
    if (static_cast<Eigen::Index>(labels.size()) != s.rows)
        throw ShapeError("chainrule: softmax_cross_entropy: " + std::to_string(labels.size()) +
                         " labels for logits of shape " + shape_text(s) + " (one label per row)");
    Matrix<T> one_hot = Matrix<T>::Zero(s.rows, s.cols);
    for (Eigen::Index i = 0; i < s.rows; ++i) {
        const int label = labels[static_cast<std::size_t>(i)];
        if (label < 0 || label >= s.cols)
            throw Error("chainrule: softmax_cross_entropy: label " + std::to_string(label) + " of row " +
                        std::to_string(i) + " is not a class of logits with " + std::to_string(s.cols) + " columns");
        one_hot(i, label) = T(1);
    }
    return softmax_cross_entropy(logits, logits.tape().constant(one_hot));
}

}  // namespace chainrule
