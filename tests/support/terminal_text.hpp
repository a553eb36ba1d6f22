#pragma once
// Test helper: whether text is safe to show on a terminal (issue 11, bad bytes).
#include <string>

namespace test_support {

/// No byte a terminal acts on: C0 but newline and tab, DEL, C1 (C2 80–9F in UTF-8), 0xFF.
inline bool is_clean(const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || c == 0xff) return false;
        if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xa0) return false;
    }
    return true;
}

}  // namespace test_support
