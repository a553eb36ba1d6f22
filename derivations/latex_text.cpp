#include "latex_text.hpp"

#include "gb2312.hpp"

#include "../symbolic/latex_names.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace chainrule::derivations {
namespace {

struct Range {
    char32_t first, last;
};

// The characters the T1 and TS1 font encodings set under inputenc utf8: every
// \DeclareUnicodeCharacter of LaTeX's t1enc.dfu and ts1enc.dfu (TeX Live 2022), merged
// into ranges. tests/derivations/latex_text_test.cpp compiles all of them.
constexpr Range kFontEncodings[] = {
    {0x00A0, 0x00B7}, {0x00B9, 0x0125}, {0x0128, 0x0137}, {0x0139, 0x013E}, {0x0141, 0x0148}, {0x014A, 0x0165},
    {0x0168, 0x017E}, {0x0192, 0x0192}, {0x01C4, 0x01D4}, {0x01E2, 0x01E3}, {0x01E6, 0x01EB}, {0x01F0, 0x01F0},
    {0x01F4, 0x01F5}, {0x0218, 0x021B}, {0x0232, 0x0233}, {0x0237, 0x0237}, {0x02C7, 0x02C7}, {0x02D8, 0x02D9},
    {0x02DB, 0x02DB}, {0x02DD, 0x02DD}, {0x0E3F, 0x0E3F}, {0x1E02, 0x1E03}, {0x1E0D, 0x1E0D}, {0x1E1E, 0x1E21},
    {0x1E25, 0x1E25}, {0x1E30, 0x1E31}, {0x1E37, 0x1E37}, {0x1E43, 0x1E43}, {0x1E45, 0x1E45}, {0x1E47, 0x1E47},
    {0x1E5B, 0x1E5B}, {0x1E63, 0x1E63}, {0x1E6D, 0x1E6D}, {0x1E8E, 0x1E91}, {0x1E9E, 0x1E9E}, {0x1EF2, 0x1EF3},
    {0x200C, 0x200C}, {0x2010, 0x2016}, {0x2018, 0x201A}, {0x201C, 0x201E}, {0x2020, 0x2022}, {0x2030, 0x2031},
    {0x2039, 0x203B}, {0x203D, 0x203D}, {0x2044, 0x2044}, {0x204E, 0x204E}, {0x2052, 0x2052}, {0x20A1, 0x20A1},
    {0x20A4, 0x20A4}, {0x20A6, 0x20A6}, {0x20A9, 0x20A9}, {0x20AB, 0x20AC}, {0x20B1, 0x20B1}, {0x2103, 0x2103},
    {0x2116, 0x2117}, {0x211E, 0x211E}, {0x2120, 0x2120}, {0x2122, 0x2122}, {0x2126, 0x2127}, {0x212E, 0x212E},
    {0x2190, 0x2193}, {0x2329, 0x232A}, {0x2422, 0x2423}, {0x25E6, 0x25E6}, {0x25EF, 0x25EF}, {0x266A, 0x266A},
    {0x27E8, 0x27E9}, {0x3008, 0x3009}, {0xFB00, 0xFB06}, {0xFEFF, 0xFEFF},
};

// The blocks of gbsn's Unicode subfonts in the CJK range: gbsnu30–32 (CJK punctuation,
// kana), gbsnu4e–9c and 9e–9f (the unified ideographs; there is no 9d), gbsnufe–ff
// (compatibility and full-width forms). A character of another block would need a
// subfont that does not exist, which stops pdflatex. Within them the font has the
// characters of GB2312 (gb2312.hpp); any other would be left out of the PDF with only a
// warning in the log. (gbsn has subfonts below U+3000 too — Cyrillic, Greek, ①: those
// are framed code points, so that a document without Chinese never needs the CJK package.)
constexpr Range kCjk[] = {
    {0x3000, 0x32FF}, {0x4E00, 0x9CFF}, {0x9E00, 0x9FFF}, {0xFE30, 0xFE4F}, {0xFF00, 0xFFEF},
};

struct Declared {
    char32_t cp;
    std::string_view latex;
};

// Symbols and Greek letters typed in prose, declared as what they are in math.
constexpr Declared kDeclared[] = {
    {0x2202, "\\ensuremath{\\partial}"}, {0x2212, "\\ensuremath{-}"}, {0x00B7, "\\ensuremath{\\cdot}"},
    {0x00D7, "\\ensuremath{\\times}"}, {0x2013, "--"}, {0x2014, "---"}, {0x221E, "\\ensuremath{\\infty}"},
    {0x2032, "\\ensuremath{'}"}, {0x2033, "\\ensuremath{''}"}, {0x2026, "\\ldots{}"},
    {0x2264, "\\ensuremath{\\le}"}, {0x2265, "\\ensuremath{\\ge}"}, {0x2248, "\\ensuremath{\\approx}"},
    {0x2260, "\\ensuremath{\\ne}"}, {0x2261, "\\ensuremath{\\equiv}"}, {0x2211, "\\ensuremath{\\sum}"},
    {0x220F, "\\ensuremath{\\prod}"}, {0x221A, "\\ensuremath{\\surd}"}, {0x2207, "\\ensuremath{\\nabla}"},
    {0x2208, "\\ensuremath{\\in}"}, {0x22C5, "\\ensuremath{\\cdot}"}, {0x2218, "\\ensuremath{\\circ}"},
    {0x2299, "\\ensuremath{\\odot}"}, {0x21D2, "\\ensuremath{\\Rightarrow}"}, {0x2113, "\\ensuremath{\\ell}"},
    {0x222B, "\\ensuremath{\\int}"}, {0x221D, "\\ensuremath{\\propto}"}, {0x223C, "\\ensuremath{\\sim}"},
    {0x2713, "\\ensuremath{\\checkmark}"}, {0x2070, "\\ensuremath{^{0}}"}, {0x2074, "\\ensuremath{^{4}}"},
    {0x2075, "\\ensuremath{^{5}}"}, {0x2076, "\\ensuremath{^{6}}"}, {0x2077, "\\ensuremath{^{7}}"},
    {0x2078, "\\ensuremath{^{8}}"}, {0x2079, "\\ensuremath{^{9}}"}, {0x207A, "\\ensuremath{^{+}}"},
    {0x207B, "\\ensuremath{^{-}}"}, {0x207F, "\\ensuremath{^{n}}"}, {0x1D48, "\\ensuremath{^{d}}"},
    {0x2080, "\\ensuremath{_{0}}"}, {0x2081, "\\ensuremath{_{1}}"}, {0x2082, "\\ensuremath{_{2}}"},
    {0x2083, "\\ensuremath{_{3}}"}, {0x2084, "\\ensuremath{_{4}}"}, {0x2085, "\\ensuremath{_{5}}"},
    {0x2086, "\\ensuremath{_{6}}"}, {0x2087, "\\ensuremath{_{7}}"}, {0x2088, "\\ensuremath{_{8}}"},
    {0x2089, "\\ensuremath{_{9}}"}, {0x208A, "\\ensuremath{_{+}}"}, {0x208B, "\\ensuremath{_{-}}"},
    {0x03B1, "\\ensuremath{\\alpha}"}, {0x03B2, "\\ensuremath{\\beta}"}, {0x03B3, "\\ensuremath{\\gamma}"},
    {0x03B4, "\\ensuremath{\\delta}"}, {0x03B5, "\\ensuremath{\\varepsilon}"}, {0x03B6, "\\ensuremath{\\zeta}"},
    {0x03B7, "\\ensuremath{\\eta}"}, {0x03B8, "\\ensuremath{\\theta}"}, {0x03B9, "\\ensuremath{\\iota}"},
    {0x03BA, "\\ensuremath{\\kappa}"}, {0x03BB, "\\ensuremath{\\lambda}"}, {0x03BC, "\\ensuremath{\\mu}"},
    {0x03BD, "\\ensuremath{\\nu}"}, {0x03BE, "\\ensuremath{\\xi}"}, {0x03BF, "\\ensuremath{o}"},
    {0x03C0, "\\ensuremath{\\pi}"}, {0x03C1, "\\ensuremath{\\rho}"}, {0x03C2, "\\ensuremath{\\varsigma}"},
    {0x03C3, "\\ensuremath{\\sigma}"}, {0x03C4, "\\ensuremath{\\tau}"}, {0x03C5, "\\ensuremath{\\upsilon}"},
    {0x03C6, "\\ensuremath{\\varphi}"}, {0x03C7, "\\ensuremath{\\chi}"}, {0x03C8, "\\ensuremath{\\psi}"},
    {0x03C9, "\\ensuremath{\\omega}"}, {0x03D5, "\\ensuremath{\\phi}"}, {0x03F5, "\\ensuremath{\\epsilon}"},
    {0x03D1, "\\ensuremath{\\vartheta}"}, {0x0393, "\\ensuremath{\\Gamma}"}, {0x0394, "\\ensuremath{\\Delta}"},
    {0x0398, "\\ensuremath{\\Theta}"}, {0x039B, "\\ensuremath{\\Lambda}"}, {0x039E, "\\ensuremath{\\Xi}"},
    {0x03A0, "\\ensuremath{\\Pi}"}, {0x03A3, "\\ensuremath{\\Sigma}"}, {0x03A5, "\\ensuremath{\\Upsilon}"},
    {0x03A6, "\\ensuremath{\\Phi}"}, {0x03A8, "\\ensuremath{\\Psi}"}, {0x03A9, "\\ensuremath{\\Omega}"},
};

bool in(const Range* begin, const Range* end, char32_t cp) {
    return std::any_of(begin, end, [cp](const Range& r) { return cp >= r.first && cp <= r.last; });
}

// The code point of the UTF-8 sequence at s[i] and its length; a malformed sequence
// (a stray continuation byte, a truncated or overlong sequence) is U+FFFD of length 1.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return {b, 1};
    const std::size_t n = b >= 0xF8 ? 0 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return {0xFFFD, 1};
    char32_t cp = b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (c & 0x3F);
    }
    const char32_t least = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
    if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
    return {cp, n};
}

std::string hex(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
    return buf;
}

// The T1 fonts' ligatures that make other characters of typed text: -- and --- are the
// en and em dash (also with a typed – or —, declared as -- and ---), ,, is the low quote
// „, !` and ?` (also with a typed ‘) are ¡ and ¿, `` and '' the double quotes “ ”
// (<< and >> are guillemets, but < and > are escaped as commands). An empty group
// between the two characters ends the ligature.
bool dash(char32_t c) { return c == '-' || c == 0x2013 || c == 0x2014; }

bool joins(char32_t prev, char32_t cp) {
    return (dash(prev) && dash(cp)) || (prev == ',' && cp == ',') || ((prev == '!' || prev == '?') && cp == 0x2018);
}

// A letter next to an apostrophe: ASCII or accented Latin (the T1/TS1 table, mostly
// letters).
bool letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && text_glyph(c) == TextGlyph::Latin);
}

// An ASCII character as LaTeX, between `prev` and `next`: special characters escaped (no
// text becomes a command), and ` and ' as themselves, the ASCII grave accent and straight
// quote — in T1 they would be the quotes ‘ ’, and pairs of them “ ”. An apostrophe within
// a word (node's, don't, l'été) is the exception: T1 sets it as the apostrophe ’, which is
// what it means there.
std::string escape_ascii(std::string_view c, char32_t prev, char32_t next) {
    if (c == "`") return "\\textasciigrave{}";
    if (c == "'") return letter(prev) && letter(next) ? "'" : "\\textquotesingle{}";
    return symbolic::escape_text_for_latex(c);
}

}  // namespace

TextGlyph text_glyph(char32_t cp) {
    if (cp < 0x80) return TextGlyph::Ascii;
    if (std::any_of(std::begin(kDeclared), std::end(kDeclared), [cp](const Declared& d) { return d.cp == cp; }))
        return TextGlyph::Declared;
    if (in(std::begin(kFontEncodings), std::end(kFontEncodings), cp)) return TextGlyph::Latin;
    if (in(std::begin(kCjk), std::end(kCjk), cp) && in_gb2312(cp)) return TextGlyph::Cjk;
    return TextGlyph::Missing;
}

// Ligatures are broken between the characters as printed: a control character, which is
// dropped, does not separate two hyphens.
std::string escape_latex_text(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    char32_t prev = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto [cp, n] = decode(utf8, i);
        const std::string_view bytes = utf8.substr(i, n);
        i += n;
        std::string latex;
        switch (text_glyph(cp)) {
            case TextGlyph::Ascii: latex = escape_ascii(bytes, prev, i < utf8.size() ? decode(utf8, i).first : 0); break;
            case TextGlyph::Missing: latex = "\\missingglyph{" + hex(cp) + "}"; break;
            default: latex = bytes;  // a character the preamble's fonts set
        }
        if (latex.empty()) continue;
        if (joins(prev, cp)) out += "{}";
        out += latex;
        prev = cp;
    }
    // The renderers join the escaped pieces of a line: a piece that starts with a hyphen
    // must not make a dash with a hyphen that ends this one.
    if (dash(prev)) out += "{}";
    return out;
}

bool needs_cjk(std::string_view latex) {
    for (std::size_t i = 0; i < latex.size();) {
        const auto [cp, n] = decode(latex, i);
        i += n;
        if (text_glyph(cp) == TextGlyph::Cjk) return true;
    }
    return false;
}

std::string unicode_preamble(bool cjk) {
    std::string out =
        "\\usepackage[T1]{fontenc}\n"
        "\\usepackage[utf8]{inputenc}\n"
        // Latin Modern: outline T1 fonts (without it, pdflatex falls back to bitmap EC fonts).
        "\\IfFileExists{lmodern.sty}{\\usepackage{lmodern}}{}\n";
    // Chinese lines break between characters with little glue to stretch, and kinsoku
    // (no line starts with ，or ；) can leave a line with a number and its punctuation
    // no break fits: an emergency pass may stretch the spaces by up to 2 em instead.
    if (cjk) out += "\\usepackage{CJKutf8}\n\\setlength{\\emergencystretch}{2em}\n";
    for (const Declared& d : kDeclared) out += "\\DeclareUnicodeCharacter{" + hex(d.cp) + "}{" + std::string(d.latex) + "}\n";
    // A character no font here has: its code point, small and framed, instead of an error.
    out += "\\newcommand{\\missingglyph}[1]{{\\fboxsep=1pt\\fbox{\\tiny\\ttfamily U+#1}}}\n";
    return out;
}

}  // namespace chainrule::derivations
