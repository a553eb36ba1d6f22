#include "text_table.hpp"

#include <algorithm>

namespace chainrule::lang {
namespace {

std::size_t columns(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
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
