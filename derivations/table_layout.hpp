#pragma once
/// \file table_layout.hpp
/// How wide each column of a table may be so that the table fits the page: formatting
/// only, from the estimated widths of its cells (math_width.hpp).
///
/// A table that fits keeps every column at its natural width. One that does not is tried,
/// in this order, until one fits: text cells wrap (down to 8 em, or their longest word)
/// while formulas stay whole; the same at \small; at \small formulas cut into lines too
/// (equation_breaking.hpp, down to their widest piece); the same at \footnotesize and at
/// \scriptsize. A capped column is a paragraph column of the given width. A table that
/// fits at no size (several 40-digit numbers in a row) is shrunk to the line width as a
/// whole. A notes table (Table::wrap_last_column) is never set larger than \small; its last
/// column is a paragraph 0.27 of the line wide.

#include "document.hpp"

#include <optional>
#include <vector>

namespace chainrule::derivations {

/// The font size a table is set in.
enum class TableSize { Normal, Small, Footnote, Script };

struct TableLayout {
    TableSize size = TableSize::Normal;  ///< anything smaller than Normal has 4pt between columns
    double scale = 1.0;                  ///< how wide the table's text is relative to 11pt
    /// Per column: the paragraph width in em of the 11pt text (10.95 pt), or nothing for a
    /// column at its natural width. A formula fits a paragraph w wide when its math_width
    /// is at most w / scale. The notes column of a notes table has nothing here (its width
    /// is 0.27\linewidth).
    std::vector<std::optional<double>> wrap;
    bool shrink = false;  ///< too wide at every size: shrink the whole table to the line
};

/// The layout of `t` on a line `line_width` em wide (em of the 11pt text).
TableLayout table_layout(const Table& t, double line_width);

}  // namespace chainrule::derivations
