// grad, diff and descend as library calls, against independent references: closed forms
// (sin(1)² + 9, x_k = 3·0.8^k) and the seed 004 tables.
#include "precision/number_format.hpp"
#include "lang/calculus.hpp"
#include "lang/parser.hpp"
#include "symbolic/evaluate.hpp"
#include "symbolic/text_printer.hpp"

#include "calculus_support.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace calculus_test {

using namespace chainrule;
using namespace chainrule::lang;
using namespace chainrule::lang::test_support;
using chainrule::format_number;

namespace {

Descent descent(const std::string& expression, const std::string& from, const char* lr, const std::string& until,
                std::size_t max_steps = 100) {
    const Source s{"expression", expression};
    DescentOptions o{{.learning_rate = Real(lr)}, std::nullopt, max_steps};
    if (!until.empty()) o.until = parse_condition(Source{"--until", until});
    return descend(parse_expression(s), s, point(from), o);
}

std::string d(const std::string& expression, const char* wrt) {
    const Source s{"expression", expression};
    return symbolic::to_text(derivative(parse_expression(s), s, wrt));
}

}  // namespace

TEST_CASE("grad of x^2 + sin(y)^2 at (3, 1)") {
    const Gradient g = gradient("x^2 + sin(y)^2", "x=3, y=1");
    using boost::multiprecision::sin;
    CHECK(boost::multiprecision::abs(g.value - (9 + sin(Real(1)) * sin(Real(1)))) < Real("1e-45"));
    CHECK(format_number(g.value, 10) == "9.708073418");
    CHECK(g.partials[0] == 6);
    CHECK(format_number(g.partials[1], 10) == "0.9092974268");  // sin 2
    CHECK(boost::multiprecision::abs(g.partials[1] - sin(Real(2))) < Real("1e-45"));
}

TEST_CASE("grad: a variable the expression does not use has partial 0; no variables at all") {
    const Gradient g = gradient("x*x", "x=2, unused=5");
    CHECK(g.partials == std::vector<Real>{Real(4), Real(0)});
    const Gradient c = gradient("2^10", "");
    CHECK(c.value == 1024);
    CHECK(c.partials.empty());
}

TEST_CASE("grad: errors name the place") {
    try {
        gradient("x + zz", "x=1");
        FAIL("no error");
    } catch (const LangError& e) {
        CHECK(e.first_line() == "expression:1:5: error: unknown name 'zz'; expected a variable given a value in --at (x)");
    }
    try {
        point("x=1, y=2, x=3");
        FAIL("no error");
    } catch (const LangError& e) {
        CHECK(e.first_line() == "--at:1:11: error: 'x' is given twice");
    }
    CHECK_THROWS_WITH(gradient("sqrt(x)", "x=-1"), Catch::Contains("the value is undefined at x = -1"));
    // An infinite derivative is a result (issue 11), named by the op that makes it.
    const Gradient at0 = gradient("sqrt(x)", "x=0");
    CHECK(boost::multiprecision::isinf(at0.partials.at(0)));
    CHECK(at0.singular == "sqrt' at 0");
}

TEST_CASE("diff: the simplified derivative, every name a symbol") {
    CHECK(d("x^2*sin(x)", "x") == "2*x*sin(x) + x^2*cos(x)");
    CHECK(d("sigmoid(w*x + b)", "b") == "sigmoid(w*x + b)*(1 - sigmoid(w*x + b))");
    CHECK(d("1/2*(t - y)^2", "y") == "-(t - y)");
    CHECK(d("tg(x)", "x") == "1 + tan(x)^2");
    CHECK(d("a*x", "z") == "0");
    CHECK_THROWS_WITH(d("x", "2x"), Catch::Contains("is not a name"));
}

TEST_CASE("descend x^2 from 1.2 with rate 0.3 until J < 0.01: the seed 004 table") {
    const Descent run = descent("x^2", "x=1.2", "0.3", "J < 0.01");
    CHECK(run.reached);
    REQUIRE(run.steps.size() == 4);
    const char* x[] = {"1.2", "0.48", "0.192", "0.0768"};
    const char* J[] = {"1.44", "0.2304", "0.036864", "0.00589824"};
    for (std::size_t k = 0; k < 4; ++k) {
        CHECK(run.steps[k].step == k);
        CHECK(format_number(run.steps[k].point[0], 20) == x[k]);
        CHECK(format_number(run.steps[k].value, 20) == J[k]);
    }
}

TEST_CASE("descend x^2 + sin(y)^2 from (3, 1) with rate 0.1 until J < 0.01: 16 updates") {
    const Descent run = descent("x^2 + sin(y)^2", "x=3, y=1", "0.1", "J < 0.01");
    CHECK(run.reached);
    REQUIRE(run.steps.size() == 17);
    const DescentStep& last = run.steps.back();
    CHECK(format_number(last.point[0], 11) == "0.084442493013");
    CHECK(format_number(last.point[1], 11) == "0.050818888327");
    CHECK(format_number(last.value, 10) == "0.009710871598");
    CHECK(run.steps[15].value >= Real("0.01"));
    for (const DescentStep& s : run.steps)  // x ← x − 0.1·2x = 0.8x: x_k = 3·0.8^k
        CHECK(boost::multiprecision::abs(s.point[0] - 3 * boost::multiprecision::pow(Real("0.8"), s.step)) <
              Real("1e-45"));
}

TEST_CASE("descend: max_steps bounds the updates; the gradient norm condition") {
    const Descent capped = descent("x^2", "x=1", "0.1", "J < 1e-30", 5);
    CHECK_FALSE(capped.reached);
    CHECK(capped.steps.size() == 6);
    const Descent no_condition = descent("x^2", "x=1", "0.1", "", 3);
    CHECK(no_condition.steps.size() == 4);
    const Descent norm = descent("x^2", "x=1", "0.25", "|grad| <= 0.25");  // x halves, |grad| = 2x
    CHECK(norm.reached);
    CHECK(norm.steps.size() == 4);
    CHECK(norm.steps.back().gradient_norm == Real("0.25"));
    CHECK(descent("x^2", "x=0", "0.1", "J < 1").steps.size() == 1);  // step 0 already satisfies it
}

TEST_CASE("descend with momentum, nesterov and adam: hand-worked steps on x^2 in 50 digits") {
    const Source s{"expression", "x^2"};
    const auto run = [&](const char* optimizer, std::size_t steps) {
        DescentOptions o{{.name = optimizer, .learning_rate = Real("0.1"), .momentum = Real("0.5"), .epsilon = Real(0)},
                         std::nullopt, steps};
        return descend(parse_expression(s), s, point("x=1"), o);
    };
    const auto x = [](const Descent& d, std::size_t k) { return format_number(d.steps[k].point[0], 30); };
    const Descent momentum = run("momentum", 2);  // v = 2, x = 0.8; g = 1.6, v = 1 + 1.6 = 2.6, x = 0.54
    CHECK(x(momentum, 1) == "0.8");
    CHECK(x(momentum, 2) == "0.54");
    const Descent nesterov = run("nesterov", 1);  // x = 1 − 0.1(2 + 0.5·2) = 0.7
    CHECK(x(nesterov, 1) == "0.7");
    const Descent adam = run("adam", 1);  // m̂ = g, v̂ = g²: x = 1 − 0.1·2/2 = 0.9
    CHECK(x(adam, 1) == "0.9");
    CHECK_THROWS_WITH(run("newton", 1), Catch::Contains("unknown optimizer 'newton'"));
}

TEST_CASE("stopping_rule: the --until condition as a models::StoppingRule") {
    const models::StoppingRule<Real> none = stopping_rule(std::nullopt, 7);
    CHECK_FALSE(none.loss_below);
    CHECK_FALSE(none.gradient_norm_below);
    CHECK(none.max_steps == 7);
    const models::StoppingRule<Real> j = stopping_rule(parse_condition(Source{"--until", "J < 0.01"}), 100);
    CHECK(*j.loss_below == Real("0.01"));
    CHECK_FALSE(j.or_equal);
    const models::StoppingRule<Real> g = stopping_rule(parse_condition(Source{"--until", "|grad| <= 1e-6"}), 100);
    CHECK(*g.gradient_norm_below == Real("1e-6"));
    CHECK(g.or_equal);
}

TEST_CASE("descend: a run that leaves the domain keeps its rows and says where (more in descent_divergence_test)") {
    const Descent run = descent("log(x)", "x=1", "10", "J < -100");  // x1 = 1 - 10 = -9
    CHECK(run.steps.size() == 1);
    CHECK(run.ending.kind == DescentEnd::LeftDomain);
    CHECK(run.ending.message == "left the domain of log at step 1 (x = -9)");
}

}  // namespace calculus_test
