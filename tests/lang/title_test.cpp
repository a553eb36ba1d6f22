// The `title "…"` statement: parsed with its positions, kept by the model, used by the
// worksheet unless the request (the CLI's --title) gives one; at most one per file, not
// blank, printable UTF-8. Expected columns are counted by hand (characters, from 1).
// Further errors (unterminated, without quotes, trailing text, a second title, as a
// name) are files of the malformed corpus (malformed/title_*.chain).
#include "lang_test_support.hpp"

#include "lang/model.hpp"
#include "lang/model_worksheet.hpp"

#include <catch2/catch.hpp>

#include <string>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace title_test {

using namespace lang_test;
using Catch::Contains;

namespace {

const TitleDirective& title_of(const Program& p, std::size_t i) {
    REQUIRE(i < p.statements.size());
    REQUIRE(std::holds_alternative<TitleDirective>(p.statements[i]));
    return std::get<TitleDirective>(p.statements[i]);
}

LangError load_error(const std::string& text) {
    try {
        load_model_text(text, "m.chain");
    } catch (const LangError& e) {
        return e;
    }
    FAIL("no error for " << text);
    throw std::logic_error("unreachable");
}

const std::string kModel = "param w = 2\nE = w*w\n";

}  // namespace

TEST_CASE("title: the text between the quotes, with the positions of keyword and text", "[lang][title]") {
    // "param w = 1\n" is 12 bytes; "title" starts the second line, the text after `title "`.
    const Program p = program("param w = 1\ntitle \"Exercise 3: the chain rule\"\nE = w\n");
    const TitleDirective& t = title_of(p, 1);
    CHECK(t.offset == 12);
    CHECK(t.text == "Exercise 3: the chain rule");
    CHECK(t.text_offset == 19);
    // Blanks before, a comment after; '#' inside the quotes is text.
    CHECK(title_of(program("  title\t\"Sheet #3\"   # the third\n"), 0).text == "Sheet #3");
    // Any UTF-8 text: umlauts, an em dash, Chinese; the bytes are kept as written.
    CHECK(title_of(program("title \"反向传播 — Übung 3\"\n"), 0).text == "反向传播 — Übung 3");
    // At the end of the file without a newline, and with CRLF line ends.
    CHECK(title_of(program("title \"x\""), 0).text == "x");
    CHECK(title_of(program("title \"y\"\r\nparam w = 1\r\n"), 0).text == "y");
}

TEST_CASE("title: the model keeps it; no title statement, no title", "[lang][title]") {
    CHECK(load_model_text("title \"反向传播 — Übung 3\"\n" + kModel, "m.chain").title == "反向传播 — Übung 3");
    CHECK(load_model_text(kModel + "title \"at the end\"\n", "m.chain").title == "at the end");
    CHECK(!load_model_text(kModel, "m.chain").title);
    // Spaces inside are kept as written (only a blank title is refused).
    CHECK(load_model_text("title \"  two  spaces \"\n" + kModel, "m.chain").title == "  two  spaces ");
}

TEST_CASE("title: the worksheet's title, unless the request gives one", "[lang][title]") {
    const Model m = load_model_text("title \"Übung 3 — Rückwärts\"\n" + kModel, "m.chain");
    CHECK(model_worksheet(m).options.title == "Übung 3 — Rückwärts");
    WorksheetRequest request;
    request.title = "from --title";
    CHECK(model_worksheet(m, request).options.title == "from --title");
    // Without either, the library's default (an empty option).
    CHECK(model_worksheet(load_model_text(kModel, "m.chain")).options.title.empty());
}

TEST_CASE("title: a second title is an error at the second naming the first's line", "[lang][title]") {
    const LangError e = load_error("title \"one\"\n" + kModel + "title \"two\"\n");
    CHECK(e.line() == 4);
    CHECK(e.column() == 1);
    CHECK(e.first_line() == "m.chain:4:1: error: a second title directive (the first is on line 1)");
    // The same when the two are on lines 2 and 3, and for an identical repeat.
    const LangError same = load_error("param w = 2\ntitle \"a\"\ntitle \"a\"\nE = w\n");
    CHECK(same.first_line() == "m.chain:3:1: error: a second title directive (the first is on line 2)");
}

TEST_CASE("title: an empty or blank title is an error at its first character", "[lang][title]") {
    for (const std::string& blank : {std::string(""), std::string(" "), std::string("\t \t")}) {
        INFO('"' << blank << '"');
        const LangError e = load_error("title \"" + blank + "\"\n" + kModel);
        CHECK(e.line() == 1);
        CHECK(e.column() == 8);  // after `title "`
        CHECK_THAT(e.first_line(), Contains("empty title; expected the title between the quotes"));
    }
}

TEST_CASE("title: control bytes and invalid UTF-8 are errors at the byte, quoted escaped", "[lang][title]") {
    struct Case {
        std::string bytes;   // inside the title, after "ab" (so at column 10)
        std::string shown;   // as the message quotes it
        std::string reason;  // the start of the message
    };
    const std::string control = "character '";
    for (const Case& c : {
             Case{"\x1b[2J", "\\x1b", control},             // ESC: a terminal escape
             Case{std::string(1, '\0'), "\\x00", control},  // NUL
             Case{"\x07", "\\x07", control},                // BEL
             Case{"\t", "\t", control},                     // a tab: a control byte too
             Case{"\x7f", "\\x7f", control},                // DEL
             Case{"\xc2\x9b", "\\u009b", control},          // C1 CSI, valid UTF-8
             Case{"\xe2\x80\xae", "\\u202e", control},      // right-to-left override
             Case{"\xe2\x80\x8b", "\\u200b", control},      // zero-width space
             Case{"\xef\xbb\xbf", "\\ufeff", control},      // a BOM inside the text
             Case{"\xff", "\\xff", "byte '"},               // never UTF-8
             Case{"\xc0\xaf", "\\xc0", "byte '"},           // an overlong '/'
             Case{"\x80z", "\\x80", "byte '"},              // a lone continuation byte
             Case{"\xe2\x80z", "\\xe2", "byte '"},          // a sequence cut short
         }) {
        INFO(c.shown);
        const LangError e = load_error("param w = 2\ntitle \"ab" + c.bytes + "cd\"\nE = w\n");
        CHECK(e.line() == 2);
        CHECK(e.column() == 10);
        const std::string what = c.reason == control ? "character '" + c.shown + "' is not allowed in a title"
                                                     : "byte '" + c.shown + "' in the title is not UTF-8";
        CHECK_THAT(e.first_line(), Contains("m.chain:2:10: error: " + what));
        // The report never carries the raw byte (a tab stays a tab: the caret line needs it).
        if (c.bytes != "\t") CHECK(std::string(e.what()).find(c.bytes) == std::string::npos);
    }
}

TEST_CASE("title: a control byte after non-ASCII text is found at its character", "[lang][title]") {
    // `title "Übung—` is 13 characters, so the ESC is column 14 of line 1.
    const LangError e = load_error("title \"Übung—\x1b\"\n" + kModel);
    CHECK(e.column() == 14);
    CHECK(e.first_line() ==
          "m.chain:1:14: error: character '\\x1b' is not allowed in a title; expected printable text (no control "
          "characters, direction overrides or invisible characters)");
}

TEST_CASE("title is a keyword", "[lang][title]") {
    CHECK(is_keyword("title"));
    const LangError e = load_error("param title = 1\n");
    CHECK(e.first_line() == "m.chain:1:7: error: 'title' is a keyword; expected a name that is not a keyword");
}

}  // namespace title_test
