// The HTML renderer (render_html.hpp) and the links between an HTML worksheet's graph and
// its derivation (worksheet_html.hpp): escaping, folding sections, the factor marks, the
// derivation anchors, and the edges each node's paths and each derivative stand for —
// checked against the seed 001 network's wiring, written out by hand below.
#include "seed_worksheet.hpp"
#include "derivations/render_html.hpp"
#include "derivations/worksheet_html.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <set>

namespace render_html_test {

using namespace chainrule;
using namespace chainrule::derivations;
using Catch::Contains;
using Json = nlohmann::json;

namespace {

Worksheet seed_sheet() {
    WorksheetOptions o;
    o.wrt = {"w5", "w1"};
    return seed_worksheet::seed_sheet(o);
}

// The edges of a list of edge indices, as "lower->upper" by name.
std::set<std::string> named_edges(const Worksheet& w, const Json& edges) {
    std::set<std::string> out;
    for (const Json& e : edges) {
        const LocalPartial& p = w.edges.at(e.get<std::size_t>());
        out.insert(w.graph.nodes[p.wrt].name + "->" + w.graph.nodes[p.of].name);
    }
    return out;
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("html: user text is escaped in elements and attributes; control bytes are spelled out") {
    Document doc;
    doc.title = "<script>alert(1)</script> & \"q\" 'a'";
    doc.blocks.push_back(Paragraph{text("a < b > c\x1b[31m")});
    doc.blocks.push_back(Paragraph{Line{Math{"x < \"y\""}}});
    const std::string html = render_html(doc);
    CHECK_THAT(html, !Contains("<script>alert"));
    CHECK_THAT(html, Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"));
    CHECK_THAT(html, Contains("a &lt; b &gt; c\\x1b[31m"));
    CHECK_THAT(html, Contains("data-tex=\"x &lt; &quot;y&quot;\""));
    CHECK(escape_html("line\nbreak") == "line break");
}

TEST_CASE("html: level-2 sections fold; tables mark numeric columns; the data cannot end its script") {
    Document doc;
    doc.blocks.push_back(Paragraph{text("intro")});
    doc.blocks.push_back(Heading{2, text("One")});
    doc.blocks.push_back(Paragraph{});  // a blank line of the text layout: skipped
    Table table;
    table.header = {text("k"), text("v")};
    table.rows = {{text("a"), derivations::math("1.5")}};
    table.align = {Align::Left, Align::Right};
    doc.blocks.push_back(table);
    doc.blocks.push_back(Heading{2, text("Two")});
    doc.blocks.push_back(Equations{{{"a", "b"}, {"", "c"}}});
    HtmlPage page;
    page.data_json = R"({"x": "</script><b>"})";
    const std::string html = render_html(doc, page);
    CHECK(count(html, "<details open class=\"section\">") == 2);
    CHECK(count(html, "</details>") == 2);
    CHECK(html.find("<p>intro</p>") < html.find("<details"));
    CHECK(count(html, "<p></p>") == 0);
    CHECK_THAT(html, Contains("<td class=\"number\"><span class=\"math\" data-tex=\"1.5\">"));
    CHECK_THAT(html, Contains("\\begin{aligned} a &amp;= b \\\\  &amp;= c \\end{aligned}"));
    CHECK_THAT(html, Contains(R"({"x": "\u003c/script>\u003cb>"})"));
}

TEST_CASE("html links: w1's paths are the two paths of seed 001, w5's the one") {
    const Worksheet w = seed_sheet();
    const HtmlPage page = worksheet_links(w, worksheet_document(w));
    const Json data = Json::parse(page.data_json);
    const auto& nodes = w.graph.nodes;
    const auto node = [&](const std::string& name) {
        for (std::size_t i = 0; i < nodes.size(); ++i)
            if (nodes[i].name == name) return data["nodes"][i];
        FAIL("no node " << name);
        return Json();
    };
    CHECK(named_edges(w, node("w1")["paths"]) ==
          std::set<std::string>{"w1->in_h1", "in_h1->out_h1", "out_h1->in_o1", "out_h1->in_o2", "in_o1->out_o1",
                                "in_o2->out_o2", "out_o1->E_o1", "out_o2->E_o2", "E_o1->E", "E_o2->E"});
    CHECK(named_edges(w, node("w5")["paths"]) == std::set<std::string>{"w5->in_o1", "in_o1->out_o1", "out_o1->E_o1", "E_o1->E"});
    CHECK(node("E")["paths"].empty());
    CHECK(node("w5")["derivation"] == "d-w5");
    CHECK(node("w1")["derivation"] == "d-w1");
    CHECK(node("w2")["derivation"].is_null());
    CHECK(node("w5")["role"] == "variable");
    // The heading of each derivation is its anchor.
    CHECK(page.heading_ids.at("\\frac{\\partial E}{\\partial w_{5}}") == "d-w5");
    // A local partial is one edge, with its number as the sheet prints it; a derivative
    // through several nodes is every edge between them.
    const std::string local = "\\frac{\\partial \\mathrm{out}_{o_{1}}}{\\partial \\mathrm{in}_{o_{1}}}";
    const Json& factor = data["factors"][page.factor_ids.at(local)];
    REQUIRE(named_edges(w, factor["edges"]) == std::set<std::string>{"in_o1->out_o1"});
    CHECK(factor["tex"] == local + " = 0.1607595505");  // seed 001 reference: 0.16075955050647870726
    CHECK(data["edges"][factor["edges"][0].get<std::size_t>()]["tex"] == factor["tex"]);
    const Json& through = data["factors"][page.factor_ids.at("\\frac{\\partial E}{\\partial \\mathrm{out}_{o_{1}}}")];
    CHECK(named_edges(w, through["edges"]) == std::set<std::string>{"out_o1->E_o1", "E_o1->E"});
    CHECK(through["note"] == "through the graph: the product along the path lit in it");
    // ∂E/∂w1 through the graph: its value (reference 0.00111787391776567898) and its 2 paths.
    const Json& dw1 = data["factors"][page.factor_ids.at("\\frac{\\partial E}{\\partial w_{1}}")];
    CHECK(dw1["tex"] == "\\frac{\\partial E}{\\partial w_{1}} = 0.001117873918");
    CHECK(dw1["note"] == "through the graph: the sum over the 2 paths lit in it");
}

TEST_CASE("html links: factors are marked in the page, the longest form first") {
    // E reads y and w, and y reads w: ∂E/∂w held y fixed is one edge, ∂E/∂w through the graph two paths.
    Tape<Real> t;
    auto x = t.constant(Real("1.5"), "x");
    auto w = t.variable(Real("0.2"), "w");
    auto y = (w * x).named("y");
    auto E = (Real("0.5") * pow(y, 2) + Real("0.02") * pow(w, 2)).named("E");
    const Worksheet ws = make_worksheet(t, E);
    const Document doc = worksheet_document(ws);
    HtmlPage page = worksheet_links(ws, doc);
    const Json data = Json::parse(page.data_json);
    const std::string held = "\\left(\\frac{\\partial E}{\\partial w}\\right)", total = "\\frac{\\partial E}{\\partial w}";
    REQUIRE(page.factor_ids.count(held) == 1);
    CHECK(named_edges(ws, data["factors"][page.factor_ids.at(held)]["edges"]) == std::set<std::string>{"w->E"});
    // (∂E/∂w)_y = λ·2w = 0.02·2·0.2 = 0.008, named as the held-fixed local partial it is.
    CHECK(data["factors"][page.factor_ids.at(held)]["tex"] == held + "_{y} = 0.008");
    CHECK(named_edges(ws, data["factors"][page.factor_ids.at(total)]["edges"]) == std::set<std::string>{"w->E", "w->y", "y->E"});
    const std::string html = render_html(doc, page);
    CHECK_THAT(html, Contains("\\htmlData{factor=" + page.factor_ids.at(held) + "}{\\left(\\frac{\\partial E}{\\partial w}\\right)}_{"));
    CHECK_THAT(html, Contains("\\htmlData{factor=" + page.factor_ids.at(total) + "}{\\frac{\\partial E}{\\partial w}}"));
    CHECK_THAT(html, Contains("<h2 id=\"d-w\">"));
    CHECK(count(html, "id=\"d-w\"") == 1);
}

TEST_CASE("html links: a label with \\partial and fractions that are not derivatives are read safely") {
    // y's label is \partial q: the notation table writes E = \frac{\partial q}{2}, a fraction
    // whose top is "\partial …" but whose bottom is not: no factor, and no read past its end.
    Tape<Real> t;
    auto w = t.variable(Real("0.5"), "w");
    auto y = (w * w).named("y");
    auto E = (y / Real(2)).named("E");
    WorksheetOptions o;
    o.labels["y"] = "\\partial q";
    const Worksheet ws = make_worksheet(t, E, o);
    const Document doc = worksheet_document(ws);
    HtmlPage page;
    REQUIRE_NOTHROW(page = worksheet_links(ws, doc));
    for (const auto& [key, id] : page.factor_ids) CHECK_THAT(key, Contains("\\partial"));
    const Json data = Json::parse(page.data_json);
    // ∂E/∂w through y: the two edges w→y and y→E.
    CHECK(named_edges(ws, data["factors"][page.factor_ids.at("\\frac{\\partial E}{\\partial w}")]["edges"]) ==
          std::set<std::string>{"w->y", "y->E"});
    CHECK_NOTHROW(render_html(doc, page));
}

TEST_CASE("html links: a graph too large to draw has no edge lists, so its data grows linearly") {
    // x_k = x_{k-1} + w·x_{k-1}, 210 named nodes: more than kMaxGraphNodes.
    Tape<Real> t;
    auto w = t.variable(Real("0.01"), "w");
    auto x = t.constant(Real("0.5"), "x0");
    for (int k = 1; k <= 208; ++k) x = (x + w * x).named("x" + std::to_string(k));
    const Worksheet ws = make_worksheet(t, x);
    REQUIRE_FALSE(graph_is_drawn(ws));
    const Document doc = worksheet_document(ws);
    const HtmlPage page = worksheet_links(ws, doc);
    const Json data = Json::parse(page.data_json);
    for (const Json& n : data["nodes"]) CHECK(n["paths"].empty());
    REQUIRE_FALSE(page.factor_ids.empty());
    for (const auto& [key, id] : page.factor_ids) {
        CHECK(data["factors"][id]["edges"].empty());
        CHECK_FALSE(data["factors"][id]["tex"].get<std::string>().empty());  // the tooltip stays
    }
    CHECK(page.data_json.size() < 100 * ws.graph.nodes.size() + 100 * page.factor_ids.size() + 200 * ws.edges.size());
}

}  // namespace render_html_test
