#include "text_table.hpp"

#include <algorithm>

namespace chainrule::lang {
namespace {

// East Asian wide characters (Unicode's UAX #11, the ranges wcwidth gives 2): CJK
// ideographs, kana, Hangul, full-width forms and punctuation take two terminal columns.
bool wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// The terminal columns of UTF-8 text: one per character, two for a wide one.
std::size_t columns(const std::string& s) {
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

}  // namespace

std::string left_aligned_columns(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& row : rows) {
        width.resize(std::max(width.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], columns(row[c]));
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) line += row[c] + std::string(width[c] - columns(row[c]) + 2, ' ');
        out += line.erase(line.find_last_not_of(' ') + 1) + "\n";
    }
    return out;
}

}  // namespace chainrule::lang
