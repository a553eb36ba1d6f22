// The completeness test of the op catalogue (ops/catalogue.hpp): every op of every list,
// through every form the project computes it in, against computations that do not share
// its code.
//   - values: the rule's value in double against the same rule at 50 digits (Real);
//   - derivatives, at many points of the op's domain: the tape's partial (the rule's
//     `partial`, at 50 digits) against the symbolic derivative (symbolic::diff of the rule's
//     Expr value, i.e. the rule's separately written `derivative`, evaluated at 50 digits)
//     and against a central difference of the rule's value (h = 1e-30, at 100 digits so
//     that the difference is good to ~1e-55 relative; it uses values only);
//   - names: op_name, the symbolic name, the LaTeX name non-empty; the text of f(x)
//     parsed back by the language gives f(x) again; every alias finds its op;
//   - facts (ops/facts.hpp): each stated fold (f(0), f(1), exact on rationals, roots,
//     inverse pairs) is the value the rule computes.
// An op's domain is its case in tests/autodiff/op_cases.hpp (the label is the op's name);
// a row of the catalogue without one fails here.
#include "tests/autodiff/op_cases.hpp"

#include "lang/calculus.hpp"
#include "lang/functions.hpp"
#include "lang/parser.hpp"
#include "lang/to_symbolic.hpp"
#include "ops/rules.hpp"
#include "precision/real.hpp"
#include "symbolic/arithmetic.hpp"
#include "symbolic/diff.hpp"
#include "symbolic/evaluate.hpp"
#include "symbolic/function_rules.hpp"
#include "symbolic/functions.hpp"
#include "symbolic/latex_printer.hpp"
#include "symbolic/rational.hpp"
#include "symbolic/simplify.hpp"
#include "symbolic/text_printer.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace op_catalogue_test {

using namespace chainrule;
using symbolic::Expr;
using symbolic::Rational;

namespace {

constexpr int kPoints = 64;

// ------------------------------------------------------------------ the rows
// Each op as function pointers to its rule, instantiated in the three scalar types.
struct UnaryRow {
    OpKind op;
    std::string name;
    double (*value_d)(const double&);
    Real (*value_r)(const Real&);
    Real (*partial_r)(const Real&, const Real&);
    Expr (*value_e)(const Expr&);
    ops::Facts facts;
    bool function;  // a function node of Expr (CHAINRULE_UNARY_FUNCTIONS), not −x or √x
};

struct ParamRow {
    OpKind op;
    std::string name;
    double (*value_d)(const double&, const double&);
    Real (*value_r)(const Real&, const Real&);
    Real (*partial_r)(const Real&, const Real&, const Real&);
    Expr (*value_e)(const Expr&, const Expr&);
};

struct BinaryRow {
    OpKind op;
    std::string name;
    double (*value_d)(const double&, const double&);
    Real (*value_r)(const Real&, const Real&);
    ops::Partials<Real> (*partials_r)(const Real&, const Real&, const Real&);
    Expr (*value_e)(const Expr&, const Expr&);
};

#define UNARY_ROW(Name, fn, ...)                                                                        \
    UnaryRow{OpKind::Name, #fn, &ops::Name::value<double>, &ops::Name::value<Real>,                    \
             &ops::Name::partial<Real>, &ops::Name::value<Expr>, {}, false},
#define UNARY_FUNCTION_ROW(Name, fn, ...)                                                               \
    UnaryRow{OpKind::Name, #fn, &ops::Name::value<double>, &ops::Name::value<Real>,                    \
             &ops::Name::partial<Real>, &ops::Name::value<Expr>, ops::Name::facts, true},
#define PARAM_ROW(Name, fn, ...)                                                                         \
    ParamRow{OpKind::Name, #fn, &ops::Name::value<double>, &ops::Name::value<Real>,                     \
             &ops::Name::partial<Real>, &ops::Name::value<Expr>},
#define BINARY_ROW(Name, fn, ...)                                                                        \
    BinaryRow{OpKind::Name, #fn, &ops::Name::value<double>, &ops::Name::value<Real>,                    \
              &ops::Name::partials<Real>, &ops::Name::value<Expr>},

const std::vector<UnaryRow>& unary_rows() {
    static const std::vector<UnaryRow> rows{
        CHAINRULE_UNARY_REWRITTEN(UNARY_ROW) CHAINRULE_UNARY_FUNCTIONS(UNARY_FUNCTION_ROW)};
    return rows;
}
const std::vector<ParamRow>& param_rows() {
    static const std::vector<ParamRow> rows{CHAINRULE_PARAM_OPS(PARAM_ROW)};
    return rows;
}
const std::vector<BinaryRow>& binary_rows() {
    static const std::vector<BinaryRow> rows{CHAINRULE_BINARY_OPS(BINARY_ROW)};
    return rows;
}

// (alias, op) for every alias of the catalogue.
#define ALIAS_PAIR(alias, Name) std::pair<std::string, OpKind>{#alias, OpKind::Name},
#define ALIASES_OF(Name, fn, ...) CHAINRULE_EACH_ALIAS(ALIAS_PAIR, Name, __VA_ARGS__)
const std::vector<std::pair<std::string, OpKind>> kAliases{CHAINRULE_UNARY_FUNCTIONS(ALIASES_OF)};

// ------------------------------------------------------------- domains
// The sampler of an op's case in op_cases.hpp, found by its label.
derivative_check::Sampler sampler_of(const std::vector<op_cases::C>& cases, const std::string& label) {
    for (const op_cases::C& c : cases)
        if (c.label == label) return c.sample;
    return {};
}

// The parameters each param op is tried with, and where its x is drawn.
struct ParamDomain {
    std::vector<std::string> params;
    derivative_check::Sampler x;
};
const std::map<std::string, ParamDomain>& param_domains() {
    using derivative_check::near_zero;
    using derivative_check::uniform;
    static const std::map<std::string, ParamDomain> d{
        {"pow_const", {{"2", "3", "-1", "0.5", "1.875", "-1.5"}, uniform(0.05, 5)}},
        {"exp_base", {{"0.5", "2", "10"}, uniform(-10, 10)}},
        {"log_base", {{"0.5", "2", "10"}, uniform(1e-3, 100)}},
        {"leaky_relu", {{"0.01", "0.2", "-0.3", "1.5"}, uniform(-5, 5, near_zero(1e-3))}},
        {"add_const", {{"2.5", "-0.75"}, uniform(-5, 5)}},
        {"const_add", {{"2.5", "-0.75"}, uniform(-5, 5)}},
        {"sub_const", {{"2.5", "-0.75"}, uniform(-5, 5)}},
        {"const_sub", {{"2.5", "-0.75"}, uniform(-5, 5)}},
        {"mul_const", {{"3", "-0.75"}, uniform(-5, 5)}},
        {"div_const", {{"3", "-0.75"}, uniform(-5, 5)}},
        {"const_div", {{"3", "-0.75"}, uniform(-5, 5, near_zero(0.1))}},
    };
    return d;
}

// ------------------------------------------------------------- comparisons
Real rel_err(const Real& a, const Real& ref) {
    using boost::multiprecision::abs;
    if (ref == 0) return abs(a);
    return abs(Real(a - ref)) / abs(ref);
}

// |a − ref| ≤ tol·|ref| + floor.
bool close(const Real& a, const Real& ref, const Real& tol, const Real& floor) {
    using boost::multiprecision::abs;
    return abs(Real(a - ref)) <= tol * abs(ref) + floor;
}

// The central difference (f(x + h) − f(x − h))/2h with h = 1e-30, at 100 digits: truncation
// ~1e-60·|f'''|, rounding ~1e-70·|f|: far below the 50-digit partials it is compared with.
template <class F>
Real central_difference(F f, const Real& x) {
    PrecisionScope scope(100);
    const Real h("1e-30");
    const Real x100(x);
    return Real((f(Real(x100 + h)) - f(Real(x100 - h))) / (2 * h));
}

// The derivative of `formula` by `by`, evaluated at `at` (50 digits).
Real symbolic_derivative(const Expr& formula, const std::string& by, const std::map<std::string, Real>& at) {
    return symbolic::evaluate(symbolic::diff(formula, by), at);
}

Real as_real(const Rational& q) { return symbolic::numeric::to_number<Real>(q); }

// The language reads the text of e back as e.
void check_parses_back(const Expr& e) {
    const std::string text = symbolic::to_text(e);
    INFO("text: " << text);
    CHECK_FALSE(text.empty());
    const lang::Source source{"catalogue", text};
    const Expr back = lang::to_symbolic(lang::parse_expression(source), source);
    CHECK(symbolic::to_text(back) == text);
    CHECK(symbolic::simplify(back) == symbolic::simplify(e));
}

// Double against 50 digits: the double rule is the same function, accurate to a few
// hundred ulps where the function is well conditioned (acot(20) = π/2 − atan 20 loses
// ~5 bits to cancellation; the tolerance is far below any formula or branch mistake).
const Real kDoubleTol("1e-13");
const Real kDoubleFloor("1e-300");
// Tape partial against symbolic derivative, both at 50 digits: two exact formulas.
const Real kFormulaTol("1e-40");
// Either against the 100-digit central difference.
const Real kDifferenceTol("1e-35");
const Real kZeroFloor("1e-45");

}  // namespace

TEST_CASE("op catalogue: every unary op has a case (a domain) in op_cases.hpp") {
    const auto cases = op_cases::unary_cases();
    for (const UnaryRow& r : unary_rows()) {
        INFO(r.name);
        CHECK(static_cast<bool>(sampler_of(cases, r.name)));
    }
}

TEST_CASE("op catalogue: unary ops — double = 50 digits, tape partial = symbolic diff = difference") {
    const auto cases = op_cases::unary_cases();
    const Expr x = Expr::symbol("x");
    std::uint64_t seed = 100;
    for (const UnaryRow& r : unary_rows()) {
        const auto sample = sampler_of(cases, r.name);
        if (!sample) continue;  // reported by the test above
        const Expr f = r.value_e(x);
        std::mt19937_64 rng(seed++);
        for (int n = 0; n < kPoints; ++n) {
            const double xd = sample(rng)[0];
            const Real xr(xd);  // exact: every double is a Real
            const Real y = r.value_r(xr);
            INFO(r.name << " at x = " << derivative_check::show(xd) << ", value " << y.str(30));
            CHECK(close(Real(r.value_d(xd)), y, kDoubleTol, kDoubleFloor));
            const Real tape = r.partial_r(xr, y);
            const Real sym = symbolic_derivative(f, "x", {{"x", xr}});
            const Real fd = central_difference(r.value_r, xr);
            INFO("tape partial " << tape.str(45) << "\nsymbolic     " << sym.str(45) << "\ndifference   " << fd.str(45));
            CHECK(close(tape, sym, kFormulaTol, kZeroFloor));
            CHECK(close(tape, fd, kDifferenceTol, kZeroFloor));
        }
    }
}

TEST_CASE("op catalogue: param ops — double = 50 digits, tape partial = symbolic diff = difference") {
    const Expr x = Expr::symbol("x");
    std::uint64_t seed = 200;
    for (const ParamRow& r : param_rows()) {
        INFO(r.name);
        REQUIRE(param_domains().count(r.name) == 1);
        const ParamDomain& d = param_domains().at(r.name);
        for (const std::string& p_text : d.params) {
            const Real p(p_text);
            const double pd = std::stod(p_text);
            const Expr f = r.value_e(x, Expr::decimal(p_text));
            std::mt19937_64 rng(seed++);
            for (int n = 0; n < kPoints; ++n) {
                const double xd = d.x(rng)[0];
                const Real xr(xd);
                const Real y = r.value_r(xr, p);
                INFO("p = " << p_text << ", x = " << derivative_check::show(xd));
                CHECK(close(Real(r.value_d(xd, pd)), r.value_r(xr, Real(pd)), kDoubleTol, kDoubleFloor));
                const Real tape = r.partial_r(xr, y, p);
                const Real sym = symbolic_derivative(f, "x", {{"x", xr}});
                const Real fd = central_difference([&](const Real& t) { return r.value_r(t, Real(p_text)); }, xr);
                INFO("tape partial " << tape.str(45) << "\nsymbolic     " << sym.str(45) << "\ndifference   " << fd.str(45));
                CHECK(close(tape, sym, kFormulaTol, kZeroFloor));
                CHECK(close(tape, fd, kDifferenceTol, kZeroFloor));
            }
        }
    }
}

TEST_CASE("op catalogue: binary ops — double = 50 digits, tape partials = symbolic diff = difference") {
    const auto cases = op_cases::binary_cases();
    const Expr a = Expr::symbol("a"), b = Expr::symbol("b");
    std::uint64_t seed = 300;
    for (const BinaryRow& r : binary_rows()) {
        INFO(r.name);
        const auto sample = sampler_of(cases, r.op == OpKind::Pow ? "pow(a, b)" : r.name);
        REQUIRE(static_cast<bool>(sample));
        const Expr f = r.value_e(a, b);
        std::mt19937_64 rng(seed++);
        for (int n = 0; n < kPoints; ++n) {
            const std::vector<double> ab = sample(rng);
            const Real ar(ab[0]), br(ab[1]);
            const Real y = r.value_r(ar, br);
            INFO("at (" << derivative_check::show(ab[0]) << ", " << derivative_check::show(ab[1]) << ")");
            CHECK(close(Real(r.value_d(ab[0], ab[1])), y, kDoubleTol, kDoubleFloor));
            const ops::Partials<Real> tape = r.partials_r(ar, br, y);
            const std::map<std::string, Real> at{{"a", ar}, {"b", br}};
            const Real fd_a = central_difference([&](const Real& t) { return r.value_r(t, Real(br)); }, ar);
            const Real fd_b = central_difference([&](const Real& t) { return r.value_r(Real(ar), t); }, br);
            CHECK(close(tape.da, symbolic_derivative(f, "a", at), kFormulaTol, kZeroFloor));
            CHECK(close(tape.db, symbolic_derivative(f, "b", at), kFormulaTol, kZeroFloor));
            CHECK(close(tape.da, fd_a, kDifferenceTol, kZeroFloor));
            CHECK(close(tape.db, fd_b, kDifferenceTol, kZeroFloor));
        }
    }
}

TEST_CASE("op catalogue: names — non-empty, found by the language, printed and parsed back") {
    const Expr x = Expr::symbol("x"), y = Expr::symbol("y");
    std::set<std::string> names;
    for (const UnaryRow& r : unary_rows()) {
        INFO(r.name);
        CHECK(op_name(r.op) == r.name);
        CHECK(names.insert(r.name).second);  // no name twice
        const Expr f = r.value_e(x);
        CHECK_FALSE(symbolic::to_latex(f).empty());
        check_parses_back(f);
        if (r.op == OpKind::Neg) continue;  // an operator: no function name
        REQUIRE(lang::find_language_function(r.name));
        CHECK(lang::find_language_function(r.name)->op == r.op);
        if (!r.function) continue;
        const std::optional<symbolic::Function> fn = symbolic::function_from_name(r.name);
        REQUIRE(fn);
        CHECK(f.function() == *fn);
        const std::string latex = symbolic::latex_function_name(*fn);
        CHECK_FALSE(latex.empty());
        CHECK(latex != "\\operatorname{}");
    }
    for (const BinaryRow& r : binary_rows()) {
        INFO(r.name);
        CHECK(op_name(r.op) == r.name);
        CHECK(names.insert(r.name).second);
        check_parses_back(r.value_e(x, y));
        const bool operator_op = r.op == OpKind::Add || r.op == OpKind::Sub || r.op == OpKind::Mul || r.op == OpKind::Div;
        CHECK(lang::find_language_function(r.name).has_value() == !operator_op);
    }
    for (const ParamRow& r : param_rows()) {
        INFO(r.name);
        CHECK(op_name(r.op) == r.name);
        CHECK(names.insert(r.name).second);
        check_parses_back(r.value_e(x, Expr::decimal("0.25")));
    }
    for (const auto& [alias, op] : kAliases) {
        INFO(alias);
        CHECK(names.insert(alias).second);  // an alias is no other op's name
        REQUIRE(lang::find_language_function(alias));
        CHECK(lang::find_language_function(alias)->op == op);
    }
}

TEST_CASE("op catalogue: the facts are what the rules compute") {
    const Expr x = Expr::symbol("x");
    const std::vector<Rational> rationals{Rational(0), Rational(3, 7), Rational(-5, 2), Rational(8), Rational(-27, 8)};
    for (const UnaryRow& r : unary_rows()) {
        if (!r.function) continue;
        INFO(r.name);
        const ops::Facts& facts = r.facts;
        const auto fraction = [](const ops::Fraction& q) { return Rational(q.num) / Rational(q.den); };
        if (facts.at_zero) {
            CHECK(close(r.value_r(Real(0)), as_real(fraction(*facts.at_zero)), Real(0), kZeroFloor));
            CHECK(symbolic::simplify(r.value_e(Expr(0))) == Expr(fraction(*facts.at_zero)));
        }
        if (facts.at_one) {
            CHECK(close(r.value_r(Real(1)), as_real(fraction(*facts.at_one)), Real(0), kZeroFloor));
            CHECK(symbolic::simplify(r.value_e(Expr(1))) == Expr(fraction(*facts.at_one)));
        }
        if (facts.exact_on_rationals)
            for (const Rational& q : rationals) {
                const Expr folded = symbolic::simplify(r.value_e(Expr(q)));
                REQUIRE(symbolic::is_constant(folded));
                CHECK(close(as_real(folded.value()), r.value_r(as_real(q)), Real("1e-45"), kZeroFloor));
            }
        if (facts.root > 0) {
            const Rational q(-2, 3);
            const Expr folded = symbolic::simplify(r.value_e(Expr(symbolic::pow_int(q, facts.root))));
            CHECK(folded == Expr(q));
        }
        if (!facts.inverse.empty()) {
            const std::optional<symbolic::Function> g = symbolic::function_from_name(facts.inverse);
            REQUIRE(g);
            const Expr inner = symbolic::make_function(*g, {x});
            CHECK(symbolic::simplify(r.value_e(inner)) == x);
            const Real at("0.375");
            CHECK(close(r.value_r(symbolic::evaluate(inner, std::map<std::string, Real>{{"x", at}})), at,
                        Real("1e-45"), kZeroFloor));
        }
        if (facts.idempotent) {
            CHECK(symbolic::simplify(r.value_e(r.value_e(x))) == r.value_e(x));
            CHECK(r.value_r(r.value_r(Real("-0.7"))) == r.value_r(Real("-0.7")));
        }
        // Where a function is singular, by difference quotients a distance h = 10⁻³⁰ away.
        const Real h("1e-30");
        const auto slope = [&](const Real& at, const Real& step) { return (r.value_r(at + step) - r.value_r(at)) / step; };
        switch (facts.singular) {
            case ops::Singularity::kink_at_zero:
                CHECK(slope(Real(0), -h) != slope(Real(0), h));
                if (facts.left_slope) CHECK(close(slope(Real(0), -h), as_real(fraction(*facts.left_slope)), Real("1e-20"), 0));
                if (facts.right_slope) CHECK(close(slope(Real(0), h), as_real(fraction(*facts.right_slope)), Real("1e-20"), 0));
                break;
            case ops::Singularity::jump_at_zero: CHECK(r.value_r(-h) != r.value_r(h)); break;
            case ops::Singularity::infinite_slope_at_zero: CHECK(abs(r.partial_r(h, r.value_r(h))) > Real("1e15")); break;
            case ops::Singularity::infinite_slope_at_unit:
                CHECK(abs(r.partial_r(Real(1) - h, r.value_r(Real(1) - h))) > Real("1e10"));
                CHECK(abs(r.partial_r(h - Real(1), r.value_r(h - Real(1)))) > Real("1e10"));
                break;
            case ops::Singularity::log_pole: CHECK(r.value_r(h) < Real(-60)); break;
            case ops::Singularity::none: break;
        }
    }
}

TEST_CASE("op catalogue: erf' is 2/sqrt(pi)*e^(-x^2) with pi exact; gelu(0.5) and gelu'(0.5) to 40 digits") {
    const lang::Source erf_source{"diff", "erf(x)"};
    const Expr d = lang::derivative(lang::parse_expression(erf_source), erf_source, "x");
    CHECK(symbolic::to_text(d) == "2*exp(-x^2)/sqrt(pi)");
    CHECK(symbolic::to_latex(d) == "\\frac{2 \\mathrm{e}^{-x^{2}}}{\\sqrt{\\pi}}");
    // mpmath, mp.dps = 60: 2/mp.sqrt(mp.pi)*mp.exp(-mp.mpf('0.3')**2)
    const Real erf_prime_03("1.03126090961896305029812150976122660233868497610327610641438");
    CHECK(close(symbolic::evaluate(d, std::map<std::string, Real>{{"x", Real("0.3")}}), erf_prime_03, Real("1e-45"), 0));

    // mpmath, mp.dps = 60, x = mp.mpf('0.5'):
    //   x*mp.ncdf(x)              = 0.345731230637006551818852305304168869941801087777288968410388
    //   mp.ncdf(x) + x*mp.npdf(x) = 0.867495124656162842525044831406596566438759765742433911648511
    const lang::Source gelu_source{"grad", "gelu(x)"};
    const lang::Point at{{"x"}, {Real("0.5")}, {"0.5"}};
    const lang::Gradient g = lang::gradient_at(lang::parse_expression(gelu_source), gelu_source, at, "--at", 40);
    CHECK(close(g.value, Real("0.345731230637006551818852305304168869941801087777288968410388"), Real("1e-40"), 0));
    REQUIRE(g.partials.size() == 1);
    CHECK(close(g.partials[0], Real("0.867495124656162842525044831406596566438759765742433911648511"), Real("1e-40"), 0));
}

}  // namespace op_catalogue_test
