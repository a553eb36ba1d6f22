#pragma once
// The seed 001 network (2-2-2, sigmoid everywhere, squared error, one bias per layer as
// the seed's arithmetic does), recorded from exact decimals. Returns the output E.
//
//   in_h1 = w1 i1 + w2 i2 + b_h     out_h1 = σ(in_h1)     (h2 likewise with w3, w4)
//   in_o1 = w5 out_h1 + w6 out_h2 + b_o   out_o1 = σ(in_o1)   (o2 likewise with w7, w8)
//   E = E_o1 + E_o2,  E_ok = ½ (o_k − out_ok)²
#include "chainrule.hpp"
#include "precision/real.hpp"

namespace examples {

/// The derivations' number type (MPFR; 50 digits unless a PrecisionScope says otherwise).
using Real = chainrule::Real;

inline chainrule::Var<Real> record_seed_001_network(chainrule::Tape<Real>& tape) {
    auto c = [&](const char* value, const char* name) { return tape.constant(Real(value), name); };
    auto v = [&](const char* value, const char* name) { return tape.variable(Real(value), name); };
    auto i1 = c("0.1", "i1"), i2 = c("0.2", "i2"), o1 = c("0.01", "o1"), o2 = c("0.99", "o2");
    auto w1 = v("0.1", "w1"), w2 = v("0.2", "w2"), w3 = v("0.3", "w3"), w4 = v("0.4", "w4");
    auto w5 = v("0.5", "w5"), w6 = v("0.6", "w6"), w7 = v("0.7", "w7"), w8 = v("0.8", "w8");
    auto b_h = v("0.55", "b_h"), b_o = v("0.66", "b_o");

    auto in_h1 = (w1 * i1 + w2 * i2 + b_h).named("in_h1");
    auto out_h1 = sigmoid(in_h1).named("out_h1");
    auto in_h2 = (w3 * i1 + w4 * i2 + b_h).named("in_h2");
    auto out_h2 = sigmoid(in_h2).named("out_h2");
    auto in_o1 = (w5 * out_h1 + w6 * out_h2 + b_o).named("in_o1");
    auto out_o1 = sigmoid(in_o1).named("out_o1");
    auto in_o2 = (w7 * out_h1 + w8 * out_h2 + b_o).named("in_o2");
    auto out_o2 = sigmoid(in_o2).named("out_o2");
    auto E_o1 = (Real("0.5") * pow(o1 - out_o1, 2)).named("E_o1");
    auto E_o2 = (Real("0.5") * pow(o2 - out_o2, 2)).named("E_o2");
    return (E_o1 + E_o2).named("E");
}

}  // namespace examples
