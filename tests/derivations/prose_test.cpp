// The prose catalogue (prose.hpp) and worksheets in Chinese (issue 13: `--lang zh` writes
// the worksheet's own prose in Chinese, `--lang en` in English).
//
// What must hold whatever the wording: every phrase exists in both languages with the same
// holes (a hole missing in one language would drop a formula or a number from the sheet);
// a Chinese worksheet has the same formulas and numbers as the English one, line for line,
// and none of the English sentences; it compiles with pdflatex and its Chinese reaches the
// PDF's text.
#include "chainrule.hpp"
#include "derivations/claims.hpp"
#include "derivations/claims_document.hpp"
#include "derivations/prose.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"
#include "derivations/worksheet.hpp"
#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace prose_test {

using namespace chainrule;
using namespace chainrule::derivations;

namespace {

std::multiset<char> holes(std::string_view t) {
    std::multiset<char> out;
    for (std::size_t i = 0; i + 2 < t.size(); ++i)
        if (t[i] == '{' && t[i + 1] >= '0' && t[i + 1] <= '9' && t[i + 2] == '}') out.insert(t[i + 1]);
    return out;
}

std::set<char> distinct(const std::multiset<char>& m) { return {m.begin(), m.end()}; }

std::string flat(const Line& line) {
    std::string out;
    for (const Inline& piece : line) {
        if (const auto* t = std::get_if<Text>(&piece)) out += t->text;
        else out += "$" + std::get<Math>(piece).latex + "$";
    }
    return out;
}

// A relu unit at its kink feeding a sigmoid output, with a learning rate:
// every section of a worksheet (notation, forward pass, singular points, paths, update,
// summary).
Worksheet sample() {
    Tape<Real> t;
    auto x = t.constant(Real("0.25"), "x");  // w·x + b = 0 exactly in binary: relu's kink
    auto w = t.variable(Real("0.5"), "w");
    auto v = t.variable(Real("0.4"), "v");
    auto b = t.variable(Real("-0.125"), "b");
    auto h = relu(w * x + b).named("h");
    auto o = sigmoid(v * h + w).named("o");
    auto E = (Real("0.5") * pow(o - Real("0.01"), 2)).named("E");
    WorksheetOptions opt;
    opt.learning_rate = Real("0.5");
    return make_worksheet(t, E, opt);
}

// The math of a Markdown document: what must not depend on the language.
std::vector<std::string> math_of(const std::string& md) {
    std::vector<std::string> out;
    const std::regex math(R"(\$\$([^$]+)\$\$|\$([^$\n]+)\$)");  // display blocks, then inline math
    for (auto it = std::sregex_iterator(md.begin(), md.end(), math); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
    return out;
}

}  // namespace

TEST_CASE("every phrase has English and Chinese text with the same holes", "[prose]") {
    for (int k = 0; k < static_cast<int>(Phrase::Count_); ++k) {
        const auto p = static_cast<Phrase>(k);
        const std::string_view en = phrase_template(Language::English, p);
        const std::string_view zh = phrase_template(Language::Chinese, p);
        INFO("phrase " << k << ": " << en << " | " << zh);
        CHECK(!en.empty());
        CHECK(!zh.empty());
        CHECK(distinct(holes(en)) == distinct(holes(zh)));
        // holes are numbered from 0 without gaps
        const std::set<char> h = distinct(holes(en));
        if (!h.empty()) CHECK(*h.rbegin() - '0' + 1 == static_cast<int>(h.size()));
        // Chinese text is not English left untranslated: it has a non-ASCII character
        CHECK(std::any_of(zh.begin(), zh.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
    }
}

TEST_CASE("say fills holes in the order each language needs", "[prose]") {
    const std::vector<Line> args{derivations::text("3"), derivations::math("E"), derivations::math("w")};
    CHECK(flat(say(Language::English, Phrase::PathsIntroMany, args)) ==
          "Chain rule over the 3 paths from $E$ down to $w$ (the sum over paths of the product of local partials):");
    CHECK(flat(say(Language::Chinese, Phrase::PathsIntroMany, args)) ==
          "对从 $E$ 到 $w$ 的 3 条路径应用链式法则（各条路径上局部偏导数之积的和）：");
    CHECK(say_text(Language::Chinese, Phrase::HoldsAtPoints, {"7", "10"}) == "在 10 个随机点中的 7 个成立");
    CHECK(flat(list_of(Language::English, {derivations::math("a"), derivations::math("b"), derivations::math("c")})) == "$a$, $b$ and $c$");
    CHECK(flat(list_of(Language::Chinese, {derivations::math("a"), derivations::math("b"), derivations::math("c")})) == "$a$、$b$ 和 $c$");
    CHECK_THROWS_AS(say(Language::English, Phrase::PathsIntroMany, {derivations::text("3")}), std::out_of_range);
    CHECK(parse_language("zh") == Language::Chinese);
    CHECK(parse_language("en") == Language::English);
    CHECK(!parse_language("fr"));
    CHECK(!parse_language("ZH "));
}

TEST_CASE("a Chinese worksheet has the English one's formulas and numbers, and none of its sentences", "[prose]") {
    const Worksheet w = sample();
    const std::string en = render_markdown(worksheet_document(w, Language::English));
    const std::string zh = render_markdown(worksheet_document(w, Language::Chinese));
    // the same math, each piece as often; a language may order a sentence's pieces differently
    std::vector<std::string> math_zh = math_of(zh), math_en = math_of(en);
    std::sort(math_zh.begin(), math_zh.end());
    std::sort(math_en.begin(), math_en.end());
    CHECK(math_zh == math_en);
    CHECK(math_en.size() > 40);
    for (const char* heading : {"符号说明", "前向计算", "函数不可导的点", "链式法则", "梯度下降更新", "小结", "验算"}) {
        INFO(heading);
        CHECK(zh.find(heading) != std::string::npos);
    }
    for (const char* english : {"Notation", "Forward pass", "Chain rule", "Cross-check", "Summary", "learning rate",
                                "parameter", "kink", "convention", "reverse mode", "Numbers are printed"}) {
        INFO(english);
        CHECK(zh.find(english) == std::string::npos);
        CHECK(en.find(english) != std::string::npos);
    }
    // the relu kink's convention is in Chinese too
    CHECK(zh.find("relu'(0) = 0，与 PyTorch 相同") != std::string::npos);
}

TEST_CASE("the deltas style and a claim check in Chinese", "[prose]") {
    Tape<Real> t;
    auto x = t.constant(Real("0.5"), "x");
    auto w = t.variable(Real("0.3"), "w");
    auto a = tanh(w * x).named("a");
    auto b = tanh(a * w).named("b");
    auto E = (b * b).named("E");
    WorksheetOptions opt;
    opt.style = StyleChoice::Deltas;
    const std::string zh = render_markdown(worksheet_document(make_worksheet(t, E, opt), Language::Chinese));
    CHECK(zh.find("用 δ 做反向传播") != std::string::npos);
    CHECK(zh.find("Deltas") == std::string::npos);
    CHECK(zh.find("Each gradient") == std::string::npos);
}

TEST_CASE("a Chinese worksheet compiles with pdflatex, its Chinese in the PDF", "[prose][pdflatex]") {
    if (!require_cjk_package()) return;
    const Worksheet w = sample();
    check_compiles_with_pdflatex(render_latex(worksheet_document(w, Language::Chinese)), "prose_zh", 3.0);
}

}  // namespace prose_test
