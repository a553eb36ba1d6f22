// libFuzzer target of the parser: any bytes, read as a .chain file, an expression, a
// binding list, a condition, a number and a `check` claim (whole, and its second half),
// must parse or fail with a LangError whose position lies inside the input — never crash, hang, leak or throw anything else.
// Built and run by run_fuzz.cmake (the ctest "lang: parser fuzzing (libFuzzer)").
#include "lang/parser.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

using namespace chainrule::lang;

void check_error(const LangError& e, const std::string& text) {
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    if (e.line() < 1 || e.line() > lines || e.column() < 1 || e.column() > text.size() + 1) std::abort();
    if (std::string(e.what()).find(": error: ") == std::string::npos) std::abort();
}

template <class Parse>
void try_parse(const std::string& text, Parse parse) {
    try {
        parse(Source{"fuzz", text});
    } catch (const LangError& e) {
        check_error(e, text);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try_parse(text, [](Source s) { parse_program(std::move(s)); });
    try_parse(text, [](const Source& s) { parse_expression(s); });
    try_parse(text, [](const Source& s) { parse_bindings(s); });
    try_parse(text, [](const Source& s) { parse_condition(s); });
    try_parse(text, [](const Source& s) { parse_number(s); });
    try_parse(text, [](const Source& s) { parse_claim(s, 0, s.text.size()); });
    try_parse(text, [](const Source& s) { parse_claim(s, s.text.size() / 2, s.text.size()); });
    return 0;
}
