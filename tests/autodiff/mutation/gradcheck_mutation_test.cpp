// The mutation test of gradcheck (a check that cannot fail is a defect): this executable is
// compiled with CHAINRULE_MUTATE_SIN_PARTIAL, which makes the sin rule of
// ops/rules_transcendental.hpp return cos(x)·(1 + 1e-8). gradcheck must report every
// input whose gradient flows through sin as FAIL, naming a wrong rule, and the others as pass.
#ifndef CHAINRULE_MUTATE_SIN_PARTIAL
#error "build this test with -DCHAINRULE_MUTATE_SIN_PARTIAL (tests/CMakeLists.txt)"
#endif

#include "chainrule.hpp"
#include "autodiff/gradcheck.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace chainrule;

TEST_CASE("the mutation is active: d sin(x)/dx = cos(x)·(1 + 1e-8)") {
    Tape<double> t;
    const auto x = t.variable(0.4);
    const double d = grad(sin(x), {x})[0];
    REQUIRE(std::abs(d / std::cos(0.4) - (1 + 1e-8)) < 1e-14);
}

TEST_CASE("gradcheck reports the mutated sin rule as FAIL") {
    Tape<double> t;
    const auto x = t.variable(0.4, "x"), y = t.variable(1.7, "y"), z = t.variable(-0.9, "z");
    const auto f = sin(x * y) + exp(z) * z;  // x and y through sin, z not
    const auto r = gradcheck(t, f.index());
    REQUIRE(r.entries.size() == 3);
    CHECK_FALSE(r.passed());
    for (int k : {0, 1}) {
        INFO(r.entries[k].name << ": rel error " << r.entries[k].rel_error.str(3));
        CHECK(r.entries[k].verdict == GradcheckVerdict::Fail);
        CHECK(r.entries[k].note.find("a derivative rule is wrong") != std::string::npos);
    }
    CHECK(r.entries[2].verdict == GradcheckVerdict::Pass);
}

TEST_CASE("gradcheck reports the mutated sin rule as FAIL in long double too") {
    Tape<long double> t;
    const auto x = t.variable(2.5L, "x");
    const auto f = sin(x) * x;
    CHECK(gradcheck(t, f.index()).entries[0].verdict == GradcheckVerdict::Fail);
}
