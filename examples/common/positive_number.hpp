// A CLI11 check for options that must be positive numbers, shared by the example
// programs. CLI::PositiveNumber reports "not in range 0.000000 to 1797693134862315…"
// (the whole of DBL_MAX); this one says what is wrong in words.
#pragma once

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdlib>
#include <string>

namespace chainrule::examples {

inline const CLI::Validator kPositiveNumber(
    [](std::string& text) -> std::string {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        const bool parsed = !text.empty() && end == text.c_str() + text.size();
        if (parsed && std::isfinite(value) && value > 0) return {};
        return "'" + text + "' is not a positive number";
    },
    "POSITIVE");

}  // namespace chainrule::examples
