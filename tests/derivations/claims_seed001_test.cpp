// The acceptance test of claim checking: the hand derivation of seed 001 (one bias per
// layer), its numbers encoded as claims through the C++ API. The expected verdicts are
// the table, worked out by hand from the independent 40-digit reference values
// (shared/reference/seed-001-network.md), e.g.
//   out_h2 = 0.65926038845…   → 0.6592603884 is truncated (rounding gives …3885);
//   E_o1 / E_o2               → the true values are 0.3110486109 / 0.0116359213: swapped;
//   w5+ = 0.5 − 0.5·0.0818667051 = 0.45906664745 exactly (truth 0.45906664748…);
//   dE_o1/din_o1 = out_o1 · dout_o1/din_o1 = 0.79873140025 · 0.16075955051 = 0.12840370097…
//     instead of −(o1 − out_o1) · … = 0.1267961054;
//   dE_o1/dout_h1 = 0.1284037009 · 0.5 = 0.06420185045,  dE/dout_h1 = 0.06420185045 − 0.0145365614,
//   dE/dw1 = 0.04966528905 · 0.2287842405 · 0.1 = 0.00113626350…, w1+ = 0.1 − 0.1 · 0.0011362635.
#include "autodiff/seed_network.hpp"
#include "derivations/claims.hpp"
#include "derivations/claims_document.hpp"
#include "derivations/render_latex.hpp"
#include "pdflatex_check.hpp"
#include "precision/number_format.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace claims_seed001_test {

using namespace chainrule;
using namespace chainrule::derivations;

namespace {

Claim value(std::string of, std::string number) { return value_claim(std::move(of), std::move(number)); }
Claim derivative(std::string of, std::string wrt, std::string number) {
    return derivative_claim(std::move(of), std::move(wrt), std::move(number));
}
Claim update(std::string p, std::string number, const char* lr) { return update_claim(std::move(p), std::move(number), Real(lr)); }

std::vector<Claim> hand_derivation() {
    return {value("in_h1", "0.6"),
            value("out_h1", "0.6456563062"),
            value("out_h2", "0.6592603884"),
            value("in_o1", "1.3783843861"),
            value("out_o1", "0.7987314002"),
            value("out_o2", "0.8374488853"),
            value("E", "0.3226845322"),
            value("E_o1", "0.0116359213"),
            value("E_o2", "0.3110486109"),
            derivative("E", "out_o1", "0.7887314002"),
            derivative("out_o1", "in_o1", "0.1607595505"),
            derivative("in_o1", "w5", "0.6456563062"),
            derivative("E", "w5", "0.0818667051"),
            update("w5", "0.45906664745", "0.5"),
            derivative("E_o1", "in_o1", "0.1284037009"),
            derivative("in_o1", "out_h1", "0.5"),
            derivative("E_o2", "out_h1", "-0.0145365614"),
            derivative("out_h1", "in_h1", "0.2287842405"),
            derivative("in_h1", "w1", "0.1"),
            derivative("E_o1", "out_h1", "0.06420185045"),
            derivative("E", "out_h1", "0.04966528905"),
            derivative("E", "w1", "0.0011362635"),
            update("w1", "0.0998863737", "0.1")};
}

ClaimReport check_seed(const std::vector<Claim>& claims) {
    Tape<Real> tape;
    seed_network::record_seed(tape);
    ClaimCheckOptions options;
    options.output = "E";
    return check_claims(tape, claims, options);
}

}  // namespace

TEST_CASE("claims: the seed 001 hand derivation gets the issue's verdicts", "[claims][seed001]") {
    const ClaimReport r = check_seed(hand_derivation());
    REQUIRE(r.results.size() == 23);
    const auto& v = r.results;
    for (std::size_t i = 0; i < 7; ++i) {
        INFO(v[i].claim.text);
        CHECK(v[i].verdict == ClaimVerdict::Correct);
    }
    CHECK(*v[0].agreement == Agreement::Exact);  // 0.1·0.1 + 0.2·0.2 + 0.55
    CHECK(*v[1].agreement == Agreement::Rounded);
    CHECK(*v[2].agreement == Agreement::Truncated);  // 0.65926038845…
    CHECK(*v[3].agreement == Agreement::Truncated);  // 1.37838438618…
    CHECK(*v[4].agreement == Agreement::Rounded);

    // E_o1, E_o2: swapped; E_o1 is the first error; nothing later depends on them.
    CHECK(r.first_error == std::optional<std::size_t>(7));
    CHECK(v[7].first_error);
    CHECK(v[7].verdict == ClaimVerdict::Wrong);
    CHECK(v[8].verdict == ClaimVerdict::Wrong);
    CHECK(v[7].diagnosis.find("swapped") != std::string::npos);
    CHECK(v[7].diagnosis.find("E_o2") != std::string::npos);
    CHECK(v[7].carried_to.empty());
    CHECK(v[8].carried_to.empty());

    for (std::size_t i = 9; i < 13; ++i) {
        INFO(v[i].claim.text);
        CHECK(v[i].verdict == ClaimVerdict::Correct);
    }
    // dE/dw5 = 0.0818667051 vs 0.08186670504: 0.6 units off, neither rounded nor truncated.
    CHECK(*v[12].agreement == Agreement::WithinOneUnit);

    // w5+ carried forward: the rounding of dE/dw5.
    CHECK(v[13].verdict == ClaimVerdict::CarriedForward);
    CHECK(v[13].carried_from == std::vector<std::size_t>{12});
    CHECK(v[13].root_errors.empty());
    CHECK(format_number(v[13].right, 11) == "0.45906664748");

    // dE_o1/din_o1: wrong, out_o1 used in place of dE_o1/dout_o1; four lines carried forward.
    CHECK(v[14].verdict == ClaimVerdict::Wrong);
    CHECK(!v[14].first_error);
    CHECK(format_number(v[14].right, 10) == "0.1267961054");
    CHECK(v[14].diagnosis.find("out_o1") == 0);
    CHECK(v[14].diagnosis.find("in place of dE_o1/dout_o1 = -(o1 - out_o1)") != std::string::npos);
    CHECK(v[14].carried_to == std::vector<std::size_t>{19, 20, 21, 22});

    for (std::size_t i = 15; i < 19; ++i) {
        INFO(v[i].claim.text);
        CHECK(v[i].verdict == ClaimVerdict::Correct);
    }
    for (std::size_t i = 19; i < 23; ++i) {
        INFO(v[i].claim.text);
        CHECK(v[i].verdict == ClaimVerdict::CarriedForward);
        CHECK(v[i].root_errors == std::vector<std::size_t>{14});
    }
    CHECK(r.any_wrong());
}

TEST_CASE("claims: the report as LaTeX compiles with pdflatex (long notes wrap)", "[claims]") {
    check_compiles_with_pdflatex(render_latex(claims_document(check_seed(hand_derivation()), 10)), "claims");
}

}  // namespace claims_seed001_test
