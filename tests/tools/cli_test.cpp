// End to end: the built `chainrule` binary, run as a user runs it, compared with
// independent reference values (the seeds' hand-checked numbers, closed forms).
#include "run_process.hpp"
#include "../support/tool_on_path.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace cli_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;
using Json = nlohmann::json;

namespace {

const std::string kBp = source_path("examples/bp_network.chain");
const std::string kFourBiases = source_path("examples/bp_network_four_biases.chain");
const std::string kZhou = source_path("examples/zhou_alice.chain");

std::size_t line_count(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

// Exit code 2, nothing on stdout, and a first stderr line that starts as given.
void check_bad_input(const Result& r, const std::string& first_line_start) {
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, StartsWith(first_line_start));
    CHECK(r.err.find("terminate") == std::string::npos);
}

const Json* derivation(const Json& worksheet, const std::string& wrt) {
    for (const Json& d : worksheet.at("derivations"))
        if (d.at("wrt") == wrt) return &d;
    return nullptr;
}

}  // namespace

// ------------------------------------------------------------------------ grad
TEST_CASE("grad prints the value and the gradient") {
    const Result r = run({"grad", "x^2 + sin(y)^2", "--at", "x=3, y=1"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "f = 9.708073418\n∂f/∂x = 6\n∂f/∂y = 0.9092974268\n");
    CHECK(run({"grad", "x^2 + sin(y)^2", "--at", "x=3, y=1", "--digits", "3"}).out == "f = 9.71\n∂f/∂x = 6\n∂f/∂y = 0.909\n");
}

TEST_CASE("grad --format json is {value, gradient}") {
    const Result r = run({"grad", "x^2 + sin(y)^2", "--at", "x=3, y=1", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const Json j = Json::parse(r.out);
    CHECK(j.size() == 2);
    CHECK(std::abs(j.at("value").get<double>() - (9 + std::sin(1.0) * std::sin(1.0))) < 1e-12);
    CHECK(j.at("gradient").size() == 2);
    CHECK(j.at("gradient").at("x").get<double>() == 6.0);
    CHECK(std::abs(j.at("gradient").at("y").get<double>() - std::sin(2.0)) < 1e-12);
}

TEST_CASE("grad: malformed expressions and points are exit 2 with the position") {
    const Result r = run({"grad", "x^2 + * y", "--at", "x=1, y=2"});
    check_bad_input(r, "expression:1:7: error: unexpected '*'; expected an expression");
    CHECK_THAT(r.err, Contains("\n  x^2 + * y\n        ^\n"));
    check_bad_input(run({"grad", "x + q", "--at", "x=1"}), "expression:1:5: error: unknown name 'q'");
    check_bad_input(run({"grad", "x", "--at", "x="}), "--at:1:3: error: unexpected end of input; expected a number");
    check_bad_input(run({"grad", "x", "--at", "x=1 y=2"}), "--at:1:5: error:");
    check_bad_input(run({"grad", "foo(x)", "--at", "x=1"}), "expression:1:1: error: unknown function 'foo'");
    check_bad_input(run({"grad", "log(x, 2, 3)", "--at", "x=1"}), "expression:1:1: error: log takes 1 or 2 arguments, got 3");
    check_bad_input(run({"grad", "log(x)", "--at", "x=-1"}), "expression: error: the value is undefined at x = -1 (log at -1)");
}

TEST_CASE("usage errors are exit 2 with one line on stderr") {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"grad", "x", "--at", "x=1", "--digits", "0"},
             {"grad", "x", "--at", "x=1", "--digits", "41"},
             {"grad", "x", "--at", "x=1", "--digits", "abc"},
             {"worksheet", kBp, "--digits", "-3"},
             {"grad", "x"},
             {"grad", "x", "--at", "x=1", "--format", "yaml"},
             {"grad", "x", "--at", "x=1", "--frobnicate"},
             {"worksheet"},
             {"frobnicate"},
             {}}) {
        const Result r = run(args);
        INFO("args: " << (args.empty() ? "" : args[0]) << " … stderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(line_count(r.err) == 1);
        CHECK_THAT(r.err, StartsWith("chainrule"));
    }
}

TEST_CASE("an expression that starts with '-' goes after '--'") {
    CHECK(run({"grad", "--at", "x=3", "--", "-x^2"}).out == "f = -9\n∂f/∂x = -6\n");
    const Result r = run({"grad", "-x^2", "--at", "x=3"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("goes after '--'"));
}

// ------------------------------------------------------------------------ diff
TEST_CASE("diff prints the simplified derivative as text, LaTeX or JSON") {
    CHECK(run({"diff", "x^2*sin(x)", "--wrt", "x"}).out == "2*x*sin(x) + x^2*cos(x)\n");
    CHECK(run({"diff", "x^2*sin(x)", "--wrt", "x", "--format", "latex"}).out ==
          "2 x \\sin\\left(x\\right) + x^{2} \\cos\\left(x\\right)\n");
    CHECK(run({"diff", "arctan(a*x)", "--wrt", "a"}).out == "x/(1 + a^2*x^2)\n");
    const Json j = Json::parse(run({"diff", "x^3", "--wrt", "x", "--format", "json"}).out);
    CHECK(j.at("derivative") == "3*x^2");
    CHECK(j.at("latex") == "3 x^{2}");
    CHECK(j.at("wrt") == "x");
    check_bad_input(run({"diff", "x +", "--wrt", "x"}), "expression:1:4: error:");
    check_bad_input(run({"diff", "x", "--wrt", "1x"}), "--wrt: error: '1x' is not a name");
    // A name that does not occur: the derivative is 0, and a note says why (a typo, most likely).
    for (const char* e : {"gelu(x)", "3", "pi*e"}) {
        const Result r = run({"diff", e, "--wrt", "y"});
        CHECK(r.exit_code == 0);
        CHECK(r.out == "0\n");
        CHECK(r.err == "chainrule diff: note: 'y' does not occur in the expression, so the derivative is 0\n");
    }
    CHECK(run({"diff", "x*y", "--wrt", "y"}).err.empty());
}

// ------------------------------------------------------------------------ descend
TEST_CASE("descend: x^2 from 1.2, rate 0.3, until J < 0.01 (seed 004)") {
    const Result r = run({"descend", "x^2", "--from", "x=1.2", "--lr", "0.3", "--until", "J < 0.01"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "step       x           J   dJ/dx\n"
          "   0     1.2        1.44     2.4\n"
          "   1    0.48      0.2304    0.96\n"
          "   2   0.192    0.036864   0.384\n"
          "   3  0.0768  0.00589824  0.1536\n");
}

TEST_CASE("descend: x^2 + sin(y)^2 from (3, 1), rate 0.1, until J < 0.01 takes 16 updates (seed 004)") {
    const Result r = run({"descend", "x^2 + sin(y)^2", "--from", "x=3, y=1", "--lr", "0.1", "--until", "J < 0.01",
                          "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const Json j = Json::parse(r.out);
    CHECK(j.at("reached") == true);
    CHECK(j.at("optimizer") == "sgd");
    CHECK(j.at("until") == "J < 0.01");
    const Json& steps = j.at("steps");
    REQUIRE(steps.size() == 17);
    const Json& last = steps.back();
    CHECK(last.at("step") == 16);
    CHECK(std::abs(last.at("point").at("x").get<double>() - 0.084442493013) < 1e-12);
    CHECK(std::abs(last.at("point").at("y").get<double>() - 0.050818888327) < 1e-12);
    CHECK(std::abs(last.at("J").get<double>() - 0.009710871598) < 1e-12);
    CHECK(steps[15].at("J").get<double>() >= 0.01);
    const Result table = run({"descend", "x^2 + sin(y)^2", "--from", "x=3, y=1", "--lr", "0.1", "--until",
                              "J < 0.01", "--digits", "11"});
    CHECK_THAT(table.out, Contains("  16  0.084442493013  0.050818888327  0.0097108715981"));
}

TEST_CASE("descend: Markdown and CSV tables") {
    const std::vector<std::string> base{"descend", "x^2", "--from", "x=1.2", "--lr", "0.3", "--max-steps", "1"};
    auto with = [&](const char* format) {
        std::vector<std::string> a = base;
        a.insert(a.end(), {"--format", format});
        return run(a).out;
    };
    CHECK(with("csv") == "step,x,J,dJ/dx\n0,1.2,1.44,2.4\n1,0.48,0.2304,0.96\n");
    CHECK(with("md") == "| step | $x$ | J | $\\partial J/\\partial x$ |\n| ---: | ---: | ---: | ---: |\n"
                        "| 0 | 1.2 | 1.44 | 2.4 |\n| 1 | 0.48 | 0.2304 | 0.96 |\n");
}

TEST_CASE("descend: an unreached condition is a note, not an error") {
    const Result r = run({"descend", "x^2", "--from", "x=1", "--lr", "0.1", "--until", "J < 1e-9", "--max-steps", "2"});
    CHECK(r.exit_code == 0);
    CHECK(line_count(r.out) == 4);
    CHECK_THAT(r.err, Contains("stopped after 2 updates without reaching J < 1e-9"));
}

TEST_CASE("descend: bad rates and conditions are exit 2") {
    const std::vector<std::string> base{"descend", "x^2", "--from", "x=1"};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> a = base;
        a.insert(a.end(), extra.begin(), extra.end());
        return run(a);
    };
    check_bad_input(with({"--lr", "0.1", "--optimizer", "newton"}), "chainrule descend: error: --optimizer: unknown optimizer 'newton'");
    check_bad_input(with({"--lr", "0"}), "--lr:1:1: error: the learning rate must be positive");
    check_bad_input(with({"--lr", "-1"}), "--lr:1:1: error: the learning rate must be positive");
    check_bad_input(with({"--lr", "fast"}), "--lr:1:1: error: unexpected 'fast'; expected a number");
    check_bad_input(with({"--lr", "0.1", "--until", "J << 1"}), "--until:1:4: error:");
    check_bad_input(with({"--lr", "0.1", "--until", "loss < 1"}), "--until:1:1: error:");
    check_bad_input(with({"--lr", "0.1", "--max-steps", "-1"}), "chainrule descend: error:");
    check_bad_input(with({}), "chainrule descend: error:");  // --lr is required
}

// ------------------------------------------------------------------------ worksheet
TEST_CASE("worksheet of bp_network.chain: Markdown with the seed's numbers") {
    const Result r = run({"worksheet", kBp});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, StartsWith("# "));
    CHECK_THAT(r.out, Contains("&= 0.08186670504"));    // ∂E/∂w5
    CHECK_THAT(r.out, Contains("&= 0.001117873918"));   // ∂E/∂w1
    CHECK_THAT(r.out, Contains("| $b_{1}$ | variable |"));  // the label
    CHECK_THAT(r.out, Contains("w_{5}^{+}"));            // the update section (lr 0.5)
}

TEST_CASE("worksheet of bp_network_four_biases.chain") {
    const Result r = run({"worksheet", kFourBiases, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const Json j = Json::parse(r.out);
    const Json* w5 = derivation(j, "w5");
    REQUIRE(w5 != nullptr);
    CHECK(w5->at("result").at("digits") == "0.08182331502");
}

TEST_CASE("worksheet of zhou_alice.chain (seed 003)") {
    const Result r = run({"worksheet", kZhou, "--digits", "11"});
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("0.047425873178"));  // h1 = h2
    CHECK_THAT(r.out, Contains("0.52369517408"));   // y_pred
    CHECK_THAT(r.out, Contains("-0.95260965183"));  // ∂L/∂y_pred
    CHECK_THAT(r.out, Contains("&= 0.021469535266"));  // ∂L/∂w1
    CHECK_THAT(r.out, Contains("\\hat{y}"));
}

TEST_CASE("worksheet --format json parses; tex and dot look like LaTeX and Graphviz") {
    const Result json = run({"worksheet", kBp, "--format", "json"});
    REQUIRE(json.exit_code == 0);
    const Json j = Json::parse(json.out);
    CHECK(j.at("output") == "E");
    REQUIRE(derivation(j, "w1") != nullptr);
    CHECK(derivation(j, "w1")->at("result").at("digits") == "0.001117873918");
    CHECK(derivation(j, "w1")->at("agrees_with_reverse_mode") == true);
    CHECK_THAT(run({"worksheet", kBp, "--format", "tex"}).out, StartsWith("\\documentclass"));
    CHECK_THAT(run({"worksheet", kBp, "--format", "dot"}).out, StartsWith("digraph"));
}

TEST_CASE("worksheet --wrt, --style and --digits") {
    const Json only_w8 = Json::parse(run({"worksheet", kBp, "--wrt", "w8", "--format", "json"}).out);
    CHECK(only_w8.at("derivations").size() == 1);
    const Json two = Json::parse(run({"worksheet", kBp, "--wrt", "w2, b_o", "--format", "json"}).out);
    CHECK(two.at("derivations").size() == 2);
    const Json both = Json::parse(run({"worksheet", kBp, "--style", "both", "--format", "json"}).out);
    CHECK(both.at("derivations").size() == 4);  // paths and deltas for w5 and w1
    const Result deltas = run({"worksheet", kBp, "--style", "deltas", "--digits", "4"});
    CHECK(deltas.exit_code == 0);
    CHECK_THAT(deltas.out, Contains("\\delta_{"));
    CHECK_THAT(deltas.out, Contains("0.08187"));
    CHECK_THAT(run({"worksheet", kBp, "--title", "Seed 001 & friends"}).out, StartsWith("# Seed 001 & friends\n"));
    check_bad_input(run({"worksheet", kBp, "--wrt", "i1"}), "--wrt: error: 'i1' is not a param");
    check_bad_input(run({"worksheet", kBp, "--style", "fancy"}), "chainrule worksheet: error: --style");
}

TEST_CASE("worksheet - reads the model from standard input") {
    ScratchDir dir;
    write_file(dir / "m.chain", "param w = 3\nE = w^2\n");
    const Result r = run({"worksheet", "-", "--format", "json"}, {dir.path(), std::nullopt, dir / "m.chain"});
    REQUIRE(r.exit_code == 0);
    CHECK(derivation(Json::parse(r.out), "w")->at("result").at("digits") == "6");
    write_file(dir / "bad.chain", "E = \n");
    check_bad_input(run({"worksheet", "-"}, {dir.path(), std::nullopt, dir / "bad.chain"}), "<stdin>:1:5: error:");
}

TEST_CASE("worksheet: malformed and missing files are exit 2") {
    ScratchDir dir;
    write_file(dir / "bad.chain", "param w = 1\nE = w *\n");
    const Result r = run({"worksheet", (dir / "bad.chain").string()});
    check_bad_input(r, (dir / "bad.chain").string() + ":2:8: error: unexpected end of line; expected an expression");
    CHECK_THAT(r.err, Contains("\n  E = w *\n         ^"));
    check_bad_input(run({"worksheet", (dir / "missing.chain").string()}),
                    (dir / "missing.chain").string() + ": error: cannot read the file: No such file or directory");
    write_file(dir / "empty.chain", "# nothing\n");
    check_bad_input(run({"worksheet", (dir / "empty.chain").string()}),
                    (dir / "empty.chain").string() + ": error: nothing to derive");
}

// ------------------------------------------------------------------------ output files
TEST_CASE("output files: -o writes the result atomically, exactly what stdout would show") {
    ScratchDir dir;
    const Result r = run({"worksheet", kBp, "-o", "sheet.md"}, {dir.path(), std::nullopt});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(read_file(dir / "sheet.md") == run({"worksheet", kBp}).out);
    CHECK(listing(dir.path()) == std::vector<std::string>{"sheet.md"});
    CHECK(run({"grad", "x*y", "--at", "x=2, y=3", "--format", "json", "--output", (dir / "g.json").string()}).exit_code == 0);
    CHECK(Json::parse(read_file(dir / "g.json")).at("value") == 6.0);
    const mode_t mask = ::umask(0);  // a written file has the usual mode 0666 & ~umask
    ::umask(mask);
    CHECK(static_cast<mode_t>(std::filesystem::status(dir / "g.json").permissions()) == (0666 & ~mask));
}

TEST_CASE("output files: on error nothing is written and an existing file keeps its content") {
    ScratchDir dir;
    write_file(dir / "bad.chain", "param w = 1\nE = q\n");
    write_file(dir / "sheet.md", "old content");
    const Result r = run({"worksheet", "bad.chain", "-o", "sheet.md"}, {dir.path(), std::nullopt});
    check_bad_input(r, "bad.chain:2:5: error: unknown name 'q'");
    CHECK(read_file(dir / "sheet.md") == "old content");
    CHECK(listing(dir.path()) == std::vector<std::string>{"bad.chain", "sheet.md"});

    check_bad_input(run({"worksheet", kBp, "-o", (dir / "no/such/dir/sheet.md").string()}),
                    "chainrule worksheet: error: cannot write");
    std::filesystem::create_directory(dir / "a_directory");
    check_bad_input(run({"worksheet", kBp, "-o", (dir / "a_directory").string()}), "chainrule worksheet: error: cannot write");
    CHECK(listing(dir.path()) == std::vector<std::string>{"a_directory", "bad.chain", "sheet.md"});
    CHECK(std::filesystem::is_empty(dir / "a_directory"));
}

TEST_CASE("worksheet as PDF: without pdflatex on PATH, --format pdf says clearly that it is missing") {
    ScratchDir dir;
    const Result missing = run({"worksheet", kBp, "--format", "pdf", "-o", "sheet.pdf"}, {dir.path(), "/nonexistent"});
    check_bad_input(missing, "chainrule worksheet: error: --format pdf needs pdflatex, which is not installed");
    CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("worksheet as PDF: --format pdf runs pdflatex (MODEL.pdf by default)") {
    if (!test_support::require_on_path("pdflatex")) return;  // needs a TeX installation: skipped
    ScratchDir dir;
    const Result r = run({"worksheet", kBp, "--format", "pdf"}, {dir.path(), std::nullopt});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(listing(dir.path()) == std::vector<std::string>{"bp_network.pdf"});  // MODEL.pdf by default
    CHECK_THAT(read_file(dir / "bp_network.pdf"), StartsWith("%PDF-"));
}

// ------------------------------------------------------------------------ help, version
TEST_CASE("help: --help of every command shows its usage and an example; --version") {
    for (const char* command : {"worksheet", "grad", "diff", "descend", "gradcheck", "check"}) {
        const Result r = run({command, "--help"});
        INFO(command);
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Contains(std::string("Usage: chainrule ") + command));
        CHECK_THAT(r.out, Contains(std::string("Example:\n  chainrule ") + command));
    }
    const Result help = run({"--help"});
    CHECK(help.exit_code == 0);
    for (const char* command : {"worksheet", "grad", "diff", "descend", "gradcheck", "check"}) CHECK_THAT(help.out, Contains(command));
    const Result version = run({"--version"});
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.out, StartsWith("chainrule 0."));
}

// Characters pasted from papers: the error names the place and says what to type instead.
TEST_CASE("diff: pasted typographic characters get a hint") {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"2−x", "use the ASCII minus '-'"},     {"2–x", "use the ASCII minus '-'"},
        {"2×x", "use '*' for multiplication"},  {"2·x", "use '*' for multiplication"},
        {"2÷x", "use '/' for division"},         {"x²", "write powers as x^2"},
        {"x³", "write powers as x^2"},           {"2*π*x", "write pi for π"},
        {"√x", "write sqrt(x) for √x"}};
    for (const auto& [expression, hint] : cases) {
        const Result r = run({"diff", expression, "--wrt", "x"});
        INFO(expression << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains("expression:1:") && Contains(hint));
    }
}

// At a kink grad says so: the partials are the op's convention there, not the derivative.
TEST_CASE("grad: an op at its kink is named") {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"grad", "3*relu(x)", "--at", "x=0"}, "relu at 0"},
        {{"grad", "selu(x)", "--at", "x=0"}, "selu at 0"},
        {{"grad", "abs(x - 0.5)", "--at", "x=0.5"}, "abs at 0"},
        {{"grad", "max(x, y)", "--at", "x=1, y=1"}, "max at 1, 1"},
        {{"grad", "step(x)", "--at", "x=0", "--arithmetic", "double"}, "step at 0"},
        {{"grad", "min(2*x, y)", "--at", "x=1.5, y=3"}, "min at 3, 3"},
        {{"grad", "hypot(x, y) + x", "--at", "x=0, y=0"}, "hypot at 0, 0"},
        {{"grad", "atan2(y, x)", "--at", "x=0, y=0"}, "atan2 at 0, 0"}};
    for (const auto& [args, op] : cases) {
        const Result r = run(args);
        INFO(args[1] << ": " << r.out << r.err);
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Contains("at a kink here: " + op + "; the partials follow its convention there"));
    }
    // Away from the kink: nothing.
    CHECK_THAT(run({"grad", "relu(x)", "--at", "x=1"}).out, !Contains("kink"));
    CHECK(Json::parse(run({"grad", "relu(x)", "--at", "x=0", "--format", "json"}).out).at("kink") == "relu at 0");
}

}  // namespace cli_test
