// descend when the run fails: divergence, overflow, leaving the domain, a gradient that is
// not finite — the rows computed are kept and the ending says what happened where. The
// expected numbers come from closed forms: on J = x² plain gradient descent gives
// x_k = (1 − 2η)^k x₀, J_k = (1 − 2η)^{2k} x₀²; on J = −x², x_k = (1 + 2η)^k x₀.
#include "lang/calculus.hpp"
#include "lang/parser.hpp"
#include "precision/number_format.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace descent_divergence_test {

using namespace chainrule;
using namespace chainrule::lang;
using Catch::Contains;

namespace {

Descent descent(const std::string& expression, const std::string& from, const char* lr, std::size_t max_steps = 100,
                const std::string& until = "") {
    const Source s{"expression", expression};
    const Source at{"--from", from};
    DescentOptions o{{.learning_rate = Real(lr)}, std::nullopt, max_steps};
    if (!until.empty()) o.until = parse_condition(Source{"--until", until});
    return descend(parse_expression(s), s, make_point(parse_bindings(at), at), o);
}

std::string digits(const Real& x, int n) { return format_number(x, n); }

}  // namespace

TEST_CASE("descend x^2, rate 1.5: x_k = (-2)^k, diverged at step 10 (J = 4^10 - 1 > 1e6 above J0 = 1)") {
    const Descent run = descent("x^2", "x=1", "1.5");
    REQUIRE(run.steps.size() == 11);  // every row up to the one that diverged
    CHECK(run.ending.kind == DescentEnd::Diverged);
    CHECK(run.ending.failed());
    CHECK(run.ending.step == 10);
    CHECK(run.ending.message == "diverged at step 10: J = 1048576 is more than 1e6*max(1, |J0|) above its start J0 = 1");
    CHECK_FALSE(run.reached);
    long long x = 1;
    for (const DescentStep& s : run.steps) {  // exact integers: every digit
        CHECK(digits(s.point[0], 40) == std::to_string(x));
        CHECK(digits(s.value, 40) == std::to_string(x * x));
        CHECK(digits(s.gradient[0], 40) == std::to_string(2 * x));
        x *= -2;
    }
    // J rose at each of the 10 updates: the warning fires at step 10 as well.
    CHECK_THAT(run.warning, Contains("J has risen at each of the last 10 updates (from 1 at step 0 to 1048576 at step 10)"));
    CHECK_THAT(run.warning, Contains("the learning rate may be too large"));
}

TEST_CASE("descend x^2, rate 1.1: x_k = (-1.2)^k; warning at step 10, diverged at step 38") {
    const Descent run = descent("x^2", "x=1", "1.1");
    // 1.44^37 - 1 = 723455.1… ≤ 1e6 < 1.44^38 - 1 = 1041775.8…
    REQUIRE(run.steps.size() == 39);
    CHECK(run.ending.kind == DescentEnd::Diverged);
    CHECK(run.ending.step == 38);
    CHECK_THAT(run.ending.message, Contains("diverged at step 38: J = 1041776.843"));
    // (-1.2)^10 = 6.1917364224, 1.44^10 = 38.33759992447475122176 (exact decimals)
    CHECK(digits(run.steps[10].point[0], 30) == "6.1917364224");
    CHECK(digits(run.steps[10].value, 30) == "38.33759992447475122176");
    CHECK(digits(run.steps[10].gradient[0], 30) == "12.3834728448");
    // (-1.2)^37 = -850.5622499821102144576131684114829934592 (to 30 digits)
    CHECK(digits(run.steps[37].point[0], 30) == "-850.562249982110214457613168411");
    // 1.44^38 = 1041776.843176266836420764824097… (Python's decimal at 120 digits): rounded
    // to 30 digits the last one is a 0, printed (not a short decimal).
    CHECK(digits(run.steps[38].value, 30) == "1041776.84317626683642076482410");
    CHECK_THAT(run.warning, Contains("from 1 at step 0 to 38.33759992 at step 10"));
}

TEST_CASE("descend x^2, rate 1.1, 20 updates: a warning, no divergence yet (J_20 = 1469.77…)") {
    const Descent run = descent("x^2", "x=1", "1.1", 20);
    CHECK(run.steps.size() == 21);
    CHECK(run.ending.kind == DescentEnd::MaxSteps);
    CHECK_FALSE(run.ending.failed());
    CHECK(run.ending.message.empty());
    CHECK(digits(run.steps.back().value, 20) == "1469.7715679690864506");
    CHECK_FALSE(run.warning.empty());
}

TEST_CASE("descend x^2, rate 1: x oscillates between 1 and -1, J stays 1 — no divergence, no warning") {
    const Descent run = descent("x^2", "x=1", "1");
    CHECK(run.steps.size() == 101);
    CHECK(run.ending.kind == DescentEnd::MaxSteps);
    CHECK(run.warning.empty());
    for (const DescentStep& s : run.steps) {
        CHECK(s.point[0] == (s.step % 2 ? -1 : 1));
        CHECK(s.value == 1);
    }
}

TEST_CASE("descend x^4 from 10, rate 1 (issue 11): the rows are kept, diverged at step 1") {
    // x1 = 10 - 4·10³ = -3990, J1 = 3990⁴ = 253449584010000 > 1e6·10⁴ above J0 = 10⁴; at 10
    // digits 2.534495840e14 (the 10000 rounded away: the trailing 0 is a digit, issue 13)
    const Descent run = descent("x^4", "x=10", "1");
    REQUIRE(run.steps.size() == 2);
    CHECK(digits(run.steps[1].point[0], 20) == "-3990");
    CHECK(digits(run.steps[1].value, 20) == "253449584010000");
    CHECK(digits(run.steps[1].gradient[0], 20) == "-254084796000");
    CHECK(run.ending.kind == DescentEnd::Diverged);
    CHECK(run.ending.message == "diverged at step 1: J = 2.534495840e14 is more than 1e6*max(1, |J0|) above its start J0 = 10000");
}

TEST_CASE("descend -x^2, rate 0.1: J falls past the double range — overflow at step 1947") {
    // x_k = 1.2^k, J_k = -1.44^k: -1.44^1946 = -1.4907664742e308 fits a double, -1.44^1947 = -2.1467037228e308 does not.
    const Descent run = descent("-x^2", "x=1", "0.1", 3000);
    REQUIRE(run.steps.size() == 1947);  // steps 0 … 1946
    CHECK(digits(run.steps.back().value, 15) == "-1.49076647419673e308");
    CHECK(digits(run.steps.back().point[0], 15) == "1.22096948127164e154");
    CHECK(run.ending.kind == DescentEnd::Overflow);
    CHECK(run.ending.step == 1947);
    CHECK(run.ending.message ==
          "overflow at step 1947: J = -2.146703723e308 exceeds the range of a double (1.797693135e308)");
    CHECK(run.warning.empty());  // J fell at every update: nothing rose
}

TEST_CASE("descend -x, rate 1e308: x itself leaves the double range at step 2") {
    const Descent run = descent("-x", "x=0", "1e308");
    REQUIRE(run.steps.size() == 2);
    CHECK(run.ending.kind == DescentEnd::Overflow);
    CHECK(run.ending.message == "overflow at step 2: x = 2e308 exceeds the range of a double (1.797693135e308)");
}

TEST_CASE("descend log(x), rate 0.5: x = 1, 0.5, -0.5 leaves the domain of log at step 2") {
    const Descent run = descent("log(x)", "x=1", "0.5");
    REQUIRE(run.steps.size() == 2);
    CHECK(digits(run.steps[1].value, 10) == "-0.6931471806");  // log(1/2)
    CHECK(digits(run.steps[1].gradient[0], 10) == "2");
    CHECK(run.ending.kind == DescentEnd::LeftDomain);
    CHECK(run.ending.step == 2);
    CHECK(run.ending.message == "left the domain of log at step 2 (x = -0.5)");
}

TEST_CASE("descend log(x) + y^2, rate 1.3: the culprit is the log, the point names both variables") {
    const Descent run = descent("log(x) + y^2", "x=1, y=1", "1.3");
    CHECK(run.steps.size() == 1);
    CHECK(run.ending.message == "left the domain of log at step 1 (x = -0.3, y = -1.6)");
}

TEST_CASE("descend 1/x from -1, rate 1: x1 = -1 - (-1) = 0, a division by zero at step 1") {
    const Descent run = descent("1/x", "x=-1", "1");
    REQUIRE(run.steps.size() == 1);
    CHECK(run.ending.kind == DescentEnd::LeftDomain);
    CHECK(run.ending.message == "division by zero at step 1 (x = 0)");
}

TEST_CASE("descend x^0.5 from 1, rate 4: x1 = 1 - 4·0.5 = -1, a negative number to a fractional power") {
    const Descent run = descent("x^0.5", "x=1", "4");
    REQUIRE(run.steps.size() == 1);
    CHECK(run.ending.kind == DescentEnd::LeftDomain);
    CHECK(run.ending.message == "left the domain of ^ at step 1 (x = -1): a negative number to a fractional power");
}

TEST_CASE("descend sqrt(x) from 1, rate 2: x1 = 1 - 2·(1/2) = 0, where J = 0 but dJ/dx is infinite") {
    const Descent run = descent("sqrt(x)", "x=1", "2");
    REQUIRE(run.steps.size() == 1);
    CHECK(run.ending.kind == DescentEnd::NotDifferentiable);
    CHECK(run.ending.message == "the gradient is not finite at step 1 (x = 0): dJ/dx = inf; J is not differentiable there");
}

TEST_CASE("descend -exp(x) from 0, rate 1: x_{k+1} = x_k + e^{x_k} overflows inside exp at step 4") {
    // x = 0, 1, 1 + e = 3.718281828…, 3.718281828 + e^3.718281828 = 44.91183750…, then ≈ 3.2e19: e^(3.2e19)
    // is beyond any exponent of the 50-digit numbers.
    const Descent run = descent("-exp(x)", "x=0", "1");
    REQUIRE(run.steps.size() == 4);
    CHECK(digits(run.steps[2].point[0], 10) == "3.718281828");
    CHECK(digits(run.steps[3].point[0], 10) == "44.91183750");  // 10 digits, the last one 0
    CHECK(run.ending.kind == DescentEnd::Overflow);
    CHECK_THAT(run.ending.message, Contains("overflow at step 4: exp exceeds the 50-digit range (x = 3.19862"));
}

TEST_CASE("descend a start outside the domain: bad input (LangError), not a failed run") {
    CHECK_THROWS_WITH(descent("log(x)", "x=-1", "0.1"), Contains("left the domain of log at step 0 (x = -1)"));
    CHECK_THROWS_WITH(descent("log(x)", "x=-1", "0.1"), Contains("the start (--from) must be a point"));
}

TEST_CASE("descend: converging runs end as before (reached, max_steps) with no message and no warning") {
    const Descent reached = descent("x^2", "x=1.2", "0.3", 100, "J < 0.01");
    CHECK(reached.ending.kind == DescentEnd::Reached);
    CHECK(reached.ending.step == 3);
    CHECK(reached.warning.empty());
    const Descent capped = descent("x^2", "x=1", "0.1", 5);
    CHECK(capped.ending.kind == DescentEnd::MaxSteps);
    CHECK(capped.ending.step == 5);
    CHECK(to_string(DescentEnd::LeftDomain) == "left_domain");
}

}  // namespace descent_divergence_test
