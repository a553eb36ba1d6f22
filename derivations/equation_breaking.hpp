#pragma once
/// \file equation_breaking.hpp
/// Long formulas broken over several lines, so that no row of a worksheet runs off the
/// page or the screen. This is formatting only: the pieces are the formula's own text,
/// cut between top-level terms, and nothing is computed.
///
/// A formula is cut only at its top level — never inside a brace group, a `\frac{}{}`
/// argument, a `\left … \right` pair or a pair of plain delimiters `( … )`, `[ … ]`,
/// `\{ … \}` (the arguments of `f(x + y)` stay together) — and before the operator, which
/// starts the next line: first at `=` (the formula stays on the first line, the equal sign
/// starts the next), then at a binary `+` or `-` (a sign is not cut), then at `\cdot`. A
/// single term that is still too wide and holds a parenthesised group (`\left( … \right)`
/// or plain `( … )`) that can be cut is opened up: its delimiters become fixed-size
/// `\bigl( … \bigr)` (`\biggl` around fractions), which may stand on different lines,
/// and its inside is cut — an argument list `f(a, b, c)` after its commas first, so that
/// each argument stays whole unless it alone is too wide, anything else as above.
/// `\bigl … \bigr` delimiters are the ones this opened (chainrule's printers write
/// `\left … \right`): they do not nest. Anything still too wide (one long number) stays
/// as it is: the LaTeX renderer shrinks such a block to the line width
/// (render_latex.hpp), a browser scrolls it. Table cells may also cut a long number
/// (LongNumbers::Cut).
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
/// that starts with `=` becomes a row with an empty left side (`&= …`); any other part
/// (from a `+`, `-` or `\cdot`, or the next argument after a comma) becomes a continuation
/// row (`EquationRow::continues`, rendered `&\quad + …`). Widths count as `align*` sets them: the widest left side, the relation
/// (or the `\quad` of a continuation row), the right side. Rows that fit are unchanged.
Equations break_equations(const Equations& block, double width_em);

/// Whether break_formula may cut a long number as a last resort: a run of more than 12
/// digits with a decimal point, between groups of five digits after the point
/// (0.08186|67050|39625|…). Only table cells do this (table_layout.hpp): a number cut
/// there stays in its cell, where a reader sees where it continues.
enum class LongNumbers { Whole, Cut };

/// One formula in lines of at most `width_em` each (as far as cutting can make them fit),
/// for places that stack lines themselves (table cells). The first line starts the
/// formula; each later line starts with the operator it was cut before (or the argument
/// after a comma, or the next digits of a cut number) and is counted one `\quad`
/// indented. A formula that fits is one line.
std::vector<std::string> break_formula(std::string_view latex, double width_em, MathStyle style,
                                       LongNumbers numbers = LongNumbers::Whole);

}  // namespace chainrule::derivations
