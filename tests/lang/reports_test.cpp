// The printed forms of grad, diff and descend results.
#include "lang/reports.hpp"

#include "lang/parser.hpp"
#include "lang/to_symbolic.hpp"
#include "symbolic/diff.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace reports_test {

using namespace chainrule;
using namespace chainrule::lang;

namespace {

Descent small_run() {
    return Descent{{"x", "w_1"},
                   {DescentStep{0, {Real(1), Real("0.5")}, Real("1.25"), {Real(2), Real(1)}, Real(0)},
                    DescentStep{1, {Real("0.8"), Real("0.4")}, Real("0.8"), {Real("1.6"), Real("0.8")}, Real(0)}},
                   true,
                   {DescentEnd::Reached, 1, ""},
                   ""};
}

// The same rows, as if step 2 had left the domain of log.
Descent failed_run() {
    Descent run = small_run();
    run.reached = false;
    run.ending = {DescentEnd::LeftDomain, 2, "left the domain of log at step 2 (x = -0.5, w_1 = 0.3)"};
    run.warning = "J has risen";
    return run;
}

}  // namespace

TEST_CASE("gradient text: value, then one partial per variable") {
    const Point p{{"x", "y"}, {Real(3), Real(1)}};
    const Gradient g{Real("9.708073418273571"), {Real(6), Real("0.9092974268256817")}};
    CHECK(gradient_text(p, g, 10) == "f = 9.708073418\n∂f/∂x = 6\n∂f/∂y = 0.9092974268\n");
    CHECK(gradient_text(p, g, 3) == "f = 9.71\n∂f/∂x = 6\n∂f/∂y = 0.909\n");
}

TEST_CASE("gradient JSON: value and gradient by name, in order") {
    const Point p{{"y", "x"}, {Real(1), Real(3)}};
    const Gradient g{Real("0.5"), {Real(2), Real("-0.25")}};
    CHECK(gradient_json(p, g) == "{\n  \"value\": 0.5,\n  \"gradient\": {\n    \"y\": 2.0,\n    \"x\": -0.25\n  }\n}\n");
}

TEST_CASE("derivative forms") {
    const Source s{"expression", "x^3"};
    const symbolic::Expr f = to_symbolic(parse_expression(s), s);
    const symbolic::Expr df = symbolic::diff(f, "x");
    CHECK(derivative_text(df) == "3*x^2\n");
    CHECK(derivative_latex(df) == "3 x^{2}\n");
    CHECK(derivative_json(f, "x", df) ==
          "{\n  \"expression\": \"x^3\",\n  \"wrt\": \"x\",\n  \"derivative\": \"3*x^2\",\n  \"latex\": \"3 x^{2}\"\n}\n");
}

TEST_CASE("descent table, Markdown and CSV") {
    const Descent run = small_run();
    CHECK(descent_table(run, 10) ==
          "step    x  w_1     J  dJ/dx  dJ/dw_1\n"
          "   0    1  0.5  1.25      2        1\n"
          "   1  0.8  0.4   0.8    1.6      0.8\n");
    CHECK(descent_markdown(run, 10) ==
          "| step | $x$ | $w_{1}$ | J | $\\partial J/\\partial x$ | $\\partial J/\\partial w_{1}$ |\n"
          "| ---: | ---: | ---: | ---: | ---: | ---: |\n"
          "| 0 | 1 | 0.5 | 1.25 | 2 | 1 |\n"
          "| 1 | 0.8 | 0.4 | 0.8 | 1.6 | 0.8 |\n");
    CHECK(descent_csv(run, 10) == "step,x,w_1,J,dJ/dx,dJ/dw_1\n0,1,0.5,1.25,2,1\n1,0.8,0.4,0.8,1.6,0.8\n");
}

TEST_CASE("descent JSON") {
    const Descent run = small_run();
    const std::string j = descent_json({run, "x^2", {.learning_rate = Real("0.1")}, std::string("J < 1")});
    CHECK_THAT(j, Catch::StartsWith("{\n  \"expression\": \"x^2\",\n  \"optimizer\": \"sgd\",\n  \"learning_rate\": 0.1,\n"
                                    "  \"until\": \"J < 1\",\n  \"reached\": true,\n  \"ending\": {\n    \"reason\": \"reached\",\n"
                                    "    \"step\": 1,\n    \"failed\": false,\n    \"message\": null\n  },\n"
                                    "  \"warning\": null,\n  \"steps\": ["));
    CHECK_THAT(j, Catch::Contains("\"point\": {\n        \"x\": 0.8,\n        \"w_1\": 0.4\n      }"));
    CHECK_THAT(descent_json({run, "x^2", {.learning_rate = Real("0.1")}, std::nullopt}), Catch::Contains("\"until\": null"));
}

TEST_CASE("a failed descent: every format carries the ending after the rows") {
    const Descent run = failed_run();
    const std::string ending = "left the domain of log at step 2 (x = -0.5, w_1 = 0.3)\n";
    const std::string markdown_ending = "left the domain of log at step 2 (x = -0.5, w\\_1 = 0.3)\n";  // _ escaped
    CHECK(descent_table(run, 10) ==
          "step    x  w_1     J  dJ/dx  dJ/dw_1\n"
          "   0    1  0.5  1.25      2        1\n"
          "   1  0.8  0.4   0.8    1.6      0.8\n" +
              ending);
    CHECK_THAT(descent_markdown(run, 10), Catch::EndsWith("| 1 | 0.8 | 0.4 | 0.8 | 1.6 | 0.8 |\n\n" + markdown_ending));
    CHECK(descent_csv(run, 10) == "step,x,w_1,J,dJ/dx,dJ/dw_1\n0,1,0.5,1.25,2,1\n1,0.8,0.4,0.8,1.6,0.8\n# " + ending);
    const std::string j = descent_json({run, "log(x)", {.learning_rate = Real("0.1")}, std::nullopt});
    CHECK_THAT(j, Catch::Contains("\"ending\": {\n    \"reason\": \"left_domain\",\n    \"step\": 2,\n"
                                  "    \"failed\": true,\n    \"message\": \"left the domain of log at step 2 (x = -0.5, w_1 = 0.3)\"\n  },\n"
                                  "  \"warning\": \"J has risen\",\n"));
}

TEST_CASE("descent JSON names the optimizer and its hyper-parameters") {
    const Descent run = small_run();
    const std::string adam = descent_json({run, "x^2", {.name = "adam", .learning_rate = Real("0.1")}, std::nullopt});
    CHECK_THAT(adam, Catch::Contains("\"optimizer\": \"adam\",\n  \"learning_rate\": 0.1,\n  \"beta1\": 0.9,\n"
                                     "  \"beta2\": 0.999,\n  \"epsilon\": 1e-08,\n"));
    const std::string nesterov =
        descent_json({run, "x^2", {.name = "nesterov", .learning_rate = Real("0.1"), .momentum = Real("0.5")}, std::nullopt});
    CHECK_THAT(nesterov, Catch::Contains("\"optimizer\": \"nesterov\",\n  \"learning_rate\": 0.1,\n  \"momentum\": 0.5,\n"));
    CHECK_THAT(nesterov, !Catch::Contains("beta1"));
}

}  // namespace reports_test
