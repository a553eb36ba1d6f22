// `--lang en|zh` of `worksheet` and `check`, end to end: the document's own words in
// Chinese, the formulas and numbers unchanged, the terminal table aligned for Chinese
// (two columns per character), a PDF whose text has the Chinese, and a bad language is
// exit 2 naming the option.
#include "../support/tool_on_path.hpp"
#include "run_process.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace language_cli_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;

namespace {

const std::string kModel =
    "param w = 0.5\nconst x = 2\nconst t = 1\nz = w*x\ny = tanh(z)\nE = 0.5*(y - t)^2\n"
    "check dy/dz = 0.42\ncheck dE/dw = -0.25\n";

// Every number written in the text, in order (what a language must not change).
std::vector<std::string> numbers(const std::string& s) {
    std::vector<std::string> out;
    const std::regex number(R"(-?\d+\.\d+)");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), number); it != std::sregex_iterator(); ++it) out.push_back(it->str());
    return out;
}

// Terminal columns of UTF-8 text, counting the CJK block (U+4E00–U+9FFF) and full-width
// forms as two: enough for the words this test's output contains.
std::size_t columns(const std::string& s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if ((b & 0xC0) == 0x80) continue;
        n += b >= 0xE0 ? 2 : 1;  // three-byte characters here are all Chinese
    }
    return n;
}

}  // namespace

TEST_CASE("lang: worksheet --lang zh writes the prose in Chinese, the math as in English") {
    ScratchDir dir;
    write_file(dir / "m.chain", kModel);
    const Result en = run({"worksheet", (dir / "m.chain").string()});
    const Result en2 = run({"worksheet", (dir / "m.chain").string(), "--lang", "en"});
    const Result zh = run({"worksheet", (dir / "m.chain").string(), "--lang", "zh"});
    INFO(zh.err);
    REQUIRE(zh.exit_code == 0);
    CHECK(en2.out == en.out);
    CHECK_THAT(zh.out, StartsWith("# E 的梯度：链式法则推导\n"));
    CHECK_THAT(zh.out, Contains("## 符号说明") && Contains("## 前向计算") && Contains("## 小结"));
    CHECK(zh.out.find("Notation") == std::string::npos);
    CHECK(numbers(zh.out) == numbers(en.out));
    CHECK(!numbers(zh.out).empty());
}

TEST_CASE("lang: check --lang zh, the terminal table aligned for Chinese") {
    ScratchDir dir;
    write_file(dir / "m.chain", kModel);
    const Result r = run({"check", (dir / "m.chain").string(), "--lang", "zh"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);  // dE/dw = −0.25 is wrong: (tanh 1 − 1)(1 − tanh² 1)·2 = −0.20025…
    CHECK_THAT(r.out, StartsWith("2 条断言"));
    std::istringstream lines(r.out);
    std::string line, header;
    std::vector<std::string> rows;
    while (std::getline(lines, line))
        if (line.rfind("#", 0) == 0) header = line;
        else if (line.find(" = ") != std::string::npos) rows.push_back(line);  // a claim's row
    REQUIRE(rows.size() == 2);
    // the verdict column starts at the same terminal column in the header and every row
    const std::size_t at = columns(header.substr(0, header.find("判定")));
    CHECK(columns(rows[0].substr(0, rows[0].find("正确"))) == at);
    CHECK(columns(rows[1].substr(0, rows[1].find("错误"))) == at);
    const Result md = run({"check", (dir / "m.chain").string(), "--lang", "zh", "--format", "md"});
    CHECK_THAT(md.out, StartsWith("# 推导核对\n"));
}

TEST_CASE("lang: an unknown language is exit 2 naming --lang") {
    ScratchDir dir;
    write_file(dir / "m.chain", kModel);
    for (const char* bad : {"fr", "ZH", "", "zh-TW"}) {
        for (const char* command : {"worksheet", "check"}) {
            const Result r = run({command, (dir / "m.chain").string(), "--lang", bad});
            INFO(command << " --lang '" << bad << "': " << r.err);
            CHECK(r.exit_code == 2);
            CHECK(r.out.empty());
            CHECK_THAT(r.err, Contains("--lang"));
        }
    }
}

TEST_CASE("lang: the Chinese worksheet as PDF has its Chinese in the text") {
    const auto pdftotext = test_support::require_on_path("pdftotext");
    const auto pdflatex = test_support::require_on_path("pdflatex");
    if (!pdftotext || !pdflatex) return;
    ScratchDir dir;
    write_file(dir / "m.chain", kModel);
    const Result r = run({"worksheet", (dir / "m.chain").string(), "--lang", "zh", "--format", "pdf", "-o",
                          (dir / "m.pdf").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string cmd = "'" + pdftotext->string() + "' -enc UTF-8 '" + (dir / "m.pdf").string() + "' '" +
                            (dir / "m.txt").string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::string text = read_file(dir / "m.txt");
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n'; });
    CHECK_THAT(text, Contains("符号说明") && Contains("前向计算") && Contains("链式法则") && Contains("验算"));
}

}  // namespace language_cli_test
