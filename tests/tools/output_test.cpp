// The atomic file writer, in-process.
#include "run_process.hpp"
#include "tools/output.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace output_test {

using namespace cli_test;
using chainrule::tools::ToolError;
using chainrule::tools::write_file_atomically;

TEST_CASE("write_file_atomically creates and replaces files, leaving nothing else") {
    ScratchDir dir;
    write_file_atomically(dir / "a.txt", "first");
    CHECK(read_file(dir / "a.txt") == "first");
    write_file_atomically(dir / "a.txt", std::string(1 << 20, 'x'));
    CHECK(read_file(dir / "a.txt").size() == 1u << 20);
    write_file_atomically(dir / "empty", "");
    CHECK(read_file(dir / "empty").empty());
    CHECK(listing(dir.path()) == std::vector<std::string>{"a.txt", "empty"});
}

TEST_CASE("write_file_atomically fails cleanly") {
    ScratchDir dir;
    CHECK_THROWS_AS(write_file_atomically(dir / "missing/a.txt", "x"), ToolError);
    std::filesystem::create_directory(dir / "d");
    CHECK_THROWS_WITH(write_file_atomically(dir / "d", "x"), Catch::Contains("cannot write"));
    CHECK_THROWS_AS(write_file_atomically(dir.path() / "", "x"), ToolError);
    CHECK(listing(dir.path()) == std::vector<std::string>{"d"});
    CHECK(std::filesystem::is_empty(dir / "d"));
}

}  // namespace output_test
