// `c = c + 1`, as micrograd's README writes it: a name is defined once, and the error says
// so with the line of the first definition and a new name to use.
#include "lang/model.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace redefinition_test {

using namespace chainrule::lang;

namespace {

LangError error_of(const std::string& text) {
    try {
        load_model_text(text, "m.chain");
    } catch (const LangError& e) {
        return e;
    }
    FAIL("no error");
    throw;
}

}  // namespace

TEST_CASE("redefining a name: where it was defined, why, and a new name") {
    const LangError e = error_of("param a = 2, b = -3\nd = a*b\nc = a + b\nc = c + 1\n");
    CHECK(e.first_line() ==
          "m.chain:4:1: error: 'c' is already defined on line 3: names are defined once; call the new value 'c2'");
    CHECK(e.hint() == "write c2 = c + 1 and use c2 in the lines after it");
    CHECK(e.line() == 4);
    CHECK(e.column() == 1);
}

TEST_CASE("the suggested name is one the file does not use, not a keyword") {
    CHECK(error_of("param c = 1, c2 = 2\nc = c + c2\n").message().find("call the new value 'c3'") != std::string::npos);
    // a name ending in a digit gets _2, so that h1 does not become h12
    CHECK(error_of("param w = 1\nh1 = w\nh1 = h1*2\n").message().find("call the new value 'h1_2'") != std::string::npos);
    // declared twice: "declared", no hint to rewrite a definition
    const LangError d = error_of("param w = 1\nparam w = 2\n");
    CHECK(d.message() == "'w' is already declared on line 1: names are defined once; call the new value 'w2'");
    CHECK(d.hint().empty());
    // the comment after the definition is not part of the suggested line
    CHECK(error_of("param x = 1\ny = x\ny = y*y   # square it\n").hint() == "write y2 = y*y and use y2 in the lines after it");
}

}  // namespace redefinition_test
