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

/// Inline LaTeX math (without the surrounding $ … $).
struct Math {
    std::string latex;
};

using Inline = std::variant<Text, Math>;
using Line = std::vector<Inline>;

struct Heading {
    int level = 1;  ///< 1 = title, 2 = section, 3 = subsection
    Line content;
};

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

/// A table of inline cells.
struct Table {
    std::vector<Line> header;
    std::vector<std::vector<Line>> rows;
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
/// rows, continuation rows as `&\quad rhs`, separated by `\\`.
inline std::string aligned_rows(const Equations& e) {
    std::string out;
    for (std::size_t i = 0; i < e.rows.size(); ++i) {
        const EquationRow& r = e.rows[i];
        out += r.continues ? " &\\quad " + r.rhs : r.lhs + " &= " + r.rhs;
        out += i + 1 < e.rows.size() ? " \\\\\n" : "\n";
    }
    return out;
}

/// Convenience: a line of alternating text and math pieces.
inline Line text(std::string s) { return Line{Text{std::move(s)}}; }
inline Line math(std::string s) { return Line{Math{std::move(s)}}; }

}  // namespace chainrule::derivations
