// The renderers: Markdown and LaTeX layout and escaping, a pdflatex compile of the seed
// worksheet (when pdflatex is installed), the JSON schema, and DOT.
#include "seed_worksheet.hpp"
#include "derivations/render_dot.hpp"
#include "derivations/render_json.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"
#include "derivations/worksheet.hpp"

#include "pdflatex_check.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace renderers_test {

using namespace chainrule;
using namespace chainrule::derivations;

namespace {

Worksheet seed_sheet() {
    WorksheetOptions o;
    o.wrt = {"w5", "w1"};
    o.learning_rate = Real("0.5");
    o.labels["b_h"] = "b_{1}";
    return seed_worksheet::seed_sheet(o);
}

}  // namespace

TEST_CASE("user text is escaped in Markdown and LaTeX") {
    Document doc;
    doc.title = "Title with $ and \\input{x} and 50%";
    doc.blocks.push_back(Paragraph{text("a_b *c* #d {e} \\write18")});
    const std::string tex = render_latex(doc);
    CHECK_THAT(tex, !Catch::Contains("\\input{x}"));
    CHECK_THAT(tex, !Catch::Contains("\\write18"));
    CHECK_THAT(tex, Catch::Contains("\\textbackslash{}write18"));
    CHECK_THAT(tex, Catch::Contains("50\\%"));
    const std::string md = render_markdown(doc);
    CHECK_THAT(md, Catch::Contains("a\\_b \\*c\\* \\#d \\{e\\}"));
    CHECK_THAT(md, Catch::Contains("\\$"));
}

TEST_CASE("the seed worksheet as LaTeX: aligned equations, labels") {
    const std::string tex = render_latex(worksheet_document(seed_sheet()));
    CHECK_THAT(tex, Catch::Contains("\\begin{align*}"));
    CHECK_THAT(tex, Catch::Contains("b_{1}"));  // the label replaces b_h
}

TEST_CASE("dashes, infinity and primes reach LaTeX as themselves, not as '?'") {
    const std::string tex = render_latex(worksheet_document(seed_sheet()));
    CHECK_THAT(tex, Catch::Contains("\u2014 it agrees"));  // declared in the preamble as ---
    CHECK_THAT(tex, Catch::Contains("\\DeclareUnicodeCharacter{2014}{---}"));
    CHECK_THAT(tex, !Catch::Contains("? it agrees"));
    Document doc;
    doc.blocks.push_back(Paragraph{text("\u2013 \u221E \u2032")});
    CHECK_THAT(render_latex(doc), Catch::Contains("\u2013 \u221E \u2032"));
}

TEST_CASE("the seed worksheet as LaTeX compiles with pdflatex") {
    check_compiles_with_pdflatex(render_latex(worksheet_document(seed_sheet())), "seed");
}

TEST_CASE("JSON gives every step with formula, LaTeX and value") {
    const nlohmann::json j = nlohmann::json::parse(render_json(seed_sheet()));
    CHECK(j["output"] == "E");
    CHECK(j["digits"] == 10);
    const auto& d = j["derivations"][0];
    CHECK(d["wrt"] == "w5");
    CHECK(d["style"] == "paths");
    CHECK(d["result"]["digits"] == "0.08186670504");
    CHECK(std::abs(d["result"]["value"].get<double>() - 0.08186670503962587782) < 1e-17);
    CHECK(d["agrees_with_reverse_mode"] == true);
    const auto& f0 = d["paths"][0]["factors"][0];
    CHECK(f0["of"] == "E");
    CHECK(f0["wrt"] == "out_o1");
    CHECK(f0["through"][0] == "E_o1");
    CHECK(f0["formula"]["text"] == "-(o1 - out_o1)");
    CHECK(f0["value"]["digits"] == "0.7887314002");
    CHECK(d["after_update"]["digits"] == "0.4590666475");
    CHECK(j["derivations"][1]["result"]["digits"] == "0.001117873918");
    bool found = false;
    for (const auto& n : j["nodes"])
        if (n["name"] == "out_h2") {
            found = true;
            CHECK(n["value"]["digits"] == "0.6592603885");
            CHECK(n["definition"]["text"] == "sigmoid(in_h2)");
        }
    CHECK(found);
}

TEST_CASE("DOT shows named nodes with values and gradients, edges with local partials") {
    const std::string dot = render_dot(seed_sheet());
    CHECK_THAT(dot, Catch::StartsWith("digraph chainrule {"));
    CHECK_THAT(dot, Catch::Contains("out_o1\\n= 0.7987314002"));
    CHECK_THAT(dot, Catch::Contains("∂E/∂w5 = 0.08186670504"));
    CHECK_THAT(dot, Catch::Contains("[label=\"0.1607595505\"]"));  // out_o1 <- in_o1
}

}  // namespace renderers_test
