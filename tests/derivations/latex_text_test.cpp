// Plain text as LaTeX (derivations/latex_text.hpp): no text becomes a command; accented
// Latin, typed symbols and Chinese reach the PDF as themselves; characters no font has
// are shown as code points — and every character the table accepts compiles.
#include "derivations/latex_text.hpp"
#include "derivations/render_latex.hpp"

#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

using namespace chainrule::derivations;

TEST_CASE("latex text: LaTeX's special characters are escaped, control characters dropped", "[latex_text]") {
    CHECK(escape_latex_text("\\input{x} $ & # ^ _ ~ % < > |") ==
          "\\textbackslash{}input\\{x\\} \\$ \\& \\# \\textasciicircum{} \\_ \\textasciitilde{} \\% "
          "\\textless{} \\textgreater{} \\textbar{}");
    CHECK(escape_latex_text("a\x01" "b\x1b" "c\x7f") == "abc");
    CHECK(escape_latex_text("one\ntwo") == "one two");
}

TEST_CASE("latex text: accented Latin, dashes and typed symbols pass as UTF-8", "[latex_text]") {
    for (const char* s : {"Übung 3 — Rückwärts", "Straße, café, Łódź, naïve, Ørsted, €5, 20 °C", "η ≤ ∞, ∂E/∂w · x₁²"})
        CHECK(escape_latex_text(s) == s);
    CHECK(text_glyph(U'Ü') == TextGlyph::Latin);
    CHECK(text_glyph(U'ł') == TextGlyph::Latin);
    CHECK(text_glyph(U'—') == TextGlyph::Declared);  // declared as --- (as before)
    CHECK(text_glyph(U'η') == TextGlyph::Declared);
    CHECK_FALSE(needs_cjk(escape_latex_text("Übung 3 — Rückwärts")));
}

TEST_CASE("latex text: Chinese, kana and full-width punctuation go to the CJK font", "[latex_text]") {
    CHECK(escape_latex_text("反向传播：链式法则（一）") == "反向传播：链式法则（一）");
    CHECK(needs_cjk("反向传播"));
    CHECK(needs_cjk("かな"));
    // The edges of the Arphic font's subfonts (gbsnu4e … 9c, 9e, 9f; there is no 9d).
    CHECK(text_glyph(0x4E00) == TextGlyph::Cjk);
    CHECK(text_glyph(0x9CFF) == TextGlyph::Cjk);
    CHECK(text_glyph(0x9D00) == TextGlyph::Missing);
    CHECK(text_glyph(0x9E00) == TextGlyph::Cjk);
    CHECK(text_glyph(0x3400) == TextGlyph::Missing);  // extension A: no subfont
}

TEST_CASE("latex text: a character no font has is a framed code point, never an error", "[latex_text]") {
    CHECK(escape_latex_text("Жук") == "\\missingglyph{0416}\\missingglyph{0443}\\missingglyph{043A}");
    CHECK(escape_latex_text("한") == "\\missingglyph{D55C}");
    CHECK(escape_latex_text("\xF0\x9F\x98\x80") == "\\missingglyph{1F600}");  // an emoji
    CHECK(escape_latex_text("\u00B8") == "\\missingglyph{00B8}");             // a cedilla alone: not in T1/TS1
    CHECK(escape_latex_text("\u202E") == "\\missingglyph{202E}");             // a direction override
}

TEST_CASE("latex text: invalid UTF-8 is U+FFFD, one per bad byte", "[latex_text]") {
    CHECK(escape_latex_text("a\xFF" "b") == "a\\missingglyph{FFFD}b");
    CHECK(escape_latex_text("\xE4\xB8") == "\\missingglyph{FFFD}\\missingglyph{FFFD}");  // truncated
    CHECK(escape_latex_text("\xC0\xAF") == "\\missingglyph{FFFD}\\missingglyph{FFFD}");  // overlong '/'
    CHECK(escape_latex_text("\xED\xA0\x80") == "\\missingglyph{FFFD}\\missingglyph{FFFD}\\missingglyph{FFFD}");  // a surrogate
}

TEST_CASE("latex text: every character the table accepts compiles with pdflatex", "[latex_text][pdflatex]") {
    if (!require_cjk_package()) return;
    std::string latin, declared;
    auto append = [](std::string& s, char32_t cp) {
        if (cp < 0x800) {
            s += static_cast<char>(0xC0 | (cp >> 6));
        } else {
            s += static_cast<char>(0xE0 | (cp >> 12));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        }
        s += static_cast<char>(0x80 | (cp & 0x3F));
        s += ' ';
    };
    int n = 0;
    for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        const TextGlyph g = text_glyph(cp);
        if (g == TextGlyph::Latin) append(latin, cp), ++n;
        if (g == TextGlyph::Declared) append(declared, cp), ++n;
    }
    CHECK(n > 400);
    Document doc;
    doc.title = "Übung 3 — Rückwärts 反向传播 Жук";
    doc.blocks.push_back(Paragraph{text(latin)});
    doc.blocks.push_back(Paragraph{text(declared)});
    doc.blocks.push_back(Heading{2, text("第二讲：链式法则 — 한국어 \xF0\x9F\x98\x80")});
    check_compiles_with_pdflatex(render_latex(doc), "all_characters");
}
