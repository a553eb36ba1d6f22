// Tables on the page (derivations/table_layout.hpp): a table that fits is left alone; one
// that does not wraps its text first, is set smaller next, and cuts formulas last.
#include "derivations/render_latex.hpp"
#include "derivations/table_layout.hpp"

#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

using namespace chainrule::derivations;

namespace {

// A summary-like table: parameter, value, gradient (a formula) and a note (text).
Table summary(const std::string& number, const std::string& note) {
    Table t{{text("parameter"), text("value"), text("gradient"), text("check")}, {}};
    for (int k = 1; k <= 3; ++k)
        t.rows.push_back({math("w_{" + std::to_string(k) + "}"), math(number),
                          math("\\frac{\\partial L}{\\partial w_{" + std::to_string(k) + "}} = " + number), text(note)});
    return t;
}

}  // namespace

TEST_CASE("table layout: a table that fits keeps its natural widths", "[table_layout]") {
    const TableLayout l = table_layout(summary("0.25", "agrees with reverse mode"), 42);
    CHECK(l.size == TableSize::Normal);
    CHECK_FALSE(l.shrink);
    for (const auto& w : l.wrap) CHECK_FALSE(w.has_value());
}

TEST_CASE("table layout: text wraps before a formula is cut", "[table_layout]") {
    const std::string note = "agrees with reverse mode in every one of the twenty printed digits";
    const TableLayout l = table_layout(summary("0.021469535265811", note), 42);
    CHECK(l.size == TableSize::Normal);
    CHECK_FALSE(l.wrap[2].has_value());  // the gradient stays on one line
    REQUIRE(l.wrap[3].has_value());      // the note wraps, but not narrower than 8 em
    CHECK(*l.wrap[3] >= 8.0 - 1e-9);
}

TEST_CASE("table layout: smaller before formulas are cut, shrunk only when nothing else fits", "[table_layout]") {
    const std::string twenty = "0.021469535265811107286";
    // Wrapping the note is not enough at 34 em, nor is \small: the gradient is cut too.
    const TableLayout cut = table_layout(summary(twenty, "agrees with reverse mode"), 34);
    CHECK(cut.size == TableSize::Small);
    CHECK_FALSE(cut.shrink);
    CHECK(cut.wrap[2].has_value());
    CHECK_FALSE(cut.wrap[1].has_value());  // a number alone cannot be cut: its column keeps its width
    // Forty digits twice in a row: smaller still, and at 30 em nothing fits.
    const std::string forty = "0.0214695352658111072860214695352658111072";
    const TableLayout smaller = table_layout(summary(forty, "agrees with reverse mode"), 42);
    CHECK((smaller.size == TableSize::Footnote || smaller.size == TableSize::Script || smaller.shrink));
    CHECK(table_layout(summary(forty, "agrees with reverse mode"), 30).shrink);
}

TEST_CASE("table layout: a wide table compiles without running into the margin", "[table_layout][pdflatex]") {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    if (!pdflatex) return;
    Document doc;
    doc.blocks.push_back(summary("0.0214695352658111072860214695352658111072", "agrees with reverse mode"));
    doc.blocks.push_back(summary("0.021469535265811107286", "agrees with reverse mode in every printed digit"));
    check_compiles_with_pdflatex(render_latex(doc), "wide_table", 3.0);
}

TEST_CASE("table layout: a notes table with long unbreakable words fits the line", "[table_layout][pdflatex]") {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    if (!pdflatex) return;
    // As `chainrule check` lays out claims: number, claim, claimed, true value, verdict, notes.
    Table t{{text("line"), text("claim"), text("claimed"), text("true value"), text("verdict"), text("notes")}, {}};
    t.wrap_last_column = true;
    for (const char* claim : {"dout_o1/din_o1", "din_o1/dout_h1", "dE_o2/dout_h1", "dout_h1/din_h1 = out_h1*(1 - out_h1)"})
        t.rows.push_back({text("12"), text(claim), math("0.1361282498"), math("0.1361282498"), text("right"),
                          text("the claimed value agrees with the true value in every printed digit")});
    Document doc;
    doc.blocks.push_back(t);
    check_compiles_with_pdflatex(render_latex(doc), "notes_table", 3.0);
}
