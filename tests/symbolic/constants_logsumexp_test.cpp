// The constants pi and e and the n-ary logsumexp of the symbolic layer: exact nodes,
// printed as ISO 80000-2 prints constants, evaluated at the precision of the number type,
// differentiated with the softmax. Reference digits from mpmath (run once, pasted):
//   python3 -c "from mpmath import *; mp.dps = 60; print(pi, e, 1000 + log(2))" …
#include <catch2/catch.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <cmath>

#include "symbolic/symbolic.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace constants_logsumexp_test {

using namespace chainrule::symbolic;
using Big = boost::multiprecision::cpp_bin_float_50;

namespace {

const Expr x = Expr::symbol("x");
const Expr a = Expr::symbol("a");
const Expr b = Expr::symbol("b");
const Expr c = Expr::symbol("c");

// mpmath, mp.dps = 60
const Big kPi("3.1415926535897932384626433832795028841971693993751");
const Big kE("2.7182818284590452353602874713526624977572470937000");
const Big kThousandPlusLn2("1000.6931471805599453094172321214581765680755001344");
const Big kExpMinus1000("5.075958897549456765291809479574336919306e-435");  // softmax of 0 in (-1000, 0, 1000)
const Big kExpMinus2000("2.576535872961149652190150499507352912722e-869");  // softmax of -1000

bool close(const Big& got, const Big& want, const Big& rel) { return abs(got - want) <= rel * abs(want); }

}  // namespace

TEST_CASE("pi and e are exact nodes, not decimals", "[constants]") {
    CHECK(pi().kind() == Kind::function);
    CHECK(pi().operands().empty());
    CHECK(!is_constant(pi()));  // not a rational
    CHECK(free_symbols(pi() * x + e()) == std::vector<std::string>{"x"});
    CHECK(exp(Expr(1)) == e());        // exp(1) is e
    CHECK(pow(e(), x) == exp(x));      // e^x is exp(x)
    CHECK(pow(e(), 2) == exp(Expr(2)));
    CHECK(simplify(log(e())) == Expr(1));
    CHECK(simplify(e() * e()) == exp(Expr(2)));
    CHECK(simplify(xlogy(x, e())) == x);  // ∂(e^x)/∂x written through xlogy: x ln e = x
}

TEST_CASE("pi and e print as constants: upright e, and text the language reads", "[constants][printer]") {
    CHECK(to_text(pi()) == "pi");
    CHECK(to_text(e()) == "e");
    CHECK(to_latex(pi()) == "\\pi");
    CHECK(to_latex(e()) == "\\mathrm{e}");
    CHECK(to_latex(exp(x)) == "\\mathrm{e}^{x}");
    CHECK(to_text(2 * pi() * x) == "2*pi*x");
    CHECK(to_latex(2 * pi() * x) == "2 \\pi x");
    CHECK(to_latex(pi() / 2) == "\\frac{\\pi}{2}");
    CHECK(to_latex(pow(pi(), 2)) == "\\pi^{2}");
    // A symbol named e is a variable: italic, unlike the constant.
    CHECK(to_latex(Expr::symbol("e")) == "e");
    CHECK(to_latex(Expr::symbol("e") * e()) == "\\mathrm{e} e");  // the constant leads
}

TEST_CASE("pi and e evaluate at the precision of the type", "[constants][evaluate]") {
    CHECK(evaluate<double>(pi(), {}) == M_PI);
    CHECK(evaluate<double>(e(), {}) == M_E);
    CHECK(close(evaluate<Big>(pi(), {}), kPi, Big("1e-49")));
    CHECK(close(evaluate<Big>(e(), {}), kE, Big("1e-49")));
    CHECK(evaluate<Big>(e() - exp(x), {{"x", Big(1)}}) == 0);  // exp(1) and e agree to the last bit
    // sin(π/4) = √2/2 (mpmath: 0.70710678118654752440084436210484903928483593768847)
    CHECK(close(evaluate<Big>(sin(pi() * x), {{"x", Big("0.25")}}),
                Big("0.70710678118654752440084436210484903928483593768847"), Big("1e-48")));
}

TEST_CASE("derivatives with pi and e: constants differentiate to 0", "[constants][diff]") {
    CHECK(diff(pi(), "x") == Expr(0));
    CHECK(diff(e(), "x") == Expr(0));
    CHECK(to_text(diff(pi() * pow(x, 2), "x")) == "2*pi*x");
    CHECK(to_latex(diff(pi() * pow(x, 2), "x")) == "2 \\pi x");
    CHECK(diff(pow(e(), x), "x") == exp(x));
    CHECK(to_text(diff(sin(pi() * x), "x")) == "pi*cos(pi*x)");
    // d/dx e^{2x} = 2 e^{2x}
    CHECK(to_text(diff(pow(e(), 2 * x), "x")) == "2*exp(2*x)");
}

TEST_CASE("logsumexp is one n-ary node: nested calls flatten, one argument is itself", "[logsumexp]") {
    const Expr l = logsumexp({a, b, c});
    CHECK(l.kind() == Kind::function);
    CHECK(l.operands().size() == 3);
    CHECK(logaddexp(logaddexp(a, b), c) == l);  // how a tape's left fold replays
    CHECK(logsumexp({a, logaddexp(b, c)}) == l);
    CHECK(logsumexp({a}) == a);
    CHECK_THROWS_AS(logsumexp(std::vector<Expr>{}), std::invalid_argument);
    CHECK(to_text(l) == "logsumexp(a, b, c)");
    CHECK(to_latex(l) == "\\operatorname{logsumexp}\\left(a, b, c\\right)");
    CHECK(simplify(l) == l);
}

TEST_CASE("logsumexp is stable at large logits", "[logsumexp][evaluate]") {
    const auto at = [](const Expr& f, double av, double bv, double cv = 0) {
        return evaluate<double>(f, {{"a", av}, {"b", bv}, {"c", cv}});
    };
    CHECK(at(logsumexp({a, b}), 1000, 1000) == Approx(1000 + std::log(2.0)).epsilon(1e-15));
    CHECK(at(logsumexp({a, b}), -1000, -1000) == Approx(-1000 + std::log(2.0)).epsilon(1e-15));
    CHECK(at(logsumexp({a, b, c}), -1000, 0, 1000) == 1000.0);
    CHECK(std::isinf(at(logsumexp({a, b}), -INFINITY, -INFINITY)));
    const Big v = evaluate<Big>(logsumexp({a, b}), {{"a", Big(1000)}, {"b", Big(1000)}});
    CHECK(close(v, kThousandPlusLn2, Big("1e-48")));
}

TEST_CASE("logsumexp's partials are the softmax", "[logsumexp][diff]") {
    const Expr l = logsumexp({a, b, c});
    CHECK(diff(l, "a") == exp(a - l));
    // \exp(…): an argument list in superscript size would be hard to read
    CHECK(to_latex(diff(l, "a")) ==
          "\\exp\\left(a - \\operatorname{logsumexp}\\left(a, b, c\\right)\\right)");
    CHECK(to_text(diff(l, "a")) == "exp(a - logsumexp(a, b, c))");
    // Independent closed form at moderate logits: softmax_i = e^{a_i} / Σ e^{a_j}.
    const double av = 0.3, bv = -1.2, cv = 2.0;
    const double total = std::exp(av) + std::exp(bv) + std::exp(cv);
    const auto d = [&](const char* v) { return evaluate<double>(diff(l, v), {{"a", av}, {"b", bv}, {"c", cv}}); };
    CHECK(d("a") == Approx(std::exp(av) / total).epsilon(1e-14));
    CHECK(d("b") == Approx(std::exp(bv) / total).epsilon(1e-14));
    CHECK(d("c") == Approx(std::exp(cv) / total).epsilon(1e-14));
    // At (-1000, 0, 1000): e^{-2000}, e^{-1000}, 1 to 40 digits (each up to a factor 1 + e^{-1000}).
    const std::map<std::string, Big> big{{"a", Big(-1000)}, {"b", Big(0)}, {"c", Big(1000)}};
    CHECK(close(evaluate<Big>(diff(l, "a"), big), kExpMinus2000, Big("1e-38")));
    CHECK(close(evaluate<Big>(diff(l, "b"), big), kExpMinus1000, Big("1e-38")));
    CHECK(close(evaluate<Big>(diff(l, "c"), big), Big(1), Big("1e-48")));
}

TEST_CASE("logsumexp's derivative agrees with 50-digit central differences", "[logsumexp][diff]") {
    const Expr f = logsumexp({a * b, pow(a, 2), sin(b)});
    const Big h("1e-20");
    for (const auto& [av, bv] : {std::pair<const char*, const char*>{"0.7", "-1.3"}, {"2.5", "0.4"}, {"-3", "10"}}) {
        std::map<std::string, Big> at{{"a", Big(av)}, {"b", Big(bv)}};
        for (const char* v : {"a", "b"}) {
            auto plus = at, minus = at;
            plus[v] += h;
            minus[v] -= h;
            const Big fd = (evaluate<Big>(f, plus) - evaluate<Big>(f, minus)) / (2 * h);
            INFO(v << " at a = " << av << ", b = " << bv);
            CHECK(close(evaluate<Big>(diff(f, v), at), fd, Big("1e-25")));
        }
    }
}

}  // namespace constants_logsumexp_test
