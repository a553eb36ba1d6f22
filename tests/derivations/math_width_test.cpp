// The width estimate of LaTeX math (derivations/math_width.hpp) against TeX itself: a few
// formulas whose widths TeX measured once (quoted below), and — when pdflatex is
// installed — every row of a real worksheet, measured by TeX in the same run.
#include "seed_worksheet.hpp"
#include "derivations/math_width.hpp"
#include "derivations/worksheet.hpp"

#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace math_width_test {

using namespace chainrule;
using namespace chainrule::derivations;

namespace {

// TeX's widths: \setbox0\hbox{$\displaystyle F$}\the\wd0 in an 11pt article with
// Latin Modern (lmodern, amsmath), divided by the em, 10.95pt.
double tex_em(double points) { return points / 10.95; }

Worksheet seed_sheet() {
    WorksheetOptions o;
    o.wrt = {"w5", "w1"};
    o.learning_rate = Real("0.5");
    o.style = StyleChoice::Both;
    return seed_worksheet::seed_sheet(o);
}

// Every formula of a worksheet as its align* rows set it ("{}=" + right side) and every
// inline formula of its tables.
std::vector<std::pair<std::string, MathStyle>> worksheet_formulas() {
    std::set<std::pair<std::string, MathStyle>> out;
    for (const Block& b : worksheet_document(seed_sheet()).blocks) {
        if (const auto* e = std::get_if<Equations>(&b))
            for (const EquationRow& r : e->rows) {
                if (!r.lhs.empty()) out.insert({r.lhs, MathStyle::Display});
                out.insert({(r.continues ? "{}" : "{}=") + r.rhs, MathStyle::Display});
            }
        if (const auto* t = std::get_if<Table>(&b))
            for (const auto& row : t->rows)
                for (const Line& cell : row)
                    for (const Inline& piece : cell)
                        if (const auto* m = std::get_if<Math>(&piece)) out.insert({m->latex, MathStyle::Text});
    }
    return {out.begin(), out.end()};
}

}  // namespace

TEST_CASE("math width: single atoms and spacing match TeX's measurements", "[math_width]") {
    // x+y: x, medium space, +, medium space, y (25.40314pt); x\cdot y (19.92792pt); x=y (26.61978pt).
    CHECK(math_width("x+y") == Approx(tex_em(25.40314)).epsilon(0.01));
    CHECK(math_width("x\\cdot y") == Approx(tex_em(19.92792)).epsilon(0.01));
    CHECK(math_width("x=y") == Approx(tex_em(26.61978)).epsilon(0.01));
    // \frac{a}{b}: the wider of a and b plus \nulldelimiterspace on both sides (8.18805pt).
    CHECK(math_width("\\frac{a}{b}") == Approx(tex_em(8.18805)).epsilon(0.01));
    // x_{1}, x^{2}: the script at 8/11 of the size (11.00822pt each).
    CHECK(math_width("x_{1}") == Approx(tex_em(11.00822)).epsilon(0.02));
    CHECK(math_width("x^{2}") == Approx(tex_em(11.00822)).epsilon(0.02));
    // \left(x\right) (14.77513pt); around a display fraction the parentheses grow (22.91034pt).
    CHECK(math_width("\\left(x\\right)") == Approx(tex_em(14.77513)).epsilon(0.01));
    CHECK(math_width("\\left(\\frac{a}{b}\\right)") == Approx(tex_em(22.91034)).epsilon(0.03));
    // \ln x: the operator name, a thin space, x (17.28716pt); \text{undefined} (46.23297pt).
    CHECK(math_width("\\ln x") == Approx(tex_em(17.28716)).epsilon(0.02));
    CHECK(math_width("\\text{undefined}") == Approx(tex_em(46.23297)).epsilon(0.02));
}

TEST_CASE("math width: a + or - with no left operand is a sign, without spaces", "[math_width]") {
    // -x is '-' (0.778 em) and x (0.571 em), nothing between; after '=' the minus is a sign too.
    CHECK(math_width("-x") == Approx(0.778 + 0.571).epsilon(0.001));
    CHECK(math_width("x=-y") == Approx(0.571 + 5.0 / 18 + 0.778 + 5.0 / 18 + 0.778 + 0.526).epsilon(0.001));
    // In a script, binary operators get no space: x^{a+b} = x + (a + '+' + b) at script
    // size: 8pt, whose font is drawn 0.531/0.5 wider than the 11pt one (its digits are
    // 0.531 em), plus \scriptspace (0.5pt).
    const double script = 8.0 * 0.531 / (10.95 * 0.5);
    CHECK(math_width("x^{a+b}") == Approx(0.571 + (0.529 + 0.778 + 0.429) * script + 0.5 / 10.95).epsilon(0.001));
}

TEST_CASE("math width: top-level atoms see no further than braces and \\left … \\right", "[math_width]") {
    const std::string f = "a + \\frac{b + c}{d} - \\left(e + f\\right)^{2} \\cdot {g + h}";
    const std::vector<MathAtom> atoms = top_level_atoms(f);
    std::vector<std::string> texts;
    for (const MathAtom& a : atoms) texts.push_back(f.substr(a.begin, a.end - a.begin));
    CHECK(texts == std::vector<std::string>{"a", "+", "\\frac{b + c}{d}", "-", "\\left(e + f\\right)^{2}", "\\cdot", "{g + h}"});
    CHECK(atoms[1].cls == AtomClass::Bin);
    CHECK(atoms[4].cls == AtomClass::Inner);
    CHECK(f.substr(atoms[4].inner_begin, atoms[4].inner_end - atoms[4].inner_begin) == "e + f");
    CHECK(top_level_atoms("-a")[0].cls == AtomClass::Ord);  // a sign
}

TEST_CASE("math width: text width of Latin, accented and CJK text", "[math_width]") {
    // "ab": a 0.5, b 0.556 (Computer Modern roman); a CJK character is one em.
    CHECK(text_width("ab") == Approx(1.056));
    CHECK(text_width("反向") == Approx(2.0));
    CHECK(text_width("Ü") == Approx(0.55));
    // TeX: \hbox{dout\_h1/din\_h1} is 82.12456pt at 11pt (T1's underscore is 0.75 em).
    CHECK(text_width("dout_h1/din_h1") == Approx(tex_em(82.12456)).epsilon(0.02));
}

TEST_CASE("math width: every formula of a worksheet is within a few percent of TeX", "[math_width][pdflatex]") {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    if (!pdflatex) return;
    const auto formulas = worksheet_formulas();
    REQUIRE(formulas.size() > 30);
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("chainrule_math_width_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string tex = "\\documentclass[11pt]{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}"
                      "\\usepackage{amsmath,amssymb}\\begin{document}\n";
    for (const auto& [f, style] : formulas)
        tex += std::string("\\setbox0\\hbox{$") + (style == MathStyle::Display ? "\\displaystyle " : "") + f +
               "$}\\typeout{WIDTH=\\the\\wd0}\n";
    std::ofstream(dir / "w.tex") << tex + "\\end{document}\n";
    const std::string cmd = "cd '" + dir.string() + "' && '" + pdflatex->string() +
                            "' -interaction=nonstopmode -halt-on-error w.tex > /dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream log(dir / "w.log");
    const std::string text((std::istreambuf_iterator<char>(log)), {});
    std::vector<double> widths;
    const std::regex width("WIDTH=([0-9.]+)pt");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), width); it != std::sregex_iterator(); ++it)
        widths.push_back(tex_em(std::stod((*it)[1])));
    REQUIRE(widths.size() == formulas.size());
    for (std::size_t i = 0; i < formulas.size(); ++i) {
        INFO(formulas[i].first);
        const double estimate = math_width(formulas[i].first, formulas[i].second);
        // 6 % of the width, and never more than 0.6 em (a row of the page is 44 em).
        CHECK(std::abs(estimate - widths[i]) <= std::min(0.6, std::max(0.06 * widths[i], 0.15)));
    }
    fs::remove_all(dir);
}

}  // namespace math_width_test
