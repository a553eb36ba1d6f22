#include "render_latex.hpp"

#include "equation_breaking.hpp"
#include "latex_text.hpp"
#include "math_width.hpp"
#include "table_layout.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace chainrule::derivations {
namespace {

// Inline content: text escaped (latex_text.hpp), math as $…$ — in display size where the
// line is a heading, so that a heading ∂E/∂w reads as a fraction, not as a footnote.
std::string line(const Line& content, bool display_math = false) {
    std::string out;
    for (const Inline& piece : content) {
        if (const auto* t = std::get_if<Text>(&piece))
            out += escape_latex_text(t->text);
        else
            out += std::string("$") + (display_math ? "\\displaystyle " : "") + std::get<Math>(piece).latex + "$";
    }
    return out;
}

// A heading's math is bold like its words (\boldmath) and at display size.
std::string block(const Heading& h) {
    const char* cmd = h.level <= 1 ? "\\section*{" : h.level == 2 ? "\\subsection*{" : "\\subsubsection*{";
    const bool has_math = std::any_of(h.content.begin(), h.content.end(),
                                      [](const Inline& piece) { return std::holds_alternative<Math>(piece); });
    return std::string(cmd) + (has_math ? "\\boldmath " : "") + line(h.content, true) + "}\n";
}

// A paragraph with a long formula (a 40-digit number) is set ragged right: justified, the
// line before the formula would have to stretch across the page or run into the margin.
std::string block(const Paragraph& p) {
    const bool long_math = std::any_of(p.content.begin(), p.content.end(), [](const Inline& piece) {
        const auto* m = std::get_if<Math>(&piece);
        return m != nullptr && math_width(m->latex, MathStyle::Text) > kPageWidthEm / 3;
    });
    return long_math ? "{\\raggedright " + line(p.content) + "\\par}\n" : line(p.content) + "\n";
}

// Rows too wide for the page are broken (equation_breaking.hpp); \equationblock (see the
// preamble) still shrinks a block that TeX finds wider than the line.
std::string block(const Equations& e) {
    return "\\equationblock{\n" + aligned_rows(break_equations(e, kPageWidthEm), true) + "}\n";
}

// A cell of a capped column: a formula alone is cut into lines that fit (a \left … \right
// group cannot wrap by itself); text and mixed cells wrap as paragraphs.
std::string wrapped_cell(const Line& cell, double cap, LongNumbers numbers) {
    if (cell.size() != 1 || !std::holds_alternative<Math>(cell[0])) return line(cell);
    const std::vector<std::string> lines = break_formula(std::get<Math>(cell[0]).latex, cap, MathStyle::Text, numbers);
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) out += i ? "\\newline$\\quad{}" + lines[i] + "$" : "$" + lines[i] + "$";
    return out;
}

std::string size_command(TableSize size) {
    switch (size) {
        case TableSize::Small: return "\\small";
        case TableSize::Footnote: return "\\footnotesize";
        default: return "";
    }
}

// Columns too wide for the page wrap at the widths table_layout.hpp chooses, at a size no
// smaller than \footnotesize; a longtable, so that a long table goes on over pages. A table
// too wide even at its narrowest says so in the log.
std::string block(const Table& t) {
    const TableLayout layout = table_layout(t, kPageWidthEm);
    const LongNumbers numbers = layout.cut_numbers ? LongNumbers::Cut : LongNumbers::Whole;
    const std::size_t n = t.header.size();
    std::string columns;
    for (std::size_t i = 0; i < n; ++i) {
        if (t.wrap_last_column && i + 1 == n)
            columns += ">{\\raggedright\\arraybackslash}p{0.27\\linewidth}";
        else if (layout.wrap[i])
            columns += fmt::format(">{{\\raggedright\\arraybackslash}}p{{{:.1f}pt}}", *layout.wrap[i] * 10.95);
        else
            columns += i < t.align.size() && t.align[i] == Align::Right ? "r" : "l";
    }
    auto row = [&](const std::vector<Line>& cells) {
        std::string r;
        for (std::size_t i = 0; i < cells.size(); ++i)
            r += (i ? " & " : "") +
                 (i < n && layout.wrap[i] ? wrapped_cell(cells[i], *layout.wrap[i] / layout.scale, numbers) : line(cells[i]));
        return r + " \\\\\n";
    };
    std::string rows = "\\hline\n" + row(t.header) + "\\hline\n";
    for (const auto& r : t.rows) rows += row(r);
    rows += "\\hline\n";
    std::string out = layout.size == TableSize::Normal ? "" : "{" + size_command(layout.size) + "\\setlength{\\tabcolsep}{4pt}\n";
    if (layout.overflow) out += "\\typeout{chainrule: a table is wider than the line even at its narrowest}\n";
    out += "\\begin{longtable}{" + columns + "}\n" + rows + "\\end{longtable}\n";
    return out + (layout.size == TableSize::Normal ? "" : "}\n");
}

// The preamble: fonts and Unicode (latex_text.hpp), page, and \equationblock.
std::string preamble(bool cjk) {
    return "\\documentclass[11pt,a4paper]{article}\n" + unicode_preamble(cjk) +
           "\\usepackage{amsmath,amssymb,array,longtable,graphicx}\n"
           "\\usepackage[margin=2cm]{geometry}\n"
           "\\allowdisplaybreaks\n"
           // Paragraphs are separated by space, not indented: a worksheet is a sequence of
           // short steps, most of them after a display.
           "\\setlength{\\parindent}{0pt}\n"
           "\\setlength{\\parskip}{0.5\\baselineskip plus 2pt}\n"
           // Tables are set in one piece, so their columns line up in a single pdflatex run.
           "\\setcounter{LTchunksize}{1000}\n"
           // An aligned block (align*); a block that is still wider than the line after its
           // rows were broken (a very long number) is shrunk to the line width instead of
           // running into the margin, and the log says so.
           "\\newsavebox{\\equationbox}\n"
           "\\newcommand{\\equationblock}[1]{%\n"
           "  \\sbox{\\equationbox}{$\\displaystyle\\begin{aligned}#1\\end{aligned}$}%\n"
           "  \\ifdim\\wd\\equationbox>\\linewidth\n"
           "    \\typeout{chainrule: an equation block of width \\the\\wd\\equationbox\\space was shrunk to the line width}%\n"
           "    \\begin{center}\\resizebox{\\linewidth}{!}{\\usebox{\\equationbox}}\\end{center}%\n"
           "  \\else\n"
           // A display that starts a paragraph (after a heading or a table) would add an
           // empty line above it.
           "    \\ifvmode\\vspace{-\\baselineskip}\\fi\n"
           "    \\begin{align*}#1\\end{align*}%\n"
           "  \\fi}\n";
}

}  // namespace

std::string render_latex(const Document& doc) {
    std::string body;
    if (!doc.title.empty()) body += "\\begin{center}\\Large " + escape_latex_text(doc.title) + "\\end{center}\n\n";
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const auto* p = std::get_if<Paragraph>(&doc.blocks[i]);
        if (p && p->content.empty()) continue;  // a blank line of the plain-text layout
        // A display belongs to the paragraph that introduces it: no blank line between them.
        const bool display_after_text =
            i > 0 && std::holds_alternative<Equations>(doc.blocks[i]) && std::holds_alternative<Paragraph>(doc.blocks[i - 1]);
        if (i > 0 && !display_after_text) body += "\n";
        body += std::visit([](const auto& x) { return block(x); }, doc.blocks[i]);
    }
    body += "\n";
    const bool cjk = needs_cjk(body);
    std::string out = preamble(cjk) + "\\begin{document}\n";
    if (cjk) out += cjk_begin;
    out += body;
    if (cjk) out += cjk_end;
    return out + "\\end{document}\n";
}

}  // namespace chainrule::derivations
