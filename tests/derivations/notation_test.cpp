// The worksheet's notation (issue 13): the derivative through the graph, ∂E/∂w, and a
// local partial that differs from it, (∂E/∂w)_y (the reads it holds fixed as a subscript),
// never share a symbol, in Markdown and in LaTeX, in the paths and the deltas style; no
// aligned row says "X = X"; a one-edge derivation reads as a sentence; the deltas style
// prints each δ once and one line per parameter; JSON counts are integers.
//
// Expected gradients are closed forms, evaluated here in long double:
//   weight decay  E = ½(wx − t)² + λw²      dE/dw = (wx − t)x + 2λw
//                 x = 1.5, t = 0.5, w = 0.2, λ = 0.02: (0.3 − 0.5)·1.5 + 2·0.02·0.2 = −0.292
//   f = d/x³, d = x − sin x                 df/dx = (1 − cos x)/x³ − 3(x − sin x)/x⁴
//   E = w·u + v, u = w², v = sin w          dE/dw = 3w² + cos w
//   E = w²                                  dE/dw = 2w = 0.6 at w = 0.3
//   neuron a = σ(Σ wᵢxᵢ + b), E = ½(a − t)²  dE/dwᵢ = (a − t)·a(1 − a)·xᵢ, dE/db = (a − t)·a(1 − a)
#include "chainrule.hpp"
#include "derivations/render_json.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"
#include "derivations/worksheet.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace notation_test {

using namespace chainrule;
using namespace chainrule::derivations;

namespace {

const std::string kDirectE_w = "\\left(\\frac{\\partial E}{\\partial w}\\right)_{";
const std::string kTotalE_w = "\\frac{\\partial E}{\\partial w}";

Worksheet weight_decay(StyleChoice style = StyleChoice::Auto) {
    Tape<Real> t;
    auto x = t.constant(Real("1.5"), "x");
    auto target = t.constant(Real("0.5"), "t");
    auto w = t.variable(Real("0.2"), "w");
    auto lambda = t.constant(Real("0.02"), "lambda");
    auto y = (w * x).named("y");
    auto E = (Real("0.5") * pow(y - target, 2) + lambda * pow(w, 2)).named("E");
    WorksheetOptions o;
    o.style = style;
    o.learning_rate = Real("0.1");
    return make_worksheet(t, E, o);
}

Worksheet d_over_x_cubed(StyleChoice style = StyleChoice::Auto) {
    Tape<Real> t;
    auto x = t.variable(Real("0.5"), "x");
    auto d = (x - sin(x)).named("d");
    auto f = (d / pow(x, 3)).named("f");
    WorksheetOptions o;
    o.style = style;
    return make_worksheet(t, f, o);
}

// E reads w directly, through u and through v.
Worksheet three_routes(StyleChoice style = StyleChoice::Auto) {
    Tape<Real> t;
    auto w = t.variable(Real("0.7"), "w");
    auto u = pow(w, 2).named("u");
    auto v = sin(w).named("v");
    auto E = (w * u + v).named("E");
    WorksheetOptions o;
    o.style = style;
    return make_worksheet(t, E, o);
}

Worksheet one_edge(StyleChoice style = StyleChoice::Auto) {
    Tape<Real> t;
    auto w = t.variable(Real("0.3"), "w");
    auto E = pow(w, 2).named("E");
    WorksheetOptions o;
    o.style = style;
    return make_worksheet(t, E, o);
}

double as_double(const Real& x) { return x.convert_to<double>(); }

// ---- the aligned rows of a rendered sheet -------------------------------------------

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// rhs split at its top-level " = " (not inside braces): "a = b = c" → a, b, c.
std::vector<std::string> split_equals(const std::string& rhs) {
    std::vector<std::string> out;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < rhs.size(); ++i) {
        if (rhs[i] == '{') ++depth;
        if (rhs[i] == '}') --depth;
        if (depth == 0 && rhs.compare(i, 3, " = ") == 0) {
            out.push_back(trim(rhs.substr(start, i - start)));
            start = i + 3;
        }
    }
    out.push_back(trim(rhs.substr(start)));
    return out;
}

// Each equation chain "lhs = m₁ = m₂ …" of the aligned blocks of a rendered worksheet
// (Markdown's aligned, LaTeX's equation blocks): a row "lhs &= …" starts a chain, a row
// "&= …" continues it, a row "&\quad …" continues its last member.
std::vector<std::vector<std::string>> equation_chains(const std::string& doc) {
    std::vector<std::vector<std::string>> chains;
    std::istringstream in(doc);
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line.find("\\begin{aligned}") != std::string::npos || line.find("\\equationblock{") != std::string::npos ||
            line.find("\\begin{align*}") != std::string::npos) {
            inside = true;
            continue;
        }
        if (!inside) continue;
        if (line.find("\\end{aligned}") != std::string::npos || line.find("\\end{align*}") != std::string::npos || trim(line) == "}") {
            inside = false;
            continue;
        }
        if (line.size() >= 2 && line.compare(line.size() - 2, 2, "\\\\") == 0) line.resize(line.size() - 2);
        const auto eq = line.find("&=");
        if (eq != std::string::npos) {
            const std::string lhs = trim(line.substr(0, eq));
            std::vector<std::string> members = split_equals(line.substr(eq + 2));
            if (!lhs.empty() || chains.empty()) {
                members.insert(members.begin(), lhs);
                chains.push_back(members);
            } else {
                chains.back().insert(chains.back().end(), members.begin(), members.end());
            }
        } else if (const auto amp = line.find('&'); amp != std::string::npos && !chains.empty()) {
            std::vector<std::string> members = split_equals(line.substr(amp + 1));
            chains.back().back() += " " + members.front();
            chains.back().insert(chains.back().end(), members.begin() + 1, members.end());
        }
    }
    return chains;
}

// No chain says "X = X": neither two neighbours nor a member and the left side are equal.
void check_no_tautology(const std::string& doc, const std::string& format) {
    const auto chains = equation_chains(doc);
    REQUIRE(chains.size() >= 2);  // the parser found the equation blocks
    for (const auto& c : chains) {
        for (std::size_t k = 1; k < c.size(); ++k) {
            INFO(format << ": " << c[0] << " = … " << c[k]);
            CHECK(c[k] != c[k - 1]);
            CHECK(c[k] != c[0]);
        }
    }
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += what.size()) ++n;
    return n;
}

struct Rendered {
    std::string md, tex;
};

Rendered render(const Worksheet& w) {
    const Document doc = worksheet_document(w);
    return {render_markdown(doc), render_latex(doc)};
}

}  // namespace

TEST_CASE("held_fixed: the reads that depend on wrt, computed from the graph") {
    const Worksheet wd = weight_decay();
    const NamedGraph& g = wd.graph;
    CHECK(held_fixed_reads(g, g.at("E"), g.at("w")) == std::vector<std::size_t>{g.at("y")});
    CHECK(held_fixed_reads(g, g.at("E"), g.at("y")).empty());
    CHECK(held_fixed_reads(g, g.at("y"), g.at("w")).empty());
    const Worksheet tr = three_routes();
    const NamedGraph& h = tr.graph;
    CHECK(held_fixed_reads(h, h.at("E"), h.at("w")) == std::vector<std::size_t>{h.at("u"), h.at("v")});
    CHECK(held_fixed_reads(h, h.at("E"), h.at("u")).empty());
    CHECK(depends_on(h, h.at("E"), h.at("w")));
    CHECK(depends_on(h, h.at("u"), h.at("w")));
    CHECK_FALSE(depends_on(h, h.at("u"), h.at("v")));
    CHECK_FALSE(depends_on(h, h.at("w"), h.at("E")));
}

TEST_CASE("the gradients of the notation models are the closed forms") {
    const long double x = 0.5L, w3 = 0.7L;
    const long double dfdx = (1 - std::cos(x)) / (x * x * x) - 3 * (x - std::sin(x)) / (x * x * x * x);
    const long double dEdw3 = 3 * w3 * w3 + std::cos(w3);
    for (StyleChoice s : {StyleChoice::Paths, StyleChoice::Deltas}) {
        CHECK(std::abs(as_double(weight_decay(s).derivations[0].result) - (-0.292)) < 1e-15);
        CHECK(std::abs(as_double(d_over_x_cubed(s).derivations[0].result) - static_cast<double>(dfdx)) < 1e-15);
        CHECK(std::abs(as_double(three_routes(s).derivations[0].result) - static_cast<double>(dEdw3)) < 1e-15);
        CHECK(std::abs(as_double(one_edge(s).derivations[0].result) - 0.6) < 1e-15);
    }
}

TEST_CASE("the derivative through the graph and a direct partial never print alike, in Markdown and LaTeX") {
    struct Case {
        const char* name;
        Worksheet (*make)(StyleChoice);
        std::string direct;  // the direct partial as the sheet must write it; empty: none
        std::string total;   // the gradient's symbol
    };
    const std::vector<Case> cases = {
        {"weight decay", weight_decay, kDirectE_w + "y}", kTotalE_w},
        {"d/x^3", d_over_x_cubed, "\\left(\\frac{\\partial f}{\\partial x}\\right)_{d}", "\\frac{\\partial f}{\\partial x}"},
        {"three routes", three_routes, kDirectE_w + "u, v}", kTotalE_w},
        {"one edge", one_edge, "", kTotalE_w},
    };
    for (const Case& c : cases)
        for (StyleChoice s : {StyleChoice::Paths, StyleChoice::Deltas, StyleChoice::Both}) {
            const Rendered r = render(c.make(s));
            for (const auto& [format, doc] : {std::pair{"md", &r.md}, std::pair{"tex", &r.tex}}) {
                INFO(c.name << ", style " << static_cast<int>(s) << ", " << format);
                check_no_tautology(*doc, format);
                CHECK_THAT(*doc, Catch::Contains(c.total));
                if (c.direct.empty()) {
                    CHECK_THAT(*doc, !Catch::Contains("\\right)_{"));  // no local partial needs a subscript
                    continue;
                }
                // The direct partial appears with its subscript: in the chain rule and with its formula.
                CHECK(count(*doc, c.direct) >= 2);
                // Every \left(∂E/∂w\right) is the subscripted one: the bare symbol is the total only.
                const std::string bare = "\\left(" + c.total + "\\right)";
                CHECK(count(*doc, bare) == count(*doc, c.direct));
                CHECK_THAT(*doc, Catch::Contains("thermodynamics"));  // the notation is stated on the sheet
            }
        }
}

TEST_CASE("the weight-decay sheet: the chain rule, the direct partial's formula and the total, each once") {
    const Rendered r = render(weight_decay(StyleChoice::Paths));
    const std::string direct = kDirectE_w + "y}";
    CHECK_THAT(r.md, Catch::Contains(kTotalE_w + " &= " + direct));  // ∂E/∂w = (∂E/∂w)_y + …
    CHECK_THAT(r.md, Catch::Contains(direct + " &= 2 \\lambda w = 2 \\cdot 0.02 \\cdot 0.2 = 0.008"));
    CHECK_THAT(r.md, Catch::Contains("= -0.292"));
    CHECK_THAT(r.md, Catch::Contains("w^{+} &= w - \\eta " + kTotalE_w + " = 0.2 - 0.1 \\cdot \\left(-0.292\\right) = 0.2292"));
    CHECK_THAT(r.md, Catch::Contains("| $\\partial E/\\partial w = -0.292$ |"));  // the summary: the total (slash form in a table cell)
}

TEST_CASE("the seed-style sheet keeps ∂E/∂w for the gradient and needs no subscript") {
    // A chain without a second route: every local partial equals the derivative through
    // the graph, and the sheet reads as students know it.
    Tape<Real> t;
    auto x = t.constant(Real("0.1"), "x");
    auto w5 = t.variable(Real("0.5"), "w5");
    auto out = sigmoid(w5 * x).named("out");
    auto E = (Real("0.5") * pow(Real("0.01") - out, 2)).named("E");
    const Rendered r = render(make_worksheet(t, E));
    for (const std::string* doc : {&r.md, &r.tex}) {
        CHECK_THAT(*doc, Catch::Contains("\\frac{\\partial E}{\\partial w_{5}} &= \\frac{\\partial E}{\\partial \\mathrm{out}} \\cdot"));
        CHECK_THAT(*doc, !Catch::Contains("\\right)_{"));
        CHECK_THAT(*doc, Catch::Contains("Chain rule along the one path from"));
        CHECK_THAT(*doc, !Catch::Contains("1 path"));
    }
}

TEST_CASE("a one-edge derivation is a sentence and one line, in both styles") {
    for (StyleChoice s : {StyleChoice::Paths, StyleChoice::Deltas}) {
        const Rendered r = render(one_edge(s));
        INFO("style " << static_cast<int>(s));
        CHECK_THAT(r.md, !Catch::Contains("over the 1 path"));
        CHECK_THAT(r.md, Catch::Contains(kTotalE_w + " &= 2 w = 2 \\cdot 0.3 = 0.6"));
        CHECK(count(r.md, "&= 2 w") == 1);
        if (s == StyleChoice::Paths) CHECK_THAT(r.md, Catch::Contains("reads $w$ directly and through no other node"));
    }
    // E = E_1 + E_2 with E_2 free of w: the merged path says through which node.
    Tape<Real> t;
    auto w = t.variable(Real("2"), "w");
    auto c = t.constant(Real("3"), "c");
    auto E1 = (Real("3") * w).named("E_1");
    auto E2 = pow(c, 2).named("E_2");
    auto E = (E1 + E2).named("E");
    const std::string md = render_markdown(worksheet_document(make_worksheet(t, E)));
    CHECK_THAT(md, Catch::Contains("depends on $w$ only through $E_{1}$"));
    CHECK_THAT(md, Catch::Contains(kTotalE_w + " &= \\frac{\\partial E_{1}}{\\partial w} = 3"));
}

TEST_CASE("deltas style: the δ table once, then one line per parameter") {
    Tape<Real> t;
    const std::vector<std::string> xs = {"0.5", "-1.2", "2", "0.25"}, ws = {"0.1", "0.2", "-0.3", "0.4"};
    Var<Real> z = t.variable(Real("0.05"), "b");
    for (std::size_t i = 0; i < xs.size(); ++i)
        z = z + t.variable(Real(ws[i]), "w" + std::to_string(i + 1)) * t.constant(Real(xs[i]), "x" + std::to_string(i + 1));
    z = z.named("z");
    auto a = sigmoid(z).named("a");
    auto E = (Real("0.5") * pow(a - t.constant(Real("1"), "t"), 2)).named("E");
    WorksheetOptions o;
    o.style = StyleChoice::Deltas;
    const Worksheet w = make_worksheet(t, E, o);
    REQUIRE(w.derivations.size() == 5);

    long double zv = 0.05L;
    for (std::size_t i = 0; i < xs.size(); ++i) zv += std::stold(ws[i]) * std::stold(xs[i]);
    const long double av = 1 / (1 + std::exp(-zv)), delta_z = (av - 1) * av * (1 - av);
    for (const GradientDerivation& d : w.derivations) {
        const std::string& name = w.graph.nodes[d.wrt].name;
        const long double x = name == "b" ? 1.0L : std::stold(xs[std::stoul(name.substr(1)) - 1]);
        CHECK(std::abs(as_double(d.result) - static_cast<double>(delta_z * x)) < 1e-15);
    }

    const Rendered r = render(w);
    for (const std::string* doc : {&r.md, &r.tex}) {
        CHECK(count(*doc, "\\delta_{a} &=") == 1);  // each δ once, not once per parameter
        CHECK(count(*doc, "\\delta_{z} &=") == 1);
        for (const char* p : {"w_{1}", "w_{2}", "w_{3}", "w_{4}", "b"}) {
            const std::string lhs = "\\frac{\\partial E}{\\partial " + std::string(p) + "} &= \\delta_{z} \\cdot \\frac{\\partial z}{\\partial " + p + "}";
            CHECK(count(*doc, lhs) == 1);
        }
        CHECK(count(*doc, "Cross-check") == 1);
    }
    check_no_tautology(r.md, "md");
    check_no_tautology(r.tex, "tex");
}

TEST_CASE("JSON: counts are integers and each partial says what it holds fixed") {
    const nlohmann::json j = nlohmann::json::parse(render_json(weight_decay(StyleChoice::Paths)));
    const auto& d = j["derivations"][0];
    CHECK(d["path_count"].is_number_integer());
    CHECK(d["path_count"] == 2);
    CHECK(j["digits"].is_number_integer());
    bool direct = false;
    for (const auto& p : d["paths"])
        for (const auto& f : p["factors"]) {
            CHECK(f["held_fixed"].is_array());
            if (f["of"] == "E" && f["wrt"] == "w") {
                direct = true;
                CHECK(f["held_fixed"] == nlohmann::json::array({"y"}));
            } else {
                CHECK(f["held_fixed"].empty());
            }
        }
    CHECK(direct);
    const std::string text = render_json(one_edge());
    CHECK_THAT(text, Catch::Contains("\"path_count\": 1,"));
    CHECK_THAT(text, !Catch::Contains("\"path_count\": 1.0"));
    const nlohmann::json deltas = nlohmann::json::parse(render_json(three_routes(StyleChoice::Deltas)));
    CHECK(deltas["derivations"][0]["path_count"] == 3);
    for (const auto& step : deltas["derivations"][0]["deltas"])
        for (const auto& term : step["terms"])
            if (term["consumer"] == "E" && step["node"] == "w") CHECK(term["partial"]["held_fixed"] == nlohmann::json::array({"u", "v"}));
}

}  // namespace notation_test
