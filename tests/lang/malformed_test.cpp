// The malformed-input corpus: every file of tests/lang/malformed/ starts with
//   # expect LINE:COL: MESSAGE
// and loading it must fail with a LangError at exactly that line and column whose first
// line contains MESSAGE — and whose report shows the source line and a caret.
#include "lang/model.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace malformed_test {

namespace fs = std::filesystem;
using namespace chainrule::lang;

namespace {

struct Expectation {
    std::size_t line = 0;
    std::size_t column = 0;
    std::string message;
};

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

Expectation expectation_of(const std::string& text) {
    static const std::regex header(R"(^# expect (\d+):(\d+): ([^\n]*))");
    std::smatch m;
    REQUIRE(std::regex_search(text, m, header));
    return {std::stoul(m[1]), std::stoul(m[2]), m[3]};
}

std::vector<fs::path> corpus() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(CHAINRULE_SOURCE_DIR) / "tests/lang/malformed"))
        if (entry.path().extension() == ".chain") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("the malformed corpus has at least 30 inputs") { CHECK(corpus().size() >= 30); }

TEST_CASE("every malformed input fails at its expected line:col with its message") {
    for (const fs::path& file : corpus()) {
        const std::string text = read(file);
        const Expectation expected = expectation_of(text);
        const std::string name = file.filename().string();
        INFO(name);
        try {
            load_model_text(text, name);
            FAIL("no error for " << name);
        } catch (const LangError& e) {
            INFO(e.what());
            CHECK(e.line() == expected.line);
            CHECK(e.column() == expected.column);
            CHECK_THAT(e.first_line(), Catch::Contains(expected.message));
            const std::string prefix = name + ":" + std::to_string(expected.line) + ":" +
                                       std::to_string(expected.column) + ": error: ";
            CHECK(e.first_line().rfind(prefix, 0) == 0);
            CHECK_THAT(std::string(e.what()), Catch::Contains("\n  ") && Catch::EndsWith("^") ||
                                                  Catch::Contains("^\n  hint: "));
        }
    }
}

TEST_CASE("the report shows the offending line and a caret under the error") {
    try {
        load_model_text("param w1 = 0.1\nE = w1 * w9\n", "m.chain");
        FAIL("no error");
    } catch (const LangError& e) {
        CHECK(std::string(e.what()) ==
              "m.chain:2:10: error: unknown name 'w9'; expected a name declared or defined on an earlier line\n"
              "  E = w1 * w9\n"
              "           ^\n"
              "  hint: did you mean 'w1'?");
    }
}

TEST_CASE("a tab before the error is kept in the caret line, so the caret lines up") {
    try {
        load_model_text("\tE = w $ 2", "t.chain");
        FAIL("no error");
    } catch (const LangError& e) {
        CHECK_THAT(std::string(e.what()), Catch::EndsWith("\n  \tE = w $ 2\n  \t      ^"));
    }
}

TEST_CASE("a file that cannot be read is an error without a position") {
    try {
        load_model_file(fs::path(CHAINRULE_SOURCE_DIR) / "no-such-file.chain");
        FAIL("no error");
    } catch (const LangError& e) {
        CHECK(e.line() == 0);
        CHECK_THAT(e.first_line(), Catch::Contains("no-such-file.chain: error: cannot read the file"));
    }
    CHECK_THROWS_AS(load_model_file(CHAINRULE_SOURCE_DIR), LangError);  // a directory
}

}  // namespace malformed_test
