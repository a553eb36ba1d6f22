#pragma once
// The seed 001 network (2-2-2, sigmoid everywhere, squared error), recorded on a Tape<T>,
// and its expected values computed independently in 60-digit arithmetic (mpmath) for the
// exact decimal inputs, rounded to 20 decimal places.
//
//   in_h1 = w1 i1 + w2 i2 + b_h1    in_h2 = w3 i1 + w4 i2 + b_h2
//   in_o1 = w5 out_h1 + w6 out_h2 + b_o1    in_o2 = w7 out_h1 + w8 out_h2 + b_o2
//   out_* = σ(in_*),  E = ½(o1 − out_o1)² + ½(o2 − out_o2)²
// with i1 = 0.1, i2 = 0.2, o1 = 0.01, o2 = 0.99, w_k = k/10, and either one bias per
// layer (b_h = 0.55, b_o = 0.66, as the seed's arithmetic) or four
// (0.55, 0.56, 0.66, 0.67).
#include "derivative_check.hpp"

#include <array>
#include <string>
#include <vector>

namespace seed_network {

using chainrule::Tape;
using chainrule::Var;

/// The recorded network. The Input nodes are, in creation order, w1..w8 and then the
/// biases (b_h, b_o; or b_h1, b_h2, b_o1, b_o2), so replay takes inputs in that order.
template <class T>
struct Network {
    std::array<Var<T>, 8> w;
    std::vector<Var<T>> biases;
    Var<T> in_h1, out_h1, in_h2, out_h2, in_o1, out_o1, in_o2, out_o2, E_o1, E_o2, E;

    /// Every Input node: w1..w8, then the biases.
    std::vector<Var<T>> parameters() const {
        std::vector<Var<T>> p(w.begin(), w.end());
        p.insert(p.end(), biases.begin(), biases.end());
        return p;
    }
};

/// The parameter values of the seed: w1..w8 then the biases, as decimal strings.
inline std::vector<std::string> seed_parameters(bool four_biases) {
    std::vector<std::string> p{"0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8"};
    if (four_biases)
        p.insert(p.end(), {"0.55", "0.56", "0.66", "0.67"});
    else
        p.insert(p.end(), {"0.55", "0.66"});
    return p;
}

/// Records the network with the given parameter values (w1..w8, then 2 or 4 biases).
template <class T>
Network<T> record(Tape<T>& tape, const std::vector<T>& parameters) {
    using derivative_check::decimal;
    Network<T> n;
    const bool four = parameters.size() == 12;
    const auto i1 = tape.constant(decimal<T>("0.1"), "i1"), i2 = tape.constant(decimal<T>("0.2"), "i2");
    const auto o1 = tape.constant(decimal<T>("0.01"), "o1"), o2 = tape.constant(decimal<T>("0.99"), "o2");
    for (int k = 0; k < 8; ++k) n.w[k] = tape.variable(parameters[k], "w" + std::to_string(k + 1));
    const char* names2[] = {"b_h", "b_o"};
    const char* names4[] = {"b_h1", "b_h2", "b_o1", "b_o2"};
    for (std::size_t k = 8; k < parameters.size(); ++k)
        n.biases.push_back(tape.variable(parameters[k], four ? names4[k - 8] : names2[k - 8]));
    const Var<T> b_h1 = n.biases[0], b_h2 = four ? n.biases[1] : n.biases[0];
    const Var<T> b_o1 = four ? n.biases[2] : n.biases[1], b_o2 = four ? n.biases[3] : n.biases[1];
    const auto& w = n.w;

    n.in_h1 = (w[0] * i1 + w[1] * i2 + b_h1).named("in_h1");
    n.out_h1 = sigmoid(n.in_h1).named("out_h1");
    n.in_h2 = (w[2] * i1 + w[3] * i2 + b_h2).named("in_h2");
    n.out_h2 = sigmoid(n.in_h2).named("out_h2");
    n.in_o1 = (w[4] * n.out_h1 + w[5] * n.out_h2 + b_o1).named("in_o1");
    n.out_o1 = sigmoid(n.in_o1).named("out_o1");
    n.in_o2 = (w[6] * n.out_h1 + w[7] * n.out_h2 + b_o2).named("in_o2");
    n.out_o2 = sigmoid(n.in_o2).named("out_o2");
    n.E_o1 = (decimal<T>("0.5") * pow(o1 - n.out_o1, 2)).named("E_o1");
    n.E_o2 = (decimal<T>("0.5") * pow(o2 - n.out_o2, 2)).named("E_o2");
    n.E = (n.E_o1 + n.E_o2).named("E");
    return n;
}

/// Records the seed network with its decimal parameters (exact in decimal types,
/// correctly rounded in binary ones).
template <class T>
Network<T> record_seed(Tape<T>& tape, bool four_biases = false) {
    std::vector<T> p;
    for (const std::string& s : seed_parameters(four_biases)) p.push_back(derivative_check::decimal<T>(s.c_str()));
    return record(tape, p);
}

/// An expected value: a node name (or "dE/d<param>") and its 20-decimal value.
struct Expected {
    const char* what;
    const char* value;
};

/// One bias per layer: node values, then ∂E/∂w1..w8.
inline const std::vector<Expected>& expected_values() {
    static const std::vector<Expected> v{
        {"out_h1", "0.64565630622579545291"}, {"out_h2", "0.65926038845138542076"},
        {"in_o1", "1.37838438618372897891"},  {"out_o1", "0.79873140024697988340"},
        {"out_o2", "0.83744888530936516801"}, {"E_o1", "0.31104861086778078923"},
        {"E_o2", "0.01163592129667761123"},   {"E", "0.32268453216445840046"},
    };
    return v;
}
inline const std::vector<Expected>& expected_gradient() {
    static const std::vector<Expected> g{
        {"w1", "0.00111787391776567898"},  {"w2", "0.00223574783553135797"},  {"w3", "0.00133578638922113367"},
        {"w4", "0.00267157277844226734"},  {"w5", "0.08186670503962587782"},  {"w6", "0.08359164968301902451"},
        {"w7", "-0.01340803217412253489"}, {"w8", "-0.01369054156870487395"},
    };
    return g;
}
/// Four biases: E, then ∂E/∂w5, ∂E/∂w1, ∂E/∂w4.
inline const std::vector<Expected>& expected_values_four_biases() {
    static const std::vector<Expected> v{{"E", "0.32261243929281970916"}};
    return v;
}
inline const std::vector<Expected>& expected_gradient_four_biases() {
    static const std::vector<Expected> g{
        {"w5", "0.08182331501899741261"}, {"w1", "0.00112320669546005001"}, {"w4", "0.00267486093026591318"}};
    return g;
}

}  // namespace seed_network
