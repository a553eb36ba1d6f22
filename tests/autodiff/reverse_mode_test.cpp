// The reverse sweep as an API: seeds, accumulation, clearing, several outputs and
// intermediate nodes of one recording; replay in 50 digits and in double, checked on the
// seed 001 network against independently computed 20-decimal values.
#include "seed_network.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <span>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace reverse_mode_test {

using namespace chainrule;
using derivative_check::cpp_bin_float_50;
using derivative_check::decimal;

namespace {

// y = x³ + sin x·z at x = 2, z = 0.5: dy/dx = 3x² + z cos x, dy/dz = sin x.
struct Small {
    Tape<double> t;
    Var<double> x = t.variable(2.0, "x");
    Var<double> z = t.variable(0.5, "z");
    Var<double> y = pow(x, 3) + sin(x) * z;
    double dydx = 3 * 4.0 + 0.5 * std::cos(2.0);
    double dydz = std::sin(2.0);
};

// Looks a node up by name (the seed network's nodes are named as in the seed).
template <class T>
NodeIndex node(const Tape<T>& t, const char* name) {
    const auto i = t.find(name);
    REQUIRE(i.has_value());
    return *i;
}

// |got − expected| ≤ 1e-20, expected given to 20 decimals: "to 20 digits" for the
// network's values, which are all below 2 in magnitude.
template <class T>
void check_20_decimals(const T& got, const char* what, const char* expected) {
    const T e(expected);
    INFO(what << " = " << got.str(25) << ", expected " << expected);
    CHECK(abs(T(got - e)) <= T("1e-20"));
}

// The expected node values and gradient of the seed network, on any tape that has its
// named nodes and holds the adjoints of a sweep from E.
template <class T>
void check_seed_network_20_digits(const Tape<T>& t, bool four_biases) {
    for (const auto& ex : four_biases ? seed_network::expected_values_four_biases() : seed_network::expected_values())
        check_20_decimals(t.value(node(t, ex.what)), ex.what, ex.value);
    for (const auto& ex :
         four_biases ? seed_network::expected_gradient_four_biases() : seed_network::expected_gradient())
        check_20_decimals(t.adjoint(node(t, ex.what)), ex.what, ex.value);
}

}  // namespace

TEST_CASE("backward with a seed adjoint scales every adjoint by the seed") {
    Small s;
    backward(s.y, 3.0);
    CHECK(s.y.adjoint() == 3.0);
    CHECK(s.x.adjoint() == Approx(3 * s.dydx).epsilon(1e-15));
    CHECK(s.z.adjoint() == Approx(3 * s.dydz).epsilon(1e-15));
}

TEST_CASE("adjoints accumulate across backward calls until clear_adjoints") {
    Small s;
    backward(s.y);
    backward(s.y);
    CHECK(s.x.adjoint() == Approx(2 * s.dydx).epsilon(1e-15));
    // a second output adds its own gradient on top
    auto w = s.x * s.z;  // dw/dx = z, dw/dz = x
    backward(w);
    CHECK(s.x.adjoint() == Approx(2 * s.dydx + 0.5).epsilon(1e-15));
    CHECK(s.z.adjoint() == Approx(2 * s.dydz + 2.0).epsilon(1e-15));

    s.t.clear_adjoints();
    for (NodeIndex i = 0; i < s.t.size(); ++i) CHECK(s.t.adjoint(i) == 0.0);
    backward(s.y);
    CHECK(s.x.adjoint() == Approx(s.dydx).epsilon(1e-15));
    CHECK(s.z.adjoint() == Approx(s.dydz).epsilon(1e-15));
}

TEST_CASE("gradients of several outputs of one recording, without re-recording") {
    Small s;
    auto w = s.x * s.z;
    auto u = exp(s.y) - w;
    const std::size_t recorded = s.t.size();
    const auto gy = grad(s.y, {s.x, s.z});
    const auto gw = grad(w, {s.x, s.z});
    const auto gu = grad(u, {s.x, s.z});
    const auto gy_again = grad(s.y, {s.x, s.z});  // grad clears adjoints first
    CHECK(s.t.size() == recorded);
    CHECK(gy[0] == Approx(s.dydx).epsilon(1e-15));
    CHECK(gy[1] == Approx(s.dydz).epsilon(1e-15));
    CHECK(gw == std::vector{0.5, 2.0});
    CHECK(gu[0] == Approx(std::exp(s.y.value()) * s.dydx - 0.5).epsilon(1e-15));
    CHECK(gu[1] == Approx(std::exp(s.y.value()) * s.dydz - 2.0).epsilon(1e-15));
    CHECK(gy_again == gy);
}

TEST_CASE("grad on an intermediate node ignores the nodes recorded after it") {
    Tape<double> t;
    auto x = t.variable(1.5);
    auto h = x * x;     // intermediate
    auto y = sin(h);    // recorded after h
    CHECK(grad(h, {x})[0] == 3.0);
    CHECK(y.adjoint() == 0.0);  // the sweep from h never touched y
    CHECK(grad(y, {h})[0] == Approx(std::cos(2.25)).epsilon(1e-15));
    CHECK(grad(y, {x})[0] == Approx(std::cos(2.25) * 3.0).epsilon(1e-15));
    // a node recorded after the output has gradient 0
    CHECK(grad(h, {y})[0] == 0.0);
}

TEST_CASE("seed 001 network from exact decimals in cpp_bin_float_50: values and gradient to 20 digits") {
    for (bool four : {false, true}) {
        CAPTURE(four);
        Tape<cpp_bin_float_50> t;  // parameters built from "0.1" etc.: exact to 50 digits
        const auto net = seed_network::record_seed(t, four);
        backward(net.E);
        check_seed_network_20_digits(t, four);
    }
}

TEST_CASE("replay<cpp_bin_float_50> reproduces the seed 001 network to 20 digits") {
    for (bool four : {false, true}) {
        CAPTURE(four);
        Tape<cpp_bin_float_50> t;
        const auto net = seed_network::record_seed(t, four);
        // at the recorded point
        Tape<cpp_bin_float_50> r = replay<cpp_bin_float_50>(t);
        backward(r.var(net.E.index()));
        check_seed_network_20_digits(r, four);
        // at explicitly given exact decimals
        std::vector<cpp_bin_float_50> p;
        for (const auto& s : seed_network::seed_parameters(four)) p.emplace_back(s);
        Tape<cpp_bin_float_50> r2 = replay<cpp_bin_float_50>(t, std::span<const cpp_bin_float_50>(p));
        backward(r2.var(net.E.index()));
        check_seed_network_20_digits(r2, four);
        // replay_values alone
        const auto v = replay_values<cpp_bin_float_50>(t, std::span<const cpp_bin_float_50>(p));
        check_20_decimals(v[net.E.index()], "E", four ? "0.32261243929281970916" : "0.32268453216445840046");
    }
}

TEST_CASE("seed 001 network in double matches the 20-decimal values to 1e-15 relative") {
    for (bool four : {false, true}) {
        CAPTURE(four);
        Tape<double> t;
        const auto net = seed_network::record_seed(t, four);
        backward(net.E);
        // The double inputs are the decimals rounded (relative 1e-17), so the outputs may
        // differ from the exact-decimal values by a few ε: 1e-15 relative.
        auto check = [&](double got, const seed_network::Expected& ex) {
            const double e = std::strtod(ex.value, nullptr);
            INFO(ex.what << " = " << got << ", expected " << ex.value);
            CHECK(std::abs(got - e) <= 1e-15 * std::abs(e));
        };
        for (const auto& ex :
             four ? seed_network::expected_values_four_biases() : seed_network::expected_values())
            check(t.value(node(t, ex.what)), ex);
        for (const auto& ex :
             four ? seed_network::expected_gradient_four_biases() : seed_network::expected_gradient())
            check(t.adjoint(node(t, ex.what)), ex);
    }
}

TEST_CASE("replay in double at a new point equals a fresh recording there") {
    const std::vector<double> point{0.15, -0.2, 0.33, 0.4, 0.52, 0.61, -0.7, 0.8, 0.5, 0.71};
    Tape<double> t;
    const auto net = seed_network::record_seed(t);
    Tape<double> r = replay<double>(t, std::span<const double>(point));
    Tape<double> fresh;
    const auto net2 = seed_network::record(fresh, point);
    REQUIRE(r.size() == fresh.size());
    // Same ops in the same order on the same doubles: bitwise equal values...
    for (NodeIndex i = 0; i < r.size(); ++i) {
        CAPTURE(i, r.name(i));
        CHECK(r.value(i) == fresh.value(i));
        CHECK(r.node(i).op == fresh.node(i).op);
        CHECK(r.name(i) == fresh.name(i));
    }
    // ...and bitwise equal gradients.
    std::vector<Var<double>> rp;
    for (NodeIndex i : r.inputs()) rp.push_back(r.var(i));
    CHECK(grad(r.var(net.E.index()), rp) == grad(net2.E, net2.parameters()));
    // and replay_values agrees with both
    CHECK(replay_values<double>(t, std::span<const double>(point)) == fresh.values());
    // the original recording is untouched
    CHECK(t.value(net.w[0].index()) == 0.1);
}

TEST_CASE("replay with the wrong number of inputs throws") {
    Tape<double> t;
    seed_network::record_seed(t);  // 10 inputs
    const std::vector<double> nine(9, 0.5), eleven(11, 0.5);
    REQUIRE_THROWS_AS(replay<double>(t, std::span<const double>(nine)), Error);
    REQUIRE_THROWS_WITH(replay_values<double>(t, std::span<const double>(eleven)),
                        Catch::Contains("needs 10 input values, got 11"));
    REQUIRE_THROWS_AS(replay_values<double>(t, std::span<const double>()), Error);
    REQUIRE_THROWS_AS(central_difference_gradient<double>(t, 0, std::span<const double>(nine), 1e-6), Error);
}

TEST_CASE("replay of a double recording in cpp_bin_float_50 runs the reverse sweep in 50 digits") {
    Small s;
    Tape<cpp_bin_float_50> r = replay<cpp_bin_float_50>(s.t);
    const auto g = grad(r.var(s.y.index()), {r.var(s.x.index()), r.var(s.z.index())});
    const cpp_bin_float_50 x(2), z("0.5");
    CHECK(abs(g[0] - (3 * x * x + z * cos(x))) < cpp_bin_float_50("1e-48"));
    CHECK(abs(g[1] - sin(x)) < cpp_bin_float_50("1e-48"));
    CHECK(r.name(s.x.index()) == "x");
}

}  // namespace reverse_mode_test
