// Long rows broken over several rows (derivations/equation_breaking.hpp): where a formula
// may be cut, in which order, what the rows look like, and that nothing is lost.
#include "derivations/equation_breaking.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace equation_breaking_test {

using namespace chainrule::derivations;

namespace {

std::string without_spaces(std::string s) {
    std::erase(s, ' ');
    return s;
}

// The right sides of broken rows put back together ("=" for an equals row): the original
// formula, up to spaces and opened \left … \right groups.
std::string rejoined(const Equations& e, std::size_t first = 0) {
    std::string s;
    for (std::size_t i = first; i < e.rows.size(); ++i) {
        const EquationRow& r = e.rows[i];
        s += (i > first && !r.continues ? "=" : "") + r.rhs;
    }
    return without_spaces(s);
}

// The width align* gives a block: widest left side plus the widest right part.
double block_width(const Equations& e) {
    double lhs = 0, rhs = 0;
    for (const EquationRow& r : e.rows) {
        lhs = std::max(lhs, math_width(r.lhs));
        rhs = std::max(rhs, r.continues ? 1.0 + math_width("{}" + r.rhs) : math_width("{}=" + r.rhs));
    }
    return lhs + rhs;
}

int count(const std::string& s, const std::string& what) {
    int n = 0;
    for (std::size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += what.size()) ++n;
    return n;
}

}  // namespace

TEST_CASE("equation breaking: rows that fit are left alone", "[breaking]") {
    const Equations e{{{"z", "w x + b = 0.5 \\cdot 2 + 0.1 = 1.1"}, {"", "1.1", false}, {"", "+ 2", true}}};
    const Equations out = break_equations(e, kPageWidthEm);
    REQUIRE(out.rows.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(out.rows[i].lhs == e.rows[i].lhs);
        CHECK(out.rows[i].rhs == e.rows[i].rhs);
        CHECK(out.rows[i].continues == e.rows[i].continues);
    }
}

TEST_CASE("equation breaking: a forward-pass row breaks at '=' first: formula, then numbers", "[breaking]") {
    const std::string formula = "w_{11} x_{1} + w_{12} x_{2} + w_{13} x_{3} + b_{1}";
    const std::string numbers = "0.1 \\cdot 0.5 + \\left(-0.3\\right) \\cdot \\left(-1.2\\right) + 0.25 \\cdot 0.75 + 0.01";
    const Equations e{{{"z_{1}", formula + " = " + numbers + " = 0.6075"}}};
    // Too wide on one row (about 39 em), each side fits on its own.
    REQUIRE(math_width("z_{1}") + math_width("{}=" + e.rows[0].rhs) > 30);
    const Equations out = break_equations(e, 30);
    REQUIRE(out.rows.size() == 2);
    CHECK(out.rows[0].lhs == "z_{1}");
    CHECK(out.rows[0].rhs == formula);  // the formula keeps the first row to itself
    CHECK(out.rows[1].lhs.empty());
    CHECK_FALSE(out.rows[1].continues);  // an equals row: "&= numbers = value"
    CHECK(out.rows[1].rhs == numbers + " = 0.6075");
    CHECK(block_width(out) <= 30);
}

TEST_CASE("equation breaking: a long sum breaks before + and -, a sign is never cut", "[breaking]") {
    std::string sum = "-a_{1} b_{1}";
    for (int k = 2; k <= 12; ++k) sum += (k % 3 ? " + a_{" : " - a_{") + std::to_string(k) + "} b_{" + std::to_string(k) + "}";
    const Equations out = break_equations(Equations{{{"S", sum}}}, 20);
    REQUIRE(out.rows.size() > 1);
    CHECK(out.rows[0].rhs.rfind("-a_{1} b_{1}", 0) == 0);  // the leading sign stays with its term
    for (std::size_t i = 1; i < out.rows.size(); ++i) {
        CHECK(out.rows[i].continues);
        CHECK((out.rows[i].rhs.rfind("+ ", 0) == 0 || out.rows[i].rhs.rfind("- ", 0) == 0));
    }
    CHECK(rejoined(out) == without_spaces(sum));
    CHECK(block_width(out) <= 20);
}

TEST_CASE("equation breaking: + and - before \\cdot, and \\cdot only when a term is too wide", "[breaking]") {
    const std::string product = "\\frac{\\partial E}{\\partial y_{1}} \\cdot \\frac{\\partial y_{1}}{\\partial z_{1}} \\cdot \\frac{\\partial z_{1}}{\\partial h_{1}} \\cdot \\frac{\\partial h_{1}}{\\partial w_{1}}";
    const std::string sum = product + " + " + product;
    // Room for one product per row: cut at + only.
    Equations out = break_equations(Equations{{{"g", sum}}}, math_width(product) + 4);
    REQUIRE(out.rows.size() == 2);
    CHECK(out.rows[0].rhs == product);
    CHECK(out.rows[1].rhs == "+ " + product);
    // Room for about half a product per row: the products are cut at \cdot as well.
    const double narrow = 0.6 * math_width(product) + 3;
    out = break_equations(Equations{{{"g", sum}}}, narrow);
    CHECK(out.rows.size() >= 4);
    for (std::size_t i = 1; i < out.rows.size(); ++i)
        CHECK((out.rows[i].rhs.rfind("+ ", 0) == 0 || out.rows[i].rhs.rfind("\\cdot ", 0) == 0));
    CHECK(rejoined(out) == without_spaces(sum));
    CHECK(block_width(out) <= narrow);
}

TEST_CASE("equation breaking: never inside braces, \\frac arguments or \\left … \\right", "[breaking]") {
    const std::string rhs = "e^{x_{1} + x_{2} + x_{3}} + \\frac{a + b + c + d}{s + t} + \\sigma\\left(u + v\\right) + "
                            "\\sqrt{p + q} + {m + n}";
    const std::vector<std::string> unbreakable{"e^{x_{1} + x_{2} + x_{3}}", "\\frac{a + b + c + d}{s + t}",
                                               "\\sigma\\left(u + v\\right)", "\\sqrt{p + q}", "{m + n}"};
    for (double width : {8.0, 10.0, 12.0, 16.0}) {  // each term fits alone
        const Equations out = break_equations(Equations{{{"f", rhs}}}, width);
        CHECK(rejoined(out) == without_spaces(rhs));
        for (const EquationRow& r : out.rows) {  // each row holds whole terms
            std::string rest = r.rhs;
            if (rest.rfind("+ ", 0) == 0) rest = rest.substr(2);
            bool whole = false;
            for (const std::string& term : unbreakable) whole = whole || rest.find(term) != std::string::npos;
            CHECK(whole);
            CHECK(count(r.rhs, "{") == count(r.rhs, "}"));
            CHECK(count(r.rhs, "\\left") == count(r.rhs, "\\right"));
        }
    }
}

TEST_CASE("equation breaking: a parenthesised product too wide for a row opens into \\bigl( … \\bigr)", "[breaking]") {
    const std::string group = "\\left(\\left(-4.347589450\\right) \\cdot \\left(-0.07697742483\\right) \\cdot 1.521961556 "
                              "\\cdot 0.5 \\cdot 0.2139096965 \\cdot 1.234567891\\right)";
    const Equations out = break_equations(Equations{{{"\\frac{\\partial L}{\\partial w}", "0 + " + group + " + 0"}}}, 24);
    REQUIRE(out.rows.size() >= 3);
    std::string all;
    for (const EquationRow& r : out.rows) all += r.rhs + "\n";
    CHECK(count(all, "\\bigl(") == 1);  // the outer group, opened; the inner ones stay
    CHECK(count(all, "\\bigr)") == 1);
    CHECK(count(all, "\\left(") == 2);
    CHECK(count(all, "\\left(") == count(all, "\\right)"));
    for (const EquationRow& r : out.rows) CHECK(count(r.rhs, "\\left") == count(r.rhs, "\\right"));  // pairs stay on a row
    CHECK(block_width(out) <= 24);
    // Around fractions the opened parentheses are \biggl … \biggr, as tall as \left( would be.
    const std::string fractions = "\\left(\\frac{a}{b} \\cdot \\frac{c}{d} \\cdot \\frac{e}{f} \\cdot \\frac{g}{h} \\cdot "
                                  "\\frac{i}{j} \\cdot \\frac{k}{l}\\right)";
    std::string opened;
    for (const EquationRow& r : break_equations(Equations{{{"x", fractions}}}, 6).rows) opened += r.rhs;
    CHECK(opened.find("\\biggl(") != std::string::npos);
    CHECK(opened.find("\\biggr)") != std::string::npos);
}

TEST_CASE("equation breaking: a product is split evenly, not leaving one factor alone", "[breaking]") {
    const std::string product = "\\left(-0.95260965183200059718\\right) \\cdot 0.24943853872512894891 \\cdot 1 \\cdot "
                                "0.045176659730912132649 \\cdot \\left(-2\\right)";
    const std::string lhs = "\\frac{\\partial L}{\\partial w_{1}}";
    const double total = math_width("{}=" + product);
    // Half an em too narrow: greedy filling would keep four factors and move "· (−2)" alone.
    const Equations out = break_equations(Equations{{{lhs, product}}}, math_width(lhs) + total - 0.5);
    REQUIRE(out.rows.size() == 2);
    const double first = math_width("{}=" + out.rows[0].rhs), second = 1 + math_width("{}" + out.rows[1].rhs);
    CHECK(std::max(first, second) < 0.65 * total);  // greedy: about 0.95 and 0.08
}

TEST_CASE("equation breaking: one number wider than the page stays whole", "[breaking]") {
    const std::string number(120, '7');
    const Equations out = break_equations(Equations{{{"x", number}}}, kPageWidthEm);
    REQUIRE(out.rows.size() == 1);
    CHECK(out.rows[0].rhs == number);
}

TEST_CASE("equation breaking: random sums and products fit the width whenever their terms do", "[breaking]") {
    std::mt19937 rng(20261206);
    std::uniform_int_distribution<int> terms(1, 14), factors(1, 4), digits(1, 12), op(0, 2);
    for (int trial = 0; trial < 200; ++trial) {
        std::string rhs;
        const int n = terms(rng);
        for (int k = 0; k < n; ++k) {
            if (k) rhs += op(rng) == 0 ? " - " : " + ";
            const int m = factors(rng);
            for (int j = 0; j < m; ++j) {
                if (j) rhs += " \\cdot ";
                rhs += op(rng) == 0 ? "\\left(-0." + std::string(static_cast<std::size_t>(digits(rng)), '3') + "\\right)"
                                    : "w_{" + std::to_string(j) + "} x_{" + std::to_string(k) + "}";
            }
        }
        const double width = 12 + trial % 30;
        const Equations out = break_equations(Equations{{{"y", rhs}}}, width);
        INFO(rhs << " at " << width << " em");
        CHECK(rejoined(out) == without_spaces(rhs));
        CHECK(block_width(out) <= width);  // every factor here is narrower than 12 em
    }
}

TEST_CASE("equation breaking: break_formula gives lines that start with their operator", "[breaking]") {
    const std::vector<std::string> lines =
        break_formula("\\frac{\\partial E}{\\partial w} = 0.021469535265811107286", 6, MathStyle::Text);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "\\frac{\\partial E}{\\partial w}");
    CHECK(lines[1] == "= 0.021469535265811107286");
    CHECK(break_formula("a + b", 40, MathStyle::Text) == std::vector<std::string>{"a + b"});
}

namespace {

// A formula without spaces and without the sizes of its delimiters (\left, \bigl, …): what
// opening a group may change.
std::string unsized(std::string s) {
    for (const char* size : {"\\left", "\\right", "\\biggl", "\\biggr", "\\Bigl", "\\Bigr", "\\bigl", "\\bigr"})
        for (std::size_t p; (p = s.find(size)) != std::string::npos;) s.erase(p, std::string(size).size());
    return without_spaces(s);
}

// Plain opening minus closing delimiters ( [ \{ of a row; those of an opened \bigl( … \bigr)
// group are not counted (they may stand on different rows).
int plain_balance(std::string s) {
    for (const char* opened : {"\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\biggl", "\\biggr"})
        for (std::size_t p; (p = s.find(opened)) != std::string::npos;) s.erase(p, std::string(opened).size() + 1);
    return count(s, "(") + count(s, "[") + count(s, "\\{") - count(s, ")") - count(s, "]") - count(s, "\\}");
}

std::string args(int n, const std::string& sep = ", ") {
    std::string s;
    for (int k = 1; k <= n; ++k) s += (k > 1 ? sep : "") + "z_{" + std::to_string(k) + "} + b_{" + std::to_string(k) + "}";
    return s;
}

}  // namespace

TEST_CASE("equation breaking: plain ( ), [ ] and \\{ \\} nest like \\left … \\right", "[breaking]") {
    // Each formula is a sum of terms with a group inside; each term fits a row alone.
    const std::vector<std::string> formulas{
        "g(x_{1} + x_{2} + x_{3}) + h(y_{1} + y_{2} + y_{3}) + k(z_{1} + z_{2} + z_{3})",
        "[a_{1} + a_{2} + a_{3}] \\cdot [b_{1} - b_{2}] + [c_{1} + c_{2} - c_{3}] - [d_{1} + d_{2}]",
        "\\{u_{1} + u_{2} + u_{3}\\} + \\{v_{1} - v_{2}\\} + \\{p_{1} + p_{2} + p_{3}\\}",
        "f(g(x + y) + h(x - y)) + f(x) - f(g(y - x) \\cdot h(x + y))",
        "\\operatorname{logsumexp}(a_{1} + 1, a_{2} + 2) + \\operatorname{logsumexp}(a_{3} - 3, a_{4} + 4) + c",
    };
    for (const std::string& f : formulas)
        for (double width : {14.0, 18.0, 24.0}) {
            INFO(f << " at " << width << " em");
            const Equations in{{{"s", f}}};
            const Equations out = break_equations(in, width);
            if (block_width(in) > width) CHECK(out.rows.size() > 1);
            CHECK(rejoined(out) == without_spaces(f));  // nothing opened: the terms fit
            for (const EquationRow& r : out.rows) CHECK(plain_balance(r.rhs) == 0);
            CHECK(block_width(out) <= width);
        }
}

TEST_CASE("equation breaking: an argument list wider than a row is cut after its commas", "[breaking]") {
    // logsumexp of 12 sums (about 60 em), in \left( … \right) as chainrule prints it and in
    // plain parentheses; each argument fits a row of 20 em, so no argument is cut.
    for (const std::string& f : {"\\operatorname{logsumexp}\\left(" + args(12) + "\\right)",
                                 "\\operatorname{logsumexp}(" + args(12) + ")",
                                 "\\max\\left(" + args(8) + "\\right) - c"}) {
        INFO(f);
        const Equations out = break_equations(Equations{{{"L", f}}}, 20);
        REQUIRE(out.rows.size() >= 3);
        CHECK(out.rows[0].rhs.find("\\bigl(") != std::string::npos);
        std::size_t last = 0;  // the row that closes the list
        while (last < out.rows.size() && out.rows[last].rhs.find("\\bigr)") == std::string::npos) ++last;
        REQUIRE(last >= 1);
        REQUIRE(last < out.rows.size());
        for (std::size_t i = 0; i <= last; ++i) {
            INFO(out.rows[i].rhs);
            if (i < last) CHECK(out.rows[i].rhs.back() == ',');  // each row ends after an argument's comma
            if (i > 0) CHECK(out.rows[i].continues);
            if (i > 0) CHECK(out.rows[i].rhs.rfind("z_{", 0) == 0);  // and the next starts with an argument
        }
        CHECK(unsized(rejoined(out)) == unsized(f));
        CHECK(block_width(out) <= 20);
    }
}

TEST_CASE("equation breaking: one argument wider than a row is cut inside, the others stay whole", "[breaking]") {
    std::string sum;  // a_1 + … + a_16: about 30 em
    for (int k = 1; k <= 16; ++k) sum += (k > 1 ? " + a_{" : "a_{") + std::to_string(k) + "}";
    for (const std::string& f : {"F\\left(" + sum + ", b_{1} + b_{2}\\right)", "F(c, " + sum + ", b)",
                                 "\\sigma\\left(\\sigma\\left(" + sum + "\\right) + c\\right)"}) {
        INFO(f);
        const Equations out = break_equations(Equations{{{"y", f}}}, 16);
        CHECK(unsized(rejoined(out)) == unsized(f));
        CHECK(block_width(out) <= 16);
        int sums = 0;
        for (const EquationRow& r : out.rows) sums += r.rhs.rfind("+ a_{", 0) == 0;
        CHECK(sums >= 1);  // the long argument goes on over rows
        for (const EquationRow& r : out.rows) {  // the short argument b_1 + b_2 stays on one row
            const bool b1 = r.rhs.find("b_{1} +") != std::string::npos, b2 = r.rhs.find("b_{2}") != std::string::npos;
            CHECK(b1 == b2);
        }
    }
}

TEST_CASE("equation breaking: unmatched plain delimiters neither crash nor lose anything", "[breaking]") {
    for (const std::string& f : {"(a_{1} + a_{2} + a_{3} + a_{4} + a_{5} + a_{6} + a_{7} + a_{8}",
                                 "a_{1} + a_{2}) + a_{3} + a_{4} + a_{5} + a_{6} + a_{7} + a_{8} + a_{9}",
                                 "[a_{1} + a_{2} + a_{3} + a_{4}) + a_{5} + a_{6} + a_{7} + a_{8} + a_{9}"}) {
        const Equations out = break_equations(Equations{{{"y", f}}}, 8);
        CHECK(unsized(rejoined(out)) == unsized(f));  // cut where it may be, never lost
    }
}

TEST_CASE("equation breaking: long numbers are cut between groups of five digits, in table cells only", "[breaking]") {
    const std::string forty = "0.0214695352658111072860214695352658111072";
    // By hand: the 40 digits after the point in groups of five.
    const std::vector<std::string> groups{"0.02146", "95352", "65811", "10728", "60214", "69535", "26581", "11072"};
    CHECK(break_formula(forty, 0, MathStyle::Text, LongNumbers::Cut) == groups);
    CHECK(break_formula(forty, 0, MathStyle::Text) == std::vector<std::string>{forty});  // whole by default
    CHECK(break_equations(Equations{{{"x", forty}}}, 10).rows.size() == 1);              // and in rows
    // At 12 em: lines of whole groups, that fit and give the number back.
    const std::vector<std::string> lines = break_formula(forty, 12, MathStyle::Text, LongNumbers::Cut);
    REQUIRE(lines.size() >= 2);
    std::string all;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(((i ? 1.0 : 0.0) + math_width(lines[i], MathStyle::Text)) <= 12);
        CHECK((lines[i].size() - (i ? 0 : 2)) % 5 == 0);
        all += lines[i];
    }
    CHECK(all == forty);
    // Not cut: twelve characters or fewer, integers, what follows the number.
    CHECK(break_formula("0.1234567891", 0, MathStyle::Text, LongNumbers::Cut).size() == 1);
    CHECK(break_formula("123456789012345", 0, MathStyle::Text, LongNumbers::Cut).size() == 1);
    CHECK(break_formula("-1.234567890123456789 \\times 10^{-12}", 0, MathStyle::Text, LongNumbers::Cut) ==
          std::vector<std::string>{"-1.23456", "78901", "23456", "789 \\times 10^{-12}"});
    CHECK(break_formula("\\partial E/\\partial w = 0.4999999999999999^{\\dagger}", 0, MathStyle::Text, LongNumbers::Cut) ==
          std::vector<std::string>{"\\partial E/\\partial w", "= 0.49999", "99999", "999999^{\\dagger}"});
}

TEST_CASE("equation breaking: random sums of functions of sums: nothing lost, plain groups kept or opened",
          "[breaking]") {
    std::mt19937 rng(20261207);
    std::uniform_int_distribution<int> terms(1, 8), inner(1, 6), kind(0, 3);
    for (int trial = 0; trial < 200; ++trial) {
        std::string rhs;
        const int n = terms(rng);
        for (int k = 0; k < n; ++k) {
            if (k) rhs += kind(rng) == 0 ? " - " : " + ";
            std::string sum;
            for (int j = 0, m = inner(rng); j < m; ++j) sum += (j ? " + x_{" : "x_{") + std::to_string(j) + "}";
            switch (kind(rng)) {
                case 0: rhs += "f(" + sum + ")"; break;
                case 1: rhs += "\\operatorname{g}\\left(" + sum + ", y_{" + std::to_string(k) + "}\\right)"; break;
                case 2: rhs += "[" + sum + "] \\cdot h(" + sum + ", " + sum + ")"; break;
                default: rhs += "w_{" + std::to_string(k) + "}"; break;
            }
        }
        const double width = 8 + trial % 25;
        const Equations out = break_equations(Equations{{{"y", rhs}}}, width);
        INFO(rhs << " at " << width << " em");
        CHECK(unsized(rejoined(out)) == unsized(rhs));
        for (const EquationRow& r : out.rows) CHECK(plain_balance(r.rhs) == 0);
    }
}

TEST_CASE("equation breaking: a matrix of numbers is one piece, never cut at its rows or signs", "[breaking]") {
    // A 2×4 bmatrix with signed entries (a matrix worksheet's ∂J/∂K) after a long formula:
    // the row breaks before the matrix, not at its \\ or before a − inside it.
    const std::string matrix = "\\begin{bmatrix} 0.659380 & 0.329690 & -0.131876 & -0.0659380 \\\\ "
                               "-0.263752 & -0.131876 & 0.527504 & 0.263752 \\end{bmatrix}";
    const Equations e{{{"\\frac{\\partial J}{\\partial K}",
                        "\\frac{K}{\\left\\lVert K \\right\\rVert_{F}} + w_{1} x_{1} + w_{2} x_{2} + w_{3} x_{3} + w_{4} x_{4} = " + matrix}}};
    CHECK(math_width(matrix) > 20);  // measured as its widest row, not as one long line
    CHECK(math_width(matrix) < 30);
    const Equations out = break_equations(e, kPageWidthEm);
    bool whole = false;
    for (const EquationRow& r : out.rows) {
        const bool begins = r.rhs.find("\\begin{bmatrix}") != std::string::npos;
        const bool ends = r.rhs.find("\\end{bmatrix}") != std::string::npos;
        CHECK(begins == ends);
        whole = whole || (begins && ends && r.rhs.find(matrix) != std::string::npos);
    }
    CHECK(whole);
}

}  // namespace equation_breaking_test
