#include "commands.hpp"

#include "../random.hpp"
#include "tools/output.hpp"

#include <fmt/core.h>

namespace chainrule::demos::cli {

std::uint64_t announce_seed(const std::optional<std::uint64_t>& seed) {
    const std::uint64_t s = seed ? *seed : fresh_seed();
    fmt::print("seed {} (rerun with --seed {})\n", s, s);
    return s;
}

void write_svg(const std::string& path, const std::string& svg) {
    if (path.empty()) return;
    tools::write_file_atomically(path, svg);  // a temporary file renamed over the target
    fmt::print("wrote {}\n", path);
}

void heading(const std::string& title) {
    std::size_t width = 0;  // characters, not bytes: UTF-8 continuation bytes are 10xxxxxx
    for (unsigned char c : title) width += (c & 0xC0) != 0x80;
    fmt::print("\n{}\n{}\n", title, std::string(width, '='));
}

}  // namespace chainrule::demos::cli
