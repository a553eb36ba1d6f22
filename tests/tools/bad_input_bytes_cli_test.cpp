// End to end (issue 11, "trust at the edges"): control bytes and invalid UTF-8 in files,
// arguments and titles reach the terminal only escaped (\x1b), every bad input is exit 2
// with one message; typed Greek labels make Markdown and a PDF; claimed numbers are as
// precise as their significant digits in any notation (verdicts worked out by hand in
// tests/derivations/claim_notation_test.cpp's terms: unit = one of the last shown digit).
#include "run_process.hpp"
#include "../support/terminal_text.hpp"
#include "../support/tool_on_path.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace bad_input_bytes_cli_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;
using Json = nlohmann::json;

namespace {

using test_support::is_clean;

// Exit 2, nothing on stdout, one clean message that starts as given, no crash.
void check_rejected(const Result& r, const std::string& start) {
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, StartsWith(start));
    CHECK(is_clean(r.err));
    CHECK(r.err.find("terminate") == std::string::npos);
}

}  // namespace

TEST_CASE("bad bytes: a model file with ESC, BEL, NUL, DEL, C1 or invalid UTF-8 is exit 2, escaped") {
    ScratchDir dir;
    struct Case {
        std::string bytes, shown;
    };
    for (const Case& c : {Case{"\x1b[2J", "\\x1b"}, Case{"\x07", "\\x07"}, Case{std::string(1, '\0'), "\\x00"},
                          Case{"\x7f", "\\x7f"}, Case{"\xc2\x9b", "\\u009b"}, Case{"\xff", "\\xff"}}) {
        INFO(c.shown);
        const fs::path model = dir / "m.chain";
        write_file(model, "param w = 1\nE = w*" + c.bytes + "w\n");
        for (const char* command : {"worksheet", "check", "gradcheck"}) {
            const Result r = run({command, model.string()});
            check_rejected(r, model.string() + ":2:7: error: unexpected '" + c.shown + "'");
        }
        write_file(model, "param w = 1\nE = w*w\nlabel w \"v" + c.bytes + "\"\n");
        check_rejected(run({"worksheet", model.string()}), model.string() + ":3:10: error: invalid label");
        write_file(model, "param w = 1\nE = w*w\ncheck E = 1" + c.bytes + "\n");
        check_rejected(run({"check", model.string()}), model.string() + ":3:12: error: unexpected '" + c.shown + "'");
    }
}

TEST_CASE("bad bytes: command-line arguments are quoted escaped") {
    check_rejected(run({"grad", "x\x1b[31m", "--at", "x=1"}), "expression:1:2: error: unexpected '\\x1b'");
    check_rejected(run({"grad", "x^2", "--at", std::string("x=\x07") + "1"}), "--at:1:3: error: unexpected '\\x07'");
    check_rejected(run({"diff", "x^2", "--wrt", "\x1b]0;pwned\x07"}), "--wrt: error: '\\x1b]0;pwned\\x07' is not a name");
    check_rejected(run({"descend", "x^2", "--from", "x=1", "--lr", "0.1", "--until", "J < \xc2\x9b"}),
                   "--until:1:5: error: unexpected '\\u009b'");
    check_rejected(run({"descend", "x^2", "--from", "x=1", "--lr", "0.1", "--optimizer", "sgd\x1b[0m"}),
                   "chainrule descend: error: --optimizer: unknown optimizer 'sgd\\x1b[0m'");
    check_rejected(run({"wor\x1bksheet", "m.chain"}), "chainrule: error: unknown command 'wor\\x1bksheet'");
    const Result option = run({"grad", "x", "--at", "x=1", "--bogus\x1b[2J"});
    check_rejected(option, "chainrule grad: error: ");
    CHECK_THAT(option.err, Contains("--bogus\\x1b[2J"));
    check_rejected(run({"worksheet", "missing\x1b[2J\xff.chain"}), "missing\\x1b[2J\\xff.chain: error: cannot read the file");
}

TEST_CASE("bad bytes: a title with control bytes is printed escaped in the Markdown worksheet") {
    ScratchDir dir;
    write_file(dir / "m.chain", "param w = 2\nE = w*w\n");
    const Result r = run({"worksheet", (dir / "m.chain").string(), "--title", "T\x1b[2J\x07\xc2\x9b\xff"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(is_clean(r.out));
    // \x1b is escaped once more for Markdown (a backslash and '[' are markup): \\x1b\[2J
    CHECK_THAT(r.out, StartsWith("# T\\\\x1b\\[2J\\\\x07\\\\u009b\\\\xff\n"));
}

namespace {
const char* kGreek =
    "param theta = 0.5, eta = 2\n"
    "y = theta*eta\n"
    "label theta \"θ_1\"\n"
    "label eta \"η\"\n"
    "label y \"\\hat{σ}\"\n";
}  // namespace

TEST_CASE("labels: Greek letters typed in labels print in Markdown") {
    ScratchDir dir;
    write_file(dir / "g.chain", kGreek);
    const Result md = run({"worksheet", (dir / "g.chain").string()});
    INFO(md.err);
    REQUIRE(md.exit_code == 0);
    CHECK_THAT(md.out, Contains("$\\theta_1$") && Contains("$\\eta$") && Contains("\\hat{\\sigma}"));
}

TEST_CASE("labels: Greek letters typed in labels compile with pdflatex") {
    if (!test_support::require_on_path("pdflatex")) return;  // needs a TeX installation: skipped
    ScratchDir dir;
    write_file(dir / "g.chain", kGreek);
    const Result pdf = run({"worksheet", (dir / "g.chain").string(), "--format", "pdf", "-o", (dir / "g.pdf").string()});
    INFO(pdf.err);
    CHECK(pdf.exit_code == 0);
    CHECK_THAT(read_file(dir / "g.pdf"), StartsWith("%PDF-"));
}

TEST_CASE("check: claimed numbers are as precise as their significant digits, in any notation") {
    ScratchDir dir;
    // a = 0.731. Units: 0.731, 7.31e-1, 731e-3 → 1e-3 (exact); 0.73, 7.3e-1 → 0.01 (0.001
    // away: rounded); 0.74 → 0.01 (0.009: within one unit); 0.70, 7.0e-1 → 0.01 (0.031:
    // wrong); 1e0 → 1 (0.269: rounded); 1e1 → 10 (0.731 is 0 in the tens: wrong); 1e400 →
    // 1e400 (wrong, finite); 0e5 and 1 → exact (wrong); 0.0e1 → 1 (0.731 cut at the units
    // is 0: truncated).
    write_file(dir / "n.chain",
               "param a = 0.731\n"
               "check a = 0.731\ncheck a = 7.31e-1\ncheck a = 731e-3\n"
               "check a = 0.73\ncheck a = 7.3e-1\ncheck a = 0.74\n"
               "check a = 0.70\ncheck a = 7.0e-1\ncheck a = 1e0\n"
               "check a = 1e1\ncheck a = 1e400\ncheck a = 0e5\ncheck a = 1\ncheck a = 0.0e1\n");
    const Result r = run({"check", (dir / "n.chain").string(), "--format", "json"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    const Json j = Json::parse(r.out);
    const Json& c = j.at("claims");
    REQUIRE(c.size() == 14);
    const std::vector<std::pair<std::string, std::string>> expected{
        {"correct", "exact"},   {"correct", "exact"},   {"correct", "exact"},   {"correct", "rounded"},
        {"correct", "rounded"}, {"correct", "within one unit"},               {"wrong", ""},
        {"wrong", ""},          {"correct", "rounded"}, {"wrong", ""},          {"wrong", ""},
        {"wrong", ""},          {"wrong", ""},          {"correct", "truncated"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("claim #" << i + 1);
        CHECK(c[i].at("verdict") == expected[i].first);
        if (expected[i].second.empty()) CHECK(c[i].at("agreement").is_null());
        else CHECK(c[i].at("agreement") == expected[i].second);
    }
    CHECK(j.at("first_error") == 7);
}

TEST_CASE("check: an exponent out of range is exit 2 at its position") {
    ScratchDir dir;
    write_file(dir / "e.chain", "param a = 0.731\ncheck a = 1e10000\n");
    check_rejected(run({"check", (dir / "e.chain").string()}),
                   (dir / "e.chain").string() + ":2:11: error: exponent out of range in 1e10000");
    write_file(dir / "e.chain", "param a = 0.731\ncheck a = -7.31e-10000\n");
    check_rejected(run({"check", (dir / "e.chain").string()}),
                   (dir / "e.chain").string() + ":2:12: error: exponent out of range in 7.31e-10000");
}

}  // namespace bad_input_bytes_cli_test
