// The command line's `--at` points and `grad` results, built from text as the CLI does:
// shared by the tests of lang/calculus (calculus, constants, exact fractions).
#pragma once

#include "lang/calculus.hpp"
#include "lang/parser.hpp"

#include <string>

namespace chainrule::lang::test_support {

inline Point point(const std::string& text) {
    const Source s{"--at", text};
    return make_point(parse_bindings(s), s);
}

inline Gradient gradient(const std::string& expression, const std::string& at) {
    const Source s{"expression", expression};
    return gradient_at(parse_expression(s), s, point(at));
}

}  // namespace chainrule::lang::test_support
