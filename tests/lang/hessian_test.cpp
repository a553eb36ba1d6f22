// Hessians of typed expressions and of models (lang/hessian.hpp), `diff` of higher order,
// and the worksheet's second derivatives (--order 2), against SymPy: hessian_reference.hpp
// holds 20 formulas' Hessians computed by SymPy's symbolic differentiation to 50 digits
// (hessian_reference.py) and the seed 001 network's second derivatives.
#include "hessian_reference.hpp"

#include "calculus_support.hpp"
#include "lang/hessian.hpp"
#include "lang/model.hpp"
#include "lang/model_worksheet.hpp"
#include "derivations/render_markdown.hpp"
#include "symbolic/text_printer.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace hessian_test {

using namespace chainrule;
using namespace chainrule::lang;
using namespace chainrule::lang::test_support;

namespace {

// |got − want| ≤ 1e-40·max(1, |want|): the 50-digit rung's value against SymPy's 50 digits.
bool close(const Real& got, std::string_view want) {
    const Real w{std::string(want)};
    const Real scale = boost::multiprecision::abs(w) > 1 ? Real(boost::multiprecision::abs(w)) : Real(1);
    return boost::multiprecision::abs(got - w) <= scale * Real("1e-40");
}

HessianResult hessian(const std::string& expression, const std::string& at) {
    const Source s{"expression", expression};
    return hessian_at(parse_expression(s), s, point(at));
}

Model seed_network() {
    return load_model_file(std::filesystem::path(CHAINRULE_SOURCE_DIR) / "examples/bp_network.chain");
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const LangError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("Hessians of 20 formulas agree with SymPy to 40 digits") {
    for (const hessian_reference::Case& c : hessian_reference::kCases) {
        CAPTURE(c.formula, c.at);
        const HessianResult h = hessian(std::string(c.formula), std::string(c.at));
        REQUIRE(h.size() == static_cast<std::size_t>(c.n));
        for (int k = 0; k < c.n * c.n; ++k) {
            CAPTURE(k, h.entries[k].str(50), c.hessian[k]);
            CHECK(close(h.entries[k], c.hessian[k]));
            CHECK(h.certainty[k].complete());
        }
    }
}

TEST_CASE("the issue's two Hessians: [[4, 2], [2, -sin 2]] and pow(x, 2) at 0") {
    const HessianResult a = hessian("x^2*y + sin(y)", "x=1, y=2");
    CHECK(a.at(0, 0) == 4);
    CHECK(a.at(0, 1) == 2);
    CHECK(a.at(1, 0) == 2);
    CHECK(close(a.at(1, 1), "-0.90929742682568169539601986591174484270225497144789"));
    // pow(x, 2)'' = 2 at 0 (the rule is 2·x^1, never exp(2 log x): NaN at 0 elsewhere)
    const HessianResult b = hessian("pow(x, 2) + y^2", "x=0, y=0");
    CHECK(b.entries == std::vector<Real>{2, 0, 0, 2});
    CHECK(hessian("x^2", "x=0").entries == std::vector<Real>{2});
    CHECK(hessian("x^3 + x", "x=0").entries == std::vector<Real>{0});
}

TEST_CASE("exact entries are rationals at the point's decimals") {
    const HessianResult h = hessian("x^3*y/5 + 1/(x*y)", "x=0.5, y=2");
    // d²/dx² = 6xy/5 + 2/(x³y) = 6/5 + 8, d²/dxdy = 3x²/5 + 1/(x²y²) = 3/20 + 1, d²/dy² = 2/(xy³) = 1/2
    CHECK(close(h.at(0, 0), "9.2"));
    CHECK(close(h.at(0, 1), "1.15"));
    CHECK(close(h.at(1, 1), "0.5"));
    REQUIRE(h.exact.size() == 4);
    CHECK(h.exact[0] == Rational(46, 5));
    CHECK(h.exact[1] == Rational(23, 20));
    CHECK(h.exact[3] == Rational(1, 2));
    CHECK(h.certainty[0].complete());
}

TEST_CASE("second-order conventions at kinks and infinite second derivatives") {
    CHECK(hessian("relu(x)*y", "x=0, y=3").entries == std::vector<Real>{0, 0, 0, 0});  // relu'' = 0, relu'(0) = 0
    CHECK(hessian("abs(x) + x*y", "x=0, y=3").entries == std::vector<Real>{0, 1, 1, 0});
    CHECK(hessian("step(x)*y + sign(x)", "x=0, y=2").entries == std::vector<Real>{0, 0, 0, 0});
    CHECK(hessian("relu(x)", "x=0").kink == "relu at 0");
    const HessianResult s = hessian("sqrt(x) + x*y", "x=0, y=1");  // sqrt'' at 0 is -infinity
    CHECK(s.at(0, 0) == -std::numeric_limits<double>::infinity());
    CHECK(s.at(0, 1) == 1);  // a direction that leaves x fixed: no 0*inf = NaN
    CHECK(s.at(1, 1) == 0);
    CHECK(hessian("x^1.5", "x=0").at(0, 0) == std::numeric_limits<double>::infinity());
}

TEST_CASE("second derivatives where a rule branches: pow at b = 0, softplus inside mish, logaddexp of an infinity") {
    // ∂²(x^y)/∂x∂y = x^(y−1)(1 + y ln x) = 1/2 at (2, 0); the rule's b = 0 branch must not
    // drop its tangent (SymPy: 1/2; ∂²/∂y² = ln² 2)
    const HessianResult p = hessian("pow(x, y)", "x=2, y=0");
    CHECK(close(p.at(0, 1), "0.5"));
    CHECK(close(p.at(1, 0), "0.5"));
    CHECK(p.at(0, 0) == 0);
    CHECK(close(p.at(1, 1), "0.48045301391820142466710252632666497173055295159455"));
    // mish″ reads softplus, whose stable form has two kinked pieces at 0 (SymPy: 0.64, and
    // 0.56339465900206734673853913050098… at 0.3); softplus″(0) = σ′(0) = 1/4
    CHECK(close(hessian("mish(x)", "x=0").at(0, 0), "0.64"));
    CHECK(close(hessian("mish(x)", "x=0.3").at(0, 0), "0.5633946590020673467385391305009839001830517236654162115"));
    CHECK(close(hessian("softplus(x)", "x=0").at(0, 0), "0.25"));
    CHECK(close(hessian("log_sigmoid(x)", "x=0").at(0, 0), "-0.25"));
    // logaddexp(√x, y) at the origin: both mixed entries are −∞ (∂/∂y of σ(√x − y)/(2√x))
    const HessianResult l = hessian("logaddexp(sqrt(x), y)", "x=0, y=0");
    CHECK(l.at(0, 1) == -std::numeric_limits<double>::infinity());
    CHECK(l.at(1, 0) == -std::numeric_limits<double>::infinity());
    CHECK(close(l.at(1, 1), "0.25"));
}

TEST_CASE("the printed symmetry is checked, and a variable may be called f") {
    const std::string ok = hessian_output(hessian("x^2*y", "x=1, y=2"), "text", 10);
    CHECK_THAT(ok, Catch::Contains("∂²f/∂xᵢ∂xⱼ: symmetric\n"));
    HessianResult bent = hessian("x^2*y", "x=1, y=2");
    bent.entries[1] += 1;  // as if the two sweeps had differed
    CHECK_THAT(hessian_output(bent, "text", 10), Catch::Contains("NOT symmetric: the entries x,y and y,x differ"));
    CHECK_THAT(hessian_output(bent, "json", 10), Catch::Contains("\"symmetric\": false"));
    const std::string named_f = hessian_output(hessian("f^2*g", "f=3, g=2"), "text", 10);
    CHECK_THAT(named_f, Catch::Contains("F = 18\n∂F/∂f = 12\n"));
    CHECK_THAT(hessian_output(hessian("x^1.5", "x=0"), "text", 10), Catch::Contains("inf, -inf or undefined entries"));
}

TEST_CASE("the seed 001 network's Hessian by w5 and w1 agrees with SymPy") {
    const HessianResult h = model_hessian(seed_network(), {"w5", "w1"});
    REQUIRE(h.names == std::vector<std::string>{"w5", "w1"});
    CHECK(h.output == "E");
    CHECK(close(h.at(0, 0), hessian_reference::kSeed001[0].value));
    CHECK(close(h.at(1, 1), hessian_reference::kSeed001[1].value));
    CHECK(close(h.at(0, 1), hessian_reference::kSeed001[2].value));
    CHECK(close(h.at(1, 0), hessian_reference::kSeed001[2].value));
    // the seed's reference file (20 decimals)
    CHECK(boost::multiprecision::abs(h.gradient[0] - Real("0.08186670503962587782")) < Real("1e-20"));
}

TEST_CASE("hessian errors name what and where") {
    CHECK_THAT(error_of([] { model_hessian(seed_network(), {"i1"}); }), Catch::Contains("'i1' is an input, not a param"));
    CHECK_THAT(error_of([] { model_hessian(seed_network(), {"nope"}); }), Catch::Contains("unknown name 'nope'"));
    CHECK_THAT(error_of([] { hessian("log(x)", "x=-1"); }), Catch::Contains("undefined"));
    CHECK_THAT(error_of([] { hessian("x*y", "x=1"); }), Catch::Contains("unknown name 'y'"));
    CHECK_THAT(error_of([] { model_hessian(seed_network(), {"w5", "w5"}); }), Catch::Contains("'w5' is listed twice"));
}

TEST_CASE("diff of higher order: by one name twice, and mixed") {
    const auto d = [](const std::string& e, std::vector<std::string> wrt) {
        const Source s{"expression", e};
        return symbolic::to_text(derivative(parse_expression(s), s, wrt));
    };
    CHECK(d("x^2*y + sin(y)", {"x", "y"}) == "2*x");
    CHECK(d("x^2*y + sin(y)", {"y", "x"}) == "2*x");
    CHECK(d("x^2*y + sin(y)", {"y", "y"}) == "-sin(y)");
    CHECK(d("x^3", {"x", "x", "x"}) == "6");
    CHECK(d("exp(2*x)", {"x", "x"}) == "4*exp(2*x)");
}

TEST_CASE("worksheet --order 2: d2E/dw5^2 and d2E/dw1^2 of seed 001, derived and checked") {
    WorksheetRequest request;
    request.wrt = {"w5", "w1"};
    request.order = 2;
    const derivations::Worksheet w = model_worksheet(seed_network(), request);
    const derivations::SecondOrderSection& s = w.second_order;
    REQUIRE(s.derivations.size() == 2);
    CHECK(close(s.derivations[0].result, hessian_reference::kSeed001[0].value));
    CHECK(close(s.derivations[0].forward_over_reverse, hessian_reference::kSeed001[0].value));
    CHECK(close(s.derivations[1].result, hessian_reference::kSeed001[1].value));
    REQUIRE(s.hessian.size() == 4);
    CHECK(close(s.hessian[1], hessian_reference::kSeed001[2].value));
    // out_h1 does not depend on w5: the last factor's derivative has no terms (it is 0)
    CHECK(s.derivations[0].factors[0].back().terms.empty());
    const std::string md = derivations::render_markdown(derivations::worksheet_document(w));
    CHECK_THAT(md, Catch::Contains("## Second derivatives"));
    CHECK_THAT(md, Catch::Contains("&= -0.02080705325"));  // SymPy: -0.0208070532503155905…
    CHECK_THAT(md, Catch::Contains("&= -0.00003074903974"));  // SymPy: -0.0000307490397419698…
    CHECK_THAT(md, Catch::Contains("gives $-0.02080705325$, the same."));
    CHECK_THAT(md, Catch::Contains("\\left(1 - 2 \\mathrm{out}_{o_{1}}\\right) \\cdot"));
    // order 1 (the default) has no such section
    request.order = 1;
    CHECK_THAT(derivations::render_markdown(derivations::worksheet_document(model_worksheet(seed_network(), request))),
               !Catch::Contains("Second derivatives"));
}

TEST_CASE("worksheet --order 2 keeps a held-fixed factor's subscript: (dE/dw)_y is not dE/dw") {
    // E = ½(y − t)² + λw², y = wx + b: ∂²E/∂w² = x² + 2λ = 2.25 + 0.01, ∂²E/∂w∂b = x = 1.5
    const Model m = load_model_file(std::filesystem::path(CHAINRULE_SOURCE_DIR) / "examples/gallery/04_weight_decay.chain");
    WorksheetRequest request;
    request.order = 2;
    const derivations::Worksheet w = model_worksheet(m, request);
    REQUIRE(!w.second_order.derivations.empty());
    CHECK(close(w.second_order.derivations[0].result, "2.26"));
    CHECK(close(w.second_order.hessian[1], "1.5"));
    const std::string md = derivations::render_markdown(derivations::worksheet_document(w));
    CHECK_THAT(md, Catch::Contains("\\frac{\\partial}{\\partial w}\\left(\\left(\\frac{\\partial E}{\\partial w}\\right)_{y}\\right)"));
}

}  // namespace hessian_test
