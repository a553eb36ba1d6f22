#pragma once
/// \file equation_breaking.hpp
/// Long formulas broken over several lines, so that no row of a worksheet runs off the
/// page or the screen. This is formatting only: the pieces are the formula's own text,
/// cut between top-level terms, and nothing is computed.
///
/// A formula is cut only at its top level — never inside a brace group, a `\frac{}{}`
/// argument or a `\left … \right` pair — and before the operator, which starts the next
/// line: first at `=` (the formula stays on the first line, the equal sign starts the
/// next), then at a binary `+` or `-` (a sign is not cut), then at `\cdot`. A single term
/// that is still too wide and is a parenthesised group `\left( … \right)` is opened up:
/// its delimiters become fixed-size `\bigl( … \bigr)` (`\biggl` around fractions), which
/// may stand on different lines, and its inside is cut likewise. Anything still too wide
/// (one long number) stays as it is: the LaTeX renderer shrinks such a block to the line
/// width (render_latex.hpp), a browser scrolls it.
///
/// Widths are the estimates of math_width.hpp, in em.

#include "document.hpp"
#include "math_width.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chainrule::derivations {

/// The text width of a worksheet page: A4 with 2 cm margins (17 cm) at 11pt is 44.2 em;
/// 42 em leaves room for the estimate's error.
inline constexpr double kPageWidthEm = 42.0;

/// A width that Markdown viewers show without scrolling: GitHub's and Typora's text
/// column, about 830 px at 16 px per em and math set a little larger than text.
inline constexpr double kScreenWidthEm = 40.0;

/// The block with every row that would be wider than `width_em` split into rows that fit
/// (as far as cutting can make them fit). The first part keeps the row's left side; a part
/// that starts with `=` becomes a row with an empty left side (`&= …`); a part that starts
/// with `+`, `-` or `\cdot` becomes a continuation row (`EquationRow::continues`, rendered
/// `&\quad + …`). Widths count as `align*` sets them: the widest left side, the relation
/// (or the `\quad` of a continuation row), the right side. Rows that fit are unchanged.
Equations break_equations(const Equations& block, double width_em);

/// One formula in lines of at most `width_em` each (as far as cutting can make them fit),
/// for places that stack lines themselves (table cells). The first line starts the
/// formula; each later line starts with the operator it was cut before and is counted one
/// `\quad` indented. A formula that fits is one line.
std::vector<std::string> break_formula(std::string_view latex, double width_em, MathStyle style);

}  // namespace chainrule::derivations
