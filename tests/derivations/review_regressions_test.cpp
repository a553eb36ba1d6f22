// Defects found by a first-user review, each pinned by a test of its whole kind.
#include "chainrule.hpp"
#include "precision/number_format.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"
#include "derivations/worksheet.hpp"

#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>
#include <regex>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace review_regressions_test {

using namespace chainrule;
using namespace chainrule::derivations;

namespace {

// Every \left has a \right and no "left(" / "right)" lost its backslash.
void check_delimiters(const std::string& latex) {
    const std::regex bare("(^|[^\\\\a-z])(left|right)[()]");
    CHECK_FALSE(std::regex_search(latex, bare));
    std::size_t lefts = 0, rights = 0;
    for (std::size_t p = 0; (p = latex.find("\\left", p)) != std::string::npos; ++p) ++lefts;
    for (std::size_t p = 0; (p = latex.find("\\right", p)) != std::string::npos; ++p) ++rights;
    CHECK(lefts == rights);
    CHECK(latex.find('\r') == std::string::npos);
}

Worksheet small_network(StyleChoice style) {
    Tape<Real> t;
    auto x = t.constant(Real("0.3"), "x");
    auto w = t.variable(Real("-0.7"), "w");
    auto b = t.variable(Real("0.2"), "b");
    auto z = (w * x + b).named("z");
    auto a = tanh(z).named("a");
    auto L = (pow(a - Real("0.5"), 2) + abs(w)).named("L");
    WorksheetOptions o;
    o.style = style;
    return make_worksheet(t, L, o);
}

}  // namespace

TEST_CASE("every style renders balanced, intact \\left … \\right delimiters") {
    for (StyleChoice s : {StyleChoice::Paths, StyleChoice::Deltas, StyleChoice::Both}) {
        const Document doc = worksheet_document(small_network(s));
        check_delimiters(render_markdown(doc));
        check_delimiters(render_latex(doc));
    }
}

TEST_CASE("non-finite values are shown, not thrown as a bare stoi error") {
    CHECK(format_number(Real(std::numeric_limits<double>::quiet_NaN()), 10) == "NaN");
    CHECK(format_number(Real(std::numeric_limits<double>::infinity()), 10) == "inf");
    CHECK(latex_number(-Real(std::numeric_limits<double>::infinity()), 10) == "-\\infty");
    Tape<double> t;
    auto w = t.variable(-1.0, "w");
    auto y = log(w).named("y");
    const std::string md = render_markdown(worksheet_document(make_worksheet(t, y)));
    CHECK_THAT(md, Catch::Contains("\\text{undefined}"));  // a certified NaN is "undefined"
    CHECK_THAT(md, Catch::Contains("log at $w = -1$"));       // and its cause is named
}

TEST_CASE("wrt and labels must name nodes the output depends on, once") {
    Tape<double> t;
    auto x = t.variable(1.0, "x");
    auto h = sin(x).named("h");
    auto E = (h * h).named("E");
    WorksheetOptions o;
    o.wrt = {"h"};  // an intermediate node is a valid variable of differentiation
    CHECK(make_worksheet(t, E, o).derivations.size() == 1);
    o.wrt = {"E"};
    CHECK_THROWS_WITH(make_worksheet(t, E, o), Catch::Contains("itself"));
    o.wrt = {"x", "x"};
    CHECK_THROWS_WITH(make_worksheet(t, E, o), Catch::Contains("twice"));
    o.wrt = {};
    o.labels["nothere"] = "n";
    CHECK_THROWS_WITH(make_worksheet(t, E, o), Catch::Contains("nothere"));
}

TEST_CASE("Markdown keeps | of math out of table syntax and titles on one line") {
    Document doc;
    doc.title = "line one\n| a | b |\n# heading";
    Table table;
    table.header = {text("h")};
    table.rows = {{derivations::math("\\left|w\\right|")}};
    doc.blocks.push_back(table);
    const std::string md = render_markdown(doc);
    CHECK_THAT(md, Catch::StartsWith("# line one | a | b | \\# heading\n"));  // one line: no table, no heading
    CHECK_THAT(md, Catch::Contains("$\\left\\vert w\\right\\vert $"));
}

namespace {
Document unicode_title_document() {
    Document doc;
    doc.title = "∂E/∂w with η = 0.5 − and 日本 and Жук and \x01 bell";
    doc.blocks.push_back(Paragraph{text("σ · × δ")});
    return doc;
}
}  // namespace

TEST_CASE("a title with Unicode and control characters: CJK as itself, no font as a code point") {
    const std::string tex = render_latex(unicode_title_document());
    CHECK_THAT(tex, Catch::Contains("日本"));  // set by the CJK package
    CHECK_THAT(tex, Catch::Contains("\\missingglyph{0416}"));  // Ж: no font here has it
    CHECK(tex.find('\x01') == std::string::npos);
}

TEST_CASE("a title with Unicode and control characters still compiles") {
    if (!require_cjk_package()) return;
    check_compiles_with_pdflatex(render_latex(unicode_title_document()), "unicode");
}

TEST_CASE("a direct dependency does not print the tautology dE/dw = dE/dw") {
    Tape<double> t;
    auto w = t.variable(2.0, "w");
    auto E = (3.0 * w).named("E");
    const std::string md = render_markdown(worksheet_document(make_worksheet(t, E)));
    CHECK_THAT(md, !Catch::Contains("\\frac{\\partial E}{\\partial w} &= \\frac{\\partial E}{\\partial w}"));
    CHECK_THAT(md, Catch::Contains("\\frac{\\partial E}{\\partial w} &= 3"));
}

}  // namespace review_regressions_test
