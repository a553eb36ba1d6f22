#pragma once
/// \file table_layout.hpp
/// How wide each column of a table may be so that the table fits the page: formatting
/// only, from the estimated widths of its cells (math_width.hpp).
///
/// A table that fits keeps every column at its natural width. One that does not is tried,
/// in this order, until one fits: text cells wrap (down to 8 em, or their longest word)
/// while formulas stay whole; formulas cut into lines too (equation_breaking.hpp, down to
/// their widest piece); the same two at \small, then text narrower than 8 em (down to its
/// longest word); all three at \footnotesize; last, at \footnotesize, long numbers cut
/// between groups of five digits (LongNumbers::Cut). Cells wrap and the text stays
/// readable: a table is never set smaller than \footnotesize (9 pt on the 11 pt text,
/// 0.82) and never scaled. A capped column is a paragraph column of the given width. A
/// table that is too wide even so (several unbreakable words 10 em long) keeps every column
/// at its narrowest and runs into the margin (`overflow`). A notes table
/// (Table::wrap_last_column) is never set larger than \small; its last column is a
/// paragraph 0.27 of the line wide.

#include "document.hpp"

#include <optional>
#include <vector>

namespace chainrule::derivations {

/// The font size a table is set in: 11, 10 or 9 pt.
enum class TableSize { Normal, Small, Footnote };

struct TableLayout {
    TableSize size = TableSize::Normal;  ///< anything smaller than Normal has 4pt between columns
    double scale = 1.0;                  ///< how wide the table's text is relative to 11pt
    /// Per column: the paragraph width in em of the 11pt text (10.95 pt), or nothing for a
    /// column at its natural width. A formula fits a paragraph w wide when its math_width
    /// is at most w / scale. The notes column of a notes table has nothing here (its width
    /// is 0.27\linewidth).
    std::vector<std::optional<double>> wrap;
    bool cut_numbers = false;  ///< capped columns cut long numbers too (LongNumbers::Cut)
    bool overflow = false;     ///< wider than the line at its narrowest: runs into the margin
};

/// The layout of `t` on a line `line_width` em wide (em of the 11pt text).
TableLayout table_layout(const Table& t, double line_width);

}  // namespace chainrule::derivations
