#pragma once
/// \file gb2312.hpp
/// Whether a character is in GB2312 (GB/T 2312-1980), the character set of simplified
/// Chinese that the Arphic font gbsn covers — so that latex_text.hpp sends to the font only
/// characters it has (a character it lacks would vanish from the PDF without an error).

namespace chainrule::derivations {

/// Whether code point `cp` is in GB2312: the 7445 characters beyond ASCII (6763 hanzi,
/// kana, Greek, Cyrillic, full-width forms, symbols), asked of the C library's iconv
/// (conversion from UTF-8 to "GB2312"), as the C library maps the set to Unicode — with
/// one exception, U+30FB KATAKANA MIDDLE DOT: iconv maps GB2312 0xA1A4 (the middle dot) to
/// it, the Arphic font to U+00B7, so it is not counted. ASCII is not in GB2312 here (the
/// question is about the Chinese font). The answer is computed once for the Basic
/// Multilingual Plane (a few milliseconds); characters beyond it are never in GB2312.
/// Without a usable iconv converter (a C library without GB2312), every character from
/// U+3000 on is counted: latex_text.hpp then sends the CJK blocks the font has subfonts
/// for to it whole, and a character the font lacks is left out of the PDF (the pdflatex
/// log says "Missing character").
bool in_gb2312(char32_t cp);

}  // namespace chainrule::derivations
