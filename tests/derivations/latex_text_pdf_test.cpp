// What plain text (derivations/latex_text.hpp) becomes in the PDF, read back with
// pdflatex's log and pdftotext: every character the Chinese font is sent is one it has
// (no "Missing character" in the log), a character it lacks is a framed code point, and
// typed ASCII text comes back as typed, ligatures and all.
#include "derivations/latex_text.hpp"
#include "derivations/render_latex.hpp"

#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace latex_text_pdf_test {

using namespace chainrule::derivations;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::string utf8(char32_t cp) {
    std::string s;
    if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
    } else {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    }
    return s += static_cast<char>(0x80 | (cp & 0x3F));
}

int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t p = 0; (p = text.find(what, p)) != std::string::npos; p += what.size()) ++n;
    return n;
}

// A compiled document: pdflatex's log and the PDF's text (pdftotext, UTF-8).
struct Compiled {
    std::string log, text;
};

// Compiles `tex` (pdflatex must be on PATH: call require_cjk_package first) and reads the
// log and, with `pdftotext`, the text; fails the test case when pdflatex fails.
Compiled compile(const std::string& tex, const std::string& stem, const fs::path& pdftotext) {
    const auto pdflatex = test_support::find_on_path("pdflatex");
    REQUIRE(pdflatex);
    const fs::path dir = fs::temp_directory_path() / ("chainrule_latex_text_" + stem + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "doc.tex") << tex;
    const std::string cmd = "cd '" + dir.string() + "' && '" + pdflatex->string() +
                            "' -interaction=nonstopmode -halt-on-error -no-shell-escape doc.tex > out.txt 2>&1 && '" +
                            pdftotext.string() + "' -enc UTF-8 doc.pdf doc.txt";
    const int rc = std::system(cmd.c_str());
    Compiled c{read(dir / "doc.log"), read(dir / "doc.txt")};
    if (rc != 0) FAIL("pdflatex or pdftotext failed:\n" << read(dir / "out.txt"));
    fs::remove_all(dir);
    return c;
}

// The text without white space: pdftotext breaks lines where TeX did, and may put a space
// between CJK characters set from different subfonts.
std::string squeezed(std::string s) {
    std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\t'; });
    return s;
}

// A document of `lines` of raw text, set in the CJK environment with unicode_preamble.
std::string cjk_document(const std::string& lines) {
    return "\\documentclass{article}\n" + unicode_preamble(true) + "\\begin{document}\n" + std::string(cjk_begin) + lines +
           std::string(cjk_end) + "\\end{document}\n";
}

}  // namespace

TEST_CASE("latex text pdf: the Chinese font has every character it is sent", "[latex_text][pdflatex]") {
    if (!require_cjk_package()) return;
    const auto pdftotext = test_support::require_on_path("pdftotext");
    if (!pdftotext) return;
    // Every character of the Basic Multilingual Plane that text_glyph sends to gbsn, 60 to
    // a paragraph, raw (as escape_latex_text leaves it).
    std::string lines;
    std::vector<char32_t> sent;
    for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
        if ((cp >= 0xD800 && cp <= 0xDFFF) || text_glyph(cp) != TextGlyph::Cjk) continue;
        sent.push_back(cp);
        lines += utf8(cp);
        if (sent.size() % 60 == 0) lines += "\n\n";
    }
    CHECK(sent.size() > 7000);  // GB2312's 7445 less those below U+3000 (Greek, Cyrillic, symbols)
    const Compiled c = compile(cjk_document(lines + "\n"), "gb2312", *pdftotext);
    CHECK(count(c.log, "Missing character") == 0);
    // … and each is in the PDF's text as itself (but the ideographic space U+3000, which
    // pdftotext reads as white space).
    const std::string text = squeezed(c.text);
    int absent = 0;
    for (char32_t cp : sent) {
        if (cp == 0x3000 || text.find(utf8(cp)) != std::string::npos) continue;
        UNSCOPED_INFO("not in the PDF's text: U+" << std::hex << static_cast<unsigned>(cp));
        ++absent;
    }
    CHECK(absent == 0);
}

TEST_CASE("latex text pdf: the characters sent as code points are ones the Chinese font lacks", "[latex_text][pdflatex]") {
    if (!require_cjk_package()) return;
    const auto pdftotext = test_support::require_on_path("pdftotext");
    if (!pdftotext) return;
    // Traditional and Japanese-only hanzi, a kana and punctuation outside GB2312, and ・
    // (U+30FB, which iconv counts in GB2312 but the font lacks), set raw in gbsn: the font
    // has none of them, so each is a "Missing character" of the log, and escape_latex_text
    // frames them all.
    const std::u32string sample = U"伝單體髙傳與㈱ゔヷ〜・｡ｶ￤";
    std::string lines;
    for (char32_t cp : sample) {
        INFO(static_cast<unsigned>(cp));
        CHECK(text_glyph(cp) == TextGlyph::Missing);
        lines += utf8(cp) + "\n\n";  // one to a paragraph
    }
    const Compiled c = compile(cjk_document(lines), "not_gb2312", *pdftotext);
    CHECK(count(c.log, "Missing character") == static_cast<int>(sample.size()));
}

TEST_CASE("latex text pdf: a title of hanzi in and out of GB2312 prints each one, as itself or as U+xxxx",
          "[latex_text][pdflatex]") {
    if (!require_cjk_package()) return;
    const auto pdftotext = test_support::require_on_path("pdftotext");
    if (!pdftotext) return;
    Document doc;
    doc.title = "伝 單 體 髙 﨑 繁體中文：反向傳播 與 梯度 ㈱ ① ＡＢＣ";
    doc.blocks.push_back(Paragraph{text("简体：传播 与 体 单。全角：ＡＢＣ０１２！（）～ 日本語：伝える 高崎")});
    const Compiled c = compile(render_latex(doc), "title", *pdftotext);
    CHECK(count(c.log, "Missing character") == 0);
    // 﨑 U+FA11 and ① U+2460 have no subfont; the others are outside GB2312 (see
    // latex_text_test.cpp); 語 (U+8A9E) is traditional too.
    const std::string expected = "U+4F1DU+55AEU+9AD4U+9AD9U+FA11繁U+9AD4中文：反向U+50B3播U+8207梯度U+3231U+2460ＡＢＣ"
                                 "简体：传播与体单。全角：ＡＢＣ０１２！（）～日本U+8A9E：U+4F1Dえる高崎";
    CHECK_THAT(squeezed(c.text), Catch::StartsWith(expected));
}

TEST_CASE("latex text pdf: typed ASCII text prints as typed", "[latex_text][pdflatex]") {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    const auto pdftotext = test_support::require_on_path("pdftotext");
    if (!pdflatex || !pdftotext) return;
    // The ligatures of T1 (-- --- `` '' ,, !` ?` << >>), the quotes ` and ', and every
    // printable ASCII character, each line short enough not to be broken. (An apostrophe
    // within a word is set as the apostrophe ’.)
    const std::vector<std::string> lines = {
        "Using --lr 0.5 and ``quotes''",
        "a---b c--d ,,low'' !`Hola! ?`Que? <<guillemets>>",
        "Newton's method, `code' and 'single'",
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    };
    Document doc;
    doc.title = lines[0];
    for (std::size_t i = 1; i < lines.size(); ++i) doc.blocks.push_back(Paragraph{text(lines[i])});
    const Compiled c = compile(render_latex(doc), "ascii", *pdftotext);
    std::string typed;
    for (const std::string& l : lines) typed += l;
    typed.replace(typed.find("Newton's"), 8, "Newton\u2019s");
    CHECK_THAT(squeezed(c.text), Catch::StartsWith(squeezed(typed)));  // (then the page number)
}

}  // namespace latex_text_pdf_test
