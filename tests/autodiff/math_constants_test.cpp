// π and e on a tape (graph/math_constants.hpp): Const leaves that know which constant
// they are, so replay evaluates them anew in the replayed type or precision instead of
// converting the recorded number. π and e to 100 digits from mpmath (mp.dps = 110).
#include "chainrule.hpp"
#include "derivations/expr_replay.hpp"
#include "precision/real.hpp"
#include "symbolic/symbolic.hpp"

#include <catch2/catch.hpp>

#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace math_constants_test {

using namespace chainrule;

namespace {

const char* const kPi100 =
    "3.141592653589793238462643383279502884197169399375105820974944592307816406286208998628034825342117068";
const char* const kE100 =
    "2.718281828459045235360287471352662497757247093699959574966967627724076630353547594571382178525166427";

}  // namespace

TEST_CASE("math_constant records pi and e as Const leaves that say so") {
    Tape<double> t;
    const auto p = t.math_constant(MathConstant::Pi);
    const auto e = t.math_constant(MathConstant::E);
    const auto one = t.constant(1.0);
    CHECK(p.value() == M_PI);
    CHECK(e.value() == M_E);
    CHECK(t.node(p.index()).op == OpKind::Const);
    CHECK(t.math_constant_of(p.index()) == MathConstant::Pi);
    CHECK(t.math_constant_of(e.index()) == MathConstant::E);
    CHECK(t.math_constant_of(one.index()) == MathConstant::None);
    CHECK_THROWS_AS(t.math_constant(MathConstant::None), Error);
    const auto x = t.variable(0.25);
    const auto y = sin(p * x);
    CHECK(y.value() == Approx(std::sqrt(0.5)).epsilon(1e-15));
    CHECK(grad(y, {x})[0] == Approx(M_PI * std::sqrt(0.5)).epsilon(1e-15));
}

TEST_CASE("replay evaluates pi and e in the new precision, not the recorded digits") {
    Tape<Real> t;
    {
        PrecisionScope s50(50);
        t.math_constant(MathConstant::Pi);
        t.math_constant(MathConstant::E);
    }
    PrecisionScope s100(100);
    const Tape<Real> r = replay<Real>(t);
    CHECK(abs(r.value(0) - Real(kPi100)) < Real("1e-98"));
    CHECK(abs(r.value(1) - Real(kE100)) < Real("1e-98"));
    CHECK(abs(t.value(0) - Real(kPi100)) > Real("1e-60"));  // the 50-digit recording itself
    CHECK(r.math_constant_of(0) == MathConstant::Pi);      // the replay is a tape that knows too
}

TEST_CASE("replay in symbolic::Expr gives the exact constants") {
    Tape<double> t;
    const auto x = t.variable(2.0, "x");
    const auto y = t.math_constant(MathConstant::Pi) * x + t.math_constant(MathConstant::E);
    const std::vector<symbolic::Expr> inputs{symbolic::Expr::symbol("x")};
    const Tape<symbolic::Expr> s = replay<symbolic::Expr>(t, std::span<const symbolic::Expr>(inputs));
    CHECK(symbolic::to_text(s.value(y.index())) == "pi*x + e");
    CHECK(symbolic::to_latex(s.value(y.index())) == "\\pi x + \\mathrm{e}");
}

}  // namespace math_constants_test
