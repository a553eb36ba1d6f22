// The seed 001 network (2-2-2, sigmoid everywhere, one bias per layer, as the seed's
// arithmetic does): records it once in 50-digit arithmetic, runs the reverse sweep and
// prints every named value and the gradient of E with 10 significant digits.
//
// This is the placeholder of `make run` until the derivation worksheet lands: the
// numbers are the ones the worksheet will derive step by step.
#include "chainrule.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <fmt/format.h>

#include <string>
#include <vector>

using Real = boost::multiprecision::cpp_bin_float_50;
using chainrule::Tape;
using chainrule::Var;

namespace {

// Exact decimal constants: "0.1" is exactly 1/10 to 50 digits, not the double 0.1.
Real dec(const char* text) { return Real(text); }

std::string show(const Real& x) { return x.str(10); }

}  // namespace

int main() {
    Tape<Real> tape;
    auto i1 = tape.constant(dec("0.1"), "i1"), i2 = tape.constant(dec("0.2"), "i2");
    auto o1 = tape.constant(dec("0.01"), "o1"), o2 = tape.constant(dec("0.99"), "o2");
    std::vector<Var<Real>> w;
    for (int k = 1; k <= 8; ++k) w.push_back(tape.variable(Real(k) / 10, "w" + std::to_string(k)));
    auto b_h = tape.variable(dec("0.55"), "b_h"), b_o = tape.variable(dec("0.66"), "b_o");

    auto in_h1 = (w[0] * i1 + w[1] * i2 + b_h).named("in_h1");
    auto out_h1 = sigmoid(in_h1).named("out_h1");
    auto in_h2 = (w[2] * i1 + w[3] * i2 + b_h).named("in_h2");
    auto out_h2 = sigmoid(in_h2).named("out_h2");
    auto in_o1 = (w[4] * out_h1 + w[5] * out_h2 + b_o).named("in_o1");
    auto out_o1 = sigmoid(in_o1).named("out_o1");
    auto in_o2 = (w[6] * out_h1 + w[7] * out_h2 + b_o).named("in_o2");
    auto out_o2 = sigmoid(in_o2).named("out_o2");
    auto E_o1 = (Real(1) / 2 * pow(o1 - out_o1, 2)).named("E_o1");
    auto E_o2 = (Real(1) / 2 * pow(o2 - out_o2, 2)).named("E_o2");
    auto E = (E_o1 + E_o2).named("E");

    chainrule::backward(E);

    fmt::print("# Seed 001 network: forward pass and gradient (10 significant digits)\n\n");
    fmt::print("| node | value |\n| --- | --- |\n");
    for (const auto& v : {in_h1, out_h1, in_h2, out_h2, in_o1, out_o1, in_o2, out_o2, E_o1, E_o2, E})
        fmt::print("| {} | {} |\n", v.name(), show(v.value()));
    fmt::print("\n| parameter | value | dE/dparameter |\n| --- | --- | --- |\n");
    std::vector<Var<Real>> params = w;
    params.push_back(b_h);
    params.push_back(b_o);
    for (const auto& p : params) fmt::print("| {} | {} | {} |\n", p.name(), show(p.value()), show(p.adjoint()));
    fmt::print("\nThe step-by-step chain-rule worksheet will replace this table.\n");
}
