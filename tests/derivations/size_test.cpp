// Worksheets at size (issue 11, "Size"): a chain of thousands of named nodes and a sum of
// a hundred thousand terms give the right derivation — each gradient against a closed
// form computed independently here (forward-mode recurrences in long double), not only
// against the reverse mode of the same tape. Only behaviour is checked; the times are
// bench/bench_worksheet_size's.
#include "chainrule.hpp"
#include "derivations/render_dot.hpp"
#include "derivations/render_markdown.hpp"
#include "derivations/worksheet.hpp"
#include "symbolic/text_printer.hpp"

#include <catch2/catch.hpp>

#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace size_test {

using namespace chainrule;
using namespace chainrule::derivations;

namespace {

const GradientDerivation& derivation_of(const Worksheet& w, std::string_view name) {
    for (const auto& d : w.derivations)
        if (w.graph.nodes[d.wrt].name == name) return d;
    FAIL("no derivation for " << name);
    throw;
}

double as_double(const Real& x) { return static_cast<double>(x); }

bool close(double a, long double b) { return std::fabs(a - static_cast<double>(b)) <= 1e-12 * std::fabs(b) + 1e-300; }

}  // namespace

TEST_CASE("a 5000-line chain h_k = tanh(w h_{k-1} + b): the worksheet's gradient is the closed form") {
    constexpr int n = 5000;
    const double x0 = 0.5, w0 = 0.9, b0 = 0.1;
    Tape<double> t;
    auto w = t.variable(w0, "w");
    auto b = t.variable(b0, "b");
    auto h = t.constant(x0, "x");
    for (int k = 1; k <= n; ++k) h = tanh(w * h + b).named("h" + std::to_string(k));
    auto E = (0.5 * h * h).named("E");

    // dh_k/dw = (1 − h_k²)(h_{k−1} + w dh_{k−1}/dw), dh_k/db = (1 − h_k²)(w dh_{k−1}/db + 1).
    long double hv = x0, dw = 0, db = 0;
    for (int k = 1; k <= n; ++k) {
        const long double next = std::tanh(static_cast<long double>(w0) * hv + b0), s = 1 - next * next;
        dw = s * (hv + w0 * dw);
        db = s * (w0 * db + 1);
        hv = next;
    }

    const Worksheet ws = make_worksheet(t, E);  // both params: over 64 paths, deltas style
    REQUIRE(ws.graph.nodes.size() == n + 4);
    const GradientDerivation& dw_ = derivation_of(ws, "w");
    const GradientDerivation& db_ = derivation_of(ws, "b");
    CHECK(dw_.style == ChainStyle::Deltas);
    CHECK(dw_.deltas.size() == n + 2);  // E, h_n … h_1, w
    CHECK(close(as_double(dw_.result), hv * dw));
    CHECK(close(as_double(db_.result), hv * db));
    CHECK(agrees_with_reverse_mode(dw_, 10));
    CHECK(agrees_with_reverse_mode(db_, 10));
    // One local partial of the middle, in terms of named nodes: ∂h_k/∂h_{k−1} = (1 − h_k²) w.
    const LocalPartial p = local_partial(ws.graph, ws.graph.at("h2500"), ws.graph.at("h2499"));
    CHECK(symbolic::to_text(p.formula) == "(1 - h2500^2)*w");

    const std::string md = render_markdown(worksheet_document(ws));
    CHECK(md.find("\\delta_{h_{1}}") != std::string::npos);
    const std::string dot = render_dot(ws);
    CHECK(dot.find("n" + std::to_string(ws.graph.at("h4999")) + " -> n" + std::to_string(ws.graph.at("h5000"))) !=
          std::string::npos);
}

TEST_CASE("a chain with one param per line: the paths style's single path has a factor per line") {
    constexpr int n = 2000;
    Tape<double> t;
    auto b = t.variable(0.1, "b");
    auto h = t.constant(0.5, "x");
    std::vector<double> ws_(n + 1);
    Var<double> w1;
    for (int k = 1; k <= n; ++k) {
        ws_[k] = 0.5 + (k % 7) / 100.0;
        auto wk = t.variable(ws_[k], "w" + std::to_string(k));
        if (k == 1) w1 = wk;
        h = tanh(wk * h + b).named("h" + std::to_string(k));
    }
    auto E = (0.5 * h * h).named("E");
    WorksheetOptions o;
    o.wrt = {"w1"};
    const Worksheet ws = make_worksheet(t, E, o);
    const GradientDerivation& d = derivation_of(ws, "w1");
    REQUIRE(d.style == ChainStyle::Paths);
    REQUIRE(d.paths.size() == 1);
    CHECK(d.paths[0].factors.size() == n + 1);  // ∂E/∂h_n, ∂h_n/∂h_{n−1}, …, ∂h_1/∂w1

    // dE/dw1 = h_n · Π_{k=2..n} (1 − h_k²) w_k · (1 − h_1²) x.
    std::vector<long double> hv(n + 1);
    hv[0] = 0.5;
    for (int k = 1; k <= n; ++k) hv[k] = std::tanh(static_cast<long double>(ws_[k]) * hv[k - 1] + 0.1L);
    long double g = hv[n] * (1 - hv[1] * hv[1]) * 0.5L;
    for (int k = 2; k <= n; ++k) g *= (1 - hv[k] * hv[k]) * ws_[k];
    CHECK(close(as_double(d.result), g));
}

TEST_CASE("a sum of 30000 products: one flat definition, ∂E/∂w_j = x_j") {
    constexpr int n = 30000;
    Tape<double> t;
    std::vector<Var<double>> w, x;
    for (int k = 1; k <= n; ++k) {
        w.push_back(t.variable(0.1 * (k % 9) + 0.1, "w" + std::to_string(k)));
        x.push_back(t.constant(0.1 * (k % 10) + 0.1, "x" + std::to_string(k)));
    }
    Var<double> s = w[0] * x[0];
    for (int k = 1; k < n; ++k) s = s + w[k] * x[k];  // unnamed partial sums, as a model records them
    auto E = s.named("E");
    WorksheetOptions o;
    o.wrt = {"w1", "w27777", "x5"};
    const Worksheet ws = make_worksheet(t, E, o);
    const symbolic::Expr& def = ws.graph.nodes[ws.graph.output].definition;
    REQUIRE(def.kind() == symbolic::Kind::sum);
    CHECK(def.operands().size() == n);
    CHECK(symbolic::to_text(def[n - 1]) == "w30000*x30000");
    for (const GradientDerivation& d : ws.derivations) {
        const std::string& name = ws.graph.nodes[d.wrt].name;
        const int k = std::stoi(name.substr(1));
        const double expected = name[0] == 'w' ? 0.1 * (k % 10) + 0.1 : 0.1 * (k % 9) + 0.1;
        CHECK(close(as_double(d.result), expected));
        REQUIRE(d.paths.size() == 1);
        CHECK(symbolic::to_text(d.paths[0].factors[0].partial.formula) == (name[0] == 'w' ? "x" : "w") + name.substr(1));
    }
}

TEST_CASE("a sum of 10000 squares: ∂E/∂w_j = 2 w_j x_j², every param derived") {
    constexpr int n = 10000;
    Tape<double> t;
    Var<double> s;
    for (int k = 1; k <= n; ++k) {
        auto wk = t.variable(0.1 * (k % 9) + 0.1, "w" + std::to_string(k));
        auto xk = t.constant(0.1 * (k % 10) + 0.1, "x" + std::to_string(k));
        auto term = (wk * xk) * (wk * xk);
        s = k == 1 ? term : s + term;
    }
    auto E = s.named("E");
    const Worksheet ws = make_worksheet(t, E);
    REQUIRE(ws.derivations.size() == n);
    for (int k : {1, 2, 9999, 10000}) {
        const GradientDerivation& d = derivation_of(ws, "w" + std::to_string(k));
        const long double wv = 0.1L * (k % 9) + 0.1L, xv = 0.1L * (k % 10) + 0.1L;
        CHECK(std::fabs(as_double(d.result) - static_cast<double>(2 * wv * xv * xv)) < 1e-12);
        CHECK(agrees_with_reverse_mode(d, 10));
    }
}

TEST_CASE("one expression of 100000 terms x + x + … + x: ∂E/∂x = 100000") {
    constexpr int n = 100000;
    Tape<double> t;
    auto x = t.variable(0.5, "x");
    Var<double> s = x;
    for (int k = 1; k < n; ++k) s = s + x;
    const Worksheet ws = make_worksheet(t, s.named("E"));
    REQUIRE(ws.graph.nodes.size() == 2);
    CHECK(ws.graph.nodes[1].definition.operands().size() == n);
    const GradientDerivation& d = derivation_of(ws, "x");
    CHECK(symbolic::to_text(d.paths.at(0).factors.at(0).partial.formula) == "100000");
    CHECK(close(as_double(d.result), n));
    CHECK(as_double(ws.graph.nodes[1].value) == 50000);
}

TEST_CASE("a long chain of unit factors: every edge is a factor or merged into one") {
    // E = h_n, h_k = h_{k−1} + c_k: every ∂h_k/∂h_{k−1} is 1 on a chain that cannot branch.
    constexpr int n = 10000;
    Tape<double> t;
    auto p = t.variable(2.0, "p");
    auto h = (p * p).named("h0");
    for (int k = 1; k <= n; ++k) h = (h + t.constant(1.0, "c" + std::to_string(k))).named("h" + std::to_string(k));
    const Worksheet ws = make_worksheet(t, h);
    const GradientDerivation& d = derivation_of(ws, "p");
    REQUIRE(d.paths.size() == 1);
    std::size_t edges = 0;  // every edge of the path is a factor or passed through by one
    for (const PathFactor& f : d.paths[0].factors) edges += 1 + f.through.size();
    CHECK(edges == n + 1);
    CHECK(d.paths[0].factors.size() < n + 1);
    CHECK(close(as_double(d.result), 4.0L));
}

}  // namespace size_test
