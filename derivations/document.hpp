#pragma once
/// \file document.hpp
/// The document model of a worksheet: headings, paragraphs, aligned equation blocks and
/// tables, whose inline content is either plain text or LaTeX math. Derivation code
/// builds a Document; renderers (render_markdown.hpp, render_latex.hpp) turn it into one
/// output format without computing anything — they only lay it out (break long rows, fit
/// tables to the page) and escape it. Plain text is escaped by each renderer;
/// math strings come only from chainrule's own printers (user labels are validated before
/// they reach them), so a rendered worksheet is always safe to compile.

#include <string>
#include <variant>
#include <vector>

namespace chainrule::derivations {

/// Plain text, escaped by the renderer.
struct Text {
    std::string text;
};

/// Inline LaTeX math (without the surrounding $ … $), and optionally its plain-text face
/// for the text renderer ("dJ/dx" for \partial J/\partial x; empty: the LaTeX is shown).
struct Math {
    std::string latex;
    std::string text = {};
};

using Inline = std::variant<Text, Math>;
using Line = std::vector<Inline>;

struct Heading {
    int level = 1;  ///< 1 = title, 2 = section, 3 = subsection
    Line content;
};

/// A paragraph. In plain text one paragraph is one line and an empty paragraph a blank
/// line (a terminal report's layout); Markdown and LaTeX skip empty paragraphs.
struct Paragraph {
    Line content;
};

/// One row of an aligned block: `lhs &= rhs`; lhs may be empty ("= …" continues the
/// previous equation), and a row with `continues` set carries on the previous row's right
/// side (a long sum split over rows: `&\quad + …`, no equals sign).
struct EquationRow {
    std::string lhs;
    std::string rhs;
    bool continues = false;
};

/// A display block of aligned equations. Rows may be as long as their content: each
/// renderer breaks rows too wide for its page or screen into continuation rows
/// (equation_breaking.hpp), which is formatting, not content.
struct Equations {
    std::vector<EquationRow> rows;
};

/// How a table column lines up: text left, numbers of a numeric table right.
enum class Align { Left, Right };

/// A table of inline cells.
struct Table {
    std::vector<Line> header;
    std::vector<std::vector<Line>> rows;
    /// Per column (missing: Left).
    std::vector<Align> align = {};
    /// The last column holds running text (notes): renderers that lay out pages let it
    /// take the rest of the line width and wrap.
    bool wrap_last_column = false;
};

using Block = std::variant<Heading, Paragraph, Equations, Table>;

struct Document {
    std::string title;
    std::vector<Block> blocks;
};

/// The body of an aligned block, shared by every LaTeX-math renderer: `lhs &= rhs`
/// rows, continuation rows as `&\quad rhs`, separated by `\\`. With `keep_equations_whole`
/// (amsmath's align, which may break a display across pages) the rows of one equation —
/// a row and the `= …` or continuation rows after it — are joined by `\\*`, so that a page
/// breaks only between equations, never before an equation's result.
inline std::string aligned_rows(const Equations& e, bool keep_equations_whole = false) {
    std::string out;
    for (std::size_t i = 0; i < e.rows.size(); ++i) {
        const EquationRow& r = e.rows[i];
        out += r.continues ? " &\\quad " + r.rhs : r.lhs + " &= " + r.rhs;
        if (i + 1 == e.rows.size()) {
            out += "\n";
            continue;
        }
        const EquationRow& next = e.rows[i + 1];
        const bool same_equation = next.continues || next.lhs.empty();
        out += keep_equations_whole && same_equation ? " \\\\*\n" : " \\\\\n";
    }
    return out;
}

/// Convenience: a line of alternating text and math pieces.
inline Line text(std::string s) { return Line{Text{std::move(s)}}; }
inline Line math(std::string s) { return Line{Math{std::move(s)}}; }

}  // namespace chainrule::derivations
