// End to end: `chainrule check`, run as a user runs it, on the shipped hand derivation of
// seed 001 (verdicts from the claim checking issue, worked out by hand from the reference
// values) and on small models whose verdicts follow from closed forms.
#include "run_process.hpp"
#include "../support/tool_on_path.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace check_cli_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;
using Json = nlohmann::json;

namespace {

const std::string kHand = source_path("examples/bp_network_hand.chain");

// d/dx x^3 = 3x^2 = 12 at x = 2; x+ = 2 − 0.1·12 = 0.8.
const char* kCube =
    "param x = 2\n"
    "y = x^3\n"
    "check y = 8\n"
    "check dy/dx = 12\n"
    "check dy/dx = 3*x^2\n"
    "check x+ = 0.8 lr=0.1\n";

}  // namespace

TEST_CASE("check: the hand derivation of seed 001 — a table, exit 1, E_o1 the first error") {
    const Result r = run({"check", kHand});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, StartsWith("23 claims: 15 correct, 5 carried forward, 3 wrong; first error: #8 E_o1\n"));
    CHECK_THAT(r.out, Contains("out_h2 = 0.6592603884") && Contains("truncated, not rounded"));
    CHECK_THAT(r.out, Contains("0.12679610537") && Contains("carried forward into #20 dE_o1/dout_h1"));
}

TEST_CASE("check --format json: verdicts, right values and links by claim number") {
    const Result r = run({"check", kHand, "--format", "json"});
    CHECK(r.exit_code == 1);
    const Json j = Json::parse(r.out);
    CHECK(j.at("first_error") == 8);
    const Json& c = j.at("claims");
    REQUIRE(c.size() == 23);
    CHECK(c[7].at("verdict") == "wrong");
    CHECK(c[7].at("first_error") == true);
    CHECK(c[13].at("verdict") == "carried forward");
    CHECK(c[13].at("carried_from") == Json::array({13}));
    CHECK(c[14].at("right_digits") == "0.12679610537");
    CHECK(c[14].at("carried_to") == Json::array({20, 21, 22, 23}));
    CHECK(c[22].at("root_errors") == Json::array({15}));
    CHECK(c[2].at("agreement") == "truncated");
}

TEST_CASE("check: all claims right is exit 0; formulas say how many points they held at") {
    ScratchDir dir;
    write_file(dir / "cube.chain", kCube);
    const Result r = run({"check", (dir / "cube.chain").string(), "--format", "json", "--points", "20"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    const Json j = Json::parse(r.out);
    CHECK(j.at("first_error").is_null());
    CHECK(j.at("claims")[2].at("verdict") == "holds identically");
    CHECK(j.at("claims")[2].at("points_checked") == 20);
    CHECK(j.at("claims")[3].at("agreement") == "exact");
}

TEST_CASE("check: Markdown and LaTeX tables; -o writes the file") {
    ScratchDir dir;
    write_file(dir / "cube.chain", kCube);
    const Result md = run({"check", "cube.chain", "--format", "md"}, {dir.path(), std::nullopt});
    CHECK(md.exit_code == 0);
    CHECK_THAT(md.out, Contains("| \\# | claim | verdict |"));
    const Result tex = run({"check", "cube.chain", "--format", "tex", "-o", "c.tex"}, {dir.path(), std::nullopt});
    CHECK(tex.exit_code == 0);
    CHECK_THAT(read_file(dir / "c.tex"), Contains("\\begin{document}") && Contains("holds identically"));
}

TEST_CASE("check as PDF: the table compiles with pdflatex (MODEL.pdf by default)") {
    if (!test_support::require_on_path("pdflatex")) return;  // needs a TeX installation: skipped
    ScratchDir dir;
    const Result r = run({"check", kHand, "--format", "pdf"}, {dir.path(), std::nullopt});
    INFO(r.err);
    CHECK(r.exit_code == 1);  // the claims, not the PDF: E_o1 is wrong
    CHECK(listing(dir.path()) == std::vector<std::string>{"bp_network_hand.pdf"});
    CHECK_THAT(read_file(dir / "bp_network_hand.pdf"), StartsWith("%PDF-"));
}

TEST_CASE("check: bad input is exit 2 with the position") {
    ScratchDir dir;
    write_file(dir / "bad.chain", "param x = 2\ny = x^3\ncheck dy/dq = 1\n");
    Result r = run({"check", (dir / "bad.chain").string()});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, StartsWith((dir / "bad.chain").string() + ":3:11: error: unknown name 'q'"));
    write_file(dir / "none.chain", "param x = 2\ny = x^3\n");
    r = run({"check", (dir / "none.chain").string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("no check lines"));
    r = run({"check", (dir / "missing.chain").string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("cannot read the file"));
    r = run({"check", kHand, "--points", "3"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
}

}  // namespace check_cli_test
