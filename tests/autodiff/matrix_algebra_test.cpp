// The matrix-algebra ops (graph/mat_rules_algebra.hpp: trace, det, logdet, inv, norm, diag,
// kron): values against closed forms worked by hand, gradients against the identities of
// The Matrix Cookbook at known points, every op's gradient against 50-digit central
// differences (matrix_check.hpp) on random shapes, the conventions at singular matrices,
// and shape errors that name the op and the shape.
#include "matrix_check.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace matrix_algebra_test {

using namespace chainrule;
using namespace matrix_check;
using Catch::Contains;

namespace {

constexpr double kDoubleTol = 1e-10;
constexpr double kExactTol = 1e-25;

void check(const std::string& label, const std::vector<M>& matrices, const Builder& build) {
    const Report r = check_gradient(matrices, {}, build);
    INFO(label << ": double error " << r.double_error << ", 50-digit error " << r.exact_error << "; " << r.detail);
    CHECK(r.double_error <= kDoubleTol);
    CHECK(r.exact_error <= kExactTol);
}

M rnd(Eigen::Index r, Eigen::Index c, unsigned seed, double lo = -2, double hi = 2) {
    return random_matrix(r, c, lo, hi, seed);
}

// A random n×n matrix with n added to its diagonal: far from singular.
M well_conditioned(Eigen::Index n, unsigned seed) { return rnd(n, n, seed) + double(n) * M::Identity(n, n); }

M mat(std::initializer_list<std::initializer_list<double>> rows) {
    M m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
    Eigen::Index i = 0;
    for (const auto& row : rows) {
        Eigen::Index j = 0;
        for (double x : row) m(i, j++) = x;
        ++i;
    }
    return m;
}

// The gradient of a scalar function of one matrix variable with value `a`.
template <class F>
std::pair<double, M> value_and_gradient(const M& a, F f) {
    Tape<double> tape;
    const Mat<double> A = tape.variable(a, "A");
    const Var<double> y = f(A);
    return {y.value(), grad(y, {A}).front()};
}

}  // namespace

TEST_CASE("matrix algebra: values and gradients at points worked by hand") {
    const M a = mat({{1, 2}, {3, 4}});
    // det [1 2; 3 4] = −2; ∂ det/∂A = the cofactors [4 −3; −2 1] (Jacobi: det(A) A⁻ᵀ).
    auto [d, gd] = value_and_gradient(a, [](const Mat<double>& A) { return det(A); });
    CHECK(d == Approx(-2).epsilon(1e-15));
    CHECK(gd.isApprox(mat({{4, -3}, {-2, 1}}), 1e-14));
    // tr A = 5, ∂ tr A/∂A = I.
    auto [t, gt] = value_and_gradient(a, [](const Mat<double>& A) { return trace(A); });
    CHECK(t == 5);
    CHECK(gt == M::Identity(2, 2));
    // ln det [2 0; 0 3] = ln 6, ∂/∂A = A⁻ᵀ = diag(1/2, 1/3).
    auto [l, gl] = value_and_gradient(mat({{2, 0}, {0, 3}}), [](const Mat<double>& A) { return logdet(A); });
    CHECK(l == Approx(std::log(6.0)).epsilon(1e-15));
    CHECK(gl.isApprox(mat({{0.5, 0}, {0, 1.0 / 3}}), 1e-15));
    // ‖[3 4]‖_F = 5, ∂/∂A = A/5.
    auto [n, gn] = value_and_gradient(mat({{3, 4}}), [](const Mat<double>& A) { return norm(A); });
    CHECK(n == Approx(5).epsilon(1e-15));
    CHECK(gn.isApprox(mat({{0.6, 0.8}}), 1e-15));
    // inv [4 7; 2 6] = [0.6 −0.7; −0.2 0.4]; ∂ sum(A⁻¹)/∂A = −A⁻ᵀ 𝟏𝟏ᵀ A⁻ᵀ.
    Tape<double> tape;
    const Mat<double> A = tape.variable(mat({{4, 7}, {2, 6}}), "A");
    const Mat<double> Y = inv(A);
    CHECK(Y.value().isApprox(mat({{0.6, -0.7}, {-0.2, 0.4}}), 1e-15));
    const M yt = mat({{0.6, -0.7}, {-0.2, 0.4}}).transpose();
    CHECK(grad(sum(Y), {A}).front().isApprox(-(yt * M::Ones(2, 2) * yt), 1e-14));
    // kron([1 2], [1; 10]) = [1 2; 10 20]; diag of a column, a row, a matrix.
    const Mat<double> K = kron(tape.constant(mat({{1, 2}})), tape.constant(mat({{1}, {10}})));
    CHECK(K.value() == mat({{1, 2}, {10, 20}}));
    CHECK(diag(tape.constant(mat({{1}, {2}}))).value() == mat({{1, 0}, {0, 2}}));
    CHECK(diag(tape.constant(mat({{1, 2, 3}}))).value() == mat({{1, 0, 0}, {0, 2, 0}, {0, 0, 3}}));
    CHECK(diag(tape.constant(mat({{1, 2, 3}, {4, 5, 6}}))).value() == mat({{1}, {5}}));
}

TEST_CASE("matrix algebra: ∂ tr(XᵀAX)/∂X = (A + Aᵀ)X and ∂ ln det X/∂X = X⁻ᵀ (seed 002's table)") {
    const M x = rnd(3, 2, 11), a = rnd(3, 3, 12);
    Tape<double> tape;
    const Mat<double> X = tape.variable(x, "X"), A = tape.constant(a);
    const M g = grad(trace(transpose(X) * A * X), {X}).front();
    CHECK(g.isApprox((a + a.transpose()) * x, 1e-13));
    const M s = well_conditioned(3, 13);
    Tape<double> t2;
    const Mat<double> S = t2.variable(s, "S");
    CHECK(grad(logdet(S), {S}).front().isApprox(M(s.inverse().transpose()), 1e-13));
}

TEST_CASE("matrix algebra: every op against 50-digit central differences") {
    check("trace 4x4", {rnd(4, 4, 1)}, [](const Mats& m, const Vars&) { return trace(m[0]); });
    check("trace(X^T A X)", {rnd(3, 2, 2), rnd(3, 3, 3)},
          [](const Mats& m, const Vars&) { return trace(transpose(m[0]) * m[1] * m[0]); });
    for (Eigen::Index n = 1; n <= 4; ++n)
        check("det " + std::to_string(n) + "x" + std::to_string(n), {rnd(n, n, 10 + unsigned(n))},
              [](const Mats& m, const Vars&) { return det(m[0]); });
    check("det(A B)", {rnd(3, 3, 20), rnd(3, 3, 21)}, [](const Mats& m, const Vars&) { return det(m[0] * m[1]); });
    check("det 6x6 (by the inverse)", {well_conditioned(6, 19)}, [](const Mats& m, const Vars&) { return det(m[0]); });
    check("logdet 3x3", {well_conditioned(3, 22)}, [](const Mats& m, const Vars&) { return logdet(m[0]); });
    check("logdet(A A^T + 1)", {rnd(3, 3, 23)}, [](const Mats& m, const Vars&) {
        return logdet(m[0] * transpose(m[0]) + m[0].tape().constant(M::Identity(3, 3)));
    });
    check("inv 3x3", {well_conditioned(3, 24)}, [](const Mats& m, const Vars&) { return probe(inv(m[0])); });
    check("inv(A) B", {well_conditioned(2, 25), rnd(2, 3, 26)},
          [](const Mats& m, const Vars&) { return probe(inv(m[0]) * m[1]); });
    check("norm 3x4", {rnd(3, 4, 27)}, [](const Mats& m, const Vars&) { return norm(m[0]); });
    check("norm(A - B)", {rnd(2, 3, 28), rnd(2, 3, 29)}, [](const Mats& m, const Vars&) { return norm(m[0] - m[1]); });
    check("diag of a column", {rnd(3, 1, 30)}, [](const Mats& m, const Vars&) { return probe(diag(m[0])); });
    check("diag of a row", {rnd(1, 4, 31)}, [](const Mats& m, const Vars&) { return probe(diag(m[0])); });
    check("diag of 3x4", {rnd(3, 4, 32)}, [](const Mats& m, const Vars&) { return probe(diag(m[0])); });
    check("diag of 4x3", {rnd(4, 3, 33)}, [](const Mats& m, const Vars&) { return probe(diag(m[0])); });
    check("diag(diag(A))", {rnd(3, 3, 34)}, [](const Mats& m, const Vars&) { return probe(diag(diag(m[0]))); });
    check("kron 2x3 (x) 3x2", {rnd(2, 3, 35), rnd(3, 2, 36)}, [](const Mats& m, const Vars&) { return probe(kron(m[0], m[1])); });
    check("kron(A, A)", {rnd(2, 2, 37)}, [](const Mats& m, const Vars&) { return probe(kron(m[0], m[0])); });
}

TEST_CASE("matrix algebra: conventions at singular matrices") {
    // det of a singular matrix: 0, and its gradient the cofactors (adj Aᵀ), which still
    // exist: for [1 2; 2 4], [4 −2; −2 1]; for a rank-2 3×3 matrix below (computed minor
    // by minor, not as det(A)·A⁻ᵀ = rounding × huge).
    auto [d, gd] = value_and_gradient(mat({{1, 2}, {2, 4}}), [](const Mat<double>& A) { return det(A); });
    CHECK(d == 0);
    CHECK(gd == mat({{4, -2}, {-2, 1}}));
    const M rank2 = mat({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});  // det 0, rank 2
    auto [d3, g3] = value_and_gradient(rank2, [](const Mat<double>& A) { return det(A); });
    CHECK(std::abs(d3) < 1e-14);
    // Cofactors of [1 2 3; 4 5 6; 7 8 9], worked by hand: [−3 6 −3; 6 −12 6; −3 6 −3].
    CHECK(g3.isApprox(mat({{-3, 6, -3}, {6, -12, 6}, {-3, 6, -3}}), 1e-12));
    // ln det: −∞ at det 0, NaN at det < 0 (as the scalar log).
    CHECK(value_and_gradient(mat({{1, 2}, {2, 4}}), [](const Mat<double>& A) { return logdet(A); }).first ==
          -std::numeric_limits<double>::infinity());
    CHECK(std::isnan(value_and_gradient(mat({{0, 1}, {1, 0}}), [](const Mat<double>& A) { return logdet(A); }).first));
    // ‖0‖_F = 0 with gradient 0 (the subgradient of least norm).
    auto [n0, g0] = value_and_gradient(M::Zero(2, 2), [](const Mat<double>& A) { return norm(A); });
    CHECK(n0 == 0);
    CHECK(g0 == M::Zero(2, 2));
}

TEST_CASE("matrix algebra: a matrix that is not square is a ShapeError naming op and shape") {
    Tape<double> tape;
    const Mat<double> A = tape.variable(M::Ones(2, 3), "A");
    CHECK_THROWS_WITH(trace(A), Contains("trace") && Contains("2×3") && Contains("square"));
    CHECK_THROWS_WITH(det(A), Contains("det") && Contains("2×3"));
    CHECK_THROWS_WITH(logdet(A), Contains("logdet") && Contains("2×3"));
    CHECK_THROWS_WITH(inv(A), Contains("inv") && Contains("2×3"));
    CHECK_NOTHROW(norm(A));
    CHECK_NOTHROW(diag(A));
}

}  // namespace matrix_algebra_test
