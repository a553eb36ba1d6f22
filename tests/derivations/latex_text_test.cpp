// Plain text as LaTeX (derivations/latex_text.hpp): no text becomes a command; accented
// Latin, typed symbols and Chinese reach the PDF as themselves; characters no font has
// are shown as code points — and every character the table accepts compiles. What the
// PDF then shows (pdftotext, the pdflatex log) is tested in latex_text_pdf_test.cpp.
#include "derivations/gb2312.hpp"
#include "derivations/latex_text.hpp"
#include "derivations/render_latex.hpp"

#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace latex_text_test {

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
    // The edges of the Arphic font's subfonts (gbsnu4e … 9c, 9e, 9f; there is no 9d), at
    // GB2312 hanzi: 一 U+4E00 the first, 鳢 U+9CE2 the last before U+9D00, 鸟 U+9E1F the
    // first after, 龠 U+9FA0 the last.
    CHECK(text_glyph(U'一') == TextGlyph::Cjk);
    CHECK(text_glyph(U'鳢') == TextGlyph::Cjk);
    CHECK(text_glyph(0x9D00) == TextGlyph::Missing);
    CHECK(text_glyph(U'鸟') == TextGlyph::Cjk);
    CHECK(text_glyph(U'龠') == TextGlyph::Cjk);
    CHECK(text_glyph(0x3400) == TextGlyph::Missing);  // extension A: no subfont
}

// GB2312 (GB/T 2312-1980) has 7445 graphic characters: 6763 hanzi (3755 of level 1, 3008
// of level 2, all in the unified ideographs U+4E00–U+9FFF), 83 hiragana (row 4), 86
// katakana (row 5), and symbols, Greek, Cyrillic, full-width forms. The middle dot of row
// 1 (0xA1A4) is deliberately not counted (gb2312.hpp: the font has it at U+00B7).
TEST_CASE("latex text: GB2312, the Chinese font's character set, is asked of iconv", "[latex_text]") {
    int all = 0, hanzi = 0, hiragana = 0, katakana = 0;
    for (char32_t cp = 0; cp < 0x10000; ++cp) {
        if (!in_gb2312(cp)) continue;
        ++all;
        hanzi += cp >= 0x4E00 && cp <= 0x9FFF;
        hiragana += cp >= 0x3040 && cp <= 0x309F;
        katakana += cp >= 0x30A0 && cp <= 0x30FF;
    }
    CHECK(all == 7445 - 1);
    CHECK(hanzi == 6763);
    CHECK(hiragana == 83);
    CHECK(katakana == 86);
    CHECK_FALSE(in_gb2312(U'・'));  // U+30FB, the middle dot
    CHECK_FALSE(in_gb2312(U'A'));
    CHECK_FALSE(in_gb2312(0x1F600));
    // Simplified forms are in it, their traditional forms not: 传/傳 体/體 单/單 与/與.
    for (char32_t c : {U'传', U'体', U'单', U'与', U'繁', U'梯', U'度'}) CHECK(in_gb2312(c));
    for (char32_t c : {U'傳', U'體', U'單', U'與'}) CHECK_FALSE(in_gb2312(c));
    // Japanese-only forms: 伝 (shinjitai of 傳), 髙 (a variant of 高), ㈱, 﨑 (U+FA11).
    for (char32_t c : {U'伝', U'髙', U'㈱', U'﨑'}) CHECK_FALSE(in_gb2312(c));
}

TEST_CASE("latex text: a hanzi outside GB2312 is a framed code point, not a character that vanishes", "[latex_text]") {
    // The characters of a title that pdflatex used to leave out: 伝 U+4F1D, 單 U+55AE,
    // 體 U+9AD4, 髙 U+9AD9, 傳 U+50B3, 與 U+8207, ㈱ U+3231; 﨑 U+FA11 and ① U+2460 have no
    // subfont of the font at all. The full-width Ａ (U+FF21) is in GB2312.
    CHECK(escape_latex_text("伝 單 體 髙 﨑 繁體中文：反向傳播 與 梯度 ㈱ ① ＡＢＣ") ==
          "\\missingglyph{4F1D} \\missingglyph{55AE} \\missingglyph{9AD4} \\missingglyph{9AD9} "
          "\\missingglyph{FA11} 繁\\missingglyph{9AD4}中文：反向\\missingglyph{50B3}播 \\missingglyph{8207} 梯度 "
          "\\missingglyph{3231} \\missingglyph{2460} ＡＢＣ");
    for (char32_t c : {U'伝', U'單', U'體', U'髙', U'傳', U'與', U'㈱', U'・', U'ゔ', U'ヷ', U'〜', U'｡', U'ｶ', U'￤'}) {
        INFO(static_cast<unsigned>(c));
        CHECK(text_glyph(c) == TextGlyph::Missing);
    }
    CHECK_FALSE(needs_cjk(escape_latex_text("體 ㈱")));  // nothing left for the CJK font
    for (char32_t c : {U'～', U'ａ', U'０', U'￥', U'㈠', U'々', U'》', U'ぁ', U'ヶ'}) {
        INFO(static_cast<unsigned>(c));
        CHECK(text_glyph(c) == TextGlyph::Cjk);
    }
}

TEST_CASE("latex text: typed text is not turned into dashes and quotes by ligatures", "[latex_text]") {
    // T1 makes -- – and --- —, `` “ and '' ”, ,, „, !` ¡ and ?` ¿: an empty group
    // between the two characters ends the ligature; ` and ' are the ASCII characters.
    CHECK(escape_latex_text("Using --lr 0.5 and ``quotes''") ==
          "Using -{}-lr 0.5 and \\textasciigrave{}\\textasciigrave{}quotes\\textquotesingle{}\\textquotesingle{}");
    CHECK(escape_latex_text("a---b") == "a-{}-{}-b");
    CHECK(escape_latex_text(",,low") == ",{},low");
    CHECK(escape_latex_text("!`?`") == "!\\textasciigrave{}?\\textasciigrave{}");
    // An apostrophe within a word is the apostrophe ’ (T1's '); any other ' is straight.
    CHECK(escape_latex_text("Newton's node's l'été") == "Newton's node's l'été");
    CHECK(escape_latex_text("'single' f'(x) x' '80s") ==
          "\\textquotesingle{}single\\textquotesingle{} f\\textquotesingle{}(x) x\\textquotesingle{} \\textquotesingle{}80s");
    CHECK(escape_latex_text("it''s") == "it\\textquotesingle{}\\textquotesingle{}s");
    CHECK(escape_latex_text("!‘a’ ?‘b’") == "!{}‘a’ ?{}‘b’");  // typed ‘ after ! and ?
    // A typed en or em dash next to a hyphen would make a longer dash.
    CHECK(escape_latex_text("1–-2") == "1–{}-2");
    CHECK(escape_latex_text("-– —-x") == "-{}– —{}-x");
    // A dropped control character does not separate the hyphens.
    CHECK(escape_latex_text("-\x01-x") == "-{}-x");
    // A piece that ends with a dash cannot join a hyphen that starts the next piece.
    CHECK(escape_latex_text("x-") == "x-{}");
    CHECK(escape_latex_text("x—") == "x—{}");
    // What makes no ligature stays as it is.
    for (const char* s : {"x-y", "a - b", "a, b", "1,2", "Hello!", "why? yes", "\"a\""}) CHECK(escape_latex_text(s) == s);
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

}  // namespace latex_text_test
