#pragma once
/// \file math_width.hpp
/// How wide a LaTeX math formula will be once TeX has set it — an estimate made without
/// TeX, so that renderers can break a long row before it runs off the page
/// (equation_breaking.hpp).
///
/// Widths are in em of the surrounding 11pt text (1 em = 10.95 pt in Latin Modern). The
/// estimate follows TeX's rules for math (The TeXbook, ch. 17–18, appendix G) on a
/// simplified model: every letter, digit and symbol has its Latin Modern width (measured
/// once with TeX, see math_width.cpp); sub- and superscripts are set at 8/11 of the size
/// (6/11 for second-level scripts); `\frac{a}{b}` is as wide as the wider of a and b, one
/// style smaller; `\left( … \right)` adds two delimiters, taller ones around a display
/// fraction; commands such as `\cdot`, `\partial` or `\left(` count as one glyph; the space
/// between atoms is TeX's table of thin, medium and thick spaces by atom class (a `+`
/// that starts a formula is a sign, with no space around it). On the worksheets' formulas
/// it is within a few percent of TeX (tests/derivations/math_width_test.cpp compares it
/// with TeX's own measurements).
///
/// The input is LaTeX made by chainrule's printers; anything else (an unknown command, a
/// non-ASCII character) gets a plausible width and never an error.

#include <cstddef>
#include <string_view>
#include <vector>

namespace chainrule::derivations {

/// TeX's math styles: display (the rows of an `align*`), text (inline `$…$`), and the
/// styles of first- and second-level scripts.
enum class MathStyle { Display, Text, Script, ScriptScript };

/// TeX's atom classes, which decide the space between neighbouring atoms. `Kern` is
/// explicit space (`\quad`, `\,`), which has no class of its own.
enum class AtomClass { Ord, Op, Bin, Rel, Open, Close, Punct, Inner, Kern };

/// One atom at the top level of a formula (inside no brace group and no `\left … \right`
/// pair): the bytes [begin, end) of the formula it spans, scripts included; its class
/// after TeX's rule that a `+` or `-` with no left operand is a sign (Ord); its width
/// without the space around it. For a `\left … \right` atom, [inner_begin, inner_end) is
/// the formula between the delimiters and close_end the end of the right delimiter.
struct MathAtom {
    std::size_t begin = 0, end = 0;
    AtomClass cls = AtomClass::Ord;
    double width = 0;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::size_t inner_begin = npos, inner_end = npos, close_end = npos;
};

/// The top-level atoms of `latex`, in order (see MathAtom).
std::vector<MathAtom> top_level_atoms(std::string_view latex, MathStyle style = MathStyle::Display);

/// The estimated width of `latex` set in `style`, in em (see the file comment).
double math_width(std::string_view latex, MathStyle style = MathStyle::Display);

/// The estimated width of plain UTF-8 text in the 11pt roman font, in em: Latin letters by
/// their Latin Modern widths, other letters 0.6 em, CJK characters 1 em.
double text_width(std::string_view utf8);

}  // namespace chainrule::derivations
