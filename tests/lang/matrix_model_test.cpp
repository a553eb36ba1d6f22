// Matrix models in .chain (docs/matrix.md, "Matrix models in .chain"): the syntax (literals,
// shapes, initialisers, data files, .* ./ .^ '), its errors at file:line:col, and the
// numbers of the example models against closed forms computed here with Eigen in 50
// digits (Xᵀ(A − Y)/m and the like), independent of the tape's matrix rules.
#include "lang/matrix_model_worksheet.hpp"
#include "lang/model.hpp"
#include "lang_test_support.hpp"
#include "symbolic/matrix_latex_printer.hpp"
#include "derivations/render_latex.hpp"
#include "precision/number_format.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace matrix_model_test {

using namespace chainrule;
using namespace chainrule::lang;
using lang_test::parsed;

namespace {

std::string example(const char* name) { return std::string(CHAINRULE_SOURCE_DIR) + "/examples/matrix_models/" + name; }

Matrix<Real> matrix_of(const Model& m, const std::string& name) { return m.at(name).matrix->value(); }

// The adjoint ∂output/∂name after one reverse sweep of a copy of the model's tape.
Matrix<Real> gradient(const Model& m, const std::string& name) {
    const derivations::MatrixDerivation d = matrix_model_derivation(m, {});
    for (const auto& s : d.backward)
        if (s.name == name) return s.value;
    FAIL("no gradient of " << name);
    throw;
}

Real max_abs_difference(const Matrix<Real>& a, const Matrix<Real>& b) {
    REQUIRE(a.rows() == b.rows());
    REQUIRE(a.cols() == b.cols());
    return (a - b).cwiseAbs().maxCoeff();
}

Matrix<Real> sigmoid_of(const Matrix<Real>& z) {
    return z.unaryExpr([](const Real& x) { return Real(1 / (1 + exp(-x))); });
}

void expect_error(const std::string& text, const std::string& where, const std::string& what) {
    try {
        load_model_text(text, "m.chain");
        FAIL("no error for:\n" << text);
    } catch (const LangError& e) {
        INFO(e.what());
        CHECK(e.first_line().rfind("m.chain:" + where + ": error:", 0) == 0);
        CHECK(std::string(e.what()).find(what) != std::string::npos);
    }
}

}  // namespace

TEST_CASE("matrix syntax: literals, transposes and element-wise operators parse as MATLAB's") {
    CHECK(parsed("[1, 2; 3, -4]") == "[1, 2; 3, -4]");
    CHECK(parsed("X'*(A - Y)/4") == "(X' * (A - Y) / 4)");
    CHECK(parsed("A .* B ./ C") == "(A H B Q C)");
    CHECK(parsed("A.^2") == "(A ^ 2)");
    CHECK(parsed("2.*A") == "(2 H A)");   // 2. is not a number here
    CHECK(parsed("A.'") == "A'");
    CHECK(parsed("(X*W)'") == "(X * W)'");
    CHECK(parsed("x^2.5") == "(x ^ 2.5)");  // a fraction still is
}

TEST_CASE("matrix declarations: literal, shape, initialisers") {
    const Model m = load_model_text("input X[2,3] = [1, 2, 3; 4, 5, 6]\n"
                                    "param W[3,2] = xavier(seed 7)\n"
                                    "param Z0[2,2] = zeros\n"
                                    "param U[2,2] = uniform(-0.5, 0.5, seed 1)\n"
                                    "J = sum(X*W) + sum(Z0) + sum(U)\n",
                                    "m.chain");
    CHECK(matrix_of(m, "X")(1, 2) == 6);
    const Matrix<Real> w = matrix_of(m, "W");
    const double bound = std::sqrt(6.0 / 5.0);  // Glorot: √(6/(fan_in + fan_out)) for 3×2
    for (Eigen::Index k = 0; k < w.size(); ++k) CHECK(abs(w(k)) < bound);
    CHECK(w(0, 0) != w(0, 1));
    // The same seed gives the same numbers (splitmix64, not the standard library).
    const Model again = load_model_text(m.source.text, "m.chain");
    CHECK(max_abs_difference(matrix_of(again, "W"), w) == 0);
    CHECK(matrix_of(m, "Z0").isZero());
    CHECK(m.has_matrices());
    CHECK(!m.at("J").matrix);  // a scalar
}

TEST_CASE("matrix data files: CSV and JSON keep the decimal text; errors name the place") {
    const auto dir = std::filesystem::temp_directory_path() / "chainrule_matrix_model_test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "x.csv") << "# two samples\n0.1, 0.2\n\n0.3,0.4\n";
    std::ofstream(dir / "y.json") << "[[1], [0]]";
    std::ofstream(dir / "bad.csv") << "1, 2\n3, x\n";
    std::ofstream(dir / "ragged.csv") << "1, 2\n3\n";
    std::ofstream(dir / "m.chain") << "input X = load(\"x.csv\")\ntarget Y[2,1] = load(\"y.json\")\n"
                                      "param W[2,1] = [1; 1]\nJ = mse(X*W, Y)\n";
    const Model m = load_model_file(dir / "m.chain");
    CHECK(matrix_of(m, "X")(0, 0) == real_value("0.1"));  // 1/10 rounded once, not via a double
    CHECK(matrix_of(m, "X")(1, 1) == real_value("0.4"));
    CHECK(matrix_of(m, "Y")(0, 0) == 1);
    const auto error_of = [&](const std::string& text) {
        std::ofstream(dir / "e.chain") << text;
        try {
            load_model_file(dir / "e.chain");
        } catch (const LangError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error_of("input X = load(\"bad.csv\")\n").find("e.chain:1:17: error: ") != std::string::npos);
    CHECK(error_of("input X = load(\"bad.csv\")\n").find("bad.csv:2:4: unexpected 'x'") != std::string::npos);
    CHECK(error_of("input X = load(\"x.csv\", \"y.json\")\n").find("a second file name") != std::string::npos);
    CHECK(error_of("input X = load(\"\")\n").find("an empty file name") != std::string::npos);
    CHECK(error_of("input X = load(\"ragged.csv\")\n").find("row 2 has 1 numbers, row 1 has 2") != std::string::npos);
    CHECK(error_of("input X[3,2] = load(\"x.csv\")\n").find("holds a 2×2 matrix, declared 3×2") != std::string::npos);
    CHECK(error_of("input X = load(\"none.csv\")\n").find("cannot read the data file") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("matrix model errors: one message at file:line:col naming shapes and the operator") {
    expect_error("input X = [1, 2; 3]\n", "1:18", "row 2 of the matrix has 1 entries, row 1 has 2");
    expect_error("input X[2,2] = [1, 2]\n", "1:16", "the matrix is 1×2, declared 2×2");
    expect_error("param W[2,2] = zeros\nparam V = xavier\n", "2:11", "xavier takes xavier(seed N)");
    expect_error("param W = zeros\n", "1:11", "zeros needs the matrix's shape");
    expect_error("param W[2,2] = glorot(seed 1)\n", "1:16", "unknown initialiser 'glorot'");
    expect_error("input X = [1, 2; 3, 4]\nparam W = [1; 2; 3]\nZ = X*W\n", "3:5", "shapes 2×2 and 3×1 do not fit");
    expect_error("input X = [1, 2; 3, 4]\nparam W = [1; 2; 3]\nZ = X*W\n", "3:5", "matmul");
    expect_error("param A = [1, 2; 3, 4]\nB = A^2\n", "2:5", "use .^ for the element-wise power");
    expect_error("param A = [1, 2; 3, 4]\nB = A/A\n", "2:7", "use ./ for the element-wise quotient");
    expect_error("param A = [1, 2; 3, 4]\nb = exp(A) + kron(A)\n", "2:14", "kron takes 2 arguments, got 1");
    expect_error("param A = [1, 2; 3, 4]\nb = sum(A, 3)\n", "2:12", "the dimension of sum must be 1 or 2");
    expect_error("param A = [1, 2; 3, 4]\nb = A + 1\nc = b * 2\nd = sin(b) + c\nx = 2 * d\ny = log(x)\nz = x + y\n"
                 "w = z / 0\n", "8:9", "division by zero");
    expect_error("param A = [1, 2; 3, 4]\nb = trace(A)\nc = A + b\nd = c(1)\n", "4:5", "unknown function");
    expect_error("param A = [1, 2; 3]\n", "1:18", "row 2");
    expect_error("param x[2,1] = 3\n", "1:8", "a shape for the number 3");
}

TEST_CASE("the logistic example (seed 004): ∂J/∂W = Xᵀ(A − Y)/m, ∂J/∂b = 𝟏ᵀ(A − Y)/m, to 1e-40") {
    const Model m = load_model_file(example("logistic_regression.chain"));
    const Matrix<Real> x = matrix_of(m, "X"), y = matrix_of(m, "Y"), w = matrix_of(m, "W");
    const Real b = m.at("b").node.value();
    const Matrix<Real> a = sigmoid_of((x * w).array() + b);
    const Matrix<Real> dz = (a - y) / Real(4);
    CHECK(max_abs_difference(gradient(m, "W"), x.transpose() * dz) < Real("1e-40"));
    CHECK(abs(gradient(m, "b")(0, 0) - dz.sum()) < Real("1e-40"));
    // J itself: −mean(Y ln A + (1 − Y) ln(1 − A)).
    Real j = 0;
    for (Eigen::Index i = 0; i < 4; ++i) j -= y(i) * log(a(i)) + (1 - y(i)) * log(1 - a(i));
    CHECK(abs(m.at("J").node.value() - j / 4) < Real("1e-40"));
}

TEST_CASE("the linear regression example (seed 004): ∂J/∂w = Xᵀ(Z − Y)/m, to 1e-40") {
    const Model m = load_model_file(example("linear_regression.chain"));
    const Matrix<Real> x = matrix_of(m, "X"), y = matrix_of(m, "Y"), w = matrix_of(m, "w");
    const Matrix<Real> z = (x * w).array() + m.at("b").node.value();
    CHECK(max_abs_difference(gradient(m, "w"), x.transpose() * (z - y) / Real(4)) < Real("1e-40"));
    CHECK(abs(gradient(m, "b")(0, 0) - (z - y).sum() / 4) < Real("1e-40"));
}

TEST_CASE("the XOR example (seed 000, 2-3-1): every gradient against the backprop formulas, to 1e-40") {
    const Model m = load_model_file(example("xor_network.chain"));
    const Matrix<Real> x = matrix_of(m, "X"), y = matrix_of(m, "Y"), w1 = matrix_of(m, "W1"), b1 = matrix_of(m, "b1"),
                       w2 = matrix_of(m, "W2");
    const Real b2 = m.at("b2").node.value();
    Matrix<Real> z1 = x * w1;
    z1.rowwise() += b1.row(0);
    const Matrix<Real> h = sigmoid_of(z1);
    const Matrix<Real> a = sigmoid_of((h * w2).array() + b2);
    // J = mean((A − Y)²): δ₂ = (2/m)(A − Y) ⊙ A ⊙ (1 − A), δ₁ = δ₂ W₂ᵀ ⊙ H ⊙ (1 − H).
    const Matrix<Real> d2 = (Real(2) / 4 * (a - y)).cwiseProduct(a).cwiseProduct((1 - a.array()).matrix());
    const Matrix<Real> d1 = (d2 * w2.transpose()).cwiseProduct(h).cwiseProduct((1 - h.array()).matrix());
    CHECK(max_abs_difference(gradient(m, "W2"), h.transpose() * d2) < Real("1e-40"));
    CHECK(abs(gradient(m, "b2")(0, 0) - d2.sum()) < Real("1e-40"));
    CHECK(max_abs_difference(gradient(m, "W1"), x.transpose() * d1) < Real("1e-40"));
    CHECK(max_abs_difference(gradient(m, "b1"), d1.colwise().sum()) < Real("1e-40"));
}

TEST_CASE("seed 002 (64): ∂ tr(XᵀAX)/∂X = (A + Aᵀ)X, printed as Aᵀ X + A X") {
    const Model m = load_model_file(example("trace_quadratic.chain"));
    const Matrix<Real> a = matrix_of(m, "A"), x = matrix_of(m, "X");
    CHECK(max_abs_difference(gradient(m, "X"), (a + a.transpose()) * x) < Real("1e-40"));
    const derivations::MatrixDerivation d = matrix_model_derivation(m, {});
    CHECK(symbolic::to_latex(d.backward.back().formula) == "A^{\\top} X + A X");
}

TEST_CASE("matrix models: what other commands and a matrix output say") {
    const Model m = load_model_text("param W = [1, 2]\nZ = W*2\n", "m.chain");
    CHECK_THROWS_WITH(matrix_model_derivation(m, {}), Catch::Contains("'Z' is a 1×2 matrix: a worksheet derives a scalar"));
    CHECK_THROWS_WITH(require_scalar_model(m, "check"), Catch::Contains("`chainrule check` works on scalar models"));
    const Model scalar = load_model_text("param w = 2\nJ = w^2\n", "m.chain");
    CHECK_NOTHROW(require_scalar_model(scalar, "check"));
}

}  // namespace matrix_model_test

namespace matrix_model_test {

TEST_CASE("a matrix plus the scalar result of a matrix op (A + trace(A)): value and gradient") {
    // J = Σ_ij (A + tr A)_ij = Σ A + n² tr A, so ∂J/∂A = 𝟏𝟏ᵀ + n² I (n = 2).
    const Model m = load_model_text("param A = [1, 2; 3, 4]\nt = trace(A)\nB = A + t\nJ = sum(B)\n", "m.chain");
    CHECK(m.at("J").node.value() == 10 + 4 * 5);
    Matrix<Real> expected(2, 2);
    expected << 5, 1, 1, 5;
    CHECK(max_abs_difference(gradient(m, "A"), expected) == 0);
}

}  // namespace matrix_model_test

namespace matrix_model_test {

TEST_CASE("matrix worksheets certify their numbers: a cancellation prints as 0 within its bound") {
    // Z₁ = X W₁ + b₁ at X's row (1, 1), column 2: −0.4 + 0.6 − 0.2 = 0 exactly, but 6.7e-52
    // in 50-digit binary arithmetic: the ladder shows it as 0 within a bound, not as a number.
    const Model m = load_model_file(example("xor_network.chain"));
    const derivations::MatrixDerivation d = matrix_model_derivation(m, {});
    for (const auto& s : d.forward) {
        if (s.name != "Z1") continue;
        const Certainty& c = s.certainty.at(1 * 4 + 3);  // column-major: (row 4, column 2)
        CHECK(c.zero_below.has_value());
        CHECK(abs(s.value(3, 1)) < Real("1e-100"));
        CHECK(latex_number(s.value(3, 1), c, 10).rfind("0_{\\pm", 0) == 0);
        CHECK(!s.certainty.at(0).zero_below.has_value());  // 0.1 is certified as 0.1
    }
    const std::string tex = derivations::render_latex(matrix_model_document(m, {}));
    CHECK(tex.find("10^{-52}") == std::string::npos);
}

}  // namespace matrix_model_test

#include "derivations/matrix_entry.hpp"

namespace matrix_model_test {

TEST_CASE("elementwise: ∂J/∂W₂₁ = Σ_k X_k2 ∂J/∂Z_k1, summed over the batch, equals the matrix formula's entry") {
    const Model m = load_model_file(example("logistic_regression.chain"));
    const derivations::MatrixDerivation d = matrix_model_derivation(m, {});
    const derivations::EntryExpansion x = derivations::expand_entry(d, "W", 1, 0);
    REQUIRE(x.terms.size() == 4);  // one per sample
    const Matrix<Real> xs = matrix_of(m, "X");
    const Matrix<Real> a = sigmoid_of((xs * matrix_of(m, "W")).array() + m.at("b").node.value());
    const Matrix<Real> dz = (a - matrix_of(m, "Y")) / Real(4);
    Real sum = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const derivations::EntryTerm& t = x.terms[k];
        REQUIRE(t.factors.size() == 2);
        CHECK(t.factors[0].matrix.name() == "X");
        CHECK(t.factors[0].row == static_cast<Eigen::Index>(k));
        CHECK(t.factors[0].col == 1);
        CHECK(*t.factors[0].value == xs(static_cast<Eigen::Index>(k), 1));
        CHECK(t.factors[1].matrix.kind() == symbolic::MatExpr::Kind::adjoint);
        CHECK(abs(*t.factors[1].value - dz(static_cast<Eigen::Index>(k), 0)) < Real("1e-40"));
        sum += *derivations::term_value(t);
    }
    CHECK(abs(sum - x.value) < Real("1e-40"));
    CHECK(abs(x.value - (xs.transpose() * dz)(1, 0)) < Real("1e-40"));
    // The bias: 𝟏ᵀ ∂J/∂Z, four terms of one factor each.
    const derivations::EntryExpansion b = derivations::expand_entry(d, "b", 0, 0);
    CHECK(b.terms.size() == 4);
    CHECK(abs(b.value - dz.sum()) < Real("1e-40"));
    CHECK_THROWS_WITH(derivations::expand_entry(d, "W", 2, 0), Catch::Contains("it has no entry (3,1)"));
    CHECK_THROWS_WITH(derivations::expand_entry(d, "Q", 0, 0), Catch::Contains("no gradient of 'Q'"));
}

TEST_CASE("elementwise entry of a hidden layer (seed 000's XOR): X_{k1} ∂J/∂(Z₁)_{k2} over the 4 cases") {
    const Model m = load_model_file(example("xor_network.chain"));
    const derivations::MatrixDerivation d = matrix_model_derivation(m, {});
    const derivations::EntryExpansion x = derivations::expand_entry(d, "W1", 0, 1);
    REQUIRE(x.terms.size() == 4);
    Real sum = 0;
    for (const auto& t : x.terms) sum += *derivations::term_value(t);
    CHECK(abs(sum - x.value) < Real("1e-40"));
    const std::string tex = derivations::render_latex(matrix_model_document(m, {.elementwise = {"W1[1,2]"}}));
    CHECK(tex.find("One entry, element by element") != std::string::npos);
    CHECK(tex.find("X_{11} \\frac{\\partial J}{\\partial \\left(Z_{1}\\right)_{12}}") != std::string::npos);
    CHECK_THROWS_WITH(matrix_model_document(m, {.elementwise = {"W1(1,2)"}}), Catch::Contains("is not an entry"));
}

}  // namespace matrix_model_test
