// Claims about matrix models (lang/matrix_claims.hpp): verdicts and diagnoses of a
// student's derivation of seed 004's logistic classifier (a missing 1/m, a missing
// transpose, a wrong layout, the Hadamard product taken as a matrix product), numeric
// claims entry by entry, and seed 002's identities holding identically.
#include "lang/matrix_claims.hpp"
#include "lang/model.hpp"

#include <catch2/catch.hpp>

namespace matrix_claims_test {

using namespace chainrule;
using namespace chainrule::lang;
using Verdict = MatrixClaimResult::Verdict;

namespace {

const std::string kLogistic = "input X[4,2] = [0.5, 1.0; 1.5, -0.5; -1.0, 2.0; 2.0, 0.5]\n"
                              "target Y[4,1] = [1; 0; 1; 0]\n"
                              "param W[2,1] = [0.2; -0.3]\n"
                              "param b = 0.1\n"
                              "Z = X*W + b\n"
                              "A = sigmoid(Z)\n"
                              "J = bce(A, Y)\n";

MatrixClaimReport checked(const std::string& claims, const std::string& model = kLogistic) {
    return check_matrix_claims(load_model_text(model + claims, "m.chain"));
}

std::string example(const char* name) { return std::string(CHAINRULE_SOURCE_DIR) + "/examples/matrix_models/" + name; }

}  // namespace

TEST_CASE("a student's matrix derivation: the first error and the diagnoses of a missing 1/m and transpose") {
    const MatrixClaimReport r = check_matrix_claims(load_model_file(example("logistic_student.chain")));
    REQUIRE(r.results.size() == 5);
    CHECK(r.results[0].verdict == Verdict::HoldsIdentically);
    CHECK(r.results[1].verdict == Verdict::Wrong);
    CHECK(r.results[1].first_error);
    CHECK(r.first_error == 1u);
    CHECK(r.results[1].diagnosis == "4 times the right value: the factor 1/4 is missing");
    CHECK(r.results[2].verdict == Verdict::Wrong);
    CHECK(!r.results[2].first_error);
    CHECK(r.results[2].diagnosis.find("X where X' (its transpose) is meant") != std::string::npos);
    CHECK(r.results[2].diagnosis.find("shapes 4×2 and 4×1 do not fit") != std::string::npos);
    CHECK(r.results[3].verdict == Verdict::HoldsIdentically);
    CHECK(r.results[4].verdict == Verdict::Correct);
    CHECK(r.any_wrong());
}

TEST_CASE("matrix formula claims: each kind of slip, alone and with a factor") {
    const MatrixClaimReport r = checked("check dJ/dW = X'*(A - Y)/4\n"          // right
                                        "check dJ/dW = X*(A - Y)\n"             // transpose and 1/m
                                        "check dJ/dW = (A - Y)'*X/4\n"          // the layout of W'
                                        "check dJ/dW = -X'*(A - Y)/4\n"         // the sign
                                        "check dJ/dW = X'*(A - Y)/8\n"          // a factor 1/2 too many
                                        "check dJ/db = sum(A - Y)\n");          // 1/m of a scalar
    CHECK(r.results[0].verdict == Verdict::HoldsIdentically);
    CHECK(r.results[0].points_holding == r.results[0].points_checked);
    CHECK(r.results[0].points_checked == 25);  // the model's point and 24 random ones
    CHECK(r.results[1].diagnosis.find("X where X' (its transpose) is meant; 4 times the right value: the factor 1/4 "
                                      "is missing") != std::string::npos);
    CHECK(r.results[2].diagnosis.rfind("a 1×2 matrix, the transpose of the right 2×1 one", 0) == 0);
    CHECK(r.results[3].diagnosis == "the negative of the right value (the sign)");
    CHECK(r.results[4].diagnosis == "1/2 of the right value: a factor 1/2 too many");
    CHECK(r.results[5].diagnosis == "4 times the right value: the factor 1/4 is missing");
    CHECK(r.first_error == 1u);
}

TEST_CASE("matrix formula claims: a Hadamard product written as a matrix product, and the reverse") {
    // J = Σ G ⊙ tanh(XW): ∂J/∂H = G, ∂J/∂Z = G ⊙ (1 − H∘²), ∂J/∂W = Xᵀ ∂J/∂Z.
    const std::string model = "input X[3,2] = [1, 2; 0.5, -1; 2, 0.3]\n"
                              "const G[3,2] = [1, -0.5; 2, 0.25; -1, 3]\n"
                              "param W[2,2] = [0.1, -0.2; 0.3, 0.4]\n"
                              "Z = X*W\n"
                              "H = tanh(Z)\n"
                              "J = sum(G .* H)\n";
    const MatrixClaimReport r = checked("check dJ/dZ = G .* (1 - H.^2)\n"
                                        "check dJ/dZ = G * (1 - H.^2)\n"       // .* meant: (3×2)(3×2) has no value
                                        "check dJ/dW = X'*(G .* (1 - H.^2))\n"
                                        "check dJ/dW = X' .* (G .* (1 - H.^2))\n"  // * meant (shapes fail)
                                        "check dJ/dH = G .* H\n",
                                        model);
    CHECK(r.results[0].verdict == Verdict::HoldsIdentically);
    CHECK(r.results[1].diagnosis.find("the matrix product * where the element-wise (Hadamard) product .* is meant") !=
          std::string::npos);
    CHECK(r.results[2].verdict == Verdict::HoldsIdentically);
    CHECK(r.results[3].diagnosis.find("the element-wise product .* where the matrix product * is meant") !=
          std::string::npos);
    CHECK(r.results[4].verdict == Verdict::Wrong);
    CHECK(r.results[4].diagnosis.empty());
}

TEST_CASE("numeric matrix claims: entry by entry within one unit of the last digit; layout and factors") {
    // ∂J/∂W = Xᵀ(σ(XW + b) − Y)/4 = [0.63253418…; −0.47127843…] (tests/lang/matrix_model_test.cpp).
    const MatrixClaimReport r = checked("check dJ/dW = [0.6325; -0.4713]\n"
                                        "check dJ/dW = [0.6326; -0.4713]\n"     // one entry 1 unit off: still right
                                        "check dJ/dW = [0.6328; -0.4713]\n"     // one entry wrong
                                        "check dJ/dW = [0.6325, -0.4713]\n"     // a row: the layout
                                        "check dJ/dW = [2.530; -1.885]\n"       // 4 times
                                        "check dJ/db = 0.006897\n"
                                        "check dJ/dW = [0.6325; -0.4713; 1]\n");
    CHECK(r.results[0].verdict == Verdict::Correct);
    CHECK(r.results[1].verdict == Verdict::Correct);
    CHECK(r.results[2].verdict == Verdict::Wrong);
    CHECK(r.results[2].wrong_entries == 1);
    CHECK(r.results[2].diagnosis.empty());
    CHECK(r.results[3].diagnosis.rfind("a 1×2 matrix, the transpose of the right 2×1 one", 0) == 0);
    CHECK(r.results[4].diagnosis == "4 times the right value: the factor 1/4 is missing");
    CHECK(r.results[5].verdict == Verdict::Correct);
    CHECK(r.results[6].diagnosis == "a 3×1 matrix where the right value is 2×1");
}

TEST_CASE("seed 002's identities (60)–(69) hold identically; the numerator layout is told apart") {
    const MatrixClaimReport r = check_matrix_claims(load_model_file(example("seed002_identities.chain")));
    REQUIRE(r.results.size() == 10);
    for (const MatrixClaimResult& c : r.results) {
        INFO(c.text);
        CHECK(c.verdict == Verdict::HoldsIdentically);
    }
    const Model m = load_model_file(example("seed002_identities.chain"));
    std::string text = m.source.text + "check df63/dX = c*a'\n";  // ∂(aᵀXc)/∂X in numerator layout
    const MatrixClaimReport n = check_matrix_claims(load_model_text(text, "m.chain"));
    CHECK(n.results.back().diagnosis.rfind("a 2×3 matrix, the transpose of the right 3×2 one", 0) == 0);
}

TEST_CASE("matrix claims: what cannot be claimed is one error at the claim") {
    const auto error_of = [](const std::string& claims) {
        try {
            checked(claims);
        } catch (const LangError& e) {
            return e.first_line();
        }
        return std::string("no error");
    };
    CHECK(error_of("check dZ/dW = X\n").find("m.chain:8:8: error: dZ/dW of the 4×1 matrix Z is a Jacobian") == 0);
    CHECK(error_of("check W+ = [0; 0] lr=0.5\n").find("updates (W+ = …) of matrix models are not checked yet") !=
          std::string::npos);
    CHECK(error_of("check dJ/dQ = 1\n").find("m.chain:8:11: error: unknown name 'Q'") == 0);
    CHECK_THROWS_WITH(check_matrix_claims(load_model_text(kLogistic, "m.chain")), Catch::Contains("no check lines"));
}

}  // namespace matrix_claims_test
