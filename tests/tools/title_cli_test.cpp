// The `title "…"` line of a .chain file, end to end: it heads the Markdown worksheet and
// the Markdown claim report, --title replaces it, and a bad title is exit 2 with one
// escaped message at its line and column.
#include "run_process.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace title_cli_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;

namespace {

const std::string kTitled = "title \"反向传播 — Übung 3\"\nparam w = 2\nE = w*w\ncheck dE/dw = 4\n";

}  // namespace

TEST_CASE("title: the model's title heads the Markdown worksheet; --title replaces it") {
    ScratchDir dir;
    write_file(dir / "m.chain", kTitled);
    const Result r = run({"worksheet", (dir / "m.chain").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, StartsWith("# 反向传播 — Übung 3\n"));
    const Result over = run({"worksheet", (dir / "m.chain").string(), "--title", "Sheet 3"});
    REQUIRE(over.exit_code == 0);
    CHECK_THAT(over.out, StartsWith("# Sheet 3\n"));
    CHECK(over.out.find("Übung") == std::string::npos);
    // Without a title line: the library's default.
    write_file(dir / "plain.chain", "param w = 2\nE = w*w\n");
    CHECK_THAT(run({"worksheet", (dir / "plain.chain").string()}).out,
               StartsWith("# Chain-rule derivation of the gradient of"));
}

TEST_CASE("title: Markdown markup in a title is escaped, not obeyed") {
    ScratchDir dir;
    write_file(dir / "m.chain", "title \"*Sheet* [3](x) $a$\"\nparam w = 2\nE = w*w\n");
    const Result r = run({"worksheet", (dir / "m.chain").string()});
    REQUIRE(r.exit_code == 0);
    const std::string heading = r.out.substr(0, r.out.find('\n'));
    INFO(heading);
    CHECK(heading.find("*Sheet*") == std::string::npos);  // not emphasis
    CHECK(heading.find("$a$") == std::string::npos);      // not math
    CHECK_THAT(heading, Contains("Sheet") && Contains("3") && StartsWith("# "));
}

TEST_CASE("title: the claim report (check --format md) takes the title too") {
    ScratchDir dir;
    write_file(dir / "m.chain", kTitled);
    const Result r = run({"check", (dir / "m.chain").string(), "--format", "md"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, StartsWith("# 反向传播 — Übung 3\n"));
    CHECK_THAT(run({"check", (dir / "m.chain").string(), "--format", "md", "--title", "Mine"}).out,
               StartsWith("# Mine\n"));
    write_file(dir / "plain.chain", "param w = 2\nE = w*w\ncheck dE/dw = 4\n");
    CHECK_THAT(run({"check", (dir / "plain.chain").string(), "--format", "md"}).out, StartsWith("# Claim check\n"));
}

TEST_CASE("title: a second, an empty or a control-byte title is exit 2 at its position") {
    ScratchDir dir;
    struct Case {
        std::string text, first_line;
    };
    for (const Case& c : {
             Case{"title \"a\"\nparam w = 2\ntitle \"b\"\nE = w*w\n",
                  "m.chain:3:1: error: a second title directive (the first is on line 1)"},
             Case{"param w = 2\ntitle \"\"\nE = w*w\n", "m.chain:2:8: error: empty title"},
             Case{"title \"Sheet 3\nparam w = 2\nE = w*w\n",
                  "m.chain:1:15: error: unexpected end of line; expected '\"' closing the title"},
             Case{"title \"T\x1b[2J\"\nparam w = 2\nE = w*w\n",
                  "m.chain:1:9: error: character '\\x1b' is not allowed in a title"},
             Case{"title \"T\xff\"\nparam w = 2\nE = w*w\n", "m.chain:1:9: error: byte '\\xff' in the title is not UTF-8"},
         }) {
        write_file(dir / "m.chain", c.text);
        const Result r = run({"worksheet", "m.chain"}, RunOptions{dir.path(), {}, "/dev/null"});
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, StartsWith(c.first_line));
        CHECK(r.err.find('\x1b') == std::string::npos);
        CHECK(r.err.find('\xff') == std::string::npos);
    }
}

}  // namespace title_cli_test
