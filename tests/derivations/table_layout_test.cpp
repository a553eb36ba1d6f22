// Tables on the page (derivations/table_layout.hpp): a table that fits is left alone; one
// that does not wraps its text first, cuts its formulas next, and is set smaller only when
// wrapping at the text's size is not enough — never below \footnotesize (9 pt on 11 pt,
// 0.82) and never scaled; long numbers are cut only at that smallest size.
#include "derivations/math_width.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/table_layout.hpp"

#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>
#include <regex>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace table_layout_test {

using namespace chainrule::derivations;
using Catch::Matchers::Contains;

namespace {

// A summary-like table: parameter, value, gradient (a formula) and a note (text).
Table summary(const std::string& number, const std::string& note) {
    Table t{{text("parameter"), text("value"), text("gradient"), text("check")}, {}};
    for (int k = 1; k <= 3; ++k)
        t.rows.push_back({math("w_{" + std::to_string(k) + "}"), math(number),
                          math("\\frac{\\partial L}{\\partial w_{" + std::to_string(k) + "}} = " + number), text(note)});
    return t;
}

// The sum w_1 x_1 + … + w_n x_n + b.
std::string weighted_sum(int n) {
    std::string s;
    for (int k = 1; k <= n; ++k) s += "w_{" + std::to_string(k) + "} x_{" + std::to_string(k) + "} + ";
    return s + "b";
}

// A Notation table (symbol, kind, definition, value) whose one definition is `definition`.
Table notation(const std::string& definition, const std::string& value, int given = 3) {
    Table t{{text("symbol"), text("kind"), text("definition"), text("value")}, {}};
    for (int k = 1; k <= given; ++k) t.rows.push_back({math("w_{" + std::to_string(k) + "}"), text("variable"), text("given"), math("0.5")});
    t.rows.push_back({math("h"), text("defined"), math(definition), math(value)});
    return t;
}

// How wide the table is in em of the 11pt text, as the layout counts it: capped columns
// at their cap, the others at their natural width (`natural`, in em of the table's size).
double laid_out_width(const TableLayout& l, const std::vector<double>& natural) {
    const double padding = l.size == TableSize::Normal ? 2 * 6.0 / 10.95 : 2 * 4.0 / 10.95;
    double w = 0;
    for (std::size_t i = 0; i < natural.size(); ++i) w += (l.wrap[i] ? *l.wrap[i] : natural[i] * l.scale) + padding;
    return w;
}

// The table part of a rendered document (the preamble has \resizebox for equations).
std::string body(const std::string& tex) { return tex.substr(tex.find("\\begin{document}")); }

// Compiles `tex` with pdflatex in a scratch directory; its log.
std::string compile_log(const std::string& tex, const std::string& stem) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("chainrule_table_" + stem + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "sheet.tex") << tex;
    const std::string cmd = "cd '" + dir.string() + "' && pdflatex -interaction=nonstopmode -halt-on-error sheet.tex > /dev/null 2>&1";
    CHECK(std::system(cmd.c_str()) == 0);
    std::ifstream in(dir / "sheet.log");
    std::string log((std::istreambuf_iterator<char>(in)), {});
    fs::remove_all(dir);
    return log;
}

}  // namespace

TEST_CASE("table layout: a table that fits keeps its natural widths", "[table_layout]") {
    for (const char* number : {"0.25", "0.0214695", "-1.5 \\times 10^{-12}"}) {
        const TableLayout l = table_layout(summary(number, "agrees with reverse mode"), 42);
        CHECK(l.size == TableSize::Normal);
        CHECK_FALSE(l.overflow);
        CHECK_FALSE(l.cut_numbers);
        for (const auto& w : l.wrap) CHECK_FALSE(w.has_value());
    }
}

TEST_CASE("table layout: text wraps before a formula is cut", "[table_layout]") {
    const std::string note = "agrees with reverse mode in every one of the twenty printed digits";
    const TableLayout l = table_layout(summary("0.021469535265811", note), 42);
    CHECK(l.size == TableSize::Normal);
    CHECK_FALSE(l.wrap[2].has_value());  // the gradient stays on one line
    REQUIRE(l.wrap[3].has_value());      // the note wraps, but not narrower than 8 em
    CHECK(*l.wrap[3] >= 8.0 - 1e-9);
}

TEST_CASE("table layout: a wide definition wraps at the text's size instead of making the table smaller",
          "[table_layout]") {
    // Sums of 10, 14 and 20 products (about 30, 42 and 60 em on one line): wider than the
    // page with the other columns, each term a few em.
    for (int n : {10, 14, 20}) {
        INFO(n << " terms");
        const std::string def = weighted_sum(n);
        const double natural = math_width(def, MathStyle::Text);
        REQUIRE(natural + 12 > 42);
        const TableLayout l = table_layout(notation(def, "-0.275"), 42);
        CHECK(l.size == TableSize::Normal);
        CHECK_FALSE(l.overflow);
        CHECK_FALSE(l.cut_numbers);
        CHECK_FALSE(l.wrap[0].has_value());  // symbol, kind and value keep their widths
        CHECK_FALSE(l.wrap[1].has_value());
        CHECK_FALSE(l.wrap[3].has_value());
        REQUIRE(l.wrap[2].has_value());
        CHECK(*l.wrap[2] < natural);
        const double value = std::max(text_width("value"), math_width("-0.275", MathStyle::Text));
        CHECK(laid_out_width(l, {text_width("symbol"), text_width("variable"), natural, value}) <= 42 + 1e-6);
    }
}

TEST_CASE("table layout: smaller only when wrapping at the text's size is not enough", "[table_layout]") {
    const std::string twenty = "0.021469535265811107286";
    // At 34 em even the note at 8 em and the gradient cut at '=' are too wide at 11pt.
    const TableLayout l = table_layout(summary(twenty, "agrees with reverse mode"), 34);
    CHECK(l.size == TableSize::Small);
    CHECK_FALSE(l.cut_numbers);
    CHECK_FALSE(l.wrap[1].has_value());  // a number alone is not cut: its column keeps its width
    CHECK(l.wrap[2].has_value());
}

TEST_CASE("table layout: never smaller than footnotesize; long numbers are cut at that size instead", "[table_layout]") {
    // Forty digits twice in a row at 42 em, at 30 em and at 24 em: no size makes them fit
    // whole (2 × 40 digits × 0.5 em × 0.845 ≈ 34 em, plus the other columns).
    const std::string forty = "0.0214695352658111072860214695352658111072";
    for (double line : {42.0, 30.0, 24.0}) {
        INFO(line << " em");
        const TableLayout l = table_layout(summary(forty, "agrees with reverse mode"), line);
        CHECK(l.size == TableSize::Footnote);
        CHECK(l.cut_numbers);
        CHECK_FALSE(l.overflow);
        REQUIRE(l.wrap[1].has_value());
        CHECK(*l.wrap[1] < math_width(forty, MathStyle::Text) * l.scale);
    }
    // Rendered: no size below \footnotesize, no scaling, the number's groups in the cell.
    Document doc;
    doc.blocks.push_back(summary(forty, "agrees with reverse mode"));
    const std::string tex = body(render_latex(doc));
    CHECK_THAT(tex, Contains("{\\footnotesize"));
    for (const char* smaller : {"\\scriptsize", "\\tiny", "\\resizebox", "\\scalebox"}) CHECK_THAT(tex, !Contains(smaller));
    CHECK_THAT(tex, Contains("$0.02146"));  // the first line ends between groups of five digits
    CHECK_THAT(tex, Contains("\\begin{longtable}"));
}

TEST_CASE("table layout: a table too wide at its narrowest runs into the margin, it is not shrunk", "[table_layout]") {
    // Six columns of one unbreakable 12-em word each: 72 em, even at 9pt more than 42.
    const std::string word = "Donaudampfschifffahrtsgesellschaft";
    REQUIRE(text_width(word) > 12);
    Table t;
    for (int k = 0; k < 6; ++k) t.header.push_back(text(word));
    t.rows.push_back(t.header);
    const TableLayout l = table_layout(t, 42);
    CHECK(l.size == TableSize::Footnote);
    CHECK(l.overflow);
    Document doc;
    doc.blocks.push_back(t);
    const std::string tex = body(render_latex(doc));
    CHECK_THAT(tex, Contains("\\typeout{chainrule: a table is wider than the line even at its narrowest}"));
    CHECK_THAT(tex, Contains("\\begin{longtable}"));
    CHECK_THAT(tex, !Contains("\\resizebox"));
}

TEST_CASE("table layout: a notes table is at most small; its other columns wrap to fit", "[table_layout]") {
    Table t{{text("#"), text("claim"), text("verdict"), text("right value"), text("note")}, {}};
    t.wrap_last_column = true;
    t.rows.push_back({text("1"), text("dout_h1/din_h1 = out_h1*(1 - out_h1) as the chain rule gives it"), text("carried forward"),
                      math("0.1361282498"), text("the claimed value agrees with the true value in every printed digit")});
    const TableLayout l = table_layout(t, 42);
    CHECK(l.size == TableSize::Small);
    CHECK_FALSE(l.wrap[4].has_value());  // the notes column is 0.27 of the line, not capped here
    CHECK(l.wrap[1].has_value());        // the long claim wraps
}

TEST_CASE("table layout: a wide table compiles without running into the margin", "[table_layout][pdflatex]") {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    if (!pdflatex) return;
    Document doc;
    doc.blocks.push_back(summary("0.0214695352658111072860214695352658111072", "agrees with reverse mode"));
    doc.blocks.push_back(summary("0.021469535265811107286", "agrees with reverse mode in every printed digit"));
    doc.blocks.push_back(notation(weighted_sum(12), "-0.2750000000000000000000000000000000000001"));
    doc.blocks.push_back(notation("\\operatorname{logsumexp}\\left(" + weighted_sum(6) + ", " + weighted_sum(5) + "\\right)", "1.5"));
    check_compiles_with_pdflatex(render_latex(doc), "wide_table", 3.0);
}

TEST_CASE("table layout: a long table with wrapped cells goes on over pages", "[table_layout][pdflatex]") {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    if (!pdflatex) return;
    Document doc;
    doc.blocks.push_back(notation(weighted_sum(16), "-0.275", 160));  // 161 rows: more than three pages
    const std::string log = compile_log(render_latex(doc), "long_table");
    std::smatch pages;
    REQUIRE(std::regex_search(log, pages, std::regex(R"(Output written on sheet\.pdf \(([0-9]+) pages?)")));
    CHECK(std::stoi(pages[1]) >= 3);
    for (double w : overfull_boxes(log)) CHECK(w <= 3.0);
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

}  // namespace table_layout_test
