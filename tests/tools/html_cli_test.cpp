// `--format html` end to end (docs/html.md): a self-contained page that loads nothing from
// the network, the default file name, and clear errors when KaTeX or Graphviz is missing.
// The page in a real browser: tests/browser/worksheet_html.test.mjs.
#include "run_process.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>

namespace html_cli_test {

using namespace cli_test;
using Catch::Contains;

const std::string kModel = source_path("examples/bp_network.chain");

TEST_CASE("worksheet --format html: one file with KaTeX, its fonts and the graph inlined") {
    ScratchDir dir;
    const Result r = run({"worksheet", kModel, "--format", "html", "-o", (dir / "w.html").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string html = read_file(dir / "w.html");
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK_THAT(html, Contains("katex") && Contains("data:font/woff2;base64,") && Contains("<figure class=\"graph\""));
    // Nothing is fetched when the page is viewed: no URL of a script, style sheet, font or image.
    CHECK_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*["']?(https?:)?//)")));
    CHECK_FALSE(std::regex_search(html, std::regex(R"(url\(\s*["']?(https?:)?//)")));
    CHECK_THAT(html, !Contains("url(fonts/"));
    // The numbers are the worksheet's: ∂E/∂w5 of seed 001 (reference 0.0818667050396…).
    CHECK_THAT(html, Contains("0.08186670504"));
}

TEST_CASE("worksheet --format html without -o writes MODEL.html here, not to the terminal") {
    ScratchDir dir;
    RunOptions o;
    o.cwd = dir.path();
    const Result r = run({"worksheet", kModel, "--format", "html"}, o);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(fs::file_size(dir / "bp_network.html") > 100000);
}

TEST_CASE("check and exercise --format html") {
    ScratchDir dir;
    const Result c = run({"check", source_path("examples/bp_network_hand.chain"), "--format", "html", "-o", (dir / "c.html").string()});
    CHECK(c.exit_code == 1);  // the seed's hand derivation has wrong lines
    CHECK_THAT(read_file(dir / "c.html"), Contains("data-tex=\"0.64565630623\"") && !Contains("<figure class=\"graph\""));
    const Result e = run({"exercise", source_path("examples/exercises/bp_network_vary.chain"), "--variants", "2", "--format",
                          "html", "-o", (dir / "set").string()});
    INFO(e.err);
    REQUIRE(e.exit_code == 0);
    CHECK_THAT(read_file(dir / "set" / "sheet-2.html"), Contains("\\underline{\\hspace{5em}}") && !Contains("<figure class=\"graph\""));
    CHECK_THAT(read_file(dir / "set" / "key-2.html"), Contains("\\boxed{\\scriptstyle 1}") && Contains("<figure class=\"graph\""));
}

TEST_CASE("worksheet --format html without KaTeX or Graphviz: exit 2, the package named, no file") {
    ScratchDir dir;
    ::setenv("CHAINRULE_KATEX_DIR", (dir / "nowhere").c_str(), 1);
    const Result k = run({"worksheet", kModel, "--format", "html", "-o", (dir / "w.html").string()});
    ::unsetenv("CHAINRULE_KATEX_DIR");
    CHECK(k.exit_code == 2);
    CHECK_THAT(k.err, Contains("libjs-katex"));
    RunOptions no_dot;
    no_dot.path = dir.path().string();  // a PATH without dot
    const Result d = run({"worksheet", kModel, "--format", "html", "-o", (dir / "w.html").string()}, no_dot);
    CHECK(d.exit_code == 2);
    CHECK_THAT(d.err, Contains("apt-get install graphviz"));
    CHECK_FALSE(fs::exists(dir / "w.html"));
}

TEST_CASE("exercise --format html without KaTeX or Graphviz: exit 2 and the old set untouched") {
    ScratchDir dir;
    const std::vector<std::string> args{"exercise", source_path("examples/exercises/bp_network_vary.chain"), "--variants", "2",
                                        "--format", "html", "-o", (dir / "set").string()};
    REQUIRE(run(args).exit_code == 0);
    const std::vector<std::string> before = listing(dir / "set");
    REQUIRE(before.size() == 8);  // 2 variants, 2 sheets, 2 keys, answers.csv and .json
    ::setenv("CHAINRULE_KATEX_DIR", (dir / "nowhere").c_str(), 1);
    const Result k = run(args);
    ::unsetenv("CHAINRULE_KATEX_DIR");
    CHECK(k.exit_code == 2);
    CHECK_THAT(k.err, Contains("libjs-katex"));
    RunOptions no_dot;
    no_dot.path = dir.path().string();
    const Result d = run(args, no_dot);
    CHECK(d.exit_code == 2);
    CHECK_THAT(d.err, Contains("graphviz"));
    CHECK(listing(dir / "set") == before);
}

TEST_CASE("worksheet --format html finds dot through a relative PATH entry") {
    ScratchDir dir;
    fs::create_directory(dir / "bin");
    fs::create_symlink("/usr/bin/dot", dir / "bin" / "dot");
    RunOptions o;
    o.cwd = dir.path();
    o.path = "bin";  // relative: resolved against the working directory, not dot's scratch one
    const Result r = run({"worksheet", kModel, "--format", "html", "-o", "w.html"}, o);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(fs::exists(dir / "w.html"));
}

}  // namespace html_cli_test
