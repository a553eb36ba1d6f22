#pragma once
/// \file latex_text.hpp
/// Plain text — titles, notes, prose, in any language — as LaTeX source for pdflatex.
///
/// Every character reaches the PDF as itself when some font of the preamble has it:
/// - ASCII: LaTeX's special characters (`\ { } $ & # ^ _ ~ % < > |`) are escaped, control
///   characters dropped, so no text can become a command (symbolic::escape_text_for_latex);
///   and every character prints as typed: `` ` `` and `'` are the ASCII grave accent and
///   straight quote (`\textasciigrave`, `\textquotesingle`), not the quotes ‘ ’ — but for
///   an apostrophe within a word (`node's`, `l'été`), set as the apostrophe ’ — and the T1
///   fonts' ligatures are broken by an empty group (`-{}-`, `,{},`), so `--lr`, `---`,
///   `,,` stay as typed (a typed – or — is the dash);
/// - Latin letters with accents (Latin-1, Latin Extended-A and the rest of the T1 and TS1
///   font encodings: `Übung`, `é`, `ł`, `€`, `°`, `—`): set by `fontenc` T1 + `inputenc`
///   utf8 in Latin Modern;
/// - the symbols and Greek letters people type in prose (∂ − · × ≤ ≈ ∞ ′ α … ω, ₁, ²):
///   declared by the preamble as their math symbols;
/// - Chinese (and kana, CJK punctuation, full-width forms) of the GB2312 character set
///   (gb2312.hpp), which the font covers: set by the `CJK` package (`CJKutf8`) in the
///   Arphic font gbsn (Debian: latex-cjk-chinese, latex-cjk-chinese-arphic-gbsn00lp); a
///   document with such a character wraps its body in `\begin{CJK}{UTF8}{gbsn}`
///   (cjk_begin/cjk_end);
/// - any other character (traditional and Japanese-only hanzi such as 體 傳 伝, Cyrillic,
///   Hangul, emoji, a stray byte) has no font here: it is shown as a small framed code
///   point (`U+0416`), never a pdflatex error and never left out.

#include <string>
#include <string_view>

namespace chainrule::derivations {

/// How pdflatex sets a character with unicode_preamble() (see the file comment).
enum class TextGlyph { Ascii, Latin, Declared, Cjk, Missing };

/// The way code point `cp` is set.
TextGlyph text_glyph(char32_t cp);

/// Plain UTF-8 text as LaTeX source, escaped as the file comment says. Invalid UTF-8 is
/// shown as U+FFFD. A text that ends with a dash ends with `{}`, so that the next piece
/// of a line cannot join it.
std::string escape_latex_text(std::string_view utf8);

/// Whether LaTeX source (made by escape_latex_text) has a character that needs the CJK
/// environment.
bool needs_cjk(std::string_view latex);

/// The preamble lines for text: T1 fonts, utf8 input, Latin Modern (when installed), the
/// declared symbols, the macro for characters without a font, and with `cjk` the
/// `CJKutf8` package.
std::string unicode_preamble(bool cjk);

/// The lines that open and close the CJK environment around a document's body.
inline constexpr std::string_view cjk_begin = "\\begin{CJK}{UTF8}{gbsn}\n";
inline constexpr std::string_view cjk_end = "\\end{CJK}\n";

}  // namespace chainrule::derivations
