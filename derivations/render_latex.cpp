#include "render_latex.hpp"

#include <string_view>

namespace chainrule::derivations {
namespace {

// Escapes every character LaTeX treats specially, so user text can never become a
// command (\input, \write18, …) or break the document.
std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '\\': out += "\\textbackslash{}"; break;
            case '{': out += "\\{"; break;
            case '}': out += "\\}"; break;
            case '$': out += "\\$"; break;
            case '&': out += "\\&"; break;
            case '#': out += "\\#"; break;
            case '%': out += "\\%"; break;
            case '_': out += "\\_"; break;
            case '^': out += "\\textasciicircum{}"; break;
            case '~': out += "\\textasciitilde{}"; break;
            case '<': out += "\\textless{}"; break;
            case '>': out += "\\textgreater{}"; break;
            case '|': out += "\\textbar{}"; break;
            default: out += c;
        }
    }
    return out;
}

std::string line(const Line& content) {
    std::string out;
    for (const Inline& piece : content) {
        if (const auto* t = std::get_if<Text>(&piece))
            out += escape(t->text);
        else
            out += "$" + std::get<Math>(piece).latex + "$";
    }
    return out;
}

std::string block(const Heading& h) {
    const char* cmd = h.level <= 1 ? "\\section*{" : h.level == 2 ? "\\subsection*{" : "\\subsubsection*{";
    return std::string(cmd) + line(h.content) + "}\n";
}

std::string block(const Paragraph& p) { return line(p.content) + "\n"; }

std::string block(const Equations& e) {
    std::string out = "\\begin{align*}\n";
    for (std::size_t i = 0; i < e.rows.size(); ++i) {
        out += e.rows[i].continues ? " &\\quad " + e.rows[i].rhs : e.rows[i].lhs + " &= " + e.rows[i].rhs;
        out += i + 1 < e.rows.size() ? " \\\\\n" : "\n";
    }
    return out + "\\end{align*}\n";
}

std::string block(const Table& t) {
    std::string out = "\\begin{center}\n\\begin{tabular}{" + std::string(t.header.size(), 'l') + "}\n\\hline\n";
    auto row = [](const std::vector<Line>& cells) {
        std::string r;
        for (std::size_t i = 0; i < cells.size(); ++i) r += (i ? " & " : "") + line(cells[i]);
        return r + " \\\\\n";
    };
    out += row(t.header) + "\\hline\n";
    for (const auto& r : t.rows) out += row(r);
    return out + "\\hline\n\\end{tabular}\n\\end{center}\n";
}

}  // namespace

std::string render_latex(const Document& doc) {
    std::string out =
        "\\documentclass[11pt]{article}\n"
        "\\usepackage[T1]{fontenc}\n"
        "\\usepackage{amsmath,amssymb}\n"
        "\\usepackage[margin=2cm]{geometry}\n"
        "\\allowdisplaybreaks\n"
        "\\begin{document}\n";
    if (!doc.title.empty()) out += "\\begin{center}\\Large " + escape(doc.title) + "\\end{center}\n\n";
    for (const Block& b : doc.blocks) out += std::visit([](const auto& x) { return block(x); }, b) + "\n";
    return out + "\\end{document}\n";
}

}  // namespace chainrule::derivations
