// descend --method newton (lang/descent_newton.hpp): Newton's method with a line search and a
// gradient step where H is not positive definite. Every expected number comes from a closed
// form or from Newton's iteration computed here by hand in 100-digit arithmetic, not from the
// program: J = x² (one step, x₁ = x₀ − 2x₀/2 = 0); J = x² + sin²(y) (∇J = (2x, sin 2y),
// H = diag(2, 2 cos 2y), so a Newton step is x → 0, y → y − tan(2y)/2); J = x⁴ − x² (J″ < 0
// near 0); J = x³ − 3x at 0 (H = 0, singular); the saddle x² − y²; |x| near its kink.
#include "lang/descent_newton.hpp"
#include "lang/parser.hpp"
#include "precision/number_format.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <catch2/catch.hpp>

#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace newton_descent_test {

using namespace chainrule;
using namespace chainrule::lang;
using Catch::Contains;
using F100 = boost::multiprecision::cpp_bin_float_100;

namespace {

NewtonDescent newton(const std::string& expression, const std::string& from, const std::string& until = "",
                     std::size_t max_steps = 100) {
    const Source s{"expression", expression};
    const Source at{"--from", from};
    std::optional<Condition> condition;
    if (!until.empty()) condition = parse_condition(Source{"--until", until});
    return newton_descend(parse_expression(s), s, make_point(parse_bindings(at), at), condition, max_steps);
}

// A 100-digit number as 10 significant digits, as format_number prints a Real.
std::string ten_digits(const F100& x) { return format_number(Real(x.str(60)), 10); }
std::string ten_digits(const Real& x) { return format_number(x, 10); }

}  // namespace

TEST_CASE("newton: J = x^2 from x = 3 reaches the minimum 0 in one full step, exactly") {
    const NewtonDescent n = newton("x^2", "x=3");
    REQUIRE(n.run.steps.size() == 2);
    // x1 = x0 − J'(x0)/J''(x0) = 3 − 6/2 = 0 exactly (LDLᵀ takes no square root)
    CHECK(n.run.steps[1].point[0] == 0);
    CHECK(n.run.steps[1].value == 0);
    CHECK(n.rows[0].update.empty());
    CHECK_FALSE(n.rows[0].step_length);
    CHECK(*n.rows[1].step_length == 1);
    CHECK(n.rows[1].update == "Newton");
    // ∇J = 0 exactly: a stationary point, and H = 2 > 0 says it is a minimum (a normal end)
    CHECK(n.run.ending.kind == DescentEnd::Stationary);
    CHECK_FALSE(n.run.ending.failed());
    CHECK(n.run.ending.step == 1);
    CHECK_THAT(n.run.ending.message, Contains("a minimum (H is positive definite: eigenvalues 2)"));
    CHECK(n.gradient_steps() == 0);
}

TEST_CASE("newton: x^2 + sin(y)^2 from (3, 1): a gradient step (H not positive definite), then Newton's steps") {
    // Hand computation: at (3, 1) H = diag(2, 2 cos 2) with 2 cos 2 = −0.832… < 0, so the
    // update is d = −∇J = (−6, −sin 2); t = 1 passes Armijo, J(−3, 1 − sin 2) ≈ 9.008 < 9.708.
    // From there H is positive definite: Newton's step is x → x − 2x/2 = 0, y → y − tan(2y)/2.
    std::vector<F100> y{F100(1), F100(1) - sin(F100(2))};
    const F100 j0 = 9 + pow(sin(F100(1)), 2), j1 = 9 + pow(sin(y[1]), 2);
    REQUIRE(j1 <= j0 - F100("1e-4") * (36 + pow(sin(F100(2)), 2)));  // Armijo at t = 1
    // Newton's iterates until |∇J| = |sin 2y| < 1e-30 (x = 0 from step 2 on)
    while (abs(sin(2 * y.back())) >= F100("1e-30") || y.size() < 3) y.push_back(y.back() - tan(2 * y.back()) / 2);
    REQUIRE(y.size() == 6);  // 5 updates: |sin 2y| = 2.7e-9 after 3, 6.8e-27 after 4, ~1e-79 after 5

    const NewtonDescent n = newton("x^2 + sin(y)^2", "x=3, y=1", "|grad| < 1e-30");
    REQUIRE(n.run.steps.size() == 6);
    CHECK(n.run.reached);
    CHECK(n.run.ending.kind == DescentEnd::Reached);
    CHECK(n.run.steps[1].point[0] == -3);
    CHECK(n.rows[1].gradient_step);
    CHECK(n.rows[1].update == "gradient step: H not positive definite at step 0 (eigenvalues -0.8323, 2)");
    CHECK(n.gradient_steps() == 1);
    for (std::size_t k = 2; k < 6; ++k) {
        INFO("step " << k);
        CHECK(n.run.steps[k].point[0] == 0);
        CHECK(n.rows[k].update == "Newton");
        CHECK(*n.rows[k].step_length == 1);
    }
    for (std::size_t k = 0; k < 5; ++k) {  // step 5: y ≈ 5e-80 lies below the 50-digit resolution of y4 − tan(2y4)/2
        INFO("step " << k);
        CHECK(ten_digits(n.run.steps[k].point[1]) == ten_digits(y[k]));
    }
    // Faster than quadratic here: J is even in y, so y_{k+1} ≈ −(4/3) y_k³.
    CHECK(abs(y[4] / pow(y[3], 3) + F100(4) / 3) < F100("1e-10"));

    // The seed's stopping rule J < 0.01: after 2 updates (gradient descent with η = 0.1: 16).
    const NewtonDescent seed = newton("x^2 + sin(y)^2", "x=3, y=1", "J < 0.01");
    REQUIRE(seed.run.steps.size() == 3);
    CHECK(ten_digits(seed.run.steps[2].value) == ten_digits(pow(sin(y[2]), 2)));
}

TEST_CASE("newton: J = x^4 - x^2 from 0.1, where J'' < 0: gradient steps until J'' > 0, then Newton to 1/sqrt(2)") {
    // J' = 4x³ − 2x, J'' = 12x² − 2: at 0.1, J'' = −1.88 → x1 = 0.1 + 0.196 = 0.296; there J'' = −0.948608
    // → x2 = 0.296 − (4·0.296³ − 2·0.296) = 0.784262656; J'' = 5.38… > 0 from then on.
    const NewtonDescent n = newton("x^4 - x^2", "x=0.1", "|grad| < 1e-20");
    REQUIRE(n.run.steps.size() >= 4);
    CHECK(ten_digits(n.run.steps[1].point[0]) == "0.296");
    CHECK(n.rows[1].update == "gradient step: H not positive definite at step 0 (eigenvalues -1.88)");
    CHECK(ten_digits(n.run.steps[2].point[0]) == "0.784262656");
    CHECK(n.rows[2].update == "gradient step: H not positive definite at step 1 (eigenvalues -0.9486)");
    CHECK(n.rows[3].update == "Newton");
    CHECK(n.run.reached);
    const Real x = n.run.steps.back().point[0];
    CHECK(ten_digits(x) == ten_digits(sqrt(F100(2)) / 2));  // the minimum at 1/√2, J = −1/4
    CHECK(ten_digits(n.run.steps.back().value) == "-0.25");
}

TEST_CASE("newton: a run stops when a step no longer decreases J at 50 digits, not after rows of noise") {
    // Without --until: Newton converges quadratically, then J's 50 digits stop moving; the run
    // ends there ("converged") instead of taking damped steps of rounding noise to step 100.
    for (const auto& [expression, from] : {std::pair{"x^4 - x^2", "x=0.1"}, std::pair{"cos(x)", "x=0.001"},
                                           std::pair{"sqrt(x) + (x - 1)^2", "x=0.5"}}) {
        CAPTURE(expression);
        const NewtonDescent n = newton(expression, from);
        CHECK(n.run.ending.kind == DescentEnd::Converged);
        CHECK(n.run.steps.size() < 25);
        CHECK_THAT(n.run.ending.message, Catch::Contains("does not decrease J in 50-digit arithmetic"));
        for (std::size_t k = 1; k < n.run.steps.size(); ++k) CHECK(n.run.steps[k].value < n.run.steps[k - 1].value);
    }
}

TEST_CASE("newton: J = x^3 - 3x from 0, where H = 0 is singular: a damped gradient step, then Newton to 1") {
    // J' = 3x² − 3 = −3, J'' = 0 at x = 0: d = 3; t = 1 gives J(3) = 18 > 0, t = 1/2 gives
    // J(1.5) = −1.125 ≤ 0 − 1e-4·(1/2)·9. Then x ← x − (3x² − 3)/(6x) = (x² + 1)/(2x):
    // 1.5 → 13/12 → 313/312.
    const NewtonDescent n = newton("x^3 - 3*x", "x=0", "", 3);
    REQUIRE(n.run.steps.size() == 4);
    CHECK(n.run.steps[1].point[0] == Real("1.5"));
    CHECK(*n.rows[1].step_length == Real("0.5"));
    CHECK(n.rows[1].update == "gradient step: H singular at step 0 (eigenvalues 0)");
    CHECK(ten_digits(n.run.steps[2].point[0]) == ten_digits(F100(13) / 12));
    CHECK(ten_digits(n.run.steps[3].point[0]) == ten_digits(F100(313) / 312));
    CHECK(n.run.ending.kind == DescentEnd::MaxSteps);
}

TEST_CASE("newton: the saddle x^2 - y^2 from (1, 0): the gradient step lands on it, and the ending says so") {
    // H = diag(2, −2): d = −∇J = (−2, 0); t = 1 gives (−1, 0), J = 1, no decrease; t = 1/2 gives (0, 0).
    const NewtonDescent n = newton("x^2 - y^2", "x=1, y=0");
    REQUIRE(n.run.steps.size() == 2);
    CHECK(n.run.steps[1].point == std::vector<Real>{Real(0), Real(0)});
    CHECK(*n.rows[1].step_length == Real("0.5"));
    CHECK(n.run.ending.kind == DescentEnd::Stationary);
    CHECK(n.run.ending.message == "stationary point at step 1 (x = 0, y = 0): the gradient is exactly 0, a saddle point, "
                                  "not a minimum (H has eigenvalues -2, 2); Newton's method stops there");
    // Off the axis the gradient steps go down the y direction without end: J = x^2 - y^2 has no minimum.
    const NewtonDescent away = newton("x^2 - y^2", "x=1, y=0.5", "", 3);
    REQUIRE(away.run.steps.size() == 4);
    CHECK(away.run.steps[3].point == std::vector<Real>{Real(-1), Real("13.5")});  // y ← y + 2y = 3y
    CHECK(away.gradient_steps() == 3);
}

TEST_CASE("newton: at the kink of |x| no step length decreases J: the line search fails (a failed run)") {
    // J = |x| at 1e-20: J' = 1, J'' = 0 → d = −1; J(1e-20 − t) < 1e-20 needs t < 2e-20 < 2^-50.
    const NewtonDescent n = newton("abs(x)", "x=1e-20");
    REQUIRE(n.run.steps.size() == 1);
    CHECK(n.run.ending.kind == DescentEnd::LineSearchFailed);
    CHECK(n.run.ending.failed());
    CHECK(n.run.ending.step == 1);
    CHECK_THAT(n.run.ending.message, Contains("line search failed at step 1"));
    CHECK(to_string(DescentEnd::LineSearchFailed) == "line_search_failed");
    CHECK(to_string(DescentEnd::Stationary) == "stationary");
}

TEST_CASE("newton: a start outside the domain of J is bad input") {
    CHECK_THROWS_AS(newton("log(x)", "x=-1"), LangError);
    CHECK_THROWS_WITH(newton("x^2 + z", "x=1"), Contains("unknown name 'z'"));
}

}  // namespace newton_descent_test
