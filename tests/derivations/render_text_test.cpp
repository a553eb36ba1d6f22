// The plain-text renderer (render_text.hpp): the terminal reports of check, gradcheck,
// grad and descend go through it. Expected texts are written out by hand.
#include "derivations/render_markdown.hpp"
#include "derivations/render_text.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace render_text_test {

using namespace chainrule::derivations;

TEST_CASE("text: paragraphs are lines, an empty paragraph a blank line", "[render_text]") {
    Document doc;
    doc.blocks = {Paragraph{text("first")}, Paragraph{}, Paragraph{text("second")}};
    CHECK(render_text(doc) == "first\n\nsecond\n");
    doc.title = "Title";
    CHECK(render_text(doc) == "Title\nfirst\n\nsecond\n");
    // Markdown skips the blank line of the text layout
    CHECK(render_markdown(doc) == "# Title\n\nfirst\n\nsecond\n");
}

TEST_CASE("text: table columns two spaces apart, numbers right-aligned, no trailing spaces", "[render_text]") {
    Table t;
    t.header = {text("name"), text("value"), text("note")};
    t.rows = {{text("x"), text("1.5"), text("")}, {text("long_name"), text("-0.25"), text("a note")}};
    t.align = {Align::Left, Align::Right};
    Document doc;
    doc.blocks = {t};
    CHECK(render_text(doc) ==
          "name       value  note\n"
          "x            1.5\n"
          "long_name  -0.25  a note\n");
    CHECK(render_markdown(doc) == "| name | value | note |\n| --- | ---: | --- |\n| x | 1.5 |  |\n| long\\_name | -0.25 | a note |\n");
}

TEST_CASE("text: a Chinese character takes two terminal columns", "[render_text]") {
    CHECK(terminal_columns("abc") == 3);
    CHECK(terminal_columns("断言") == 4);
    CHECK(terminal_columns("∂f/∂x") == 5);   // ∂ is narrow
    CHECK(terminal_columns("１２") == 4);     // full-width forms
    CHECK(terminal_columns("é") == 1);
    Table t;
    t.header = {text("#"), text("断言"), text("判定")};
    t.rows = {{text("1"), text("x = 1"), text("正确")}};
    Document doc;
    doc.blocks = {t};
    CHECK(render_text(doc) == "#  断言   判定\n1  x = 1  正确\n");
}

TEST_CASE("text: math shows its text face, control characters are spelled out", "[render_text]") {
    Document doc;
    doc.blocks = {Paragraph{Line{Text{"slope "}, Math{"\\partial J/\\partial x", "dJ/dx"}}},
                  Paragraph{Line{Math{"x^{2}"}}}, Paragraph{text("evil \x1b[2J title")}};
    CHECK(render_text(doc) == "slope dJ/dx\nx^{2}\nevil \\x1b[2J title\n");
}

TEST_CASE("text: equations as lhs = rhs lines", "[render_text]") {
    Equations e;
    e.rows = {{"f", "x^2", false}, {"", "4", false}, {"", "+ 1", true}};
    Document doc;
    doc.blocks = {e};
    CHECK(render_text(doc) == "f = x^2\n = 4\n    + 1\n");
}

}  // namespace render_text_test
