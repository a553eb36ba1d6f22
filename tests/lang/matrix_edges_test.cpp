// Edges of matrix models found in review, each kind with several instances: simplifications
// that must not drop a factor (I next to a 1×1 adjoint, 𝟏𝟏ᵀ ⊙ a broadcast row), numbers
// certified beyond 1600 digits, matrix claims' truths and tolerances, scalars that come
// from matrices, 1×1 matrices as scalars (MATLAB), and malformed data files. Expected
// values are closed forms.
#include "derivations/render_latex.hpp"
#include "lang/matrix_claims.hpp"
#include "lang/matrix_model_worksheet.hpp"
#include "lang/model.hpp"
#include "symbolic/matrix_latex_printer.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace matrix_edges_test {

using namespace chainrule;
using namespace chainrule::lang;
using Verdict = MatrixClaimResult::Verdict;

namespace {

const derivations::MatrixGradientStep& step(const derivations::MatrixDerivation& d, const std::string& name) {
    for (const auto& s : d.backward)
        if (s.name == name) return s;
    FAIL("no step " << name);
    throw;
}

derivations::MatrixDerivation derived(const std::string& text) {
    return matrix_model_derivation(load_model_text(text, "m.chain"), {});
}

Matrix<Real> m22(double a, double b, double c, double d) {
    Matrix<Real> m(2, 2);
    m << a, b, c, d;
    return m;
}

}  // namespace

TEST_CASE("matrix worksheets: I stays next to a scalar-sized adjoint; numbers are the closed forms") {
    // J = t², t = tr A: ∂J/∂A = 2t I = 10 I; J = −tr A: −I; J = tr(A)·tr(A): 2 tr(A) I.
    for (const auto& [text, value] : std::vector<std::pair<std::string, Matrix<Real>>>{
             {"param A = [1, 2; 3, 4]\nt = trace(A)\nJ = t*t\n", m22(10, 0, 0, 10)},
             {"param A = [1, 2; 3, 4]\nJ = -trace(A)\n", m22(-1, 0, 0, -1)},
             {"param A = [1, 2; 3, 4]\nJ = trace(A)*trace(A)\n", m22(10, 0, 0, 10)}}) {
        INFO(text);
        const derivations::MatrixDerivation d = derived(text);
        const auto& s = step(d, "A");
        CHECK(s.value == value);
        CHECK(symbolic::to_latex(s.formula).find("I") != std::string::npos);
    }
}

TEST_CASE("matrix worksheets: (s𝟏𝟏ᵀ) ⊙ B is s B only when B is not broadcast") {
    // J = Σ A ⊙ b with a 1×2 row b: ∂J/∂A = 𝟏 b (every row b), not b.
    const auto d = derived("param A = [1, 2; 3, 4; 5, 6]\nparam b = [0.5, -1]\nJ = sum(A .* b)\n");
    const auto& a = step(d, "A");
    Matrix<Real> expected(3, 2);
    expected << 0.5, -1, 0.5, -1, 0.5, -1;
    CHECK(a.value == expected);
    CHECK(symbolic::to_latex(a.formula) != "b");
    // A full-shape operand still simplifies: ∂ Σ (Z − Y)² / 8 /∂Z = ¼ (Z − Y).
    const auto l = derived("param Z = [1; 2]\ninput Y = [0.5; 1]\nJ = sum((Z - Y).^2) / 8\n");
    CHECK(symbolic::to_latex(step(l, "Z").formula).find("\\mathbf{1}") == std::string::npos);
}

TEST_CASE("matrix worksheets certify beyond 1600 digits when the data need it; JSON prints certified values") {
    const Model m = load_model_text("param X = [1e1700, 2]\nJ = sum((X + 1 - X) .* X)\n", "m.chain");
    const auto d = matrix_model_derivation(m, {});
    for (const auto& s : d.forward)
        if (s.name == "J") CHECK(abs(s.value(0, 0) / Real("1e1700") - 1) < Real("1e-40"));
    const Model z = load_model_text("param w = [-0.4, 0.6, -0.2]\nS = sum(w)\nJ = S*S + sum(w)\n", "m.chain");
    const std::string json = matrix_worksheet_json(matrix_model_derivation(z, {}), 10);
    CHECK(json.find("e-1601") == std::string::npos);
    CHECK(json.find("\"0 (") != std::string::npos);  // S = 0 within its bound
}

TEST_CASE("matrix claims: gradients of inputs and targets are derivatives, a bypassed node is an error") {
    const std::string logistic = "input X[4,2] = [0.5, 1.0; 1.5, -0.5; -1.0, 2.0; 2.0, 0.5]\n"
                                 "target Y[4,1] = [1; 0; 1; 0]\nparam W[2,1] = [0.2; -0.3]\nparam b = 0.1\n"
                                 "Z = X*W + b\nA = sigmoid(Z)\nJ = bce(A, Y)\n";
    const MatrixClaimReport r = check_matrix_claims(load_model_text(
        logistic + "check dJ/dX = (A - Y)*W'/4\ncheck dJ/dY = [0; 0; 0; 0]\ncheck dJ/dY = -Z/4\n", "m.chain"));
    CHECK(r.results[0].verdict == Verdict::HoldsIdentically);
    CHECK(r.results[1].verdict == Verdict::Wrong);  // ∂J/∂Y = −Z/m ≠ 0
    CHECK(r.results[2].verdict == Verdict::HoldsIdentically);
    CHECK_THROWS_WITH(check_matrix_claims(load_model_text(logistic + "check dJ/dA = 0\n", "m.chain")),
                      Catch::Contains("'J' does not read 'A' on the tape"));
}

TEST_CASE("matrix claims: tolerances are relative per entry; NaN never holds; numbers as strict as scalars'") {
    const MatrixClaimReport r = check_matrix_claims(load_model_text(
        "param w = [100; 101]\nJ = sum(exp(-w))\n"
        "check dJ/dw = exp(-w)\ncheck dJ/dw = 5*exp(-w)\ncheck dJ/dw = -exp(-w)\n",
        "m.chain"));
    CHECK(r.results[0].verdict == Verdict::Wrong);
    CHECK(r.results[0].diagnosis == "the negative of the right value (the sign)");
    CHECK(r.results[1].verdict == Verdict::Wrong);
    CHECK(r.results[2].verdict == Verdict::HoldsIdentically);
    const MatrixClaimReport n = check_matrix_claims(load_model_text(
        "param W = [0.2; -0.3]\nJ = sum(W .* W)\ncheck dJ/dW = 2*W + 0*log(W)\ncheck dJ/dW = [0.1; -0.6]\n"
        "check dJ/dW = [0.4; -0.6]\n",
        "m.chain"));
    CHECK(n.results[0].verdict == Verdict::Wrong);  // NaN at W₂ < 0
    CHECK(n.results[1].verdict == Verdict::Wrong);  // 0.1 for 0.4
    CHECK(n.results[2].verdict == Verdict::Correct);
}

TEST_CASE("matrix claims: random points that leave the domain are skipped; names are checked first") {
    const MatrixClaimReport r = check_matrix_claims(
        load_model_text("param W = [0.1; 0.2]\nJ = sum(log(W))\ncheck dJ/dW = 1 ./ W\n", "m.chain"));
    CHECK(r.results[0].verdict == Verdict::HoldsIdentically);
    CHECK(r.results[0].points_checked >= 3);
    CHECK_THROWS_WITH(check_matrix_claims(load_model_text("param W = [0.1; 0.2]\nJ = sum(W)\ncheck dJ/dW = W*Q\n",
                                                          "m.chain")),
                      Catch::Contains("m.chain:3:17: error: unknown name 'Q'"));
}

TEST_CASE("scalars from matrices in functions, and 1×1 matrices as scalars") {
    // exp(sum A), sqrt(det A), log(det A, 2), max(tr A, 0): scalar functions of scalars.
    const Model m = load_model_text("param A = [2, 1; 1, 3]\na = exp(sum(A))\nb = sqrt(det(A))\nc = log(det(A), 2)\n"
                                    "d = max(trace(A), 0)\nJ = a + b + c + d\n",
                                    "m.chain");
    CHECK(abs(m.at("b").node.value() - sqrt(Real(5))) < Real("1e-45"));
    CHECK(abs(m.at("c").node.value() - log(Real(5)) / log(Real(2))) < Real("1e-45"));
    CHECK(m.at("d").node.value() == 5);
    // One sample: mse of 1×1 matrices; (xᵀx) A scales A; A'' is A however many marks.
    const Model one = load_model_text("input X[1,2] = [0.5, 1]\ntarget Y[1,1] = [1]\nparam W[2,1] = [0.2; -0.3]\n"
                                      "A = sigmoid(X*W)\nJ = mse(A, Y)\n",
                                      "m.chain");
    CHECK_NOTHROW(matrix_model_derivation(one, {}));
    const Model s = load_model_text("param x = [1; 2]\nparam A = [1, 2; 3, 4]\nB = (x'*x)*A\nJ = sum(B'''')\n", "m.chain");
    CHECK(s.at("J").node.value() == 50);
    // An unnamed literal makes a matrix model too.
    const Model lit = load_model_text("param x = 2\nJ = sum([1, 2; 3, 4] * x)\n", "m.chain");
    CHECK(lit.has_matrices());
    const derivations::MatrixDerivation ld = matrix_model_derivation(lit, {});
    CHECK(step(ld, "x").value(0, 0) == 10);
}

TEST_CASE("malformed data files and initialiser arguments: one message each") {
    const auto dir = std::filesystem::temp_directory_path() / "chainrule_matrix_edges_test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "mixed.json") << "[[1], 2]";
    std::ofstream(dir / "huge.json") << "[[1e400]]";
    std::ofstream(dir / "bom.csv") << "\xEF\xBB\xBF" << "1, 2\n3, 4\n";
    const auto error_of = [&](const std::string& text) {
        std::ofstream(dir / "m.chain") << text;
        try {
            load_model_file(dir / "m.chain");
        } catch (const LangError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error_of("input X = load(\"mixed.json\")\n").find("a number after a row") != std::string::npos);
    CHECK(error_of("input X = load(\"huge.json\")\n").find("not JSON: number overflow") != std::string::npos);
    CHECK(error_of("input X = load(\"bom.csv\")\nJ = sum(X)\n") == "no error");
    CHECK(error_of("param W[2,2] = uniform(1e-400, 1, seed 1)\n").find("no error") != std::string::npos);
    CHECK(error_of("param W[2,2] = uniform(-1e400, 1, seed 1)\n").find("the bound -1e400 is out of range") !=
          std::string::npos);
    std::filesystem::remove_all(dir);
}

}  // namespace matrix_edges_test

#include "lang/gradcheck_report.hpp"

namespace matrix_edges_test {

TEST_CASE("matrix claims: a cancellation's rounding is the 0 it is, in claims and in their values") {
    // Z₁(4,2) = −0.4 + 0.6 − 0.2 = 0 exactly (6.7e-52 in 50-digit binary arithmetic).
    const std::string xor_model = "input X[4,2] = [0, 0; 0, 1; 1, 0; 1, 1]\nparam W1[2,3] = [0.5, -0.4, 0.3; 0.2, 0.6, -0.7]\n"
                                  "param b1[1,3] = [0.1, -0.2, 0.05]\nZ1 = X*W1 + b1\nJ = sum(Z1 .* Z1)\n";
    const MatrixClaimReport r = check_matrix_claims(load_model_text(
        xor_model + "check Z1 = [0.1, -0.2, 0.05; 0.3, 0.4, -0.65; 0.6, -0.6, 0.35; 0.8, 0, -0.35]\n"
                    "check Z1 = [0.1, -0.2, 0.05; 0.3, 0.4, -0.65; 0.6, -0.6, 0.35; 0.8, 0.0001, -0.35]\n",
        "m.chain"));
    CHECK(r.results[0].verdict == Verdict::Correct);
    CHECK(r.results[1].verdict == Verdict::Wrong);
    CHECK(r.results[1].wrong_entries == 1);
    // softmax rows minus one-hot rows sum to 0: the claimed formula's value is 0, not noise.
    const MatrixClaimReport s = check_matrix_claims(load_model_text(
        "input X = [1, 2; 3, 4]\nparam W = [1, 2; 3, 5]\nconst Y = [1, 0; 0, 1]\nH = X*W\n"
        "J = softmax_cross_entropy(H, Y)\ncheck dJ/dW = mean(softmax(H) - Y)\n",
        "m.chain"));
    CHECK(s.results[0].verdict == Verdict::Wrong);
    CHECK(s.results[0].claimed.size() == 1);
    CHECK(s.results[0].claimed(0, 0) == 0);
    CHECK(s.results[0].diagnosis == "a 1×1 matrix where the right value is 2×2");
}

TEST_CASE("matrix worksheets print a model's decimal constants as written, whatever the ladder did") {
    const std::string tex = derivations::render_latex(matrix_model_document(
        load_model_text("input X = [1, 2; 3, 4]\nparam W = [1, 2; 3, 5]\nconst Y = [1, 0; 0, 1]\nH = X*W\n"
                        "J = softmax_cross_entropy(H, Y) + 0.3*sum(W) + 0.001*sum(W .* W)\n",
                        "m.chain"),
        {}));
    CHECK(tex.find("10^{50}") == std::string::npos);
    CHECK(tex.find("0.3") != std::string::npos);
    CHECK(tex.find("0.001") != std::string::npos);
}

TEST_CASE("matrix worksheets: the ones a sum spreads have the shape of its argument; relu' is [Z > 0]") {
    const derivations::MatrixDerivation d =
        derived("param W = [1, 2; 3, 5]\nparam v = [0.5; -1]\nJ = sum(diag(W)) + sum(W .* v')\n");
    const std::string f = symbolic::to_latex(step(d, "W").formula);
    CHECK(f.find("\\operatorname{diag}\\left(\\mathbf{1}\\right)") != std::string::npos);  // diag of a column of ones: I
    CHECK(step(d, "W").value == m22(1.5, -1, 0.5, 0));
    const derivations::MatrixDerivation r = derived("param W = [1, -2; 3, 5]\nJ = sum(relu(W))\n");
    CHECK(symbolic::to_latex(step(r, "W").formula).find("\\left[W > 0\\right]") != std::string::npos);
}

TEST_CASE("bounds: gradcheck and claims of models too large to finish") {
    const Model big = load_model_text("param A[40,40] = uniform(-1, 1, seed 1)\nJ = det(A)\n", "m.chain");
    CHECK_THROWS_WITH(gradcheck_model(big), Catch::Contains("too large for gradcheck: 1600 entries"));
    const Model wide = load_model_text("param A[150,150] = uniform(-1, 1, seed 1)\nJ = sum(A*A)\ncheck dJ/dA = 1\n",
                                       "m.chain");
    CHECK_THROWS_WITH(check_matrix_claims(wide), Catch::Contains("for claim checks: check the claims on a smaller batch"));
    const auto d = matrix_model_derivation(wide, {});  // formulas and shapes only, at once
    CHECK(d.backward.front().value.size() == 0);
}

}  // namespace matrix_edges_test
