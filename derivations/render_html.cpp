#include "render_html.hpp"

#include "equation_breaking.hpp"
#include "../symbolic/latex_names.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace chainrule::embedded {
extern const char worksheet_css[];  // derivations/html/worksheet.css (cmake/embed_text.cmake)
extern const char worksheet_js[];   // derivations/html/worksheet.js
}  // namespace chainrule::embedded

namespace chainrule::derivations {
namespace {

// Every occurrence of a known derivative ∂a/∂b in `latex` wrapped as
// \htmlData{factor=ID}{…}, which KaTeX turns into a data-factor attribute of its box. The
// longest key at each position wins: \left(∂a/∂b\right) before a held-fixed subscript (one
// edge) over the ∂a/∂b inside it.
std::string mark_factors(std::string_view latex, const HtmlPage& page) {
    if (page.factor_ids.empty()) return std::string(latex);
    std::string out;
    std::size_t i = 0;
    while (i < latex.size()) {
        const std::string* id = nullptr;
        std::size_t length = 0;
        if (latex.compare(i, 6, "\\frac{") == 0 || latex.compare(i, 8, "\\partial") == 0 ||
            latex.compare(i, 11, "\\left(\\frac") == 0) {
            for (const auto& [key, value] : page.factor_ids)
                if (key.size() > length && latex.compare(i, key.size(), key) == 0) id = &value, length = key.size();
        }
        if (id == nullptr) {
            out += latex[i++];
            continue;
        }
        out += "\\htmlData{factor=" + *id + "}{" + std::string(latex.substr(i, length)) + "}";
        i += length;
    }
    return out;
}

std::string math_element(std::string latex, const HtmlPage& page, bool display) {
    std::replace(latex.begin(), latex.end(), '\n', ' ');  // white space to TeX; kept out of the attribute
    const char* tag = display ? "div" : "span";
    return std::string("<") + tag + " class=\"" + (display ? "display math" : "math") + "\" data-tex=\"" +
           escape_html(mark_factors(latex, page)) + "\">" + escape_html(latex) + "</" + tag + ">";
}

std::string line(const Line& content, const HtmlPage& page) {
    std::string out;
    for (const Inline& piece : content) {
        if (const auto* t = std::get_if<Text>(&piece))
            out += escape_html(t->text);
        else
            out += math_element(std::get<Math>(piece).latex, page, false);
    }
    return out;
}

// The id of a heading that is a known derivative; the first such heading only (style
// "both" derives a gradient twice under the same heading).
std::string heading_id(const Heading& h, const HtmlPage& page, std::set<std::string>& used) {
    if (h.content.size() != 1) return {};
    const auto* m = std::get_if<Math>(&h.content.front());
    if (m == nullptr) return {};
    const auto it = page.heading_ids.find(m->latex);
    if (it == page.heading_ids.end() || !used.insert(it->second).second) return {};
    return " id=\"" + escape_html(it->second) + "\"";
}

// Math in a heading is set at display size (a fraction reads as one, as in the Markdown).
std::string heading(const Heading& h, const HtmlPage& page, std::set<std::string>& used) {
    Line content = h.content;
    for (Inline& piece : content)
        if (auto* m = std::get_if<Math>(&piece)) m->latex = "\\displaystyle " + m->latex;
    const std::string level = std::to_string(h.level);
    return "<h" + level + heading_id(h, page, used) + ">" + line(content, page) + "</h" + level + ">\n";
}

std::string block(const Paragraph& p, const HtmlPage& page) { return "<p>" + line(p.content, page) + "</p>\n"; }

// One display per block, as in the LaTeX worksheet; rows too wide for the page are
// broken there too, so that the printed page needs no horizontal scrolling.
std::string block(const Equations& e, const HtmlPage& page) {
    return math_element("\\begin{aligned}\n" + aligned_rows(break_equations(e, kPageWidthEm)) + "\\end{aligned}", page,
                        true) + "\n";
}

std::string cell(const char* tag, const Line& content, const Table& t, std::size_t column, const HtmlPage& page) {
    const bool right = column < t.align.size() && t.align[column] == Align::Right;
    const bool note = t.wrap_last_column && column + 1 == t.header.size();
    const char* cls = right ? " class=\"number\"" : note ? " class=\"note\"" : "";
    return std::string("<") + tag + cls + ">" + line(content, page) + "</" + tag + ">";
}

std::string block(const Table& t, const HtmlPage& page) {
    std::string out = "<div class=\"table\"><table>\n<thead><tr>";
    for (std::size_t c = 0; c < t.header.size(); ++c) out += cell("th", t.header[c], t, c, page);
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
        out += "<tr>";
        for (std::size_t c = 0; c < row.size(); ++c) out += cell("td", row[c], t, c, page);
        out += "</tr>\n";
    }
    return out + "</tbody></table></div>\n";
}

// A block of any kind; headings need the ids given so far.
struct BlockHtml {
    const HtmlPage& page;
    std::set<std::string>& used_ids;
    std::string operator()(const Heading& h) const { return heading(h, page, used_ids); }
    template <class B>
    std::string operator()(const B& b) const { return block(b, page); }
};

// Level-2 headings open a section that folds (<details>); the blocks before the first
// one (the title's introduction) stay outside.
std::string body(const Document& doc, const HtmlPage& page) {
    std::string out;
    std::set<std::string> used_ids;
    bool open = false;
    for (const Block& b : doc.blocks) {
        const auto* p = std::get_if<Paragraph>(&b);
        if (p != nullptr && p->content.empty()) continue;  // a blank line of the plain-text layout
        const auto* h = std::get_if<Heading>(&b);
        if (h != nullptr && h->level == 2) {
            if (open) out += "</details>\n";
            out += "<details open class=\"section\"><summary>" + heading(*h, page, used_ids) + "</summary>\n";
            open = true;
            continue;
        }
        out += std::visit(BlockHtml{page, used_ids}, b);
    }
    if (open) out += "</details>\n";
    return out;
}

// The page data as a script element: JSON cannot end the element early once every "<"
// is written \u003c.
std::string data_script(const std::string& json) {
    std::string safe;
    for (char c : json.empty() ? std::string("{}") : json) safe += c == '<' ? std::string("\\u003c") : std::string(1, c);
    return "<script type=\"application/json\" id=\"chainrule-data\">" + safe + "</script>\n";
}

}  // namespace

std::string escape_html(std::string_view text) {
    std::string flat(text);
    std::replace(flat.begin(), flat.end(), '\n', ' ');  // one line stays one line, as in Markdown
    std::replace(flat.begin(), flat.end(), '\r', ' ');
    std::string out;
    for (char c : symbolic::escape_text_for_message(flat)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string render_html(const Document& doc, const HtmlPage& page) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + escape_html(page.language) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta name=\"generator\" content=\"chainrule\">\n<title>" + escape_html(doc.title) + "</title>\n";
    out += page.katex;
    out += std::string("<style>\n") + embedded::worksheet_css + "</style>\n</head>\n<body>\n<main>\n";
    // The title and the figure are the page's header.
    out += "<header>\n";
    if (!doc.title.empty()) out += "<h1>" + escape_html(doc.title) + "</h1>\n";
    out += page.figure + "</header>\n";
    out += body(doc, page);
    out += "</main>\n" + data_script(page.data_json);
    out += std::string("<script>\n") + embedded::worksheet_js + "</script>\n</body>\n</html>\n";
    return out;
}

}  // namespace chainrule::derivations
