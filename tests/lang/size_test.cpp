// Models at size (issue 11, "Size"): a generated .chain file of thousands of lines, each
// reading the previous line and a param of its own, is recorded and derived right — the
// gradient against a closed form computed here, the params of every name by the tape.
// Only behaviour is checked; bench/size_cases.py has the times.
#include "lang/claims.hpp"
#include "lang/model.hpp"
#include "lang/model_worksheet.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace size_test {

using namespace chainrule;
using namespace chainrule::lang;

TEST_CASE("a 3000-line model, one param per line: params, and dE/dw1 and dE/db against closed forms") {
    constexpr int n = 3000;
    std::vector<double> w(n + 1);
    std::string text = "input x = 0.5\nparam b = 0.1\n";
    for (int k = 1; k <= n; ++k) {
        w[k] = 0.5 + (k % 7) / 100.0;
        text += "param w" + std::to_string(k) + " = 0." + std::to_string(50 + k % 7) + "\n";
    }
    std::string prev = "x";
    for (int k = 1; k <= n; ++k) {
        const std::string h = "h" + std::to_string(k);
        text += h + " = tanh(w" + std::to_string(k) + "*" + prev + " + b)\n";
        prev = h;
    }
    text += "E = 1/2*" + prev + "^2\nderive E wrt w1, b\n";
    const Model m = load_model_text(text, "long.chain");
    CHECK(m.params_of("h2").size() == 3);  // b, w1, w2
    CHECK(m.params_of("E").size() == n + 1);
    CHECK(m.params_of("x").empty());

    // Forward mode in long double: dh_k/db = (1 − h_k²)(w_k dh_{k−1}/db + 1),
    // dh_k/dw1 = (1 − h_k²) w_k dh_{k−1}/dw1 for k > 1, (1 − h_1²) x for k = 1.
    long double h = 0.5L, db = 0, dw1 = 0;
    for (int k = 1; k <= n; ++k) {
        const long double next = std::tanh(static_cast<long double>(w[k]) * h + 0.1L), s = 1 - next * next;
        dw1 = k == 1 ? s * h : s * w[k] * dw1;
        db = s * (w[k] * db + 1);
        h = next;
    }
    const derivations::Worksheet ws = model_worksheet(m, WorksheetRequest{});
    REQUIRE(ws.derivations.size() == 2);
    for (const derivations::GradientDerivation& d : ws.derivations) {
        const long double expected = h * (ws.graph.nodes[d.wrt].name == "b" ? db : dw1);
        CHECK(std::fabs(static_cast<double>(d.result) - static_cast<double>(expected)) <=
              1e-12 * std::fabs(static_cast<double>(expected)));
        CHECK(derivations::agrees_with_reverse_mode(d, 10));
    }
}

TEST_CASE("check on a 2000-line chain: wrong claims and claims carried forward from them") {
    // h_k = tanh(w h_{k−1} + b), w = 0.9, b = 0.1, x = 0.5; E = ½(t − h_2000)², t = 0.25.
    constexpr int n = 2000;
    std::string text = "input x = 0.5\ntarget t = 0.25\nparam w = 0.9, b = 0.1\n";
    std::string prev = "x";
    long double h = 0.5L;
    for (int k = 1; k <= n; ++k) {
        text += "h" + std::to_string(k) + " = tanh(w*" + prev + " + b)\n";
        prev = "h" + std::to_string(k);
        h = std::tanh(0.9L * h + 0.1L);
    }
    text += "E = 1/2*(t - " + prev + ")^2\n";
    const auto digits = [](long double v) {
        char s[32];
        std::snprintf(s, sizeof s, "%.10Lf", v);
        return std::string(s);
    };
    // h1 is tanh(0.55) ≈ 0.5005, so 0.6000 is wrong (0.6 would be right to its one digit);
    // h2 from the claimed h1 is tanh(0.9·0.6 + 0.1).
    text += "check h1 = 0.6000\ncheck h2 = " + digits(std::tanh(0.64L)) + "\n";
    // dE/dh2000 = h2000 − t ≈ 0.2516, so 0.3000 is wrong; dE/dh1999 = dE/dh2000 · w(1 − h2000²)
    // with the claimed 0.3 is carried forward from it.
    text += "check dE/dh2000 = 0.3000\ncheck dE/dh1999 = " + digits(0.3L * 0.9L * (1 - h * h)) + "\n";
    const derivations::ClaimReport r = check_model_claims(load_model_text(text, "long_check.chain"));
    REQUIRE(r.results.size() == 4);
    CHECK(r.results[0].verdict == derivations::ClaimVerdict::Wrong);
    CHECK(r.results[1].verdict == derivations::ClaimVerdict::CarriedForward);
    CHECK(r.results[1].carried_from == std::vector<std::size_t>{0});
    CHECK(r.results[2].verdict == derivations::ClaimVerdict::Wrong);
    CHECK(r.results[3].verdict == derivations::ClaimVerdict::CarriedForward);
    CHECK(r.results[3].carried_from == std::vector<std::size_t>{2});
}

}  // namespace size_test
