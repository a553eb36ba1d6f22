// User text in messages (escape_text_for_message) and typed Greek letters in labels
// (label_latex), issue 11. Expected strings are spelled out by hand from the byte values:
// ESC is 0x1b, BEL 0x07, DEL 0x7f, U+009B (CSI) is C2 9B in UTF-8, U+202E (right-to-left
// override) E2 80 AE, α CE B1, θ CE B8.
#include "symbolic/latex_names.hpp"
#include "symbolic/latex_printer.hpp"
#include "symbolic/expr.hpp"

#include <catch2/catch.hpp>

#include <string>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace message_text_test {

using namespace chainrule::symbolic;
using Catch::Contains;

namespace {

bool has_control_byte(const std::string& s) {
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) return true;
    return s.find("\xc2\x9b") != std::string::npos;
}

}  // namespace

TEST_CASE("message text: printable text, Greek letters and tabs stay as they are", "[message]") {
    CHECK(escape_text_for_message("unknown name 'w9'") == "unknown name 'w9'");
    CHECK(escape_text_for_message("θ_1 = α·σ(x) − ∂E/∂w") == "θ_1 = α·σ(x) − ∂E/∂w");
    CHECK(escape_text_for_message("a\tb") == "a\tb");
    CHECK(escape_text_for_message("\\hat{y}") == "\\hat{y}");       // backslashes are not doubled
    CHECK(escape_text_for_message("\xf0\x9f\x98\x80") == "\xf0\x9f\x98\x80");  // U+1F600, 4 bytes
    CHECK(escape_text_for_message("") == "");
}

TEST_CASE("message text: C0 controls, NUL and DEL become \\xHH", "[message]") {
    CHECK(escape_text_for_message("\x1b[31mred") == "\\x1b[31mred");
    CHECK(escape_text_for_message("bell\x07") == "bell\\x07");
    CHECK(escape_text_for_message(std::string("a\0b", 3)) == "a\\x00b");  // NUL does not cut the text
    CHECK(escape_text_for_message("x\x7fy") == "x\\x7fy");
    CHECK(escape_text_for_message("one\ntwo\r") == "one\\x0atwo\\x0d");  // no forged lines
    CHECK(escape_text_for_message("\x01\x1f") == "\\x01\\x1f");
}

TEST_CASE("message text: C1 controls and direction overrides become \\uHHHH", "[message]") {
    CHECK(escape_text_for_message("\xc2\x9b" "2J") == "\\u009b2J");  // CSI in UTF-8
    CHECK(escape_text_for_message("\xc2\x85") == "\\u0085");          // NEL
    CHECK(escape_text_for_message("\xc2\x80\xc2\x9f") == "\\u0080\\u009f");
    CHECK(escape_text_for_message("ab\xe2\x80\xae" "cd") == "ab\\u202ecd");  // RLO
    CHECK(escape_text_for_message("\xe2\x81\xa6") == "\\u2066");            // LRI
    CHECK(escape_text_for_message("\xe2\x80\x8b") == "\\u200b");            // zero width space
    CHECK(escape_text_for_message("\xef\xbb\xbf") == "\\ufeff");            // BOM
    CHECK(escape_text_for_message("\xc2\xa0") == "\xc2\xa0");  // U+00A0 (after C1) is printable
}

TEST_CASE("message text: bytes that are not UTF-8 become \\xHH, one per byte", "[message]") {
    CHECK(escape_text_for_message("a\xff") == "a\\xff");
    CHECK(escape_text_for_message("\xce") == "\\xce");              // α cut short
    CHECK(escape_text_for_message("\xce" "a") == "\\xcea");         // a lead byte without continuation
    CHECK(escape_text_for_message("\x80") == "\\x80");              // a stray continuation byte
    CHECK(escape_text_for_message("\xc0\xaf") == "\\xc0\\xaf");     // overlong '/'
    CHECK(escape_text_for_message("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a surrogate
    CHECK(escape_text_for_message("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // beyond U+10FFFF
}

TEST_CASE("message text: escaping twice changes nothing", "[message]") {
    for (const std::string s : {std::string("\x1b[2J\x07"), std::string("a\0\xff\xc2\x9b", 5), std::string("θ\\x1b")}) {
        const std::string once = escape_text_for_message(s);
        CHECK(escape_text_for_message(once) == once);
        CHECK(!has_control_byte(once));
    }
}

TEST_CASE("labels: typed Greek letters become their commands", "[latex][labels]") {
    CHECK(label_latex("α") == "\\alpha");
    CHECK(label_latex("θ_1") == "\\theta_1");
    CHECK(label_latex("θ_{12}") == "\\theta_{12}");
    CHECK(label_latex("η") == "\\eta");
    CHECK(label_latex("\\hat{σ}") == "\\hat{\\sigma}");
    CHECK(label_latex("αx") == "\\alpha x");  // not \alphax
    CHECK(label_latex("α1") == "\\alpha1");
    CHECK(label_latex("αβ") == "\\alpha\\beta");
    CHECK(label_latex("w^{η}") == "w^{\\eta}");
    CHECK(label_latex("Σ_i") == "\\Sigma_i");
    CHECK(label_latex("Α") == "A");  // capital alpha has no command: it is a Latin A
    CHECK(label_latex("ε") == "\\varepsilon");
    CHECK(label_latex("ϵ") == "\\epsilon");
    CHECK(label_latex("φ") == "\\varphi");
    CHECK(label_latex("ϕ") == "\\phi");
    CHECK(label_latex("µ") == "\\mu");  // the micro sign
    CHECK(label_latex("∂E") == "\\partial E");
    CHECK(label_latex("b_{1}") == "b_{1}");  // ASCII labels are unchanged
    CHECK_NOTHROW(validate_latex_label("θ_1"));
}

TEST_CASE("labels: other characters are refused by name, escaped", "[latex][labels]") {
    CHECK_THROWS_WITH(validate_latex_label("é"), Contains("character 'é' is not allowed"));
    CHECK_THROWS_WITH(validate_latex_label("×"), Contains("character '×' is not allowed"));
    CHECK_THROWS_WITH(validate_latex_label("a\x1b[31m"), Contains("\"a\\x1b[31m\" rejected: character '\\x1b'"));
    CHECK_THROWS_WITH(validate_latex_label("a\x07"), Contains("character '\\x07'"));
    CHECK_THROWS_WITH(validate_latex_label(std::string("a\0b", 3)), Contains("character '\\x00'"));
    CHECK_THROWS_WITH(validate_latex_label("a\x7f"), Contains("character '\\x7f'"));
    CHECK_THROWS_WITH(validate_latex_label("a\xc2\x9b"), Contains("character '\\u009b'"));
    CHECK_THROWS_WITH(validate_latex_label("\xce"), Contains("character '\\xce'"));
    CHECK_THROWS_WITH(validate_latex_label("α\xff"), Contains("\"α\\xff\" rejected: character '\\xff'"));
    CHECK_THROWS_WITH(validate_latex_label("θ_"), Contains("'_' needs something to apply to"));
    CHECK_THROWS_WITH(validate_latex_label("θ_1_2"), Contains("double subscript"));
    for (const std::string bad : {std::string("a\x1b"), std::string("\xc2\x9b"), std::string("a\0", 2)}) {
        try {
            validate_latex_label(bad);
            FAIL("accepted");
        } catch (const std::invalid_argument& e) {
            CHECK(!has_control_byte(e.what()));
        }
    }
}

TEST_CASE("labels: the LaTeX printer prints typed Greek letters as commands", "[latex][labels]") {
    LatexOptions options;
    options.labels = {{"t", "θ_1"}, {"a", "α"}};
    CHECK(to_latex(Expr::symbol("t"), options) == "\\theta_1");
    CHECK(to_latex(Expr::symbol("a"), options) == "\\alpha");
    options.labels = {{"t", "θ\x1b"}};
    CHECK_THROWS_WITH(to_latex(Expr::symbol("t"), options), Contains("'\\x1b'"));
}

}  // namespace message_text_test
