// Worksheet gradients as exact fractions (GradientDerivation::exact_result and
// exact_after_update, lang/exact_gradient.hpp): set where the gradient of a .chain model
// is a rational worth a fraction (short, denominator not a power of ten), nothing for σ,
// exp, π, long fractions, integers and decimals like 3/10. Every expected fraction is
// worked out by hand in the comment next to it (checked once with Python's fractions).
#include "lang/exact_gradient.hpp"
#include "lang/model_worksheet.hpp"

#include <catch2/catch.hpp>

#include <string>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace exact_gradient_test {

using namespace chainrule;
using namespace chainrule::lang;

namespace {

Rational q(long p, long d) { return Rational(p) / d; }

derivations::Worksheet sheet(const std::string& text) { return model_worksheet(load_model_text(text, "m.chain")); }

const derivations::GradientDerivation& by(const derivations::Worksheet& w, const std::string& wrt) {
    for (const derivations::GradientDerivation& d : w.derivations)
        if (w.graph.nodes[d.wrt].name == wrt) return d;
    FAIL("no derivation by " << wrt);
    throw std::logic_error("unreachable");
}

// The relu network of several tests: x = 1/2, w1 = 1/4, w2 = −3/4, v1 = 3/2, v2 = 2, t = 1.
const std::string kRelu =
    "input x = 0.5\n"
    "target t = 1\n"
    "param w1 = 0.25, w2 = -0.75, v1 = 1.5, v2 = 2\n"
    "h1 = relu(w1*x)\n"   // relu(1/8) = 1/8
    "h2 = relu(w2*x)\n"   // relu(−3/8) = 0
    "y = v1*h1 + v2*h2\n"  // 3/2 · 1/8 = 3/16
    "E = 1/2*(y - t)^2\n"  // ∂E/∂y = y − t = −13/16
    "lr 0.5\n";

}  // namespace

TEST_CASE("exact gradient: a polynomial at a decimal", "[lang][exact-gradient]") {
    // f = x³ − 2x, f' = 3x² − 2 at x = 1/5: 3/25 − 50/25 = −47/25 (= −1.88)
    const derivations::Worksheet w = sheet("param x = 0.2\nf = x^3 - 2*x\n");
    const derivations::GradientDerivation& d = by(w, "x");
    CHECK(d.exact_result == q(-47, 25));
    CHECK(!d.exact_after_update);  // no lr, no update
    // With lr 0.5: x⁺ = 1/5 + 1/2 · 47/25 = 10/50 + 47/50 = 57/50 (= 1.14)
    const derivations::Worksheet u = sheet("param x = 0.2\nf = x^3 - 2*x\nlr 0.5\n");
    CHECK(by(u, "x").exact_result == q(-47, 25));
    CHECK(by(u, "x").exact_after_update == q(57, 50));
}

TEST_CASE("exact gradient: the textbook's −6/125", "[lang][exact-gradient]") {
    // f = 3/x², f' = −6/x³ at x = 5: −6/125 (= −0.048)
    CHECK(by(sheet("param x = 5\nf = 3/x^2\n"), "x").exact_result == q(-6, 125));
    // the same through a named intermediate: u = x², f = 3/u; ∂f/∂u = −3/u² = −3/625,
    // ∂u/∂x = 2x = 10: −30/625 = −6/125
    CHECK(by(sheet("param x = 5\nu = x^2\nf = 3/u\n"), "x").exact_result == q(-6, 125));
}

TEST_CASE("exact gradient: a relu network with decimal weights", "[lang][exact-gradient]") {
    const derivations::Worksheet w = sheet(kRelu);
    // ∂E/∂v1 = (y − t) h1 = −13/16 · 1/8 = −13/128
    CHECK(by(w, "v1").exact_result == q(-13, 128));
    // ∂E/∂w1 = (y − t) v1 · relu'(1/8) · x = −13/16 · 3/2 · 1 · 1/2 = −39/64
    CHECK(by(w, "w1").exact_result == q(-39, 64));
    // ∂E/∂v2 = (y − t) h2 = 0 and ∂E/∂w2 = 0 (h2 inactive): integers, no fraction
    CHECK(!by(w, "v2").exact_result);
    CHECK(!by(w, "w2").exact_result);
    // lr 1/2: v1⁺ = 3/2 + 1/2 · 13/128 = 384/256 + 13/256 = 397/256;
    //         w1⁺ = 1/4 + 1/2 · 39/64 = 32/128 + 39/128 = 71/128
    CHECK(by(w, "v1").exact_after_update == q(397, 256));
    CHECK(by(w, "w1").exact_after_update == q(71, 128));
    // v2⁺ = 2 − 0 = 2, w2⁺ = −3/4 = −0.75: an integer, and a denominator 4 (a fraction)
    CHECK(!by(w, "v2").exact_after_update);
    CHECK(by(w, "w2").exact_after_update == q(-3, 4));
}

TEST_CASE("exact adjoints: every name the output reads, through every path", "[lang][exact-gradient]") {
    const auto a = exact_adjoints(load_model_text(kRelu, "m.chain"), "E");
    CHECK(a.at("E") == 1);
    CHECK(a.at("y") == q(-13, 16));          // y − t
    CHECK(a.at("t") == q(13, 16));           // −(y − t)
    CHECK(a.at("h1") == q(-39, 32));         // (y − t) v1 = −13/16 · 3/2
    CHECK(a.at("h2") == q(-13, 8));          // (y − t) v2 = −13/16 · 2
    CHECK(a.at("x") == q(-39, 128));         // (y − t)(v1 w1 · 1 + v2 w2 · 0) = −13/16 · 3/8
    CHECK(a.at("v2") == 0);
    CHECK(a.at("w2") == 0);                  // relu'(−3/8) = 0
    CHECK(a.size() == 10);                   // E y t h1 h2 x w1 w2 v1 v2, and nothing else
    CHECK_THROWS_AS(exact_adjoints(load_model_text(kRelu, "m.chain"), "v1"), std::out_of_range);
}

TEST_CASE("exact gradient: nothing for sigmoid, exp, pi", "[lang][exact-gradient]") {
    // A sigmoid neuron: σ(0.3) is irrational, so is every gradient through it.
    const derivations::Worksheet s =
        sheet("input x = 0.5\ntarget t = 1\nparam w = 0.6, b = 0.1\ny = sigmoid(w*x + b)\nE = 1/2*(y - t)^2\nlr 0.5\n");
    for (const derivations::GradientDerivation& d : s.derivations) {
        CHECK(!d.exact_result);
        CHECK(!d.exact_after_update);
    }
    const auto a = exact_adjoints(load_model_text("input x = 0.5\nparam w = 0.6\ny = sigmoid(w*x)\nE = y^2\n", "m.chain"), "E");
    CHECK(a.size() == 1);  // E only: ∂E/∂y = 2y is already irrational
    // π: ∂(π w)/∂w = π
    CHECK(!by(sheet("param w = 0.5\nE = pi*w\n"), "w").exact_result);
    // exp(w)/3 at w = 0.5: e^0.5/3 is not rational
    CHECK(!by(sheet("param w = 0.5\nE = exp(w)/3\n"), "w").exact_result);
}

TEST_CASE("exact gradient: an irrational branch off the path does not matter", "[lang][exact-gradient]") {
    // E = w/3 + exp(c): E's value is irrational, ∂E/∂w = 1/3 is not
    const derivations::Worksheet w = sheet("const c = 0.5\nparam w = 0.2\nE = w/3 + exp(c)\n");
    CHECK(by(w, "w").exact_result == q(1, 3));
    // sigmoid of a constant feeding a product: ∂(w σ(c))/∂w = σ(c), irrational; ∂/∂v of
    // the other term v/7 is 1/7
    const derivations::Worksheet m = sheet("const c = 0.5\nparam w = 0.2, v = 1\ns = sigmoid(c)\nE = w*s + v/7\n");
    CHECK(!by(m, "w").exact_result);
    CHECK(by(m, "v").exact_result == q(1, 7));
}

TEST_CASE("exact gradient: no fraction where it says no more than the decimal", "[lang][exact-gradient]") {
    // 2x at x = 0.15: 3/10 = 0.3, a power-of-ten denominator
    CHECK(!by(sheet("param x = 0.15\nf = x^2\n"), "x").exact_result);
    // 0.37 w: 37/100
    CHECK(!by(sheet("param w = 0.1\nE = w*0.37\n"), "w").exact_result);
    // an integer: d(x²)/dx at 3 = 6
    CHECK(!by(sheet("param x = 3\nf = x^2\n"), "x").exact_result);
    // but 2x at x = 0.3 is 3/5: denominator 5
    CHECK(by(sheet("param x = 0.3\nf = x^2\n"), "x").exact_result == q(3, 5));
    // a long fraction: 4x³/3 at x = 0.123: 4 · 1860867/10⁹ / 3 = 2481156/10⁹ = 620289/250000000,
    // a denominator beyond 10⁶
    CHECK(!by(sheet("param x = 0.123\nf = x^4/3\n"), "x").exact_result);
    // a numerator at the limit: ∂(999997 x/7)/∂x = 999997/7 (999997 = 7 · 142856 + 5) is
    // shown; 1000001/7 (= 7 · 142857 + 2) is not
    CHECK(by(sheet("param x = 1\nf = 999997*x/7\n"), "x").exact_result == q(999997, 7));
    CHECK(!by(sheet("param x = 1\nf = 1000001*x/7\n"), "x").exact_result);
}

TEST_CASE("fraction_worth_showing: short, not an integer, no power-of-ten denominator", "[lang][exact-gradient]") {
    CHECK(fraction_worth_showing(q(-47, 25)));
    CHECK(fraction_worth_showing(q(1, 3)));
    CHECK(fraction_worth_showing(q(-6, 125)));
    CHECK(fraction_worth_showing(q(999999, 999998)));
    CHECK(!fraction_worth_showing(q(3, 10)));
    CHECK(!fraction_worth_showing(q(1, 1000)));
    CHECK(!fraction_worth_showing(q(123456789, 1000000000)));
    CHECK(!fraction_worth_showing(Rational(5)));
    CHECK(!fraction_worth_showing(Rational(0)));
    CHECK(!fraction_worth_showing(q(1, 1000003)));
    CHECK(!fraction_worth_showing(q(1000003, 7)));
}

TEST_CASE("exact gradient: at a kink, the tape's convention (relu'(0) = 0)", "[lang][exact-gradient]") {
    // E = relu(w − 0.5) · 3/7 + w/3 at w = 0.5: relu'(0) = 0, so ∂E/∂w = 1/3 only
    const derivations::Worksheet w = sheet("param w = 0.5\nE = relu(w - 0.5)*3/7 + w/3\n");
    CHECK(by(w, "w").exact_result == q(1, 3));
}

TEST_CASE("exact gradient: a long chain whose numbers grow beyond the bit limit", "[lang][exact-gradient]") {
    // h_k = 0.51 h_{k−1} + 0.1 for 1500 lines: ∂E/∂b has a denominator of 100^k, far beyond
    // 10⁶ — no fraction (the numbers stop at kExactGradientBits, after about 150 lines).
    std::string text = "input x = 0.5\nparam b = 0.1\n";
    std::string prev = "x";
    for (int k = 1; k <= 1500; ++k) {
        text += "h" + std::to_string(k) + " = 0.51*" + prev + " + b\n";
        prev = "h" + std::to_string(k);
    }
    text += "E = 1/3*" + prev + "\n";
    const derivations::Worksheet w = sheet(text);
    CHECK(!by(w, "b").exact_result);
}

}  // namespace exact_gradient_test
