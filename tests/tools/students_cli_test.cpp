// What students type, end to end through the built binary: the constants pi and e, a
// node named e, logsumexp, diff output that chainrule reads back, fractions, and the hint
// for a redefined name. Expected values: closed forms (mpmath digits in tests/lang).
#include "run_process.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace students_cli_test {

using namespace cli_test;
using Catch::Contains;
using Catch::StartsWith;

TEST_CASE("grad 'sin(pi*x)' --at x=0.25: sqrt(2)/2 and pi*cos(pi/4)") {
    const Result r = run({"grad", "sin(pi*x)", "--at", "x=0.25"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "f = 0.7071067812\n∂f/∂x = 2.221441469\n");
    CHECK(r.err.empty());
}

TEST_CASE("grad with e: e^x at 1 is e, and its derivative too") {
    const Result r = run({"grad", "e^x", "--at", "x=1"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "f = 2.718281828\n∂f/∂x = 2.718281828\n");
}

TEST_CASE("descend with pi descends x; no hint to add pi to --from") {
    const Result r = run({"descend", "sin(pi*x)", "--from", "x=0.25", "--lr", "0.1", "--max-steps", "1"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("0.02785585309"));  // 0.25 − 0.1·π·cos(π/4)
    CHECK(r.err.find("hint") == std::string::npos);
}

TEST_CASE("diff keeps pi exact and prints what grad reads back") {
    CHECK(run({"diff", "pi*x^2", "--wrt", "x"}).out == "2*pi*x\n");
    CHECK(run({"diff", "pi*x^2", "--wrt", "x", "--format", "latex"}).out == "2 \\pi x\n");
    const Result d = run({"diff", "x^y", "--wrt", "y"});
    REQUIRE(d.exit_code == 0);
    CHECK(d.out == "x^y*log(x)\n");
    // fed back: 2^3 ln 2 = 8 ln 2 = 5.545177444479562
    const Result g = run({"grad", d.out.substr(0, d.out.size() - 1), "--at", "x=2, y=3"});
    INFO(g.err);
    CHECK(g.exit_code == 0);
    CHECK_THAT(g.out, StartsWith("f = 5.545177444\n"));
}

TEST_CASE("logsumexp on the command line: stable at large logits, softmax partials") {
    const Result r = run({"grad", "logsumexp(x, y)", "--at", "x=1000, y=1000"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, StartsWith("f = 1000.693147\n∂f/∂x = 0.5"));  // 1000 + ln 2, softmax ½
    CHECK_THAT(r.out, Contains("∂f/∂y = 0.5"));
    const Result bad = run({"grad", "logsumexp()", "--at", "x=1"});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, StartsWith("expression:1:1: error: logsumexp takes at least 1 argument, got 0"));
}

TEST_CASE("grad shows an exact rational result as a fraction too") {
    const Result r = run({"grad", "3/x^2", "--at", "x=5"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("∂f/∂x = -6/125 = -0.048"));  // −6/x³ at 5
}

TEST_CASE("worksheet of a model with a node named e: a warning on stderr, the node used") {
    ScratchDir dir;
    write_file(dir / "micrograd.chain",
               "param a = -4, b = 2\nc = a + b\nd = a*b + b^3\ne = c - d\nf = e^2\n");
    const Result r = run({"worksheet", (dir / "micrograd.chain").string()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, StartsWith((dir / "micrograd.chain").string() +
                                 ":4:1: warning: 'e' names a node of this model, so e in this file is that node"));
    CHECK_THAT(r.out, Contains("e^{2}"));
    CHECK(r.out.find("\\mathrm{e}") == std::string::npos);
}

TEST_CASE("c = c + 1: exit 2 with where c was defined and a new name") {
    ScratchDir dir;
    write_file(dir / "m.chain", "param a = 2, b = -3\nd = a*b\nc = a + b\nc = c + 1\n");
    const Result r = run({"worksheet", (dir / "m.chain").string()});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, StartsWith((dir / "m.chain").string() +
                                 ":4:1: error: 'c' is already defined on line 3: names are defined once; call the "
                                 "new value 'c2'\n"));
    CHECK_THAT(r.err, Contains("hint: write c2 = c + 1 and use c2 in the lines after it"));
}

}  // namespace students_cli_test
