// `check` lines of second derivatives (d2E/dw5^2, d2E/dw1dw5, ∂²E/∂w5²): the syntax and its
// errors (each at its line and column), numbers as strict as first-order claims, formulas
// at the model's point and at random points, the slips that explain a wrong number, the
// note at a kink, and the report's forms. Expected values are SymPy's (hessian_reference.hpp,
// 50 digits) and the closed forms of seed 001's network worked out with mpmath, never the
// program's own output:
//   ∂²E/∂w5² = out_h1²·[σ′² + (out_o1 − o1)·σ″],  σ′ = out_o1(1 − out_o1),  σ″ = σ′(1 − 2 out_o1)
//   ∂²E/∂w1∂w5 = [σ′² + (out_o1 − o1)σ″]·w5·out_h1·σ_h′·i1 + (out_o1 − o1)σ′·σ_h′·i1,  σ_h′ = out_h1(1 − out_h1)
//   ∂E/∂w5 = 0.081866705039625877824…, ∂E/∂w6 = 0.083591649683019024506…, ∂E/∂w1 = 0.0011178739177656789825…
//   ∂²E/∂w6² = -0.021693106494096114535…, ∂²E/∂w5∂w6 = -0.021245461209101223110…
#include "hessian_reference.hpp"

#include "lang/claim_reports.hpp"
#include "lang/claims.hpp"
#include "lang/outputs.hpp"

#include "derivations/claims_document.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace second_order_claims_test {

using namespace chainrule;
using namespace chainrule::lang;
using derivations::ClaimQuantity;
using derivations::ClaimReport;
using derivations::ClaimVerdict;
using derivations::SecondOrderSlip;
using Catch::Contains;

namespace {

// Seed 001's network (examples/bp_network.chain: one bias per layer), 17 lines.
const char* kNetwork =
    "input  i1 = 0.1, i2 = 0.2\n"
    "target o1 = 0.01, o2 = 0.99\n"
    "param  w1 = 0.1, w2 = 0.2, w3 = 0.3, w4 = 0.4\n"
    "param  w5 = 0.5, w6 = 0.6, w7 = 0.7, w8 = 0.8\n"
    "param  b_h = 0.55, b_o = 0.66\n"
    "in_h1  = w1*i1 + w2*i2 + b_h\n"
    "out_h1 = sigmoid(in_h1)\n"
    "in_h2  = w3*i1 + w4*i2 + b_h\n"
    "out_h2 = sigmoid(in_h2)\n"
    "in_o1  = w5*out_h1 + w6*out_h2 + b_o\n"
    "out_o1 = sigmoid(in_o1)\n"
    "in_o2  = w7*out_h1 + w8*out_h2 + b_o\n"
    "out_o2 = sigmoid(in_o2)\n"
    "E_o1   = 1/2*(o1 - out_o1)^2\n"
    "E_o2   = 1/2*(o2 - out_o2)^2\n"
    "E      = E_o1 + E_o2\n"
    "derive E wrt w5, w1\n";

// The line of the first check after kNetwork.
constexpr std::size_t kFirstCheckLine = 18;

const char* kSigmaPrime = "out_o1*(1 - out_o1)";
const std::string kCurvature = std::string("((") + kSigmaPrime + ")^2 + (out_o1 - o1)*" + kSigmaPrime + "*(1 - 2*out_o1))";

Model network_with(const std::string& checks) { return load_model_text(std::string(kNetwork) + checks, "net.chain"); }

ClaimReport report_of(const std::string& checks) { return check_model_claims(network_with(checks)); }

std::vector<derivations::Claim> claims_of(const std::string& checks) { return model_claims(network_with(checks)); }

// The LangError of `check CLAIM` on the line after the network, as "line:col message".
std::string error_of(const std::string& claim) {
    try {
        report_of("check " + claim + "\n");
    } catch (const LangError& e) {
        return std::to_string(e.line()) + ":" + std::to_string(e.column()) + " " + e.message();
    }
    return "no error";
}

std::string at(std::size_t column, const std::string& message) {
    return std::to_string(kFirstCheckLine) + ":" + std::to_string(column) + " " + message;
}

// The SymPy value of a seed 001 entry ("d2E/dw5^2", "d2E/dw1^2", "d2E/dw1dw5").
Real reference(std::string_view what) {
    for (const auto& r : hessian_reference::kSeed001)
        if (r.what == what) return Real(std::string(r.value));
    FAIL("no reference value for " << what);
    return Real(0);
}

bool agrees_to_40_digits(const Real& a, const Real& b) {
    return boost::multiprecision::abs(a - b) <= Real("1e-40") * boost::multiprecision::abs(b);
}

// The slip of a single wrong claim, and its English diagnosis.
std::pair<std::optional<SecondOrderSlip>, std::string> slip_of(const std::string& claim) {
    const ClaimReport r = report_of("check " + claim + "\n");
    REQUIRE(r.results.size() == 1);
    CHECK(r.results[0].verdict == ClaimVerdict::Wrong);
    return {r.results[0].slip, r.results[0].diagnosis};
}

}  // namespace

TEST_CASE("second-derivative claims: every notation of d2E/dw5^2 is the same quantity") {
    const auto c = claims_of(
        "check d2E/dw5^2 = 1\n"
        "check d^2E/dw5^2 = 1\n"
        "check d²E/dw5² = 1\n"
        "check ∂²E/∂w5² = 1\n"
        "check ∂2E/∂w5^2 = 1  # a comment\n");
    REQUIRE(c.size() == 5);
    for (const auto& claim : c) {
        CHECK(claim.quantity.kind == ClaimQuantity::Kind::SecondDerivative);
        CHECK(claim.quantity.of == "E");
        CHECK(claim.quantity.wrt == "w5");
        CHECK(claim.quantity.wrt2 == "w5");
        CHECK(std::get<derivations::ClaimedNumber>(claim.claimed).text == "1");
    }
    CHECK(c[2].text == "d²E/dw5² = 1");
    CHECK(c[4].text == "∂2E/∂w5^2 = 1");
}

TEST_CASE("second-derivative claims: mixed ones, written together, apart or with ∂") {
    const auto c = claims_of(
        "check d2E/dw1dw5 = 1\n"
        "check d2E/dw1 dw5 = 1\n"
        "check ∂²E/∂w1∂w5 = 1\n"
        "check d2E/dw5dw1 = 1\n"
        "check d2E/db_hdb_o = 1\n"
        "check d2E/dw5^2 = out_h1^2\n");
    REQUIRE(c.size() == 6);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(c[i].quantity.kind == ClaimQuantity::Kind::SecondDerivative);
        CHECK((c[i].quantity.wrt == "w1" && c[i].quantity.wrt2 == "w5"));
    }
    CHECK((c[3].quantity.wrt == "w5" && c[3].quantity.wrt2 == "w1"));  // as written; the checker orders them
    CHECK((c[4].quantity.wrt == "b_h" && c[4].quantity.wrt2 == "b_o"));
    CHECK(std::holds_alternative<symbolic::Expr>(c[5].claimed));
}

TEST_CASE("second-derivative claims: malformed ones are errors at their line and column") {
    CHECK(error_of("d2E/dw5^3 = 1") == at(14, "the power of dw5 is the order of the derivative, 2, not 3"));
    CHECK(error_of("d2E/dw5³ = 1") == at(14, "the power of dw5 is the order of the derivative, 2, not 3"));
    CHECK(error_of("d2E/dw5 = 1") == at(14, "a second derivative needs ^2 after the name or a second name"));
    CHECK(error_of("d3E/dw5^3 = 1") == at(8, "only first and second derivatives can be checked, not derivatives of order 3"));
    CHECK(error_of("d^3E/dw5 = 1") == at(8, "only first and second derivatives can be checked, not derivatives of order 3"));
    CHECK(error_of("d1E/dw5 = 1") == at(8, "a first derivative has no order"));
    CHECK(error_of("d2E/dw9^2 = 1") == at(12, "unknown name 'w9'"));
    CHECK(error_of("d2E/dw1dw9 = 1") == at(15, "unknown name 'w9'"));
    CHECK(error_of("d2E/dw1 dw9 = 1") == at(16, "unknown name 'w9'"));
    CHECK(error_of("d2Q/dw5^2 = 1") == at(9, "unknown name 'Q'"));
    CHECK(error_of("d2E/dw5^2 = out_h9") == at(19, "unknown name 'out_h9'"));
    CHECK(error_of("d2E/dout_h1^2 = 1") == at(12, "'out_h1' is defined by an expression: second derivatives are by a leaf"));
    CHECK(error_of("d2E/dw5 din_o1 = 1") == at(16, "'in_o1' is defined by an expression: second derivatives are by a leaf"));
    CHECK(error_of("d2E/dw1dw5^2 = 1") == at(17, "a mixed second derivative has no power"));
    CHECK(error_of("d2E/dw1 dw5^2 = 1") == at(18, "a mixed second derivative has no power"));
    CHECK(error_of("d2E/d = 1") == at(12, "unexpected ' '"));
    CHECK(error_of("d2E/dw5 d = 1") == at(16, "unexpected ' '"));
    CHECK(error_of("d2E/dw5^2 = 1 lr=0.5") == at(24, "only an update (p+ = …) takes a learning rate"));
    CHECK(error_of("d2E/dw5^2 -0.02") == at(17, "unexpected '-'"));
}

TEST_CASE("second-derivative claims: a name that splits two ways must be written apart") {
    const std::string model = "param a = 1, b = 2, adb = 3, bdb = 4\nE = a*b*adb*bdb\n";
    try {
        check_model_claims(load_model_text(model + "check d2E/dadbdb = 1\n", "m.chain"));
        FAIL("no error");
    } catch (const LangError& e) {
        CHECK(e.line() == 3);
        CHECK(e.column() == 12);
        CHECK_THAT(e.message(), Contains("can be read as names in more than one way"));
        CHECK_THAT(e.hint(), Contains("write the two names apart"));
    }
    const ClaimReport r = check_model_claims(load_model_text(model + "check d2E/da dbdb = 6\n", "m.chain"));
    CHECK(r.results[0].verdict == ClaimVerdict::Correct);  // ∂²E/∂a∂bdb = b·adb = 6
}

TEST_CASE("second-derivative claims: the right values are SymPy's to 40 digits") {
    const ClaimReport r = report_of(
        "check d2E/dw5^2 = 0\n"
        "check d2E/dw1^2 = 0\n"
        "check d2E/dw1dw5 = 0\n"
        "check d2E/dw5dw1 = 0\n"
        "check ∂²E/∂w6² = 0\n");
    REQUIRE(r.results.size() == 5);
    CHECK(agrees_to_40_digits(r.results[0].right, reference("d2E/dw5^2")));
    CHECK(agrees_to_40_digits(r.results[1].right, reference("d2E/dw1^2")));
    CHECK(agrees_to_40_digits(r.results[2].right, reference("d2E/dw1dw5")));
    CHECK(agrees_to_40_digits(r.results[3].right, reference("d2E/dw1dw5")));  // symmetric
    CHECK(agrees_to_40_digits(r.results[4].right, Real("-0.021693106494096114535807362850372829759225292934065")));
    CHECK(r.results[3].claim.quantity.wrt == "w1");  // put in the model's order
    CHECK(derivations::quantity_text(r.results[3].claim.quantity) == "∂²E/∂w1∂w5");
}

TEST_CASE("second-derivative claims: targets and inputs are leaves too") {
    // E_o1 = ½(o1 − out_o1)² is the only term with o1: ∂²E/∂o1² = 1 exactly.
    const ClaimReport r = report_of("check d2E/do1^2 = 1\ncheck d2E/do1^2 = 0.998\n");
    CHECK(r.results[0].verdict == ClaimVerdict::Correct);
    CHECK(*r.results[0].agreement == derivations::Agreement::Exact);
    CHECK(r.results[1].verdict == ClaimVerdict::Wrong);
}

TEST_CASE("second-derivative claims: numbers are as strict as their digits") {
    const ClaimReport r = report_of(
        "check d2E/dw5^2 = -0.0208070533\n"       // -0.020807053250… rounded
        "check d2E/dw5^2 = -0.0208070532\n"       // truncated: 5.03e-11 away, more than half a unit
        "check d2E/dw5^2 = -0.02080705\n"         // rounded, 7 digits
        "check d2E/dw5^2 = -0.020807054\n"        // 7.5e-10 away: within one unit
        "check d2E/dw5^2 = -0.020807055\n"        // 1.75e-9 away: wrong
        "check d2E/dw1dw5 = 0.00253225266\n"      // 0.0025322526608… rounded
        "check d2E/dw5dw1 = 2.5322527e-3\n"       // the same entry, another notation
        "check d2E/dw1^2 = -3.07490397e-5\n"      // -3.0749039742e-5 rounded
        "check d2E/dw1^2 = -3.07490398e-5\n"      // within one unit
        "check d2E/dw1^2 = -3.0749041e-5\n"       // 1.26e-12 away at a unit of 1e-12: wrong
        "check d2E/dw5^2 = -1/48\n");             // an exact constant: equal only
    REQUIRE(r.results.size() == 11);
    using A = derivations::Agreement;
    const std::vector<std::pair<ClaimVerdict, std::optional<A>>> expected{
        {ClaimVerdict::Correct, A::Rounded},       {ClaimVerdict::Correct, A::Truncated},
        {ClaimVerdict::Correct, A::Rounded},       {ClaimVerdict::Correct, A::WithinOneUnit},
        {ClaimVerdict::Wrong, std::nullopt},       {ClaimVerdict::Correct, A::Rounded},
        {ClaimVerdict::Correct, A::Rounded},       {ClaimVerdict::Correct, A::Rounded},
        {ClaimVerdict::Correct, A::WithinOneUnit}, {ClaimVerdict::Wrong, std::nullopt},
        {ClaimVerdict::Wrong, std::nullopt}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("claim " << i + 1 << ": " << r.results[i].claim.text);
        CHECK(r.results[i].verdict == expected[i].first);
        CHECK(r.results[i].agreement == expected[i].second);
    }
    CHECK(r.first_error == std::size_t{4});
    CHECK(r.results[4].carried_from.empty());  // no carried forward for second derivatives
}

TEST_CASE("second-derivative claims: formulas hold identically, at this point only, or are wrong") {
    const std::string mixed = kCurvature + "*w5*out_h1*out_h1*(1 - out_h1)*i1 + (out_o1 - o1)*" + kSigmaPrime +
                              "*out_h1*(1 - out_h1)*i1";
    const ClaimReport r = report_of(
        "check d2E/dw5^2 = out_h1^2*" + kCurvature + "\n" +                       // the closed form
        "check d2E/dw1dw5 = " + mixed + "\n" +                                    // the mixed one
        "check d2E/dw5dw1 = " + mixed + "\n" +                                    // by symmetry
        "check d2E/dw6^2 = out_h2^2*" + kCurvature + "\n" +
        "check d2E/dw5^2 = 2*w5*out_h1^2*" + kCurvature + "\n" +                  // 2·w5 = 1 here only
        "check d2E/dw5^2 = out_h1^2*(" + kSigmaPrime + ")^2\n" +                  // σ″ term missing
        "check d2E/dw5^2 = (out_o1 - o1)*" + kSigmaPrime + "*out_h1\n");          // the first derivative
    REQUIRE(r.results.size() == 7);
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("claim " << i + 1);
        CHECK(r.results[i].verdict == ClaimVerdict::HoldsIdentically);
        CHECK(r.results[i].points_checked >= 20);
        CHECK(r.results[i].points_holding == r.results[i].points_checked);
    }
    CHECK(r.results[4].verdict == ClaimVerdict::HoldsAtThisPointOnly);
    CHECK(r.results[4].points_holding < r.results[4].points_checked);
    CHECK(r.results[5].verdict == ClaimVerdict::Wrong);
    // out_h1²σ′² = 0.010773488708641154244… (mpmath)
    CHECK(boost::multiprecision::abs(*r.results[5].claimed - Real("0.010773488708641154244708042722390368404311553253784")) <
          Real("1e-40"));
    CHECK(derivations::claim_note(r, 5) == "first error; the formula gives 0.01077348871 here");
    CHECK(r.results[6].verdict == ClaimVerdict::Wrong);
    CHECK(boost::multiprecision::abs(*r.results[6].claimed - Real("0.081866705039625877824418191018963466242289189866496")) <
          Real("1e-40"));
    CHECK(r.first_error == std::size_t{5});  // holding at this point only is not an error of a step
    CHECK(r.any_wrong());
}

TEST_CASE("second-derivative slips: the first derivative in place of the second") {
    for (const auto& [claim, text] : std::vector<std::pair<std::string, std::string>>{
             {"d2E/dw5^2 = 0.0818667050", "this is ∂E/∂w5 (0.08186670504), the first derivative, not the second"},
             {"d2E/dw6^2 = 0.0835916497", "this is ∂E/∂w6 (0.08359164968), the first derivative, not the second"},
             {"d2E/dw1^2 = 0.00111787392", "this is ∂E/∂w1 (0.001117873918), the first derivative, not the second"},
             {"d2E/dw1dw5 = 0.08186670", "this is ∂E/∂w5 (0.08186670504), the first derivative, not the second"}}) {
        INFO(claim);
        const auto [slip, diagnosis] = slip_of(claim);
        REQUIRE(slip);
        CHECK(slip->kind == SecondOrderSlip::Kind::FirstDerivative);
        CHECK(slip->quantity.kind == ClaimQuantity::Kind::Derivative);
        CHECK(diagnosis == text);
    }
}

TEST_CASE("second-derivative slips: another entry of the Hessian") {
    for (const auto& [claim, entry] : std::vector<std::pair<std::string, std::string>>{
             {"d2E/dw5^2 = 0.00253225266", "∂²E/∂w1∂w5"},
             {"d2E/dw1dw5 = -0.0208070533", "∂²E/∂w5²"},
             {"d2E/dw1dw5 = -3.07490397e-5", "∂²E/∂w1²"},
             {"d2E/dw6^2 = -0.0212454612", "∂²E/∂w5∂w6"},
             {"d2E/dw6dw5 = -0.0216931065", "∂²E/∂w6²"},
             // twice ∂²E/∂w1∂w5, but first ∂²E/∂w2∂w5: i2 = 2·i1 makes it exactly that entry
             {"d2E/dw1dw5 = 0.00506450532", "∂²E/∂w2∂w5"}}) {
        INFO(claim);
        const auto [slip, diagnosis] = slip_of(claim);
        REQUIRE(slip);
        CHECK(slip->kind == SecondOrderSlip::Kind::OtherEntry);
        CHECK(derivations::quantity_text(slip->quantity) == entry);
        CHECK_THAT(diagnosis, Contains("this is " + entry + " (") && Contains("another entry of the Hessian"));
    }
}

TEST_CASE("second-derivative slips: a product of first derivatives") {
    // (∂E/∂w5)² = 0.0067021573940…, ∂E/∂w5·∂E/∂w6 = 0.0068433729283… (mpmath)
    for (const auto& [claim, product] : std::vector<std::pair<std::string, std::string>>{
             {"d2E/dw5^2 = 0.00670215739", "(∂E/∂w5)²"}, {"d2E/dw5dw6 = 0.00684337293", "∂E/∂w5·∂E/∂w6"}}) {
        INFO(claim);
        const auto [slip, diagnosis] = slip_of(claim);
        REQUIRE(slip);
        CHECK(slip->kind == SecondOrderSlip::Kind::FirstProduct);
        CHECK_THAT(diagnosis, Contains("this is " + product + " (") && Contains("a product of first derivatives"));
    }
}

TEST_CASE("second-derivative slips: the sign, a factor 2 or 1/2") {
    using K = SecondOrderSlip::Kind;
    for (const auto& [claim, kind] : std::vector<std::pair<std::string, K>>{
             {"d2E/dw5^2 = 0.0208070533", K::Sign},
             {"d2E/dw1dw5 = -0.00253225266", K::Sign},
             {"d2E/dw1^2 = 3.07490397e-5", K::Sign},
             {"d2E/dw5^2 = -0.0416141065", K::Twice},
             {"d2E/dw6^2 = -0.0433862130", K::Twice},
             {"d2E/dw5^2 = -0.0104035266", K::Half},
             {"d2E/dw1dw5 = 0.00126612633", K::Half}}) {
        INFO(claim);
        const auto [slip, diagnosis] = slip_of(claim);
        REQUIRE(slip);
        CHECK(slip->kind == kind);
    }
    CHECK(slip_of("d2E/dw5^2 = 0.0208070533").second == "the sign is wrong (the right value is -0.02080705325)");
    CHECK(slip_of("d2E/dw5^2 = -0.0416141065").second ==
          "it is twice the right value (-0.02080705325): a factor 2 too many, or a factor 1/2 missing");
    CHECK(slip_of("d2E/dw5^2 = -0.0104035266").second ==
          "it is half the right value (-0.02080705325): a factor 2 is missing");
}

TEST_CASE("second-derivative slips: nothing simple, and no slip from an entry that is 0") {
    CHECK(!slip_of("d2E/dw5^2 = 0.5").first);
    CHECK(!slip_of("d2E/dw5^2 = 0").first);  // ∂²E/∂w5∂w7 is 0, which explains nothing
    CHECK(slip_of("d2E/dw5^2 = 0").second.empty());
}

TEST_CASE("second-derivative slips are said in Chinese too") {
    const ClaimReport r = report_of("check d2E/dw5^2 = 0.0818667050\ncheck d2E/dw5^2 = 0.0208070533\n");
    const std::string zh = claims_text(r, 10, derivations::Language::Chinese);
    CHECK_THAT(zh, Contains("这是一阶导数 ∂E/∂w5（0.08186670504），不是二阶导数"));
    CHECK_THAT(zh, Contains("符号错误（正确值为 -0.02080705325）"));
    CHECK_THAT(zh, Contains("∂²E/∂w5² = 0.0818667050"));
}

TEST_CASE("second-derivative claims at a kink follow the convention relu″ = 0, with a note") {
    // z = w·x + b = 0: E = relu(z)·w + 3w² has E″ = 6 from the left, 8 from the right;
    // relu′(0) = 0 and relu″ = 0 give 6. ∂²E/∂w∂b = relu″·x·w + relu′ = 0.
    const Model m = load_model_text(
        "param w = 1, b = -1\ninput x = 1\nz = w*x + b\nh = relu(z)\nE = h*w + 3*w^2\n"
        "check d2E/dw^2 = 6\ncheck d2E/dwdb = 0\ncheck d2E/dw^2 = 7\ncheck d2E/dx^2 = 0\n",
        "kink.chain");
    const ClaimReport r = check_model_claims(m);
    REQUIRE(r.results.size() == 4);
    CHECK(r.results[0].verdict == ClaimVerdict::Correct);
    CHECK(r.results[1].verdict == ClaimVerdict::Correct);
    CHECK(r.results[2].verdict == ClaimVerdict::Wrong);
    CHECK(r.results[3].verdict == ClaimVerdict::Correct);
    for (std::size_t i = 0; i < 4; ++i) {
        REQUIRE(r.results[i].kink);
        CHECK(r.results[i].kink->kind == derivations::KinkNote::Kind::SecondOrder);
    }
    CHECK(derivations::claim_note(r, 1) ==
          "exact; relu at z = 0 is a kink: the second derivative there is the rules' first-order convention for relu, "
          "differentiated (relu″ = |x|″ = 0; docs/conventions.md)");
    CHECK_THAT(derivations::claim_note(r, 1, derivations::Language::Chinese),
               Contains("relu 在 z = 0 处是一个折点：此处的二阶导数是规则对 relu 的一阶约定再求导"));
}

TEST_CASE("second-derivative claims in JSON: order, leaves, LaTeX and slip") {
    const ClaimReport r = report_of(
        "check d2E/dw5dw1 = 0.0025322527\ncheck d2E/dw5^2 = 0.0818667050\ncheck dE/dw5 = 0.0818667050\n");
    const nlohmann::json j = nlohmann::json::parse(claims_json(r, 10));
    const auto& c = j["claims"];
    CHECK(c[0]["quantity"] == "∂²E/∂w1∂w5");
    CHECK(c[0]["claim"] == "d2E/dw5dw1 = 0.0025322527");
    CHECK(c[0]["order"] == 2);
    CHECK(c[0]["wrt"] == nlohmann::json::array({"w1", "w5"}));
    CHECK(c[0]["quantity_latex"] == "\\frac{\\partial^2 E}{\\partial w_{1}\\,\\partial w_{5}}");
    CHECK(c[0]["slip"].is_null());
    CHECK(c[0]["verdict"] == "correct");
    CHECK(c[0]["right_digits"] == "0.002532252661");
    CHECK(c[1]["quantity"] == "∂²E/∂w5²");
    CHECK(c[1]["quantity_latex"] == "\\frac{\\partial^2 E}{\\partial w_{5}^2}");
    CHECK(c[1]["slip"] == "first derivative");
    CHECK(c[1]["diagnosis"] == "this is ∂E/∂w5 (0.08186670504), the first derivative, not the second");
    CHECK(c[1]["first_error"] == true);
    CHECK(!c[2].contains("order"));  // first-order claims keep their fields
    CHECK(!c[2].contains("slip"));
}

TEST_CASE("second-derivative claims in the reports: ∂²E/∂w5² in text, LaTeX in md and tex, user text escaped") {
    const ClaimReport r = report_of("check d2E/dw1dw5 = 0.00253225266\ncheck d2E/dw5^2 = out_h1^2*" + kCurvature + "\n");
    const std::string text = claims_output(r, "text", 10, "", "en");
    CHECK_THAT(text, Contains("∂²E/∂w1∂w5 = 0.00253225266"));
    CHECK_THAT(text, Contains("∂²E/∂w5² = out_h1^2*((out_o1*(1 - out_o1))^2"));
    const std::string md = claims_output(r, "md", 10, "", "en");
    CHECK_THAT(md, Contains("$\\frac{\\partial^2 E}{\\partial w_{1}\\,\\partial w_{5}}$ = 0.00253225266"));
    CHECK_THAT(md, Contains("$\\frac{\\partial^2 E}{\\partial w_{5}^2}$ = out\\_h1^2\\*"));
    const std::string tex = claims_output(r, "tex", 10, "", "en");
    CHECK_THAT(tex, Contains("$\\frac{\\partial^2 E}{\\partial w_{5}^2}$ = out\\_h1"));
    CHECK_THAT(tex, !Contains("= out_h1"));
}

TEST_CASE("examples/second_order_hand.chain: right numbers, a wrong formula, the first derivative by mistake") {
    std::ifstream in(std::string(CHAINRULE_SOURCE_DIR) + "/examples/second_order_hand.chain");
    std::ostringstream text;
    text << in.rdbuf();
    const ClaimReport r = check_model_claims(load_model_text(text.str(), "second_order_hand.chain"));
    const std::vector<ClaimVerdict> expected{ClaimVerdict::Correct, ClaimVerdict::Correct, ClaimVerdict::Correct,
                                             ClaimVerdict::Correct, ClaimVerdict::Wrong, ClaimVerdict::HoldsIdentically,
                                             ClaimVerdict::Wrong};
    REQUIRE(r.results.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("claim " << i + 1 << ": " << r.results[i].claim.text);
        CHECK(r.results[i].verdict == expected[i]);
        CHECK(r.results[i].claim.quantity.kind == ClaimQuantity::Kind::SecondDerivative);
    }
    CHECK(r.first_error == std::size_t{4});
    REQUIRE(r.results[4].slip);
    CHECK(r.results[4].slip->kind == SecondOrderSlip::Kind::FirstDerivative);
    CHECK(r.any_wrong());
}

TEST_CASE("second-derivative claims in C++: second_derivative_claim on a recorded tape") {
    Tape<Real> t;
    auto x = t.variable(Real("0.5"), "x");
    auto y = t.variable(Real(2), "y");
    auto f = (x * x * y).named("f");  // ∂²f/∂x² = 2y = 4, ∂²f/∂x∂y = 2x = 1
    static_cast<void>(f);
    const std::vector<derivations::Claim> claims{derivations::second_derivative_claim("f", "x", "x", "4"),
                                                 derivations::second_derivative_claim("f", "y", "x", "1.0"),
                                                 derivations::second_derivative_claim("f", "y", "y", "0")};
    const ClaimReport r = derivations::check_claims(t, claims);
    for (const auto& result : r.results) CHECK(result.verdict == ClaimVerdict::Correct);
    CHECK(derivations::quantity_text(r.results[1].claim.quantity) == "∂²f/∂x∂y");
    CHECK(r.results[1].claim.text == "d2f/dy dx = 1.0");
}

TEST_CASE("a claimed 0 is not explained by another quantity that is exactly 0") {
    // ∂²E/∂w5∂w7 = 0 exactly (w5 and w7 feed different outputs); ∂²E/∂w5² is not 0
    for (const char* zero : {"d2E/dw5dw7", "d2E/dw6dw8", "dE/dw5"}) {
        CAPTURE(zero);
        const std::string first = std::string("check ") + zero + " = 0\n";
        const ClaimReport r = report_of(first + "check d2E/dw5^2 = 0\n");
        REQUIRE(r.results.size() == 2);
        CHECK(r.results[1].verdict == ClaimVerdict::Wrong);
        CHECK_THAT(derivations::claim_note(r, 1), !Contains("it is the value of"));
    }
}

}  // namespace second_order_claims_test
