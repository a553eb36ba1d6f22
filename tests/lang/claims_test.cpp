// `check` lines: the claim syntax, its errors (each at the offending character), and the
// shipped hand derivation examples/bp_network_hand.chain with the verdicts of the claim
// checking issue (worked out by hand from the seed 001 reference values; see
// tests/derivations/claims_seed001_test.cpp for the arithmetic).
#include "lang/claims.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace claims_test {

using namespace chainrule;
using namespace chainrule::lang;
using derivations::ClaimQuantity;
using derivations::ClaimVerdict;
using Catch::Contains;

namespace {

const char* kModel =
    "param x = 0.5\n"
    "param w = 2\n"
    "target t = 1\n"
    "y = sin(x)\n"
    "z = w*y\n"
    "E = 1/2*(t - z)^2\n"
    "lr 0.1\n";

Model model_with(const std::string& checks) { return load_model_text(std::string(kModel) + checks, "m.chain"); }

std::vector<derivations::Claim> claims(const std::string& checks) { return model_claims(model_with(checks)); }

// The LangError of the claims of `checks`, as "line:col message".
std::string error_of(const std::string& checks) {
    try {
        claims(checks);
    } catch (const LangError& e) {
        return std::to_string(e.line()) + ":" + std::to_string(e.column()) + " " + e.message();
    }
    return "no error";
}

}  // namespace

TEST_CASE("check lines: values, derivatives (d or ∂), updates, numbers and formulas") {
    const auto c = claims(
        "check y = 0.4794255386\n"
        "check dz/dx = 1.75516512 # a comment\n"
        "check ∂E/∂w = -0.1\n"
        "check x+ = 0.4 lr=0.2\n"
        "check w+ = 2.1\n"
        "check dz/dx = w*cos(x)\n");
    REQUIRE(c.size() == 6);
    CHECK(c[0].quantity.kind == ClaimQuantity::Kind::Value);
    CHECK(c[0].quantity.of == "y");
    CHECK(std::get<derivations::ClaimedNumber>(c[0].claimed).text == "0.4794255386");
    CHECK(c[1].quantity.kind == ClaimQuantity::Kind::Derivative);
    CHECK((c[1].quantity.of == "z" && c[1].quantity.wrt == "x"));
    CHECK(c[1].text == "dz/dx = 1.75516512");
    CHECK((c[2].quantity.of == "E" && c[2].quantity.wrt == "w"));
    CHECK(std::get<derivations::ClaimedNumber>(c[2].claimed).text == "-0.1");
    CHECK(c[3].quantity.kind == ClaimQuantity::Kind::Update);
    CHECK(c[3].quantity.wrt == "E");  // the model's output
    CHECK(*c[3].quantity.learning_rate == Real("0.2"));
    CHECK(*c[4].quantity.learning_rate == Real("0.1"));  // the model's lr line
    CHECK(std::holds_alternative<symbolic::Expr>(c[5].claimed));
}

TEST_CASE("check lines: malformed claims are errors at the offending character") {
    CHECK(error_of("check y 0.5\n") == "8:9 unexpected '0.5'");
    CHECK(error_of("check dz/x = 1\n") == "8:10 unexpected 'x'");
    CHECK(error_of("check y = \n") == "8:10 unexpected end of the claim");
    CHECK(error_of("check y = # nothing\n") == "8:10 unexpected end of the claim");
    CHECK(error_of("check y = 0.5 lr=0.1\n") == "8:18 only an update (p+ = …) takes a learning rate");
    CHECK(error_of("check y = 0.5 0.6\n") == "8:15 unexpected '0.6'");
    CHECK(error_of("check q = 1\n") == "8:7 unknown name 'q'");
    CHECK(error_of("check dz/dq = 1\n") == "8:11 unknown name 'q'");
    CHECK(error_of("check y+ = 1\n") == "8:7 'y' is not a param, so it has no update");
    CHECK(error_of("check dz/dx = w*cos(xx)\n") == "8:21 unknown name 'xx'");
    CHECK(error_of("check dz/dx = w*cosine(x)\n") == "8:17 unknown function 'cosine'");
    CHECK(error_of("check y = 1 lr=\n") == "8:16 unexpected end of line");
    CHECK(error_of("check x+ = 1 lr=0\n") == "8:17 the learning rate must be positive");
    CHECK(error_of("check dE/dx = 1 lr=0.1\n") == "8:20 only an update (p+ = …) takes a learning rate");
}

TEST_CASE("check lines: an update needs a learning rate") {
    const Model m = load_model_text("param x = 1\nE = x^2\ncheck x+ = 0.8\n", "m.chain");
    CHECK_THROWS_WITH(model_claims(m), Contains("m.chain:3:7") && Contains("needs a learning rate"));
}

TEST_CASE("check lines: a model without any is an error for the checker") {
    CHECK_THROWS_WITH(check_model_claims(load_model_text(kModel, "m.chain")), Contains("no check lines"));
}

TEST_CASE("examples/bp_network_hand.chain gets the verdicts of the claim checking issue") {
    const Model m = load_model_file(std::string(CHAINRULE_SOURCE_DIR) + "/examples/bp_network_hand.chain");
    const derivations::ClaimReport r = check_model_claims(m);
    REQUIRE(r.results.size() == 23);
    const std::vector<ClaimVerdict> expected{
        // in_h1 … E
        ClaimVerdict::Correct, ClaimVerdict::Correct, ClaimVerdict::Correct, ClaimVerdict::Correct,
        ClaimVerdict::Correct, ClaimVerdict::Correct, ClaimVerdict::Correct,
        // E_o1, E_o2
        ClaimVerdict::Wrong, ClaimVerdict::Wrong,
        // dE/dout_o1, dout_o1/din_o1, din_o1/dw5, dE/dw5, w5+
        ClaimVerdict::Correct, ClaimVerdict::Correct, ClaimVerdict::Correct, ClaimVerdict::Correct,
        ClaimVerdict::CarriedForward,
        // dE_o1/din_o1
        ClaimVerdict::Wrong,
        // din_o1/dout_h1, dE_o2/dout_h1, dout_h1/din_h1, din_h1/dw1
        ClaimVerdict::Correct, ClaimVerdict::Correct, ClaimVerdict::Correct, ClaimVerdict::Correct,
        // dE_o1/dout_h1, dE/dout_h1, dE/dw1, w1+
        ClaimVerdict::CarriedForward, ClaimVerdict::CarriedForward, ClaimVerdict::CarriedForward,
        ClaimVerdict::CarriedForward};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO(r.results[i].claim.text);
        CHECK(r.results[i].verdict == expected[i]);
    }
    CHECK(r.first_error == std::optional<std::size_t>(7));
    CHECK_THAT(r.results[7].diagnosis, Contains("swapped"));
    CHECK(r.results[14].carried_to == std::vector<std::size_t>{19, 20, 21, 22});
    CHECK_THAT(r.results[14].diagnosis, Contains("out_o1 (0.7987314002) was used in place of dE_o1/dout_o1"));
}

}  // namespace claims_test
