#include "render_latex.hpp"

#include "../symbolic/latex_names.hpp"

#include <algorithm>
#include <string_view>

namespace chainrule::derivations {
namespace {

// The non-ASCII characters the preamble declares (∂ − · × η δ σ – — ∞ ′), as UTF-8.
bool declared_unicode(std::string_view utf8) {
    for (std::string_view ok : {"\u2202", "\u2212", "\u00B7", "\u00D7", "\u03B7", "\u03B4", "\u03C3", "\u2013",
                                "\u2014", "\u221E", "\u2032"})
        if (utf8 == ok) return true;
    return false;
}

// Length of the UTF-8 sequence starting with byte c (1 for a stray continuation byte).
std::size_t utf8_length(unsigned char c) {
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

// Escapes every character LaTeX treats specially, so user text can never become a
// command (\input, \write18, …) or break the document: ASCII through the library's
// text escaper, UTF-8 through the characters the preamble declares.
std::string escape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (static_cast<unsigned char>(c) >= 0x80) {
            const std::size_t n = std::min(utf8_length(static_cast<unsigned char>(c)), s.size() - i);
            const std::string_view seq(s.data() + i, n);
            out += declared_unicode(seq) ? std::string(seq) : std::string("?");
            i += n - 1;
            continue;
        }
        out += symbolic::escape_text_for_latex(std::string_view(&s[i], 1));
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
    return "\\begin{align*}\n" + aligned_rows(e) + "\\end{align*}\n";
}

std::string block(const Table& t) {
    const std::string columns(t.header.size(), 'l');
    std::string out = t.wrap_last_column  // notes wrap; the table may break across pages
                          ? "{\\small\\setlength{\\tabcolsep}{4pt}\n\\begin{longtable}{" + columns.substr(1) + ">{\\raggedright\\arraybackslash}p{0.27\\linewidth}}\n\\hline\n"
                          : "\\begin{center}\n\\begin{tabular}{" + columns + "}\n\\hline\n";
    auto row = [](const std::vector<Line>& cells) {
        std::string r;
        for (std::size_t i = 0; i < cells.size(); ++i) r += (i ? " & " : "") + line(cells[i]);
        return r + " \\\\\n";
    };
    out += row(t.header) + "\\hline\n";
    for (const auto& r : t.rows) out += row(r);
    return out + (t.wrap_last_column ? "\\hline\n\\end{longtable}\n}\n" : "\\hline\n\\end{tabular}\n\\end{center}\n");
}

}  // namespace

std::string render_latex(const Document& doc) {
    std::string out =
        "\\documentclass[11pt]{article}\n"
        "\\usepackage[utf8]{inputenc}\n"
        // Symbols people type in titles (escape() turns any other non-ASCII character
        // into '?', so pdflatex never stops on an undeclared one).
        "\\DeclareUnicodeCharacter{2202}{\\ensuremath{\\partial}}\n"
        "\\DeclareUnicodeCharacter{2212}{\\ensuremath{-}}\n"
        "\\DeclareUnicodeCharacter{00B7}{\\ensuremath{\\cdot}}\n"
        "\\DeclareUnicodeCharacter{00D7}{\\ensuremath{\\times}}\n"
        "\\DeclareUnicodeCharacter{03B7}{\\ensuremath{\\eta}}\n"
        "\\DeclareUnicodeCharacter{03B4}{\\ensuremath{\\delta}}\n"
        "\\DeclareUnicodeCharacter{03C3}{\\ensuremath{\\sigma}}\n"
        "\\DeclareUnicodeCharacter{2013}{--}\n"
        "\\DeclareUnicodeCharacter{2014}{---}\n"
        "\\DeclareUnicodeCharacter{221E}{\\ensuremath{\\infty}}\n"
        "\\DeclareUnicodeCharacter{2032}{\\ensuremath{'}}\n"
        "\\usepackage{amsmath,amssymb,array,longtable}\n"
        "\\usepackage[margin=2cm]{geometry}\n"
        "\\allowdisplaybreaks\n"
        "\\begin{document}\n";
    if (!doc.title.empty()) out += "\\begin{center}\\Large " + escape(doc.title) + "\\end{center}\n\n";
    for (const Block& b : doc.blocks) out += std::visit([](const auto& x) { return block(x); }, b) + "\n";
    return out + "\\end{document}\n";
}

}  // namespace chainrule::derivations
