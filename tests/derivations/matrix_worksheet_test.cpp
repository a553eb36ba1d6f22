// Matrix-form derivations: seed 004's logistic classifier on 3 samples — its formulas, its
// shapes, and ∂J/∂W = Xᵀ(A − Y)/m and ∂J/∂B = 𝟏ᵀ(A − Y)/m computed independently here in
// 50-digit arithmetic from the data — and the 784-64-16-10 MNIST network's formulas and
// shapes (seed 004: Z₁ = X W₁ + B₁, (128×64) = (128×784)(784×64) + (1×64)).
#include "../../examples/matrix_worksheet/seed004_models.hpp"
#include "derivations/matrix_derivation.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"
#include "symbolic/matrix_latex_printer.hpp"
#include "matrix_steps.hpp"
#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace matrix_worksheet_test {

using namespace chainrule;
using namespace chainrule::derivations;
using Catch::Contains;
using symbolic::to_latex;

namespace {

using matrix_steps::forward_of;
using matrix_steps::gradient_of;

MatrixDerivation logistic() {
    Tape<double> tape;
    const auto J = seed004::record_logistic(tape);
    return derive_matrix(tape, J);
}

}  // namespace

TEST_CASE("matrix worksheet: the logistic classifier's formulas and shapes (seed 004)", "[matrix]") {
    const MatrixDerivation d = logistic();
    CHECK(to_latex(forward_of(d, "Z").definition) == "X W + B");
    CHECK(to_latex(forward_of(d, "Z").definition, {.shapes = true}) == "(3{\\times}2) (2{\\times}1) + (1{\\times}1)");
    // The loss reads the logits Z; the sweep writes seed 004's A = σ(Z), so A is defined too.
    CHECK(to_latex(forward_of(d, "A").definition) == "\\sigma\\left(Z\\right)");
    CHECK(forward_of(d, "W").variable);
    CHECK(!forward_of(d, "X").variable);
    CHECK(to_latex(gradient_of(d, "Z").formula) == "\\frac{1}{3} \\left(A - Y\\right)");
    CHECK(to_latex(gradient_of(d, "W").formula) == "X^{\\top} \\frac{\\partial J}{\\partial Z}");
    CHECK(to_latex(gradient_of(d, "B").formula) == "\\mathbf{1}^{\\top} \\frac{\\partial J}{\\partial Z}");
    CHECK(gradient_of(d, "B").reduced);
    CHECK(!gradient_of(d, "W").reduced);
    CHECK(d.backward.front().name == "Z");  // the sweep starts next to the loss
}

TEST_CASE("matrix worksheet: dJ/dW = X^T (A - Y) / m and dJ/dB = 1^T (A - Y) / m", "[matrix]") {
    // Independently: z = XW + B by hand, a = 1/(1 + e^{-z}), in 50 digits.
    const seed004::LogisticData data;
    Matrix<Real> X = data.X.cast<Real>(), Y = data.Y.cast<Real>(), W = data.W.cast<Real>();
    Matrix<Real> A(3, 1);
    for (int i = 0; i < 3; ++i) {
        const Real z = X(i, 0) * W(0, 0) + X(i, 1) * W(1, 0) + Real(data.B(0, 0));
        A(i, 0) = 1 / (1 + exp(-z));
    }
    const Matrix<Real> dW = X.transpose() * (A - Y) / 3;
    const Real dB = (A - Y).sum() / 3;
    const MatrixDerivation d = logistic();
    const Matrix<Real>& w = gradient_of(d, "W").value;
    REQUIRE(w.rows() == 2);
    CHECK(abs(w(0, 0) - dW(0, 0)) < Real("1e-40"));
    CHECK(abs(w(1, 0) - dW(1, 0)) < Real("1e-40"));
    CHECK(abs(gradient_of(d, "B").value(0, 0) - dB) < Real("1e-40"));
    for (int i = 0; i < 3; ++i) CHECK(abs(forward_of(d, "A").value(i, 0) - A(i, 0)) < Real("1e-40"));
    // The binary cross-entropy, −mean(y ln a + (1 − y) ln(1 − a)):
    Real J = 0;
    for (int i = 0; i < 3; ++i) J -= Y(i, 0) * log(A(i, 0)) + (1 - Y(i, 0)) * log(1 - A(i, 0));
    CHECK(abs(forward_of(d, "J").value(0, 0) - J / 3) < Real("1e-40"));
}

TEST_CASE("matrix worksheet: the MNIST network, shapes and formulas only", "[matrix]") {
    Tape<double> tape;
    const auto J = seed004::record_mnist_shape(tape);
    const MatrixDerivation d = derive_matrix(tape, J, false);
    CHECK(to_latex(forward_of(d, "Z_1").definition) == "X W_{1} + B_{1}");
    CHECK(to_latex(forward_of(d, "Z_1").definition, {.shapes = true}) == "(128{\\times}784) (784{\\times}64) + (1{\\times}64)");
    CHECK(forward_of(d, "Z_1").shape == Shape{128, 64});
    CHECK(to_latex(gradient_of(d, "W_2").formula) == "A_{1}^{\\top} \\frac{\\partial J}{\\partial Z_{2}}");
    CHECK(to_latex(gradient_of(d, "B_1").formula) == "\\mathbf{1}^{\\top} \\frac{\\partial J}{\\partial Z_{1}}");
    CHECK(to_latex(gradient_of(d, "Z_1").formula) ==
          "\\frac{\\partial J}{\\partial A_{1}} \\odot A_{1} \\odot \\left(1 - A_{1}\\right)");
    CHECK(to_latex(gradient_of(d, "A_1").formula) == "\\frac{\\partial J}{\\partial Z_{2}} W_{2}^{\\top}");
    CHECK(to_latex(gradient_of(d, "Z_3").formula) == "\\frac{1}{128} \\left(\\operatorname{softmax}\\left(Z_{3}\\right) - Y\\right)");
    CHECK(gradient_of(d, "W_1").value.size() == 0);  // no numbers asked for
    const std::string md = render_markdown(matrix_worksheet_document(d));
    CHECK_THAT(md, Contains("(128{\\times}64) = (128{\\times}784) (784{\\times}64) + (1{\\times}64)"));
}

TEST_CASE("matrix worksheet: unnamed leaves are given names (labels -> Y, matrices C_1)", "[matrix]") {
    Tape<double> tape;
    const Matrix<double> Xv{{1.0, 2.0}, {0.5, -1.0}}, Wv{{0.1, -0.2, 0.3}, {0.4, 0.0, -0.1}};
    const auto X = tape.constant(Xv);  // unnamed
    const auto W = tape.variable(Wv, "W");
    const std::vector<int> labels{2, 0};
    const auto J = softmax_cross_entropy((X * W).named("Z"), std::span<const int>(labels)).named("J");
    const MatrixDerivation d = derive_matrix(tape, J);
    CHECK(to_latex(forward_of(d, "Z").definition) == "C_{1} W");
    CHECK(forward_of(d, "C_1").leaf);
    CHECK(forward_of(d, "Y").leaf);  // the one-hot targets the labels were recorded as
    CHECK(to_latex(gradient_of(d, "Z").formula) == "\\frac{1}{2} \\left(\\operatorname{softmax}\\left(Z\\right) - Y\\right)");
    // Independently, in 50 digits: ∂J/∂W = Xᵀ (softmax(XW) − Y) / 2.
    const Matrix<Real> Z = Xv.cast<Real>() * Wv.cast<Real>();
    Matrix<Real> G(2, 3);
    for (int r = 0; r < 2; ++r) {
        Real total = 0;
        for (int c = 0; c < 3; ++c) total += exp(Z(r, c));
        for (int c = 0; c < 3; ++c) G(r, c) = (exp(Z(r, c)) / total - (c == labels[r] ? 1 : 0)) / 2;
    }
    const Matrix<Real> dW = Xv.cast<Real>().transpose() * G;
    const Matrix<Real>& w = gradient_of(d, "W").value;
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 3; ++c) CHECK(abs(w(r, c) - dW(r, c)) < Real("1e-40"));
}

TEST_CASE("matrix worksheet: tanh, relu, sqrt, mean and sum are written with their identities", "[matrix]") {
    Tape<double> tape;
    const auto X = tape.constant(Matrix<double>{{0.5, -1.0}, {2.0, 0.25}}, "X");
    const auto W = tape.variable(Matrix<double>{{0.3, -0.1}, {0.2, 0.4}}, "W");
    const auto Z = (X * W).named("Z");
    const auto A = tanh(Z).named("A");
    const auto S = sqrt(A + 2.0).named("S");
    const auto H = relu(Z).named("H");
    const auto J = (mean(S) + sum(H)).named("J");
    const MatrixDerivation d = derive_matrix(tape, J);
    CHECK(to_latex(forward_of(d, "S").definition) == "\\left(A + 2\\right)^{\\circ \\frac{1}{2}}");
    CHECK(to_latex(gradient_of(d, "S").formula) == "\\frac{1}{4} \\mathbf{1} \\mathbf{1}^{\\top}");
    CHECK(to_latex(gradient_of(d, "H").formula) == "\\mathbf{1} \\mathbf{1}^{\\top}");
    CHECK(to_latex(gradient_of(d, "A").formula) ==
          "\\frac{\\partial J}{\\partial S} \\odot \\left(\\frac{1}{2} \\oslash S\\right)");
    const std::string dz = to_latex(gradient_of(d, "Z").formula);
    CHECK_THAT(dz, Contains("\\frac{\\partial J}{\\partial A} \\odot \\left(1 - A^{\\circ 2}\\right)"));
    CHECK_THAT(dz, Contains("\\frac{\\partial J}{\\partial H} \\odot \\left[Z > 0\\right]"));
    // The numbers: ∂J/∂S = 1/4 everywhere, ∂J/∂H = 1.
    CHECK(gradient_of(d, "S").value(1, 0) == Real("0.25"));
    CHECK(gradient_of(d, "H").value(0, 1) == Real(1));
    // Every matrix function used is defined on the sheet.
    const std::string md = render_markdown(matrix_worksheet_document(d));
    CHECK_THAT(md, Contains("\\operatorname{mean}(A) = \\frac{1}{mn}"));
    CHECK_THAT(md, Contains("\\operatorname{sum}(A) = \\sum_{i,j} A_{ij}"));
}

TEST_CASE("matrix worksheet: the document compiles with pdflatex", "[matrix]") {
    check_compiles_with_pdflatex(render_latex(matrix_worksheet_document(logistic())), "matrix");
}

TEST_CASE("matrix worksheet: bad losses and unsupported ops are errors naming them", "[matrix]") {
    Tape<double> tape;
    auto X = tape.variable(Matrix<double>::Ones(2, 2), "X");
    auto S = softmax(X).named("S");
    CHECK_THROWS_WITH(derive_matrix(tape, sum(S)), Contains("must be named"));
    CHECK_THROWS_WITH(derive_matrix(tape, S.index()), Contains("must be a scalar") && Contains("2×2"));
    auto J = sum(S).named("J");
    CHECK_THROWS_WITH(derive_matrix(tape, J), Contains("'softmax'"));
}

}  // namespace matrix_worksheet_test
