// Bad bytes in .chain files and command-line texts (issue 11): every error quotes user
// text with control bytes and invalid UTF-8 escaped (ESC → \x1b, NUL → \x00, U+009B →
// \u009b, a stray 0xFF → \xff), never cut short by a NUL, with the caret under the right
// character of the escaped line; labels accept typed Greek letters. Expected columns are
// counted by hand (characters, from 1); caret lines are "  " + one space per character
// of the *shown* line before the error.
#include "lang/claims.hpp"
#include "../support/terminal_text.hpp"
#include "lang/model.hpp"
#include "lang/model_worksheet.hpp"
#include "lang/parser.hpp"

#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"
#include "derivations/worksheet.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <string>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace bad_bytes_test {

using namespace chainrule::lang;
using Catch::Contains;

namespace {

// The error of loading `text`; fails the test when it loads.
LangError load_error(const std::string& text, const std::string& name = "m.chain") {
    try {
        load_model_text(text, name);
    } catch (const LangError& e) {
        return e;
    }
    FAIL("no error for " << text);
    throw std::logic_error("unreachable");
}

using test_support::is_clean;

// what() as a C string (what a terminal gets) equals the whole report: no NUL inside.
void check_report(const LangError& e) {
    const std::string what = e.what();
    CHECK(std::strlen(e.what()) == what.size());
    CHECK(is_clean(what));
}

}  // namespace

TEST_CASE("bad bytes: ESC, BEL, NUL, DEL in an expression are quoted escaped", "[lang][bad-bytes]") {
    struct Case {
        std::string byte, shown;
    };
    for (const Case& c : {Case{"\x1b", "\\x1b"}, Case{"\x07", "\\x07"}, Case{std::string(1, '\0'), "\\x00"},
                          Case{"\x7f", "\\x7f"}, Case{"\x01", "\\x01"}}) {
        INFO(c.shown);
        const LangError e = load_error("param a = 1\nb = a*" + c.byte + "[31m1\n");
        check_report(e);
        CHECK(e.line() == 2);
        CHECK(e.column() == 7);
        CHECK(e.first_line() ==
              "m.chain:2:7: error: unexpected '" + c.shown +
                  "'; expected an expression (a number, a name, a function call or '(')");
        CHECK(std::string(e.what()) == e.first_line() + "\n  b = a*" + c.shown + "[31m1\n        ^");
    }
}

TEST_CASE("bad bytes: C1 controls in UTF-8 and invalid UTF-8 are quoted escaped", "[lang][bad-bytes]") {
    struct Case {
        std::string bytes, shown;
    };
    for (const Case& c : {Case{"\xc2\x9b", "\\u009b"}, Case{"\xc2\x85", "\\u0085"}, Case{"\xff", "\\xff"},
                          Case{"\xe2\x80\xae", "\\u202e"}}) {
        INFO(c.shown);
        const LangError e = load_error("param a = 1\nb = a + " + c.bytes + "\n");
        check_report(e);
        CHECK(e.column() == 9);
        CHECK_THAT(e.first_line(), Contains("unexpected '" + c.shown + "'"));
        CHECK_THAT(std::string(e.what()), Contains("\n  b = a + " + c.shown + "\n          ^"));
    }
}

TEST_CASE("bad bytes: in a name position, a declaration and a derive line", "[lang][bad-bytes]") {
    const LangError declared = load_error("param w\x1b = 1\n");
    check_report(declared);
    CHECK(declared.column() == 8);
    CHECK_THAT(declared.first_line(), Contains("unexpected '\\x1b'"));

    const LangError derive = load_error("param w = 1\nE = w*w\nderive E wrt \x07w\n");
    check_report(derive);
    CHECK(derive.line() == 3);
    CHECK_THAT(derive.first_line(), Contains("'\\x07'"));
}

TEST_CASE("bad bytes: the caret lines up after escaped bytes earlier on the line", "[lang][bad-bytes]") {
    // label w "<ESC>" x: the x is character 13; the shown line has \x1b (4 characters)
    // for the 1-character ESC, so the caret stands 3 further right than the column.
    const LangError e = load_error("param w = 1\nE = w*w\nlabel w \"\x1b\" x\n");
    check_report(e);
    CHECK(e.line() == 3);
    CHECK(e.column() == 13);
    CHECK_THAT(std::string(e.what()), Contains("\n  label w \"\\x1b\" x\n                 ^"));

    // A comment with escape sequences before nothing wrong is not shown; on the error's
    // line it is shown escaped, after the caret's position.
    const LangError c = load_error("param w = 1\nE = w $ 2 # \x1b[2J\x07\n");
    check_report(c);
    CHECK(c.column() == 7);
    CHECK_THAT(std::string(c.what()), Contains("\n  E = w $ 2 # \\x1b[2J\\x07\n        ^"));

    // Tabs stay tabs in both lines.
    const LangError t = load_error("param w = 1\n\t\x1b E = w\n");
    check_report(t);
    CHECK_THAT(std::string(t.what()), Contains("\n  \t\\x1b E = w\n  \t^"));
}

TEST_CASE("bad bytes: labels with control bytes are rejected with the bytes escaped", "[lang][bad-bytes][labels]") {
    struct Case {
        std::string bytes, shown;
    };
    for (const Case& c : {Case{"\x1b[31m", "\\x1b"}, Case{"\x07", "\\x07"}, Case{std::string(1, '\0'), "\\x00"},
                          Case{"\x7f", "\\x7f"}, Case{"\xc2\x9b", "\\u009b"}, Case{"\xce", "\\xce"},
                          Case{"\xff\xfe", "\\xff"}}) {
        INFO(c.shown);
        const LangError e = load_error("param w = 1\nE = w*w\nlabel w \"b" + c.bytes + "\"\n");
        check_report(e);
        CHECK(e.line() == 3);
        CHECK(e.column() == 10);
        CHECK_THAT(e.first_line(), Contains("invalid label") && Contains("character '" + c.shown + "' is not allowed"));
    }
    const LangError latin = load_error("param w = 1\nE = w*w\nlabel w \"é\"\n");
    CHECK_THAT(latin.first_line(), Contains("character 'é' is not allowed (Greek letters such as α are)"));
}

TEST_CASE("bad bytes: a check line with control bytes is an error at its position", "[lang][bad-bytes][claims]") {
    const Model m = load_model_text("param w = 1\nE = w*w\ncheck E = 0.5\x1b[0m\ncheck dE/dw = \x07" "2\n", "m.chain");
    try {
        model_claims(m);
        FAIL("no error");
    } catch (const LangError& e) {
        check_report(e);
        CHECK(e.line() == 3);
        CHECK(e.column() == 14);
        CHECK_THAT(e.first_line(), Contains("unexpected '\\x1b'"));
        CHECK_THAT(std::string(e.what()), Contains("\n  check E = 0.5\\x1b[0m\n               ^"));
    }
}

TEST_CASE("bad bytes: a source name and command-line texts are escaped too", "[lang][bad-bytes]") {
    try {
        load_model_text("param w = 1\nE = w $\n", "a\x1b]0;title\x07.chain");
        FAIL("no error");
    } catch (const LangError& e) {
        check_report(e);
        CHECK(e.first_line().rfind("a\\x1b]0;title\\x07.chain:2:7: error: ", 0) == 0);
    }
    try {
        parse_expression(Source{"expression", "x + \x1b"});
        FAIL("no error");
    } catch (const LangError& e) {
        check_report(e);
        CHECK(e.first_line() == "expression:1:5: error: unexpected '\\x1b'; expected an expression (a number, a "
                                "name, a function call or '(')");
    }
    try {
        parse_bindings(Source{"--at", std::string("x=1, y\0=2", 9)});
        FAIL("no error");
    } catch (const LangError& e) {
        check_report(e);
        CHECK_THAT(e.first_line(), Contains("--at:1:7: error: unexpected '\\x00'"));
    }
    const LangError whole("m\x1b.chain", "cannot read the file: \x07");
    CHECK(std::string(whole.what()) == "m\\x1b.chain: error: cannot read the file: \\x07");
}

TEST_CASE("labels: typed Greek letters work end to end in Markdown and LaTeX", "[lang][labels]") {
    const Model m = load_model_text(
        "param a = 2, t = 3\ny = a*t\nlabel a \"α\"\nlabel t \"θ_1\"\nlabel y \"\\hat{σ}\"\n", "greek.chain");
    CHECK(m.labels.at("a") == "α");  // kept as written; printed as the command
    const auto worksheet = model_worksheet(m, {});
    const std::string md = chainrule::derivations::render_markdown(chainrule::derivations::worksheet_document(worksheet));
    CHECK_THAT(md, Contains("$\\alpha$") && Contains("$\\theta_1$") && Contains("\\hat{\\sigma}"));
    const std::string tex = chainrule::derivations::render_latex(chainrule::derivations::worksheet_document(worksheet));
    CHECK_THAT(tex, Contains("\\alpha") && Contains("\\theta_1"));
    CHECK(tex.find("α") == std::string::npos);  // math mode gets commands, not UTF-8
}

}  // namespace bad_bytes_test
