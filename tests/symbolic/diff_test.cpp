// diff: every function's derivative against a central finite difference in
// 50-digit arithmetic (h = 1e-20: truncation error ~h^2 = 1e-40, rounding
// ~1e-50/h = 1e-30, so 1e-25 is a safe bound), and a few closed forms
// straight from the derivative table of calculus.
#include <catch2/catch.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <functional>

#include "symbolic/symbolic.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace diff_test {

using namespace chainrule::symbolic;
using Big = boost::multiprecision::cpp_bin_float_50;

namespace {

const Expr x = Expr::symbol("x");
const Expr y = Expr::symbol("y");

Big value_at(const Expr& f, const Big& xv, const Big& yv) { return evaluate<Big>(f, {{"x", xv}, {"y", yv}}); }

// Checks d f / d var at (x0, y0) against the central difference.
void check_partial(const Expr& f, const Expr& var, const char* x0, const char* y0 = "0.3") {
    const Big h("1e-20");
    const Big xv(x0);
    const Big yv(y0);
    const bool wrt_x = var == x;
    const Big plus = wrt_x ? value_at(f, xv + h, yv) : value_at(f, xv, yv + h);
    const Big minus = wrt_x ? value_at(f, xv - h, yv) : value_at(f, xv, yv - h);
    const Big finite_difference = (plus - minus) / (2 * h);
    const Expr d = diff(f, var);
    const Big symbolic = value_at(d, xv, yv);
    INFO("f = " << to_text(f) << ", d/d" << var.name() << " = " << to_text(d) << " at x = " << x0 << ", y = " << y0);
    INFO("symbolic " << symbolic.str(30) << " vs finite difference " << finite_difference.str(30));
    const Big scale = std::max(Big(1), Big(abs(finite_difference)));
    CHECK(abs(symbolic - finite_difference) <= Big("1e-25") * scale);
}

struct UnaryCase {
    const char* name;
    std::function<Expr(const Expr&)> f;
    std::vector<const char*> points;  // where f is differentiable
};

}  // namespace

TEST_CASE("derivative of every unary function matches finite differences", "[diff]") {
    const std::vector<const char*> everywhere = {"-1.7", "-0.4", "0.3", "2.2"};
    const std::vector<const char*> positive = {"0.2", "0.9", "3.5"};
    const std::vector<const char*> unit = {"-0.8", "-0.1", "0.45", "0.9"};
    const std::vector<const char*> nonzero = {"-1.3", "-0.25", "0.6", "1.9"};
    const std::vector<UnaryCase> cases = {
        {"exp", [](const Expr& u) { return exp(u); }, everywhere},
        {"log", [](const Expr& u) { return log(u); }, positive},
        {"sin", [](const Expr& u) { return sin(u); }, everywhere},
        {"cos", [](const Expr& u) { return cos(u); }, everywhere},
        {"tan", [](const Expr& u) { return tan(u); }, {"-1.2", "-0.4", "0.3", "1.1"}},
        {"cot", [](const Expr& u) { return cot(u); }, {"-2.5", "-0.4", "0.3", "1.1"}},
        {"asin", [](const Expr& u) { return asin(u); }, unit},
        {"acos", [](const Expr& u) { return acos(u); }, unit},
        {"atan", [](const Expr& u) { return atan(u); }, everywhere},
        {"acot", [](const Expr& u) { return acot(u); }, everywhere},
        {"sinh", [](const Expr& u) { return sinh(u); }, everywhere},
        {"cosh", [](const Expr& u) { return cosh(u); }, everywhere},
        {"tanh", [](const Expr& u) { return tanh(u); }, everywhere},
        {"coth", [](const Expr& u) { return coth(u); }, nonzero},
        {"sech", [](const Expr& u) { return sech(u); }, everywhere},
        {"csch", [](const Expr& u) { return csch(u); }, nonzero},
        {"sqrt", [](const Expr& u) { return sqrt(u); }, positive},
        {"cbrt", [](const Expr& u) { return cbrt(u); }, nonzero},
        {"abs", [](const Expr& u) { return abs(u); }, nonzero},
        {"sign", [](const Expr& u) { return sign(u); }, nonzero},
        {"step", [](const Expr& u) { return step(u); }, nonzero},
        {"expm1", [](const Expr& u) { return expm1(u); }, everywhere},
        {"log1p", [](const Expr& u) { return log1p(u); }, {"-0.7", "0.2", "4.0"}},
        {"sigmoid", [](const Expr& u) { return sigmoid(u); }, everywhere},
        {"relu", [](const Expr& u) { return relu(u); }, nonzero},
        {"softplus", [](const Expr& u) { return softplus(u); }, everywhere},
        {"log_sigmoid", [](const Expr& u) { return log_sigmoid(u); }, everywhere},
        {"pow(x, 3)", [](const Expr& u) { return pow(u, 3); }, everywhere},
        {"pow(x, -2)", [](const Expr& u) { return pow(u, -2); }, nonzero},
        {"pow(x, 5/2)", [](const Expr& u) { return pow(u, Expr::rational(5, 2)); }, positive},
        {"pow(x, x)", [](const Expr& u) { return pow(u, u); }, positive},
        {"pow(3, x)", [](const Expr& u) { return pow(3, u); }, everywhere},
        {"log(x, 2)", [](const Expr& u) { return log(u, Expr(2)); }, positive},
        {"1/x", [](const Expr& u) { return 1 / u; }, nonzero},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.name) {
            // Plain, and composed with an inner function to exercise the chain rule.
            for (const char* p : c.points) check_partial(c.f(x), x, p);
            for (const char* p : c.points) check_partial(c.f(x) * y, x, p);
        }
    }
}

TEST_CASE("chain rule through compositions", "[diff]") {
    const Expr inner = Expr::rational(1, 3) * x + Expr::rational(1, 5);  // maps the points into every domain
    const std::vector<std::function<Expr(const Expr&)>> outers = {
        [](const Expr& u) { return sigmoid(u); }, [](const Expr& u) { return log(u); },
        [](const Expr& u) { return asin(u); },    [](const Expr& u) { return sqrt(u); },
        [](const Expr& u) { return tan(u); },     [](const Expr& u) { return softplus(u); },
    };
    for (const auto& outer : outers)
        for (const char* p : {"0.1", "0.8", "-0.5"}) check_partial(outer(inner * inner + inner), x, p);
    check_partial(sin(exp(x) * cos(x)) / (1 + x * x), x, "0.7");
    check_partial(pow(sigmoid(x), tanh(x) + 2), x, "-0.6");
    check_partial(log_sigmoid(x * y) * hypot(x, 2 * y), y, "0.9", "-1.1");
}

TEST_CASE("partial derivatives of the binary functions", "[diff]") {
    struct BinaryCase {
        const char* name;
        Expr f;
        std::vector<std::pair<const char*, const char*>> points;  // (x, y) off the kinks
    };
    const std::vector<BinaryCase> cases = {
        {"atan2", atan2(y, x), {{"0.7", "0.3"}, {"-1.2", "0.5"}, {"-0.4", "-2.0"}}},
        {"hypot", hypot(x, y), {{"0.7", "0.3"}, {"-1.2", "0.5"}}},
        {"min", min(x, y), {{"0.7", "0.3"}, {"-1.2", "0.5"}}},
        {"max", max(x, y), {{"0.7", "0.3"}, {"-1.2", "0.5"}}},
        {"pow", pow(x, y), {{"0.7", "0.3"}, {"2.5", "-1.5"}}},
        {"xlogy", xlogy(x, y), {{"0.7", "0.3"}, {"-1.2", "2.5"}}},
        {"leaky_relu", leaky_relu(x, y), {{"0.7", "0.3"}, {"-1.2", "0.1"}}},
        {"product", x * y * sin(x * y), {{"0.7", "0.3"}}},
        {"quotient", (x - y) / (x * x + y), {{"0.7", "0.3"}}},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.name) {
            for (const auto& [px, py] : c.points) {
                check_partial(c.f, x, px, py);
                check_partial(c.f, y, px, py);
            }
        }
    }
}

TEST_CASE("closed forms from the derivative table", "[diff]") {
    const Expr alpha = Expr::symbol("alpha");
    CHECK(diff(sin(x), x) == cos(x));
    CHECK(diff(cos(x), x) == -sin(x));
    CHECK(diff(exp(x), x) == exp(x));
    CHECK(diff(log(x), x) == 1 / x);
    CHECK(diff(pow(x, 3), x) == 3 * pow(x, 2));
    CHECK(diff(tan(x), x) == 1 + pow(tan(x), 2));
    CHECK(diff(tanh(x), x) == 1 - pow(tanh(x), 2));
    CHECK(diff(sigmoid(x), x) == sigmoid(x) * (1 - sigmoid(x)));
    CHECK(diff(softplus(x), x) == sigmoid(x));
    CHECK(diff(log_sigmoid(x), x) == sigmoid(-x));
    CHECK(diff(relu(x), x) == 1 - step(-x));
    CHECK(diff(step(x), x) == Expr(0));
    CHECK(diff(sign(x), x) == Expr(0));
    CHECK(diff(abs(x), x) == sign(x));
    CHECK(diff(atan(x), x) == 1 / (1 + pow(x, 2)));
    CHECK(diff(pow(2, x), x) == pow(2, x) * log(Expr(2)));  // (a^x)' = a^x ln a
    CHECK(diff(sqrt(x), x) == Expr::rational(1, 2) * pow(x, Expr::rational(-1, 2)));
    CHECK(diff(max(x, y), x) == Expr::rational(1, 2) * (1 + sign(x - y)));
    CHECK(diff(min(x, y), x) == Expr::rational(1, 2) * (1 - sign(x - y)));
    CHECK(diff(leaky_relu(x, alpha), x) == alpha + (1 - alpha) * (1 - step(-x)));
    CHECK(diff(leaky_relu(x, alpha), alpha) == x * step(-x));
    CHECK(diff(xlogy(x, y), x) == log(y));
    CHECK(diff(xlogy(x, y), y) == x / y);
    CHECK(diff(pow(x, y), y) == xlogy(pow(x, y), x));
    CHECK(diff(x * y, "y") == x);
    CHECK(diff(sin(x), x, 2) == -sin(x));
    CHECK(diff(pow(x, 4), x, 3) == 24 * x);
    CHECK(diff(Expr(7), x) == Expr(0));
    CHECK(diff(y, x) == Expr(0));
}

TEST_CASE("conventions at non-differentiable points", "[diff]") {
    const auto at = [](const Expr& f, double xv, double yv = 0.0) {
        return evaluate<double>(f, {{"x", xv}, {"y", yv}});
    };
    const Expr alpha = Expr::symbol("y");
    CHECK(at(diff(relu(x), x), 0.0) == 0.0);
    CHECK(at(diff(relu(x), x), 1e-300) == 1.0);
    CHECK(at(diff(abs(x), x), 0.0) == 0.0);
    CHECK(at(diff(leaky_relu(x, alpha), x), 0.0, 0.01) == Approx(0.01));
    CHECK(at(diff(leaky_relu(x, alpha), x), 2.0, 0.01) == 1.0);
    CHECK(at(diff(max(x, y), x), 1.5, 1.5) == 0.5);  // ties split the gradient
    CHECK(at(diff(max(x, y), y), 1.5, 1.5) == 0.5);
    CHECK(at(diff(min(x, y), x), 1.5, 1.5) == 0.5);
    CHECK(at(diff(pow(x, y), y), 0.0, 2.0) == 0.0);  // xlogy: d/dy 0^y = 0
}

TEST_CASE("diff errors and raw form", "[diff]") {
    CHECK_THROWS_AS(diff(x, x * 2), std::invalid_argument);
    CHECK_THROWS_AS(local_partial(x, 0), std::invalid_argument);
    CHECK_THROWS_AS(local_partial(sin(x), 1), std::invalid_argument);
    CHECK(local_partial(sigmoid(y), 0) == sigmoid(y) * (1 - sigmoid(y)));
    CHECK(local_partial(x * y * sin(x), 1) == x * sin(x));
    // The raw derivative keeps the unsimplified chain-rule product.
    const Expr raw = diff_unsimplified(x * x, x);  // product rule: 1 x + x 1
    CHECK(raw == x + x);
    CHECK(simplify(raw) == 2 * x);
}

}  // namespace diff_test
