#pragma once
/// \file render_text.hpp
/// Plain text for a terminal: the reports of `check`, `gradcheck`, `grad` and `descend`
/// as they print by default. A heading or a paragraph is one line, an empty paragraph a
/// blank line; a table is columns two spaces apart, each as wide as its widest cell in
/// terminal columns (a Chinese character takes two), text columns padded on the right and
/// numeric ones (Align::Right) on the left, no trailing spaces; equations are `lhs = rhs`
/// lines. Math shows its plain-text face (Math::text), or its LaTeX when it has none.
/// Text is printed as it is, except control characters and invalid UTF-8, which are
/// spelled out (`\x1b`) so that no text can drive the terminal.

#include "document.hpp"

#include <string>
#include <string_view>

namespace chainrule::derivations {

/// The document as plain text (its title, when it has one, as the first line).
std::string render_text(const Document& doc);

/// The terminal columns of UTF-8 text: one per character, two for an East Asian wide one
/// (CJK ideographs, kana, Hangul, full-width forms — the characters wcwidth counts as 2).
std::size_t terminal_columns(std::string_view text);

}  // namespace chainrule::derivations
