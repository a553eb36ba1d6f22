#include "render_markdown.hpp"

#include "equation_breaking.hpp"
#include "../symbolic/latex_names.hpp"

#include <algorithm>


namespace chainrule::derivations {
namespace {

// Backslash-escapes the characters Markdown would read as markup; `|` too inside
// tables. Control characters and invalid UTF-8 are spelled out (\x1b), so that a title
// cannot drive the terminal the worksheet is printed on. Math is passed through: it is
// LaTeX made by our own printers.
std::string escape(std::string s, bool in_table) {
    std::replace(s.begin(), s.end(), '\n', ' ');  // one line stays one line: no injected headings or tables
    std::replace(s.begin(), s.end(), '\r', ' ');
    std::string out;
    for (char c : symbolic::escape_text_for_message(s)) {
        if (std::string_view("\\`*_{}[]<>#+!$").find(c) != std::string_view::npos || (in_table && c == '|'))
            out += '\\';
        out += c;
    }
    return out;
}

// Inside a pipe table a `|` ends the cell even within $…$ (GitHub), so math spells it
// \vert there (|x| prints as \left\vert x\right\vert).
std::string math_text(const std::string& latex, bool in_table) {
    if (!in_table) return latex;
    std::string out;
    for (char c : latex) out += c == '|' ? std::string("\\vert ") : std::string(1, c);
    return out;
}

// Inline content; in a heading, math is set at display size (a fraction in a heading
// reads as a fraction, as GitHub and KaTeX show `$\displaystyle …$`).
std::string line(const Line& content, bool in_table = false, bool display_math = false) {
    std::string out;
    for (const Inline& piece : content) {
        if (const auto* t = std::get_if<Text>(&piece))
            out += escape(t->text, in_table);
        else
            out += std::string("$") + (display_math ? "\\displaystyle " : "") +
                   math_text(std::get<Math>(piece).latex, in_table) + "$";
    }
    return out;
}

std::string block(const Heading& h) {
    return std::string(static_cast<std::size_t>(h.level), '#') + " " + line(h.content, false, true) + "\n";
}

std::string block(const Paragraph& p) { return line(p.content) + "\n"; }  // (empty ones are skipped)

// Rows wider than a screen are broken (equation_breaking.hpp).
std::string block(const Equations& e) {
    return "$$\n\\begin{aligned}\n" + aligned_rows(break_equations(e, kScreenWidthEm)) + "\\end{aligned}\n$$\n";
}

std::string block(const Table& t) {
    std::string out = "|";
    for (const Line& h : t.header) out += " " + line(h, true) + " |";
    out += "\n|";
    for (std::size_t i = 0; i < t.header.size(); ++i)
        out += i < t.align.size() && t.align[i] == Align::Right ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& row : t.rows) {
        out += "|";
        for (const Line& cell : row) out += " " + line(cell, true) + " |";
        out += "\n";
    }
    return out;
}

}  // namespace

std::string render_markdown(const Document& doc) {
    std::string out;
    if (!doc.title.empty()) out += "# " + escape(doc.title, false) + "\n\n";
    // Blocks are separated by a blank line; the document ends with its last block's newline.
    bool first = true;
    for (const Block& b : doc.blocks) {
        const auto* p = std::get_if<Paragraph>(&b);
        if (p && p->content.empty()) continue;  // a blank line of the plain-text layout
        out += (first ? "" : "\n") + std::visit([](const auto& x) { return block(x); }, b);
        first = false;
    }
    return out;
}

}  // namespace chainrule::derivations
