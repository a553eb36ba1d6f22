#include "render_text.hpp"

#include "../symbolic/latex_names.hpp"

#include <algorithm>

namespace chainrule::derivations {
namespace {

// East Asian wide characters (Unicode's UAX #11, the ranges wcwidth gives 2).
bool wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

std::string line(const Line& content) {
    std::string out;
    for (const Inline& piece : content) {
        if (const auto* t = std::get_if<Text>(&piece)) out += t->text;
        else {
            const Math& m = std::get<Math>(piece);
            out += m.text.empty() ? m.latex : m.text;
        }
    }
    return symbolic::escape_text_for_message(out);
}

std::string block(const Heading& h) { return line(h.content) + "\n"; }
std::string block(const Paragraph& p) { return line(p.content) + "\n"; }

std::string block(const Equations& e) {
    std::string out;
    for (const EquationRow& r : e.rows) out += (r.continues ? "    " + r.rhs : r.lhs + " = " + r.rhs) + "\n";
    return out;
}

std::string block(const Table& t) {
    std::vector<std::vector<std::string>> cells;
    if (!t.header.empty()) cells.emplace_back();
    for (const Line& h : t.header) cells.back().push_back(line(h));
    for (const auto& row : t.rows) {
        cells.emplace_back();
        for (const Line& c : row) cells.back().push_back(line(c));
    }
    std::vector<std::size_t> width;
    for (const auto& row : cells) {
        width.resize(std::max(width.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], terminal_columns(row[c]));
    }
    std::string out;
    for (const auto& row : cells) {
        std::string text;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::string pad(width[c] - terminal_columns(row[c]), ' ');
            const bool right = c < t.align.size() && t.align[c] == Align::Right;
            text += (c ? "  " : "") + (right ? pad + row[c] : row[c] + pad);
        }
        out += text.erase(text.find_last_not_of(' ') + 1) + "\n";
    }
    return out;
}

}  // namespace

std::size_t terminal_columns(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        char32_t c = len == 1 ? b : b & (0x7F >> len);
        for (int k = 1; k < len && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        n += wide(c) ? 2 : 1;
        i += static_cast<std::size_t>(len);
    }
    return n;
}

std::string render_text(const Document& doc) {
    std::string out = doc.title.empty() ? "" : symbolic::escape_text_for_message(doc.title) + "\n";
    for (const Block& b : doc.blocks) out += std::visit([](const auto& x) { return block(x); }, b);
    return out;
}

}  // namespace chainrule::derivations
