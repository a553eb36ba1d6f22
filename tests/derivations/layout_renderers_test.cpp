// What the LaTeX and Markdown renderers do with layout and text: long rows broken,
// headings at display size, Unicode titles kept, the CJK package only when needed.
#include "derivations/equation_breaking.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"

#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace layout_renderers_test {

using namespace chainrule::derivations;
using Catch::Matchers::Contains;

namespace {

// A sum of twelve products: about 70 em on one row.
std::string long_sum() {
    std::string s;
    for (int k = 1; k <= 12; ++k)
        s += (k > 1 ? " + " : "") + std::string("w_{") + std::to_string(k) + "} x_{" + std::to_string(k) + "} \\cdot 0.123456";
    return s;
}

Document sheet(const std::string& title) {
    Document doc;
    doc.title = title;
    doc.blocks.push_back(Heading{2, math("\\frac{\\partial E}{\\partial w_{5}}")});
    doc.blocks.push_back(Paragraph{text("The forward pass:")});
    doc.blocks.push_back(Equations{{{"z", long_sum()}}});
    return doc;
}

}  // namespace

TEST_CASE("renderers: a heading's math is set at display size (bold in LaTeX)", "[layout]") {
    const Document doc = sheet("t");
    CHECK_THAT(render_latex(doc), Contains("\\subsection*{\\boldmath $\\displaystyle \\frac{\\partial E}{\\partial w_{5}}$}"));
    CHECK_THAT(render_markdown(doc), Contains("## $\\displaystyle \\frac{\\partial E}{\\partial w_{5}}$\n"));
}

TEST_CASE("renderers: a row too long for the page or the screen becomes continuation rows", "[layout]") {
    const Document doc = sheet("t");
    for (const std::string& out : {render_latex(doc), render_markdown(doc)}) {
        CHECK_THAT(out, Contains("z &= w_{1} x_{1}"));
        CHECK_THAT(out, Contains(" &\\quad + w_{"));
    }
    // The page is wider than the screen: LaTeX needs no more rows than Markdown.
    auto rows = [](const std::string& s) {
        int n = 0;
        for (std::size_t p = 0; (p = s.find("&\\quad", p)) != std::string::npos; ++p) ++n;
        return n;
    };
    CHECK(rows(render_latex(doc)) <= rows(render_markdown(doc)));
}

TEST_CASE("renderers: Unicode titles stay as typed, the CJK package only for CJK text", "[layout]") {
    const std::string german = render_latex(sheet("Übung 3 — Rückwärts"));
    CHECK_THAT(german, Contains("\\Large Übung 3 — Rückwärts\\end{center}"));
    CHECK_THAT(german, Contains("\\usepackage[T1]{fontenc}"));
    CHECK_THAT(german, !Contains("CJK"));
    const std::string chinese = render_latex(sheet("反向传播"));
    CHECK_THAT(chinese, Contains("\\usepackage{CJKutf8}"));
    CHECK_THAT(chinese, Contains("\\begin{document}\n\\begin{CJK}{UTF8}{gbsn}\n"));
    CHECK_THAT(chinese, Contains("\\end{CJK}\n\\end{document}"));
    CHECK_THAT(render_markdown(sheet("Übung 3 — Rückwärts 反向传播")), Catch::StartsWith("# Übung 3 — Rückwärts 反向传播\n"));
}

TEST_CASE("renderers: a paragraph with a very long number is set ragged right", "[layout]") {
    Document doc;
    doc.blocks.push_back(Paragraph{Line{Text{"The reverse-mode gradient is "},
                                        Math{"-0.1040310638675848124552982849941111548950"}, Text{"."}}});
    doc.blocks.push_back(Paragraph{Line{Text{"Short: "}, Math{"0.5"}}});
    const std::string tex = render_latex(doc);
    CHECK_THAT(tex, Contains("{\\raggedright The reverse-mode gradient is $-0.104"));
    CHECK_THAT(tex, Contains("\nShort: $0.5$\n"));
}

TEST_CASE("renderers: the layout compiles with pdflatex with nothing in the margin", "[layout][pdflatex]") {
    if (!require_cjk_package()) return;
    Document doc = sheet("Übung 3 — Rückwärts: 反向传播");
    doc.blocks.push_back(Paragraph{Line{Text{"Cross-check: the reverse-mode gradient of the same tape is "},
                                        Math{"-0.1040310638675848124552982849941111548950"},
                                        Text{" — it agrees in every printed digit."}}});
    doc.blocks.push_back(Equations{{{"y", std::string(130, '9')}}});  // one number wider than the page: shrunk
    check_compiles_with_pdflatex(render_latex(doc), "layout", 3.0);
}

}  // namespace layout_renderers_test
