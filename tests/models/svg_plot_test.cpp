// The SVG pictures read as XML-ish text: element counts, the coordinate mapping of
// svg_plot.hpp, and escaping of user text.
#include "models/errors.hpp"
#include "models/svg_plot.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace svg_plot_test {

using namespace chainrule::models;
using Catch::Matchers::Contains;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// The value of attribute `name` of the first element starting with `element`.
std::string attribute(const std::string& svg, const std::string& element, const std::string& name) {
    const std::size_t at = svg.find(element);
    REQUIRE(at != std::string::npos);
    const std::size_t end = svg.find('>', at);
    const std::string tag = svg.substr(at, end - at);
    const std::size_t v = tag.find(" " + name + "=\"");
    REQUIRE(v != std::string::npos);
    const std::size_t from = v + name.size() + 3;
    return tag.substr(from, tag.find('"', from) - from);
}

void check_well_formed(const std::string& svg) {
    CHECK(count(svg, "<svg ") == 1);
    CHECK(count(svg, "</svg>") == 1);
    CHECK(count(svg, "<text ") == count(svg, "</text>"));
    CHECK(count(svg, "<") == count(svg, ">"));  // no unescaped angle bracket in text
}

}  // namespace

TEST_CASE("xml_escape: the five entities, control characters dropped") {
    CHECK(xml_escape("a<b & \"c\" 'd' >\x01\tok") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;\tok");
}

TEST_CASE("loss curve: one polyline per series, a legend, coordinates mapped onto the plot area") {
    const Series s[] = {{"eta = 1 <osc>", {0, 1, 2}, {4, 2, 0}}, {"eta = 0.1 & slow", {0, 2}, {1, 1}}};
    PlotOptions o;
    o.title = "Learning rates <script>alert(1)</script>";
    const std::string svg = loss_curve_svg(s, o);
    check_well_formed(svg);
    CHECK(count(svg, "<polyline") == 2);
    CHECK(count(svg, "<text class=\"legend\"") == 2);
    CHECK(count(svg, "<line class=\"legend\"") == 2);
    // x ∈ [0, 2] → [70, 620]; y ∈ [0, 4] → [370, 40] (640×420, margins 70/20/40/50)
    CHECK(attribute(svg, "<polyline", "points") == "70,40 345,205 620,370");
    CHECK_THAT(svg, Contains("eta = 1 &lt;osc&gt;") && Contains("eta = 0.1 &amp; slow"));
    CHECK_THAT(svg, Contains("Learning rates &lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK_FALSE(svg.find("<script") != std::string::npos);
}

TEST_CASE("loss curve: log scale leaves out points <= 0, a single unlabelled series has no legend") {
    const Series s[] = {{"", {0, 1, 2, 3}, {100, 10, 1, 0}}};
    PlotOptions o;
    o.log_y = true;
    const std::string svg = loss_curve_svg(s, o);
    // log₁₀ y = 2, 1, 0 at x = 0, 1, 2 (the point at x = 3 is left out, also from the x range)
    CHECK(attribute(svg, "<polyline", "points") == "70,40 345,205 620,370");
    CHECK(count(svg, "class=\"legend\"") == 0);
    CHECK_THAT(svg, Contains(">1e2</text>"));
}

TEST_CASE("loss curve: mismatched or empty data is an error") {
    const Series bad[] = {{"a", {0, 1}, {1}}};
    CHECK_THROWS_WITH(loss_curve_svg(bad), Contains("2 x values and 1 y values"));
    const Series none[] = {{"a", {0}, {std::nan("")}}};
    CHECK_THROWS_WITH(loss_curve_svg(none), Contains("no finite point"));
}

TEST_CASE("contour path: contour lines per level, the path and its iterates over them") {
    const auto J = [](double x, double y) { return x * x + std::sin(y) * std::sin(y); };
    const Point2 path[] = {{3, 1}, {2.4, 0.909070257317}, {1.92, 0.812113651082}};
    ContourPlotOptions o;
    o.box = {-1, 4, -1, 2};
    o.levels = {0.5, 1, 2, 4};
    o.plot.title = "x^2 + sin^2(y) & friends";
    const std::string svg = contour_path_svg(J, path, o);
    check_well_formed(svg);
    CHECK(count(svg, "<path class=\"contour\"") == 4);
    CHECK(count(svg, "<circle") == 3);
    CHECK(count(svg, "class=\"start\"") == 1);
    // (3, 1) → (70 + 4/5·550, 40 + 1/3·330) = (510, 150)
    CHECK(attribute(svg, "<polyline class=\"path\"", "points").rfind("510,150 ", 0) == 0);
    CHECK(attribute(svg, "<circle class=\"start\"", "cx") == "510");
    CHECK_THAT(svg, Contains("x^2 + sin^2(y) &amp; friends"));
    // every contour vertex lies in the plot area [70, 620] × [40, 370]
    const std::string d = attribute(svg, "<path class=\"contour\"", "d");
    const std::regex pair("([-0-9.e]+),([-0-9.e]+)");
    std::size_t vertices = 0;
    for (auto it = std::sregex_iterator(d.begin(), d.end(), pair); it != std::sregex_iterator(); ++it, ++vertices) {
        const double px = std::stod((*it)[1]), py = std::stod((*it)[2]);
        CHECK((px >= 70 && px <= 620 && py >= 40 && py <= 370));
    }
    CHECK(vertices > 10);
}

TEST_CASE("contour path: automatic box and quantile levels, an empty path is an error") {
    const auto J = [](double x, double y) { return x * x + y * y; };
    const Point2 path[] = {{1, 1}};
    const std::string svg = contour_path_svg(J, path);
    CHECK(count(svg, "<path class=\"contour\"") == 12);
    CHECK(attribute(svg, "<circle class=\"start\"", "cx") == "345");  // the box is centred on the point
    CHECK_THROWS_AS(contour_path_svg(J, {}), ModelError);
}

TEST_CASE("axes: ticks at round values (1, 2 or 5 times a power of ten) inside the data range") {
    const Series s[] = {{"", {-0.9, 4}, {0.003, 0.015}}};
    const std::string svg = loss_curve_svg(s);
    std::vector<std::string> labels;
    const std::regex tick("<text class=\"tick\"[^>]*>([^<]*)</text>");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tick); it != std::sregex_iterator(); ++it)
        labels.push_back((*it)[1]);
    // x: range 4.9, rough step 4.9/4 = 1.225 → 1: 0 … 4; y: range 0.012, rough 0.003 → 0.002: 0.004 … 0.014
    CHECK(labels == std::vector<std::string>{"0", "1", "2", "3", "4", "0.004", "0.006", "0.008", "0.01", "0.012",
                                             "0.014"});
}

}  // namespace svg_plot_test
