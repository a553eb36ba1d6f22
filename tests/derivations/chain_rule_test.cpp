// The chain rule over named graphs beyond the seed network: folding of unnamed
// intermediates, the automatic switch to the deltas style past 64 paths, long chains,
// and the errors a user can provoke.
#include "chainrule.hpp"
#include "precision/number_format.hpp"
#include "derivations/worksheet.hpp"
#include "symbolic/text_printer.hpp"

#include <catch2/catch.hpp>

#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace chain_rule_test {

using namespace chainrule;
using namespace chainrule::derivations;

TEST_CASE("unnamed intermediates are folded into the nearest named node") {
    Tape<double> t;
    auto x = t.variable(2.0, "x");
    auto y = t.variable(3.0, "y");
    auto z = (x * y + sin(x)).named("z");  // three unnamed nodes inside
    auto E = (z * z).named("E");
    const NamedGraph g = build_named_graph(t, E);
    REQUIRE(g.nodes.size() == 4);
    CHECK(symbolic::to_text(g.nodes[g.at("z")].definition) == "x*y + sin(x)");
    CHECK(g.nodes[g.at("z")].reads == std::vector<std::size_t>{g.at("x"), g.at("y")});
    const LocalPartial p = local_partial(g, g.at("z"), g.at("x"));
    CHECK(symbolic::to_text(p.formula) == "y + cos(x)");
    CHECK(format_number(p.value, 15) == format_number(Real(3 + std::cos(2.0)), 15));
}

TEST_CASE("paths past 64 switch to the deltas style automatically") {
    // Each level doubles the paths: a_{k+1} = u_k + v_k with u_k = 2 a_k, v_k = a_k².
    Tape<Real> t;
    auto a = t.variable(Real("0.5"), "a0");
    for (int k = 0; k < 7; ++k) {
        auto u = (2 * a).named("u" + std::to_string(k));
        auto v = (a * a).named("v" + std::to_string(k));
        a = (u + v).named("a" + std::to_string(k + 1));
    }
    WorksheetOptions o;
    o.wrt = {"a0"};
    const Worksheet w = make_worksheet(t, a, o);
    REQUIRE(w.derivations.size() == 1);
    const GradientDerivation& d = w.derivations[0];
    CHECK(d.path_count == 128);
    CHECK(d.style == ChainStyle::Deltas);
    CHECK(agrees_with_reverse_mode(d, 30));
    o.style = StyleChoice::Paths;
    CHECK_THROWS_WITH(make_worksheet(t, a, o), Catch::Contains("more than 64 paths"));
}

TEST_CASE("a chain of 1000 named nodes in deltas style") {
    Tape<Real> t;
    auto x = t.variable(Real("0.3"), "x");
    auto y = x;
    for (int k = 0; k < 1000; ++k) y = sin(y).named("s" + std::to_string(k));
    WorksheetOptions o;
    o.style = StyleChoice::Deltas;
    const Worksheet w = make_worksheet(t, y, o);
    const GradientDerivation& d = w.derivations.at(0);
    CHECK(d.deltas.size() == 1001);
    CHECK(agrees_with_reverse_mode(d, 30));
}

TEST_CASE("derivation errors name what is wrong") {
    Tape<double> t;
    auto x = t.variable(1.0, "x");
    auto unnamed = t.variable(2.0);
    auto y = (x * 3.0).named("y");
    WorksheetOptions o;
    o.wrt = {"nope"};
    CHECK_THROWS_WITH(make_worksheet(t, y, o), Catch::Contains("'nope'"));
    CHECK_THROWS_WITH(make_worksheet(t, x * 2.0), Catch::Contains("must be named"));
    CHECK_THROWS_WITH(make_worksheet(t, (x * unnamed).named("z")), Catch::Contains("every variable named"));
    o.wrt = {};
    o.digits = 0;
    CHECK_THROWS_AS(make_worksheet(t, y, o), std::invalid_argument);
    o.digits = 10;
    o.labels["x"] = "\\input{/etc/passwd}";
    CHECK_THROWS_AS(make_worksheet(t, y, o), std::invalid_argument);
}

TEST_CASE("numbers print with the requested significant digits, correctly rounded") {
    CHECK(format_number(Real("0.081866705039625877820"), 10) == "0.08186670504");
    CHECK(format_number(Real("-0.0145365613738828"), 10) == "-0.01453656137");
    CHECK(format_number(Real("0.6"), 10) == "0.6");
    CHECK(format_number(Real("1378.38438618372897891"), 10) == "1378.384386");
    CHECK(format_number(Real("0.0000123456789012"), 5) == "0.000012346");
    CHECK(format_number(Real("1.5e-12"), 10) == "1.5e-12");
    CHECK(format_number(Real("9.99999999999"), 3) == "10.0");  // rounded: three digits shown (issue 13)
    // More integer digits than significant ones: scientific, never false zeros (issue 11).
    CHECK(format_number(Real("4812345678901.234"), 10) == "4.812345679e12");
    CHECK(format_number(Real("253449584010000"), 10) == "2.534495840e14");
    CHECK(format_number(Real("100000000000001"), 10) == "1.000000000e14");
    CHECK(format_number(Real("1234567890"), 10) == "1234567890");  // exactly 10 digits: all significant
    // No fraction digits left: rounded to an integer (Boost's precision 0 means "all digits").
    CHECK(format_number(Real("4812.6"), 4) == "4813");
    CHECK(format_number(Real("12.7"), 2) == "13");
    CHECK(format_number(Real("-123.6"), 3) == "-124");
    CHECK(format_number(Real("96"), 1) == "1e2");
    CHECK(format_number(Real("-0.0349"), 1) == "-0.03");
    CHECK(format_number(Real("2.5e-9"), 1) == "3e-9");  // round half away from zero
    CHECK(latex_number(Real("-2.5e-20"), 10) == "-2.5 \\times 10^{-20}");
    CHECK_THROWS_AS(format_number(Real(1), 0), std::invalid_argument);
}

TEST_CASE("a definition folding thousands of unnamed nodes is refused with a clear message") {
    Tape<double> t;
    auto x = t.variable(0.5, "x");
    auto y = x;
    for (int k = 0; k < 5000; ++k) y = sin(y);  // unnamed: all folded into one definition
    auto E = y.named("E");
    CHECK_THROWS_WITH(make_worksheet(t, E), Catch::Contains("name some intermediate nodes"));
    // Named steps are fine at any length (iterative path search).
    Tape<double> u;
    auto z = u.variable(0.5, "z");
    for (int k = 0; k < 3000; ++k) z = sin(z).named("s" + std::to_string(k));
    CHECK(make_worksheet(u, z).derivations.at(0).paths.size() == 1);
}

}  // namespace chain_rule_test
