#include "gb2312.hpp"

#include <iconv.h>

#include <bitset>
#include <cstddef>

namespace chainrule::derivations {
namespace {

using Set = std::bitset<0x10000>;

// UTF-8 bytes of a code point of the Basic Multilingual Plane (no surrogates).
std::size_t encode(char32_t cp, char* out) {
    if (cp < 0x80) return out[0] = static_cast<char>(cp), 1;
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
}

// Whether `cd` converts cp as one reversible conversion (iconv returns the number of
// irreversible ones; without //TRANSLIT a character outside the set is an error).
bool converts(iconv_t cd, char32_t cp) {
    char in[4], out[8];
    char* ip = in;
    char* op = out;
    std::size_t in_left = encode(cp, in), out_left = sizeof out;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    return iconv(cd, &ip, &in_left, &op, &out_left) == 0 && in_left == 0;
}

// An iconv converter from UTF-8 to GB2312, closed at the end of its scope.
struct Converter {
    iconv_t cd = iconv_open("GB2312", "UTF-8");
    Converter() = default;
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;
    ~Converter() {
        if (ok()) iconv_close(cd);
    }
    bool ok() const { return cd != reinterpret_cast<iconv_t>(-1); }
};

Set compute() {
    Set set;
    const Converter gb;
    if (!gb.ok()) {  // the fallback (see the header): everything from U+3000 on
        for (char32_t cp = 0x3000; cp < 0x10000; ++cp) set[cp] = true;
        return set;
    }
    for (char32_t cp = 0x80; cp < 0x10000; ++cp)
        if ((cp < 0xD800 || cp > 0xDFFF) && converts(gb.cd, cp)) set[cp] = true;
    set[0x30FB] = false;  // GB2312 0xA1A4, which the font has at U+00B7 (see the header)
    return set;
}

}  // namespace

bool in_gb2312(char32_t cp) {
    static const Set set = compute();  // thread-safe initialisation, once
    return cp < set.size() && set[cp];
}

}  // namespace chainrule::derivations
