// pi and e in what students type: expressions of grad/diff/descend, .chain files, check
// claims; exact in formulas (π, e), computed at the working precision; a node named e
// or pi is that node. Reference digits from mpmath (mp.dps = 60, run once):
//   sin(pi/4)    = 0.70710678118654752440084436210484903928483593768847
//   pi*cos(pi/4) = 2.2214414690791831235079404950303468493073108446878
//   e            = 2.7182818284590452353602874713526624977572470937000 (rounded)
//   e^2          = 7.3890560989306502272304274605750078131803155705518
//   descend sin(pi*x) from 0.25, rate 0.1, one step: x1 = 0.25 − 0.1·π·cos(π/4)
//     = 0.0278558530920816876492059504969653150692689155,
//     J(x1) = sin(π·x1) = 0.0874000875896650244200564844753924950632989958
#include "derivations/named_graph.hpp"
#include "lang/calculus.hpp"
#include "lang/claims.hpp"
#include "lang/constants.hpp"
#include "lang/model.hpp"
#include "lang/parser.hpp"
#include "lang/to_symbolic.hpp"
#include "precision/number_format.hpp"
#include "symbolic/latex_printer.hpp"
#include "symbolic/text_printer.hpp"

#include "calculus_support.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace constants_test {

using namespace chainrule;
using namespace chainrule::lang;
using namespace chainrule::lang::test_support;

namespace {

symbolic::Expr d(const std::string& expression, const char* wrt) {
    const Source s{"expression", expression};
    return derivative(parse_expression(s), s, wrt);
}

bool close(const Real& got, const char* want, const char* rel = "1e-45") {
    const Real w(want);
    return abs(got - w) <= Real(rel) * abs(w);
}

// The LaTeX of a named node's definition in the model's named graph (what worksheets show).
std::string definition_latex(const Model& m, const std::string& node, const std::string& output) {
    const derivations::NamedGraph g = derivations::build_named_graph(m.tape, m.at(output).node);
    return symbolic::to_latex(g.nodes[g.at(node)].definition);
}

}  // namespace

TEST_CASE("grad sin(pi*x) at 0.25: sqrt(2)/2 and pi*cos(pi/4)") {
    const Gradient g = gradient("sin(pi*x)", "x=0.25");
    CHECK(close(g.value, "0.70710678118654752440084436210484903928483593768847"));
    CHECK(close(g.partials[0], "2.2214414690791831235079404950303468493073108446878"));
    CHECK(format_number(g.value, 10) == "0.7071067812");
    CHECK(format_number(g.partials[0], 10) == "2.221441469");
    CHECK(!g.exact_value);  // irrational: no fraction
}

TEST_CASE("e is Euler's number: e, exp(1) and e^x") {
    CHECK(close(gradient("e", "").value, "2.7182818284590452353602874713526624977572470937000"));
    CHECK(gradient("e - exp(1)", "").value == 0);  // the same number to the last bit
    const Gradient g = gradient("e^x", "x=2");
    CHECK(close(g.value, "7.3890560989306502272304274605750078131803155705518"));
    CHECK(close(g.partials[0], "7.3890560989306502272304274605750078131803155705518"));
    CHECK(symbolic::to_text(d("e^x", "x")) == "exp(x)");
    CHECK(symbolic::to_latex(d("e^x", "x")) == "\\mathrm{e}^{x}");
    CHECK(symbolic::to_text(d("e^(2*x) + exp(1)*x", "x")) == "2*exp(2*x) + e");
}

TEST_CASE("diff keeps pi exact: d/dx pi*x^2 = 2 pi x") {
    CHECK(symbolic::to_text(d("pi*x^2", "x")) == "2*pi*x");
    CHECK(symbolic::to_latex(d("pi*x^2", "x")) == "2 \\pi x");
    CHECK(symbolic::to_latex(d("sin(pi*x)", "x")) == "\\pi \\cos\\left(\\pi x\\right)");
    CHECK(symbolic::to_text(d("x/pi + e", "x")) == "1/pi");
}

TEST_CASE("a variable named e or pi is that variable, in --at and in --wrt") {
    const Gradient g = gradient("e*x", "e=2, x=3");
    CHECK(g.value == 6);
    CHECK(g.partials == std::vector<Real>{Real(3), Real(2)});
    CHECK(gradient("pi + x", "pi=1, x=1").value == 2);
    CHECK(symbolic::to_text(d("e*x", "e")) == "x");  // differentiated by e: e is the variable
    CHECK(symbolic::to_text(d("pi*x", "pi")) == "x");
}

TEST_CASE("bind_constants turns free names pi and e into constants, and keeps the user's") {
    const Source s{"expression", "pi*e + e(1) + pie + x"};
    // e(1) is a call of an unknown function 'e': not a constant (bind looks at names only)
    const ExprNode bound = bind_constants(parse_expression(s), std::vector<std::string>{"x"});
    const ExprNode& sum = bound;
    REQUIRE(sum.kind == ExprNode::Kind::Sum);
    CHECK(sum.operands[0].operands[0].kind == ExprNode::Kind::Constant);
    CHECK(sum.operands[0].operands[1].kind == ExprNode::Kind::Constant);
    CHECK(sum.operands[1].kind == ExprNode::Kind::Call);
    CHECK(sum.operands[2].kind == ExprNode::Kind::Name);  // pie
    const ExprNode kept = bind_constants(parse_expression(Source{"expression", "e*x"}), std::vector<std::string>{"e"});
    CHECK(kept.operands[0].kind == ExprNode::Kind::Name);
}

TEST_CASE("descend with pi in the expression descends x only; no hint to add pi to --from") {
    const Source s{"expression", "sin(pi*x)"};
    DescentOptions o{{.learning_rate = Real("0.1")}, std::nullopt, 1};
    const Descent run = descend(parse_expression(s), s, point("x=0.25"), o);
    REQUIRE(run.steps.size() == 2);
    CHECK(run.names == std::vector<std::string>{"x"});
    CHECK(close(run.steps[1].point[0], "0.0278558530920816876492059504969653150692689155", "1e-40"));
    CHECK(close(run.steps[1].value, "0.0874000875896650244200564844753924950632989958", "1e-40"));
    // An unknown name still gets its hint.
    const Source t{"expression", "sin(pj*x)"};
    try {
        descend(parse_expression(t), t, point("x=0.25"), o);
        FAIL("no error");
    } catch (const LangError& e) {
        CHECK(e.message() == "unknown name 'pj'");
        CHECK(e.hint() == "add pj=… to --from");
    }
}

TEST_CASE(".chain: pi and e are the constants, exact in the worksheet's formulas") {
    const Model m = load_model_text("param x = 0.25\ny = sin(pi*x) + e^x\n", "c.chain");
    CHECK(m.warnings.empty());
    CHECK(definition_latex(m, "y", "y") == "\\sin\\left(\\pi x\\right) + \\mathrm{e}^{x}");
    CHECK(close(m.at("y").node.value(),
                "1.9911321978742890084742649301672854976211168029699"));  // mpmath: sin(pi/4) + exp(1/4)
}

TEST_CASE(".chain: a node named e is that node, italic, with a warning; exp(1) is still Euler's") {
    // micrograd's README names a node e.
    const std::string text =
        "param a = -4, b = 2\n"
        "c = a + b\n"
        "d = a*b + b^3\n"
        "e = c - d\n"
        "f = e^2 + pi*d + exp(1)\n";
    const Model m = load_model_text(text, "micrograd.chain");
    REQUIRE(m.warnings.size() == 1);
    CHECK(m.warnings[0].rfind("micrograd.chain:4:1: warning: 'e' names a node of this model, so e in this file is that "
                              "node, not Euler's number",
                              0) == 0);
    // c = -2, d = -8 + 8 = 0, e = -2, f = 4 + 0 + e: the node e, not 2.718…
    CHECK(close(m.at("e").node.value(), "-2"));
    CHECK(close(m.at("f").node.value(), "6.7182818284590452353602874713526624977572470937000"));
    CHECK(definition_latex(m, "f", "f") == "e^{2} + \\pi d + \\mathrm{e}");  // node e italic, constant upright
}

TEST_CASE(".chain: a node named e used before its definition is that error, not the constant") {
    try {
        load_model_text("param x = 1\ny = e*x\ne = x + 1\n", "m.chain");
        FAIL("no error");
    } catch (const LangError& err) {
        CHECK(err.message() == "'e' is used before its definition");
        CHECK(err.line() == 2);
    }
}

TEST_CASE(".chain: a node named pi gets the warning too") {
    const Model m = load_model_text("input pi = 3\nparam r = 2\nA = pi*r^2\n", "circle.chain");
    REQUIRE(m.warnings.size() == 1);
    CHECK(m.warnings[0].rfind("circle.chain:1:7: warning: 'pi' names a node of this model", 0) == 0);
    CHECK(m.at("A").node.value() == 12);
}

TEST_CASE("check claims may use pi and e") {
    const Model m = load_model_text("param x = 0.25\ny = sin(pi*x)\ncheck dy/dx = pi*cos(pi*x)\n", "k.chain");
    const std::vector<derivations::Claim> claims = model_claims(m);
    REQUIRE(claims.size() == 1);
    const auto* formula = std::get_if<symbolic::Expr>(&claims[0].claimed);
    REQUIRE(formula != nullptr);
    CHECK(symbolic::to_text(*formula) == "pi*cos(pi*x)");
}

}  // namespace constants_test
