// End to end: the 2-2-2 sigmoid network of Matt Mazur's "A Step by Step
// Backpropagation Example" (2015).  The expected numbers are the ones
// published there (E_total = 0.298371109, dE/dw5 = 0.082167041,
// dE/dw1 = 0.000438568), the expected formula is the hand derivation
// dE/dw5 = -(target_o1 - out_o1) out_o1 (1 - out_o1) out_h1.
#include <catch2/catch.hpp>

#include "symbolic/symbolic.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace network_test {

using namespace chainrule::symbolic;

namespace {

Expr sym(const char* name) { return Expr::symbol(name); }

struct Network {
    Expr net_h1 = sym("w1") * sym("i1") + sym("w2") * sym("i2") + sym("b1");
    Expr net_h2 = sym("w3") * sym("i1") + sym("w4") * sym("i2") + sym("b1");
    Expr out_h1 = sigmoid(net_h1);
    Expr out_h2 = sigmoid(net_h2);
    Expr net_o1 = sym("w5") * out_h1 + sym("w6") * out_h2 + sym("b2");
    Expr net_o2 = sym("w7") * out_h1 + sym("w8") * out_h2 + sym("b2");
    Expr out_o1 = sigmoid(net_o1);
    Expr out_o2 = sigmoid(net_o2);
    Expr error = Expr::rational(1, 2) * pow(sym("target_o1") - out_o1, 2) +
                 Expr::rational(1, 2) * pow(sym("target_o2") - out_o2, 2);

    // Names for the neuron outputs, as in the hand derivation.
    Substitution names() const {
        return {{out_o1, sym("out_o1")}, {out_o2, sym("out_o2")}, {out_h1, sym("out_h1")}, {out_h2, sym("out_h2")}};
    }
};

const std::map<std::string, double> values = {
    {"i1", 0.05}, {"i2", 0.10}, {"w1", 0.15}, {"w2", 0.20}, {"w3", 0.25}, {"w4", 0.30}, {"b1", 0.35},
    {"w5", 0.40}, {"w6", 0.45}, {"w7", 0.50}, {"w8", 0.55}, {"b2", 0.60}, {"target_o1", 0.01}, {"target_o2", 0.99},
};

}  // namespace

TEST_CASE("backpropagation example: the numbers", "[network]") {
    const Network n;
    CHECK(evaluate(n.error, values) == Approx(0.298371109).epsilon(1e-8));
    CHECK(evaluate(diff(n.error, "w5"), values) == Approx(0.082167041).epsilon(1e-8));
    CHECK(evaluate(diff(n.error, "w1"), values) == Approx(0.000438568).epsilon(1e-6));
}

TEST_CASE("backpropagation example: the formula", "[network]") {
    const Network n;
    const Expr d = substitute(diff(n.error, "w5"), n.names());
    CHECK(to_text(d) == "-(target_o1 - out_o1)*out_o1*(1 - out_o1)*out_h1");
    CHECK(to_latex(d) ==
          "-\\left(\\mathrm{target}_{o_{1}} - \\mathrm{out}_{o_{1}}\\right) \\mathrm{out}_{o_{1}} "
          "\\left(1 - \\mathrm{out}_{o_{1}}\\right) \\mathrm{out}_{h_{1}}");
}

}  // namespace network_test
