// Issue 11, "trust at the edges", through the language: certified digits under
// cancellation (grad and worksheets), infinite derivatives and kinks in worksheets and
// in `check`. Every expected value comes from a closed form (Taylor series worked by hand)
// or from the mathematics of the point, never from an earlier run.
#include "derivations/claims_document.hpp"
#include "derivations/worksheet.hpp"
#include "lang/calculus.hpp"
#include "lang/claims.hpp"
#include "lang/model_worksheet.hpp"
#include "lang/parser.hpp"
#include "precision/number_format.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace edges_test {

using namespace chainrule;
using namespace chainrule::lang;
using Catch::Contains;

namespace {

Gradient gradient(const std::string& expression, const std::string& at) {
    const Source s{"expression", expression};
    const Source p{"--at", at};
    return gradient_at(parse_expression(s), s, make_point(parse_bindings(p), p));
}

std::string printed(const Real& x, const Certainty& c) { return format_number(x, c, 10); }

}  // namespace

// (1 − cos x)/x² = 1/2 − x²/24 + …, d/dx = −x/12 + x³/360 − …: the 50-digit tape alone loses
// every digit of the derivative from x ≈ 1e-13 on; the ladder recovers them.
TEST_CASE("certified digits: (1 - cos x)/x^2 at tiny x is 1/2 with derivative -x/12", "[edges]") {
    const auto g15 = gradient("(1 - cos(x))/x^2", "x=1e-15");
    CHECK(printed(g15.value, g15.value_certainty) == "0.5");
    CHECK(printed(g15.partials[0], g15.partial_certainty[0]) == "-8.333333333e-17");
    const auto g22 = gradient("(1 - cos(x))/x^2", "x=1e-22");
    CHECK(printed(g22.value, g22.value_certainty) == "0.5");
    CHECK(printed(g22.partials[0], g22.partial_certainty[0]) == "-8.333333333e-24");
    // 1 − cos(1e-60) = 5e-121 is 1 − 1 = 0 at 50 and at 100 digits alike: an identical
    // value is not trusted until the cap, which resolves it.
    const auto g60 = gradient("(1 - cos(x))/x^2", "x=1e-60");
    CHECK(printed(g60.value, g60.value_certainty) == "0.5");
    CHECK(printed(g60.partials[0], g60.partial_certainty[0]) == "-8.333333333e-62");
}

TEST_CASE("certified digits: other cancelling forms at tiny arguments", "[edges]") {
    // (e^x − 1)/x = 1 + x/2 + x²/6, derivative 1/2 + x/3
    const auto a = gradient("(exp(x) - 1)/x", "x=1e-30");
    CHECK(printed(a.value, a.value_certainty) == "1");
    CHECK(printed(a.partials[0], a.partial_certainty[0]) == "0.5");
    // (sqrt(1 + x) − 1)/x = 1/2 − x/8 + x²/16, derivative −1/8 + x/8
    const auto b = gradient("(sqrt(1 + x) - 1)/x", "x=1e-40");
    CHECK(printed(b.value, b.value_certainty) == "0.5");
    CHECK(printed(b.partials[0], b.partial_certainty[0]) == "-0.125");
    // (x + 1)² − x² − 2x − 1 = 0 exactly, for any x (here where x² has 61 digits)
    const auto c = gradient("(x + 1)^2 - x^2 - 2*x - 1", "x=1e30");
    CHECK(printed(c.value, c.value_certainty) == "0");
    CHECK(printed(c.partials[0], c.partial_certainty[0]) == "0");
}

TEST_CASE("certified digits: an exactly-zero transcendental difference prints as zero, not noise", "[edges]") {
    for (const char* x : {"0.3", "1.7", "2.5", "0.123"}) {
        const auto g = gradient("sinh(x)/cosh(x) - tanh(x)", std::string("x=") + x);
        const std::string v = printed(g.value, g.value_certainty);
        INFO(x << ": " << v);
        CHECK((v == "0" || v.rfind("0 (±1e-", 0) == 0));
        CHECK_FALSE((g.value_certainty.complete() && g.value != 0));
    }
}

TEST_CASE("plain arithmetic shows what float64 and float32 reverse mode print", "[edges]") {
    const Source s{"expression", "(1 - cos(x))/x^2"};
    const Source p{"--at", "x=1e-7"};
    const Gradient d = plain_gradient_at(parse_expression(s), s, make_point(parse_bindings(p), p), Arithmetic::Double);
    // In double, 1 − cos(1e-7) = 4.9960036108132044e-15 (cos rounds to 1 − 2^-48·…), far from 5e-15.
    const double x = 1e-7;
    const double expected = (1 - std::cos(x)) / (x * x);
    CHECK(d.value.convert_to<double>() == Approx(expected).epsilon(1e-12));
    CHECK(std::abs(d.value.convert_to<double>() - 0.5) > 1e-4);  // the round-off it is there to show
}

TEST_CASE("infinite derivatives: grad names the op, and an undefined value is bad input", "[edges]") {
    const auto g = gradient("sqrt(w*x - 1) + w", "w=2, x=0.5");
    CHECK(printed(g.value, g.value_certainty) == "2");
    CHECK(boost::multiprecision::isinf(g.partials[0]));
    CHECK(g.partials[0] > 0);
    CHECK(g.singular == "sqrt' at 0");
    const auto c = gradient("cbrt(x)", "x=0");
    CHECK(boost::multiprecision::isinf(c.partials[0]));
    CHECK(c.singular == "cbrt' at 0");
    const auto l = gradient("log(x)", "x=0");
    CHECK(boost::multiprecision::isinf(l.value));
    CHECK(l.value < 0);
    CHECK(l.singular == "log at 0");
    const auto a = gradient("asin(x)", "x=1");
    CHECK(boost::multiprecision::isinf(a.partials[0]));
    CHECK_THROWS_WITH(gradient("log(x)", "x=-1"), Contains("undefined") && Contains("log at -1"));
}

TEST_CASE("infinite derivatives: a worksheet where both sides are +inf agrees", "[edges]") {
    const Model m = load_model_text("input x = 0.5\nparam w = 2\ny = sqrt(w*x - 1) + w\n", "edge.chain");
    const derivations::Worksheet w = model_worksheet(m);
    REQUIRE(w.derivations.size() == 1);
    CHECK(boost::multiprecision::isinf(w.derivations[0].result));
    CHECK(derivations::agrees_with_reverse_mode(w.derivations[0], 10));
    REQUIRE(w.singular_points.size() == 1);
    CHECK(w.singular_points[0].function == "sqrt");
    CHECK(w.singular_points[0].kind == derivations::SingularKind::InfiniteDerivative);
}

TEST_CASE("kinks: worksheets give both one-sided gradients and the convention", "[edges]") {
    // E = (relu(w x + b) − 1)², at w x + b = 0: from the left r = 0, dE/dw = 0; from the
    // right r = z, dE/dw = 2(z − 1)·x = 2(0 − 1)·2 = −4, dE/db = −2.
    const Model m = load_model_text("input x = 2\nparam w = 0.5, b = -1\nz = w*x + b\nr = relu(z)\nE = (r - 1)^2\n",
                                    "kink.chain");
    const derivations::Worksheet w = model_worksheet(m);
    REQUIRE(w.singular_points.size() == 1);
    CHECK(w.singular_points[0].function == "relu");
    CHECK(*w.singular_points[0].left == 0);
    CHECK(*w.singular_points[0].right == 1);
    for (const auto& d : w.derivations) {
        const std::string p = w.graph.nodes[d.wrt].name;
        CHECK(d.result == 0);  // relu'(0) = 0
        REQUIRE(d.from_left);
        CHECK(format_number(*d.from_left, 10) == "0");
        CHECK(format_number(*d.from_right, 10) == (p == "w" ? "-4" : "-2"));
    }
    // abs at 0 and max at a tie are kinks too
    const Model a = load_model_text("param u = 0\nv = abs(u)\nE = v + max(u, 0)\n", "abs.chain");
    const derivations::Worksheet wa = model_worksheet(a);
    CHECK(wa.singular_points.size() == 2);
    // from the left: d|u|/du = −1, max(u, 0)' = 0 → −1; from the right: 1 + 1 = 2
    REQUIRE(wa.derivations.at(0).from_left);
    CHECK(format_number(*wa.derivations[0].from_left, 10) == "-1");
    CHECK(format_number(*wa.derivations[0].from_right, 10) == "2");

    // selu at 0: λα from the left, λ from the right (λ, α: PyTorch's decimals). E = 3·selu(z),
    // z = w x + b = 0: dE/dw = 3·selu'·x = 6λα or 6λ, dE/db = 3λα or 3λ (Python decimal, 60 digits).
    const Model s = load_model_text("input x = 2\nparam w = 0.5, b = -1\nz = w*x + b\nE = 3*selu(z)\n", "selu.chain");
    const derivations::Worksheet ws = model_worksheet(s);
    REQUIRE(ws.singular_points.size() == 1);
    CHECK(ws.singular_points[0].function == "selu");
    CHECK(format_number(*ws.singular_points[0].left, 12) == "1.75809934085");
    CHECK(format_number(*ws.singular_points[0].right, 12) == "1.05070098736");
    for (const auto& d : ws.derivations) {
        const bool w_ = ws.graph.nodes[d.wrt].name == "w";
        REQUIRE(d.from_left);
        CHECK(format_number(d.result, 10) == (w_ ? "10.54859605" : "5.274298023"));  // the left branch
        CHECK(format_number(*d.from_left, 10) == (w_ ? "10.54859605" : "5.274298023"));
        CHECK(format_number(*d.from_right, 10) == (w_ ? "6.304205924" : "3.152102962"));
    }
}

TEST_CASE("check: finite claims of an infinite derivative are wrong, the right formula is right", "[edges]") {
    const Model m = load_model_text("input x = 0.5\nparam w = 2\ny = sqrt(w*x - 1) + w\n"
                                    "check dy/dw = 123.456\ncheck dy/dw = -7\ncheck dy/dw = 1e400\n"
                                    "check dy/dw = x/(2*sqrt(w*x - 1)) + 1\n",
                                    "edge.chain");
    const derivations::ClaimReport r = check_model_claims(m);
    REQUIRE(r.results.size() == 4);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(r.results[i].verdict == derivations::ClaimVerdict::Wrong);
        CHECK_THAT(r.results[i].note, Contains("+infinity") && Contains("sqrt' at 0"));
    }
    CHECK(r.results[3].verdict == derivations::ClaimVerdict::HoldsIdentically);
}

TEST_CASE("check: at a kink either one-sided value is correct, with the convention named", "[edges]") {
    const Model m = load_model_text("input x = 2\nparam w = 0.5, b = -1\nz = w*x + b\nr = relu(z)\nr1 = r + 1\n"
                                    "E = (r - 1)^2\n"
                                    "check dr/dz = 1\ncheck dr/dz = 0\ncheck dr/dz = 0.5\n"
                                    "check dE/dw = -4\ncheck dE/dw = 0\ncheck dE/dw = 3\ncheck dE/db = -2\n",
                                    "kink.chain");
    const derivations::ClaimReport r = check_model_claims(m);
    using V = derivations::ClaimVerdict;
    REQUIRE(r.results.size() == 7);
    CHECK(r.results[0].verdict == V::Correct);  // right-sided
    CHECK_THAT(r.results[0].note, Contains("from the right") && Contains("relu at z = 0 is a kink"));
    CHECK(r.results[0].diagnosis.empty());     // no coincidence with r1 = 1
    CHECK(r.results[0].right == 1);            // compared with the side it matched, not the convention's 0
    CHECK(r.results[0].difference == 0);
    CHECK(r.results[1].verdict == V::Correct);  // the convention
    CHECK(r.results[1].right == 0);
    CHECK_THAT(r.results[1].note, Contains("convention"));
    CHECK(r.results[2].verdict == V::Wrong);
    CHECK_THAT(r.results[2].note, Contains("0 (left) and 1 (right)"));
    CHECK(r.results[3].verdict == V::Correct);  // −4, from the right (hand arithmetic above)
    CHECK(r.results[3].right == -4);
    CHECK(r.results[4].verdict == V::Correct);
    CHECK(r.results[5].verdict == V::Wrong);
    CHECK(r.results[6].verdict == V::Correct);
    // The notes at the kink are the report's words, in each language.
    using derivations::Language;
    CHECK_THAT(derivations::claim_note(r, 0, Language::English),
               Contains("the one-sided value from the right: relu at z = 0 is a kink; the convention gives 0"));
    CHECK_THAT(derivations::claim_note(r, 0, Language::Chinese),
               Contains("右侧的单侧值：relu 在 z = 0 处是一个折点；按约定为 0"));
    CHECK_THAT(derivations::claim_note(r, 1, Language::Chinese),
               Contains("按约定取的值：relu 在 z = 0 处是一个折点，两个单侧值为 0（左）和 1（右）"));
    CHECK_THAT(derivations::claim_note(r, 2, Language::Chinese),
               Contains("relu 在 z = 0 处是一个折点：两个单侧值为 0（左）和 1（右）；按约定为 0"));
    for (std::size_t i = 0; i < r.results.size(); ++i) {  // (a wrong one's diagnosis stays English)
        if (r.results[i].verdict != V::Correct) continue;
        INFO("#" << i + 1);
        const std::string zh = derivations::claim_note(r, i, Language::Chinese);
        CHECK_THAT(zh, !Contains("kink") && !Contains("one-sided") && !Contains("convention"));
    }
}

}  // namespace edges_test
