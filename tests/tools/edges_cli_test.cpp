// Issue 11 end to end: the built `chainrule` at the edges — cancellation, infinite
// derivatives, kinks — against closed forms and the mathematics of the point.
#include "run_process.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace edges_cli_test {

using namespace cli_test;
using Catch::Contains;

TEST_CASE("edges: grad certifies digits that the 50-digit tape alone gets wrong") {
    // (1 − cos x)/x² = 1/2 − x²/24, derivative −x/12 (the issue printed 3.83e-7 and 0.4999999744)
    const Result a = run({"grad", "(1 - cos(x))/x^2", "--at", "x=1e-15"});
    CHECK(a.exit_code == 0);
    CHECK(a.out == "f = 0.5\n∂f/∂x = -8.333333333e-17\n");
    const Result b = run({"grad", "(1 - cos(x))/x^2", "--at", "x=1e-22"});
    CHECK(b.out == "f = 0.5\n∂f/∂x = -8.333333333e-24\n");
}

TEST_CASE("edges: grad --arithmetic double shows float64's round-off, labelled") {
    const Result r = run({"grad", "(1 - cos(x))/x^2", "--at", "x=1e-7", "--arithmetic", "double"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("reverse mode in double: round-off included, not certified"));
    CHECK_THAT(r.out, Contains("f = 0.49960036108"));  // 1 − cos(1e-7) in double is 4.996003610813204e-15
}

TEST_CASE("edges: a worksheet whose chain rule and reverse mode are the same infinity exits 0") {
    ScratchDir dir;
    write_file(dir / "edge.chain", "input x = 0.5\nparam w = 2\ny = sqrt(w*x - 1) + w\n");
    const Result r = run({"worksheet", (dir / "edge.chain").string()});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("it agrees in every printed digit"));
    CHECK_THAT(r.out, Contains("sqrt at $w x - 1 = 0$"));
    CHECK_THAT(r.out, Contains("= \\infty"));
}

TEST_CASE("edges: check at a domain edge and at a kink") {
    ScratchDir dir;
    write_file(dir / "edge.chain",
               "input x = 0.5\nparam w = 2\ny = sqrt(w*x - 1) + w\ncheck dy/dw = 123.456\ncheck dy/dw = -7\n");
    const Result e = run({"check", (dir / "edge.chain").string()});
    CHECK(e.exit_code == 1);
    CHECK_THAT(e.out, Contains("dy/dw is +infinity here (sqrt' at 0)"));
    CHECK_THAT(e.out, !Contains("correct"));
    write_file(dir / "kink.chain",
               "input x = 2\nparam w = 0.5, b = -1\nz = w*x + b\nr = relu(z)\nr1 = r + 1\nE = (r - 1)^2\n"
               "check dr/dz = 1\ncheck dE/dw = -4\n");
    const Result k = run({"check", (dir / "kink.chain").string()});
    CHECK(k.exit_code == 0);
    CHECK_THAT(k.out, Contains("2 claims: 2 correct"));
    CHECK_THAT(k.out, Contains("relu at z = 0 is a kink"));
    CHECK_THAT(k.out, !Contains("value of r1"));
}

}  // namespace edges_cli_test
