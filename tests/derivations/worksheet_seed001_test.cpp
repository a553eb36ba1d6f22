// The acceptance worksheet of the derivations issue: the seed 001 network, ∂E/∂w5 and
// ∂E/∂w1. Expected numbers come from the independent 40-digit reference computation
// (shared/reference/seed-001-network.md), rounded here to the 10 significant digits the
// worksheet prints; expected formulas are the seed's hand derivation.
#include "autodiff/seed_network.hpp"
#include "precision/number_format.hpp"
#include "derivations/render_markdown.hpp"
#include "derivations/worksheet.hpp"
#include "symbolic/text_printer.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace worksheet_seed001_test {

using namespace chainrule;
using namespace chainrule::derivations;

namespace {

struct SeedWorksheet {
    Tape<Real> tape;
    seed_network::Network<Real> net;
    Worksheet sheet;
};

Worksheet seed_worksheet(bool four_biases, WorksheetOptions options) {
    Tape<Real> tape;
    std::vector<Real> p;
    for (const auto& s : seed_network::seed_parameters(four_biases)) p.emplace_back(s);
    auto net = seed_network::record(tape, p);
    return make_worksheet(tape, net.E, std::move(options));
}

const GradientDerivation& derivation_of(const Worksheet& w, std::string_view name) {
    for (const auto& d : w.derivations)
        if (w.graph.nodes[d.wrt].name == name) return d;
    FAIL("no derivation for " << name);
    throw;
}

std::string text_of(const LocalPartial& p) { return symbolic::to_text(p.formula); }

}  // namespace

TEST_CASE("dE/dw5 is one path of three local partials, as in the seed") {
    WorksheetOptions o;
    o.wrt = {"w5", "w1"};
    const Worksheet w = seed_worksheet(false, o);
    const GradientDerivation& d = derivation_of(w, "w5");
    REQUIRE(d.style == ChainStyle::Paths);
    REQUIRE(d.paths.size() == 1);
    const auto& f = d.paths[0].factors;
    REQUIRE(f.size() == 3);
    // ∂E/∂out_o1 (through E_o1, whose own factor ∂E/∂E_o1 = 1 is merged in)
    CHECK(w.graph.nodes[f[0].of].name == "E");
    CHECK(w.graph.nodes[f[0].partial.wrt].name == "out_o1");
    CHECK(text_of(f[0].partial) == "-(o1 - out_o1)");
    CHECK(format_number(f[0].partial.value, 10) == "0.7887314002");
    CHECK(text_of(f[1].partial) == "out_o1*(1 - out_o1)");
    CHECK(format_number(f[1].partial.value, 10) == "0.1607595505");
    CHECK(text_of(f[2].partial) == "out_h1");
    CHECK(format_number(f[2].partial.value, 10) == "0.6456563062");
    CHECK(format_number(d.result, 10) == "0.08186670504");
    CHECK(format_number(d.result, 19) == "0.08186670503962587782");
    CHECK(agrees_with_reverse_mode(d, 10));
}

TEST_CASE("dE/dw1 sums the two paths through out_o1 and out_o2") {
    WorksheetOptions o;
    o.wrt = {"w1"};
    const Worksheet w = seed_worksheet(false, o);
    const GradientDerivation& d = derivation_of(w, "w1");
    REQUIRE(d.paths.size() == 2);
    CHECK(d.path_count == 2);
    CHECK(format_number(d.result, 10) == "0.001117873918");  // the seed's 0.0011362635 is wrong
    CHECK(format_number(d.result, 18) == "0.00111787391776567898");
    for (const ChainPath& p : d.paths) REQUIRE(p.factors.size() == 5);
    CHECK(text_of(d.paths[0].factors[2].partial) == "w5");  // ∂in_o1/∂out_h1
    CHECK(text_of(d.paths[1].factors[2].partial) == "w7");  // ∂in_o2/∂out_h1
    CHECK(text_of(d.paths[0].factors[4].partial) == "i1");  // ∂in_h1/∂w1
    CHECK(agrees_with_reverse_mode(d, 10));
}

TEST_CASE("the deltas style gives the same gradients as the paths style") {
    WorksheetOptions o;
    o.style = StyleChoice::Both;
    const Worksheet w = seed_worksheet(false, o);
    REQUIRE(w.derivations.size() == 2 * 10);  // w1..w8, b_h, b_o, both styles
    for (std::size_t k = 0; k < w.derivations.size(); k += 2) {
        REQUIRE(w.derivations[k].style == ChainStyle::Paths);
        REQUIRE(w.derivations[k + 1].style == ChainStyle::Deltas);
        CHECK(format_number(w.derivations[k].result, 30) == format_number(w.derivations[k + 1].result, 30));
    }
    CHECK(format_number(derivation_of(w, "w6").result, 10) == "0.08359164968");
    CHECK(format_number(derivation_of(w, "w7").result, 10) == "-0.01340803217");
    CHECK(format_number(derivation_of(w, "w8").result, 10) == "-0.01369054157");
    CHECK(format_number(derivation_of(w, "w4").result, 10) == "0.002671572778");
}

TEST_CASE("the four-bias reading gives the reference table's values") {
    WorksheetOptions o;
    o.wrt = {"w5", "w1", "b_h2"};
    const Worksheet w = seed_worksheet(true, o);
    CHECK(format_number(derivation_of(w, "w5").result, 10) == "0.08182331502");
    CHECK(format_number(derivation_of(w, "w1").result, 10) == "0.001123206695");
    CHECK(format_number(derivation_of(w, "b_h2").result, 10) == "0.01337430465");
    CHECK(format_number(w.graph.nodes[w.graph.at("E")].value, 10) == "0.3226124393");
}

TEST_CASE("the Markdown worksheet shows formulas, numbers, the update and the check") {
    WorksheetOptions o;
    o.wrt = {"w5", "w1"};
    o.learning_rate = Real("0.5");
    const std::string md = render_markdown(worksheet_document(seed_worksheet(false, o)));
    CHECK_THAT(md, Catch::Contains("-\\left(o_{1} - \\mathrm{out}_{o_{1}}\\right)"));
    CHECK_THAT(md, Catch::Contains("0.7887314002 \\cdot 0.1607595505 \\cdot 0.6456563062"));
    CHECK_THAT(md, Catch::Contains("0.08186670504"));
    CHECK_THAT(md, Catch::Contains("0.001117873918"));
    CHECK_THAT(md, Catch::Contains("0.4590666475"));  // w5+ = 0.5 − 0.5 · 0.08186670504
    CHECK_THAT(md, Catch::Contains("agrees in every printed digit"));
    CHECK_THAT(md, !Catch::Contains("DISAGREES"));
    CHECK_THAT(md, Catch::Contains("$$\n\\begin{aligned}"));
}

}  // namespace worksheet_seed001_test
