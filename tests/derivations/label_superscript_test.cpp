// Labels with superscripts and primes compose with the update w⁺ (issue 13): `label w
// "w^{(1)}"` with `lr` printed w^{(1)}^{+}, which pdflatex rejects ("Double superscript").
// Every label the validator accepts is braced before a superscript is added, so each sheet
// below compiles, in the paths and in the deltas style.
#include "chainrule.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"
#include "derivations/worksheet.hpp"
#include "symbolic/latex_names.hpp"

#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace label_superscript_test {

using namespace chainrule;
using namespace chainrule::derivations;

namespace {

// Labels the validator accepts (symbol/latex_names.hpp), each with a script or a prime
// that a careless superscript would collide with.
const std::map<std::string, std::string, std::less<>> kLabels = {
    {"p1", "w^{(1)}"},         {"p2", "w_{1}^{2}"},     {"p3", "\\alpha'"},   {"p4", "x''"},
    {"p5", "\\theta_{1}'"},    {"p6", "\\hat{w}^{(2)}"}, {"p7", "W^{(l)}_{ij}"}, {"p8", "\\mathbf{w}^{\\prime}"},
    {"p9", "\u03b2^{(1)}"},  // β typed as UTF-8
    {"y", "y^{(1)}"},          // an intermediate node: in a subscript (∂E/∂p1)_{y^{(1)}} and in δ
};

// E = ½(y − t)² + λ·p1² + λ·p6³, y = Σ pᵢ·xᵢ: p1 is read directly and through y, so its
// local partial carries the subscript y^{(1)}; the powers put a superscript on the labels
// w^{(1)} and \hat{w}^{(2)} in the formulas too.
Worksheet labelled_sheet(StyleChoice style) {
    Tape<Real> t;
    Var<Real> y;
    Var<Real> p1;
    Var<Real> p6;
    for (int i = 1; i <= 9; ++i) {
        auto p = t.variable(Real(i) / 10, "p" + std::to_string(i));
        if (i == 1) p1 = p;
        if (i == 6) p6 = p;
        auto term = p * t.constant(Real(i) / 4, "x" + std::to_string(i));
        y = i == 1 ? term : y + term;
    }
    y = y.named("y");
    auto E = (Real("0.5") * pow(y - t.constant(Real("0.5"), "t"), 2) + Real("0.01") * pow(p1, 2) +
              Real("0.01") * pow(p6, 3)).named("E");
    WorksheetOptions o;
    o.style = style;
    o.learning_rate = Real("0.1");
    o.labels = kLabels;
    return make_worksheet(t, E, o);
}

}  // namespace

TEST_CASE("every test label is one the validator accepts") {
    for (const auto& [name, label] : kLabels) CHECK_NOTHROW(symbolic::validate_latex_label(label));
}

TEST_CASE("an update of a label with a superscript or a prime braces the label") {
    const std::string md = render_markdown(worksheet_document(labelled_sheet(StyleChoice::Paths)));
    CHECK_THAT(md, Catch::Contains("{w^{(1)}}^{+} &= w^{(1)} - \\eta"));
    CHECK_THAT(md, Catch::Contains("{w_{1}^{2}}^{+} &="));
    CHECK_THAT(md, Catch::Contains("{\\alpha'}^{+} &="));
    CHECK_THAT(md, Catch::Contains("{x''}^{+} &="));
    CHECK_THAT(md, Catch::Contains("{\\beta^{(1)}}^{+} &="));
    // TeX unwraps a group holding one accent atom: an empty atom keeps it a group.
    CHECK_THAT(md, Catch::Contains("{\\hat{w}^{(2)}{}}^{+} &="));
    CHECK_THAT(md, !Catch::Contains("}^{(1)}^{+}"));
    CHECK_THAT(md, Catch::Contains("{w^{(1)}}^{2}"));          // λ p1² in E's definition
    CHECK_THAT(md, Catch::Contains("{\\hat{w}^{(2)}{}}^{3}"));  // λ p6³: an accent atom
    CHECK_THAT(md, Catch::Contains("\\right)_{y^{(1)}}"));  // the held-fixed subscript takes a label too
}

TEST_CASE("labels with superscripts and primes compile with an update, paths style") {
    check_compiles_with_pdflatex(render_latex(worksheet_document(labelled_sheet(StyleChoice::Paths))), "labels_paths");
}

TEST_CASE("labels with superscripts and primes compile with an update, deltas style") {
    check_compiles_with_pdflatex(render_latex(worksheet_document(labelled_sheet(StyleChoice::Deltas))), "labels_deltas");
}

}  // namespace label_superscript_test
