#pragma once
// Every matrix op of graph/op_kind.hpp (CHAINRULE_MATRIX_OPS) recorded on fresh leaves at a
// random point, generic in the scalar type: the scalar expansion's values are checked on
// them in 50 digits (scalar_expansion_test.cpp), gradcheck of matrix tapes in double
// (matrix_gradcheck_test.cpp). Points stay inside each op's domain (positive where log,
// sqrt, pow or a division needs it; diagonally dominant where det, ln det or the inverse
// needs a well-conditioned matrix).
#include "matrix_check.hpp"

#include <functional>
#include <string>
#include <vector>

namespace matrix_op_cases {

using namespace chainrule;

/// A case: records the op on new variables (and constants) of `tape`; returns its node.
template <class T>
struct Case {
    std::string name;
    std::function<NodeIndex(Tape<T>&)> record;
};

/// Uniform random entries in [lo, hi], as T (deterministic for a seed).
template <class T>
Matrix<T> rnd(Eigen::Index rows, Eigen::Index cols, unsigned seed, double lo = -2, double hi = 2) {
    return matrix_check::random_matrix(rows, cols, lo, hi, seed).unaryExpr([](double v) { return T(v); });
}

/// Entries in [−1, 1] plus 2n on the diagonal: strictly diagonally dominant with a positive
/// diagonal, so det > 0 (Gershgorin) and far from singular.
template <class T>
Matrix<T> dominant(Eigen::Index n, unsigned seed) {
    Matrix<T> m = rnd<T>(n, n, seed, -1, 1);
    for (Eigen::Index i = 0; i < n; ++i) m(i, i) += T(2 * n);
    return m;
}

template <class T>
std::vector<Case<T>> cases() {
    using M = Matrix<T>;
    const auto var = [](Tape<T>& t, const M& m, const char* name) { return t.variable(m, name); };
    std::vector<Case<T>> c;
    const auto one = [&c, var](std::string name, Eigen::Index r, Eigen::Index k, auto f, double lo = -2, double hi = 2) {
        c.push_back({std::move(name), [=](Tape<T>& t) { return f(var(t, rnd<T>(r, k, 11, lo, hi), "A")).index(); }});
    };
    const auto two = [&c, var](std::string name, Eigen::Index r1, Eigen::Index c1, Eigen::Index r2, Eigen::Index c2,
                               auto f, double lo = -2, double hi = 2) {
        c.push_back({std::move(name), [=](Tape<T>& t) {
                         const auto a = var(t, rnd<T>(r1, c1, 21, lo, hi), "A");  // A before B: the leaves' order
                         return f(a, var(t, rnd<T>(r2, c2, 22, lo, hi), "B")).index();
                     }});
    };
    // products and shapes
    two("matmul", 3, 4, 4, 2, [](auto a, auto b) { return a * b; });
    c.push_back({"matmul with a constant left factor", [](Tape<T>& t) {
                     const auto x = t.constant(rnd<T>(3, 2, 5));
                     return (x * t.variable(rnd<T>(2, 3, 6), "W")).index();
                 }});
    one("transpose", 2, 3, [](auto a) { return transpose(a); });
    one("reshape", 2, 3, [](auto a) { return reshape(a, 3, 2); });
    one("slice_rows", 4, 3, [](auto a) { return slice_rows(a, 1, 2); });
    // elementwise: unary and param ops (MatMap)
    one("exp", 2, 3, [](auto a) { return exp(a); });
    one("tanh", 2, 3, [](auto a) { return tanh(a); });
    one("sigmoid", 2, 3, [](auto a) { return sigmoid(a); });
    one("softplus", 2, 3, [](auto a) { return softplus(a); });
    one("sin", 2, 3, [](auto a) { return sin(a); });
    one("negation", 2, 3, [](auto a) { return -a; });
    one("log", 2, 3, [](auto a) { return log(a); }, 0.5, 3);
    one("sqrt", 2, 3, [](auto a) { return sqrt(a); }, 0.5, 3);
    one("pow_const", 2, 3, [](auto a) { return pow(a, 3); });
    one("exp_base", 2, 3, [](auto a) { return pow(2.5, a); });
    one("log_base", 2, 3, [](auto a) { return log(a, 3.0); }, 0.5, 3);
    one("leaky_relu", 3, 3, [](auto a) { return leaky_relu(a, 0.1); });
    one("add_const, const_sub, mul_const, div_const", 2, 3, [](auto a) { return (2.5 - (a + 1.5)) * 3 / 4; });
    one("const_div", 2, 3, [](auto a) { return 3 / a; }, 0.5, 3);
    // elementwise: binary ops with broadcasting (MatZip)
    two("add", 2, 3, 2, 3, [](auto a, auto b) { return a + b; });
    two("sub with a broadcast row", 3, 4, 1, 4, [](auto a, auto b) { return a - b; });
    two("hadamard with a broadcast column", 3, 4, 3, 1, [](auto a, auto b) { return hadamard(a, b); });
    two("div", 2, 3, 2, 3, [](auto a, auto b) { return a / b; }, 0.5, 3);
    two("outer sum of a column and a row", 3, 1, 1, 4, [](auto a, auto b) { return a + b; });
    two("broadcast 1×1 divisor", 2, 3, 1, 1, [](auto a, auto b) { return a / b; }, 0.5, 3);
    two("pow", 2, 3, 2, 3, [](auto a, auto b) { return pow(a, b); }, 0.5, 2);
    two("atan2", 2, 3, 2, 3, [](auto a, auto b) { return atan2(a, b); });
    two("hypot", 2, 3, 2, 3, [](auto a, auto b) { return hypot(a, b); });
    two("max", 2, 3, 2, 3, [](auto a, auto b) { return max(a, b); });
    two("min", 2, 3, 2, 3, [](auto a, auto b) { return min(a, b); });
    two("logaddexp", 2, 3, 2, 3, [](auto a, auto b) { return logaddexp(a, b); });
    c.push_back({"scalar variable times a matrix, plus a scalar", [](Tape<T>& t) {
                     const auto s = t.variable(T(0.7), "s");
                     const auto u = t.variable(T(-1.3), "u");
                     return (s * t.variable(rnd<T>(2, 3, 7), "A") + u).index();
                 }});
    // sums and means
    one("sum", 3, 4, [](auto a) { return sum(a); });
    one("mean", 3, 4, [](auto a) { return mean(a); });
    one("row_sums", 3, 4, [](auto a) { return row_sums(a); });
    one("col_sums", 3, 4, [](auto a) { return col_sums(a); });
    one("row_means", 3, 4, [](auto a) { return row_means(a); });
    one("col_means", 3, 4, [](auto a) { return col_means(a); });
    // softmax and the losses
    one("softmax", 3, 4, [](auto a) { return softmax(a); });
    one("log_softmax", 3, 4, [](auto a) { return log_softmax(a); });
    two("mse_loss", 3, 2, 3, 2, [](auto p, auto y) { return mse_loss(p, y); });
    c.push_back({"bce_with_logits", [](Tape<T>& t) {
                     const auto z = t.variable(rnd<T>(4, 2, 8), "Z");
                     return bce_with_logits(z, t.variable(rnd<T>(4, 2, 9, 0, 1), "Y")).index();
                 }});
    c.push_back({"softmax_cross_entropy with target distributions", [](Tape<T>& t) {
                     const auto z = t.variable(rnd<T>(3, 4, 8), "Z");
                     return softmax_cross_entropy(z, t.variable(rnd<T>(3, 4, 9, 0, 1), "Y")).index();
                 }});
    c.push_back({"softmax_cross_entropy with labels", [](Tape<T>& t) {
                     const std::vector<int> labels{2, 0, 3};
                     return softmax_cross_entropy(t.variable(rnd<T>(3, 4, 8), "Z"), std::span<const int>(labels)).index();
                 }});
    // matrix algebra
    one("trace", 3, 3, [](auto a) { return trace(a); });
    for (int n = 1; n <= 6; ++n)
        one("det " + std::to_string(n) + "×" + std::to_string(n), n, n, [](auto a) { return det(a); });
    for (int n : {3, 6})
        c.push_back({"logdet " + std::to_string(n) + "×" + std::to_string(n),
                     [n](Tape<T>& t) { return logdet(t.variable(dominant<T>(n, 12), "A")).index(); }});
    for (int n : {3, 5})
        c.push_back({"inv " + std::to_string(n) + "×" + std::to_string(n),
                     [n](Tape<T>& t) { return inv(t.variable(dominant<T>(n, 13), "A")).index(); }});
    one("norm", 2, 3, [](auto a) { return norm(a); });
    one("norm of one entry", 1, 1, [](auto a) { return norm(a); });
    one("diag of a row", 1, 3, [](auto a) { return diag(a); });
    one("diag of a column", 3, 1, [](auto a) { return diag(a); });
    one("diag of a wide matrix", 3, 4, [](auto a) { return diag(a); });
    one("diag of a tall matrix", 4, 2, [](auto a) { return diag(a); });
    two("kron", 2, 3, 2, 2, [](auto a, auto b) { return kron(a, b); });
    // scalar ops after matrix ops, and a matrix op of a scalar result
    c.push_back({"scalar ops of matrix results", [](Tape<T>& t) {
                     const auto a = t.variable(rnd<T>(3, 3, 14), "A");
                     const auto s = t.variable(T(0.4), "s");
                     return (exp(mean(a)) * s + det(a) / (1 + sum(hadamard(a, a)))).index();
                 }});
    return c;
}

}  // namespace matrix_op_cases
