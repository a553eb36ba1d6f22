// Matrix-form worksheets of models with the matrix-algebra ops (issue 18): seed 002's
// identities ∂ tr(XᵀAX)/∂X = (A + Aᵀ)X and ∂ ln det X/∂X = X⁻ᵀ as the sheet writes them,
// with numbers equal to those closed forms computed independently here in 50 digits (to
// 1e-40); the rules of the ops stated on the sheet.
#include "derivations/matrix_derivation.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"
#include "symbolic/matrix_latex_printer.hpp"
#include "matrix_steps.hpp"
#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

namespace matrix_algebra_worksheet_test {

using namespace chainrule;
using namespace chainrule::derivations;
using Catch::Contains;
using symbolic::to_latex;

namespace {

using matrix_steps::gradient_of;

Matrix<Real> real(const Matrix<double>& m) { return m.cast<Real>(); }

Real max_difference(const Matrix<Real>& a, const Matrix<Real>& b) {
    REQUIRE(a.rows() == b.rows());
    REQUIRE(a.cols() == b.cols());
    Real worst(0);
    for (Eigen::Index i = 0; i < a.size(); ++i)
        if (const Real d = abs(a(i) - b(i)); d > worst) worst = d;
    return worst;
}

}  // namespace

TEST_CASE("matrix algebra worksheet: ∂ tr(XᵀAX)/∂X = (A + Aᵀ)X, numbers to 1e-40") {
    const Matrix<double> x{{0.5, -1.0}, {2.0, 0.25}, {-0.75, 1.5}};
    const Matrix<double> a{{1.0, 2.0, 0.0}, {-1.0, 0.5, 3.0}, {0.25, 0.0, -2.0}};
    Tape<double> tape;
    const auto X = tape.variable(x, "X");
    const auto A = tape.constant(a, "A");
    const auto Q = (transpose(X) * A * X).named("Q");
    const auto J = trace(Q).named("J");
    const MatrixDerivation d = derive_matrix(tape, J);
    // ∂J/∂Q = I (J is the loss: its own adjoint is 1), then the product rule through
    // Q = XᵀAX gives two terms whose sum is (A + Aᵀ)X.
    CHECK(to_latex(gradient_of(d, "Q").formula) == "I");
    const std::string dx = to_latex(gradient_of(d, "X").formula);
    CHECK_THAT(dx, Contains("\\frac{\\partial J}{\\partial Q}"));
    // (Aᵀ)ᵀ is written A: the product rule through Xᵀ S X with X a constant gives X Q̄ Xᵀ.
    CHECK(to_latex(symbolic::transpose(symbolic::transpose(symbolic::mat_symbol("X", {3, 2})))) == "X");
    const Matrix<Real> expected = (real(a) + real(a).transpose()) * real(x);
    CHECK(max_difference(gradient_of(d, "X").value, expected) < Real("1e-40"));
    const std::string md = render_markdown(matrix_worksheet_document(d));
    CHECK_THAT(md, Contains("t = \\operatorname{tr} P:\\ \\bar P = \\bar t\\, I"));
    CHECK_THAT(md, Contains("\\operatorname{tr}(A) = \\sum_{i} A_{ii}"));
    CHECK_THAT(md, Contains("\\operatorname{tr}\\left(Q\\right)"));
}

TEST_CASE("matrix algebra worksheet: ∂ ln det S/∂S = S⁻ᵀ and ∂ det S/∂S = det(S) S⁻ᵀ, to 1e-40") {
    const Matrix<double> s{{4.0, 1.0, 0.5}, {2.0, 5.0, -1.0}, {0.0, 1.5, 3.0}};
    Tape<double> tape;
    const auto S = tape.variable(s, "S");
    const auto L = logdet(S).named("L");
    const auto D = det(S).named("D");
    const auto J = (L + D).named("J");
    const MatrixDerivation d = derive_matrix(tape, J);
    const std::string ds = to_latex(gradient_of(d, "S").formula);
    CHECK_THAT(ds, Contains("\\frac{\\partial J}{\\partial L} S^{-\\top}"));
    CHECK_THAT(ds, Contains("\\frac{\\partial J}{\\partial D} \\det\\left(S\\right) S^{-\\top}"));
    // Independently: S⁻ᵀ (1 + det S) by Eigen's LU in 50 digits.
    const Matrix<Real> sr = real(s);
    const Real det_s = sr.determinant();
    CHECK(abs(det_s - Real("61.5")) < Real("1e-45"));  // by hand: 4·(15 + 1.5) − 1·6 + 0.5·3
    const Matrix<Real> expected = Matrix<Real>(sr.inverse().transpose()) * (Real(1) + det_s);
    CHECK(max_difference(gradient_of(d, "S").value, expected) < Real("1e-40"));
    const std::string md = render_markdown(matrix_worksheet_document(d));
    CHECK_THAT(md, Contains("\\ell = \\ln\\det P"));
    CHECK_THAT(md, Contains("d = \\det P"));
}

TEST_CASE("matrix algebra worksheet: inverse, Frobenius norm and diag with their rules") {
    const Matrix<double> b{{2.0, 1.0}, {1.0, 3.0}}, v{{1.0}, {-2.0}};
    Tape<double> tape;
    const auto B = tape.variable(b, "B");
    const auto V = tape.variable(v, "v");
    const auto Y = inv(B).named("Y");
    const auto N = norm(Y).named("N");
    const auto G = (diag(V) * Y).named("G");
    const auto J = (N + sum(G)).named("J");
    const MatrixDerivation d = derive_matrix(tape, J);
    CHECK(to_latex(gradient_of(d, "B").formula) == "-Y^{\\top} \\frac{\\partial J}{\\partial Y} Y^{\\top}");
    CHECK_THAT(to_latex(gradient_of(d, "Y").formula),
               Contains("\\frac{Y}{\\left\\lVert Y \\right\\rVert_{F}}"));
    CHECK_THAT(to_latex(gradient_of(d, "v").formula), Contains("\\operatorname{diag}\\left("));
    // Independently, in 50 digits: Y = B⁻¹; J = ‖Y‖_F + Σ diag(v) Y; ∂J/∂Y = Y/‖Y‖ + v 𝟏ᵀ;
    // ∂J/∂B = −Yᵀ (∂J/∂Y) Yᵀ; ∂J/∂v = the row sums of Y.
    const Matrix<Real> y = real(b).inverse();
    const Matrix<Real> gy = y / Real(y.norm()) + real(v) * Matrix<Real>::Ones(1, 2);
    CHECK(max_difference(gradient_of(d, "B").value, Matrix<Real>(-(y.transpose() * gy * y.transpose()))) < Real("1e-40"));
    CHECK(max_difference(gradient_of(d, "v").value, Matrix<Real>(y.rowwise().sum())) < Real("1e-40"));
    check_compiles_with_pdflatex(render_latex(matrix_worksheet_document(d)), "matrix_algebra");
}

TEST_CASE("matrix algebra worksheet: kron, its adjoints by blocks, to 1e-40") {
    const Matrix<double> a{{1.0, -2.0}, {0.5, 3.0}}, b{{2.0, 1.0, -1.0}};
    Tape<double> tape;
    const auto A = tape.variable(a, "A");
    const auto B = tape.variable(b, "B");
    const auto K = kron(A, B).named("K");
    const auto J = sum(hadamard(K, K)).named("J");
    const MatrixDerivation d = derive_matrix(tape, J);
    CHECK(to_latex(gradient_of(d, "A").formula) ==
          "\\left[\\operatorname{tr}\\left({\\left(\\frac{\\partial J}{\\partial K}\\right)}_{[ij]}^{\\top} B\\right)\\right]_{ij}");
    CHECK(to_latex(gradient_of(d, "B").formula) ==
          "\\sum_{i,j} {A}_{ij} {\\left(\\frac{\\partial J}{\\partial K}\\right)}_{[ij]}");
    // J = Σ (A_ij B_kl)² = ‖A‖² ‖B‖², so ∂J/∂A = 2‖B‖² A and ∂J/∂B = 2‖A‖² B.
    const Real na2 = real(a).squaredNorm(), nb2 = real(b).squaredNorm();
    CHECK(max_difference(gradient_of(d, "A").value, Matrix<Real>(Real(2) * nb2 * real(a))) < Real("1e-40"));
    CHECK(max_difference(gradient_of(d, "B").value, Matrix<Real>(Real(2) * na2 * real(b))) < Real("1e-40"));
    check_compiles_with_pdflatex(render_latex(matrix_worksheet_document(d)), "matrix_kron");
}

}  // namespace matrix_algebra_worksheet_test
