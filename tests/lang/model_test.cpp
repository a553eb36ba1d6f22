// Models: what a .chain file records on the tape (leaves, names, folded constants,
// aliases), the directives, and the worksheet of the shipped examples against the
// independent reference values of the seeds.
#include "precision/number_format.hpp"
#include "lang/model.hpp"
#include "lang/model_worksheet.hpp"
#include "symbolic/text_printer.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace model_test {

using namespace chainrule;
using namespace chainrule::lang;
using chainrule::format_number;

namespace {

std::string example(const char* name) { return std::string(CHAINRULE_SOURCE_DIR) + "/examples/" + name; }

const derivations::GradientDerivation& derivation_of(const derivations::Worksheet& w, std::string_view name) {
    for (const auto& d : w.derivations)
        if (w.graph.nodes[d.wrt].name == name) return d;
    FAIL("no derivation for " << name);
    throw;
}

std::string definition_text(const derivations::Worksheet& w, std::string_view name) {
    return symbolic::to_text(w.graph.nodes[w.graph.at(name)].definition);
}

}  // namespace

TEST_CASE("bp_network.chain: names, kinds, directives") {
    const Model m = load_model_file(example("bp_network.chain"));
    CHECK(m.at("i1").kind == NameKind::Input);
    CHECK(m.at("o2").kind == NameKind::Target);
    CHECK(m.at("w5").kind == NameKind::Param);
    CHECK(m.at("E").kind == NameKind::Definition);
    CHECK(m.params() == std::vector<std::string>{"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b_h", "b_o"});
    CHECK(m.output == "E");
    CHECK(m.wrt == std::vector<std::string>{"w5", "w1"});
    CHECK(m.labels.at("b_h") == "b_{1}");
    REQUIRE(m.learning_rate);
    CHECK(*m.learning_rate == Real("0.5"));
    CHECK(m.params_of("out_h1") == std::vector<std::string>{"b_h", "w1", "w2"});
    CHECK(m.at("i1").node.value() == Real("0.1"));  // from the decimal text, to 50 digits
}

TEST_CASE("bp_network.chain: the worksheet's numbers are the seed's reference values") {
    const Model m = load_model_file(example("bp_network.chain"));
    const derivations::Worksheet w = model_worksheet(m);
    REQUIRE(w.derivations.size() == 2);
    CHECK(format_number(derivation_of(w, "w5").result, 10) == "0.08186670504");
    CHECK(format_number(derivation_of(w, "w1").result, 10) == "0.001117873918");
    CHECK(format_number(derivation_of(w, "w1").result, 18) == "0.00111787391776567898");
    for (const auto& d : w.derivations) CHECK(derivations::agrees_with_reverse_mode(d, 10));
    CHECK(definition_text(w, "E_o1") == "(o1 - out_o1)^2/2");  // ½ exactly
    CHECK(w.options.learning_rate == Real("0.5"));
}

TEST_CASE("bp_network_four_biases.chain: dE/dw5 with one bias per neuron") {
    const derivations::Worksheet w = model_worksheet(load_model_file(example("bp_network_four_biases.chain")));
    CHECK(format_number(derivation_of(w, "w5").result, 10) == "0.08182331502");
}

TEST_CASE("zhou_alice.chain: the seed 003 values") {
    const Model m = load_model_file(example("zhou_alice.chain"));
    CHECK(format_number(m.at("h1").node.value(), 11) == "0.047425873178");
    CHECK(format_number(m.at("h2").node.value(), 11) == "0.047425873178");
    CHECK(format_number(m.at("y_pred").node.value(), 12) == "0.523695174084");
    const derivations::Worksheet w = model_worksheet(m);
    const auto& d = derivation_of(w, "w1");
    CHECK(format_number(d.result, 11) == "0.021469535266");
    CHECK(format_number(w.graph.nodes[w.graph.at("y_pred")].adjoint, 12) == "-0.952609651832");
}

TEST_CASE("the request overrides derive's wrt and checks it") {
    const Model m = load_model_file(example("bp_network.chain"));
    CHECK(model_worksheet(m, {{"w8"}, {}, 10, {}}).derivations.size() == 1);
    CHECK_THROWS_WITH(model_worksheet(m, {{"i1"}, {}, 10, {}}), Catch::Contains("'i1' is not a param"));
    CHECK_THROWS_WITH(model_worksheet(m, {{"w1", "w1"}, {}, 10, {}}), Catch::Contains("listed twice"));
    CHECK_THROWS_WITH(model_worksheet(m, {{"nope"}, {}, 10, {}}), Catch::StartsWith("--wrt: error:"));
}

TEST_CASE("without derive: the last definition, every param it depends on") {
    const Model m = load_model_text("param a = 1, b = 2, c = 3\nF = a*b\nG = F + b", "m.chain");
    CHECK(m.output == "G");
    CHECK(m.wrt.empty());
    const derivations::Worksheet w = model_worksheet(m);
    CHECK(w.derivations.size() == 2);  // a and b, not c
}

TEST_CASE("nothing to derive is an error of the worksheet, not of the model") {
    CHECK_THROWS_WITH(model_worksheet(load_model_text("param a = 1", "m.chain")),
                      Catch::Contains("nothing to derive"));
    CHECK_THROWS_WITH(model_worksheet(load_model_text("input a = 1\nE = 2*a", "m.chain")),
                      Catch::Contains("depends on no param"));
}

TEST_CASE("constant subexpressions fold exactly while they stay short decimals") {
    const Model half = load_model_text("param w = 3\nE = 1/2*w", "m.chain");
    CHECK(half.tape.size() == 3);  // w, the constant 1/2, the product
    CHECK(half.at("E").node.value() == Real("1.5"));
    const Model power = load_model_text("param w = 3\nE = 2^-3*w - -(4)", "m.chain");
    CHECK(power.tape.size() == 5);  // w, 0.125, product, 4, difference
    const Model third = load_model_text("param w = 3\nE = 1/3*w", "m.chain");
    CHECK(third.tape.size() == 5);  // 1, 3, 1/3, product: 1/3 stays exact symbolically
    const derivations::Worksheet w = model_worksheet(third);
    CHECK(definition_text(w, "E") == "w/3");
}

TEST_CASE("constant exponents, bases and log bases record one node with a parameter") {
    const Model m = load_model_text("param x = 2\nA = x^3\nB = 2^x\nC = log(x, 2)\nD = leaky_relu(-x, 1/4)", "m.chain");
    CHECK(m.at("A").node.value() == 8);
    CHECK(m.at("B").node.value() == 4);
    CHECK(m.at("C").node.value() == 1);
    CHECK(m.at("D").node.value() == Real("-0.5"));
    CHECK(m.tape.size() == 6);  // x, A, B, C, -x, D
}

TEST_CASE("an alias gets a node of its own, so the aliased name keeps its name") {
    const Model m = load_model_text("param w = 2\nv = w\nE = v*v", "m.chain");
    CHECK(m.at("w").node.name() == "w");
    CHECK(m.at("v").node.name() == "v");
    const derivations::Worksheet w = model_worksheet(m);
    CHECK(definition_text(w, "v") == "w");
    CHECK(derivation_of(w, "w").result == 4);
}

TEST_CASE("a definition may be a constant; const declarations are constants") {
    const Model m = load_model_text("const c = 2.5\nparam w = 1\nh = 1/2\nE = h*c*w", "m.chain");
    CHECK(m.at("h").kind == NameKind::Definition);
    CHECK(m.at("h").node.value() == Real("0.5"));
    CHECK(m.params_of("E") == std::vector<std::string>{"w"});
    CHECK(model_worksheet(m).derivations.at(0).result == Real("1.25"));
}

TEST_CASE("check claims are kept raw with their position") {
    const Model m = load_model_text("param w = 1\nE = w\ncheck dE/dw = 1   # trivially\n", "m.chain");
    REQUIRE(m.checks.size() == 1);
    CHECK(m.checks[0].text == "dE/dw = 1");
    CHECK(line_column(m.source.text, m.checks[0].text_offset).line == 3);
    CHECK(line_column(m.source.text, m.checks[0].text_offset).column == 7);
}

TEST_CASE("names may shadow functions: a call still calls the function") {
    const Model m = load_model_text("param sin = 2\nE = sin(sin)", "m.chain");
    CHECK(boost::multiprecision::abs(m.at("E").node.value() - boost::multiprecision::sin(Real(2))) < Real("1e-45"));
}

}  // namespace model_test
