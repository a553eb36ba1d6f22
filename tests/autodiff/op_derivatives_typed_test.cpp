// The derivative harness of op_derivatives_test.cpp run generically in every supported
// scalar type T, for a representative subset of the ops and for the seed 001 network:
// the reverse sweep in T against a central difference of the same tape replayed in a
// much wider type (cpp_bin_float_50 for float/double/long double, cpp_bin_float_100 for
// the 50-digit types), with tolerances that are multiples of T's epsilon.
#include "derivative_check.hpp"
#include "seed_network.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <typeinfo>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace op_derivatives_typed_test {

using namespace chainrule;
using namespace derivative_check;

namespace {

// Relative tolerance K·ε_T. Each derivative here is a handful of roundings in T, but the
// elementary functions of Boost.Multiprecision are not correctly rounded: exp(x) in
// cpp_bin_float_50 errs by up to ≈ 0.6·|x|·ε (24ε measured for softplus' at x ≈ −40),
// so K = 64. The libm functions of float/double/long double stay within about 5ε. Run with
// CHAINRULE_PRINT_ERRORS=1 to print the measured worst error of every case.
constexpr double kOpUlps = 64;
// The seed network chains ~30 ops; its gradients are sums of terms of both signs
// (∂E/∂w1 = i1·σ'·(w5 δ1 + w7 δ2)), which could amplify roundings (measured: ≤ 5ε).
constexpr double kNetworkUlps = 64;

template <class T>
std::string type_name() {
    if constexpr (std::is_same_v<T, float>) return "float";
    else if constexpr (std::is_same_v<T, double>) return "double";
    else if constexpr (std::is_same_v<T, long double>) return "long double";
    else if constexpr (std::is_same_v<T, cpp_bin_float_50>) return "cpp_bin_float_50";
    else if constexpr (std::is_same_v<T, cpp_dec_float_50>) return "cpp_dec_float_50";
    else return typeid(T).name();
}

// The absolute floor, which only admits exact or underflowed zeros: the smallest positive
// normal of T, or 1e-300 where that is smaller (long double, the 50-digit types).
template <class T>
double abs_floor() {
    if constexpr (std::is_floating_point_v<T>)
        return std::max(static_cast<double>(std::numeric_limits<T>::min()), 1e-300);
    else
        return 1e-300;
}

template <class T>
std::vector<Case<T>> subset_cases() {
    using V = Var<T>;
    using Vs = std::vector<V>;
    const auto any2 = uniform2(-10, 10, -10, 10);
    const auto origin = [](double a, double b) { return std::hypot(a, b) < 0.1; };
    const auto atan2_bad = [](double a, double b) { return std::hypot(a, b) < 0.1 || (b < 0 && std::abs(a) < 0.05); };
    return {
        {"add", [](const Vs& x) { return x[0] + x[1]; }, any2},
        {"mul", [](const Vs& x) { return x[0] * x[1]; }, any2},
        {"div", [](const Vs& x) { return x[0] / x[1]; },
         uniform2(-10, 10, -10, 10, [](double, double b) { return std::abs(b) < 0.1; })},
        {"pow(a, b)", [](const Vs& x) { return pow(x[0], x[1]); }, uniform2(0.05, 5, -3, 3)},
        {"pow(x, 3)", [](const Vs& x) { return pow(x[0], 3); }, uniform(-3, 3)},
        {"pow(x, 1.875)", [](const Vs& x) { return pow(x[0], 1.875); }, uniform(0.05, 5)},
        {"pow(2, x)", [](const Vs& x) { return pow(2, x[0]); }, uniform(-10, 10)},
        {"exp", [](const Vs& x) { return exp(x[0]); }, uniform(-20, 20)},
        {"log", [](const Vs& x) { return log(x[0]); }, uniform(1e-3, 50)},
        // cos, the partial of sin, is accurate only absolutely near its zeros in
        // cpp_bin_float_50 (Boost 1.74, from its argument reduction: 74ε relative at
        // x = −1.5653, 4209ε at 1.5707), so here |ad − fd| ≤ Kε·(|fd| + 1), on the scale
        // of |sin'| ≤ 1. glibc's cos is relatively accurate: the double test of every op
        // keeps a purely relative tolerance.
        {"sin", [](const Vs& x) { return sin(x[0]); }, uniform(-10, 10), 1.0},
        {"tanh", [](const Vs& x) { return tanh(x[0]); }, uniform(-15, 15)},
        {"sigmoid", [](const Vs& x) { return sigmoid(x[0]); }, uniform(-30, 30)},
        {"softplus", [](const Vs& x) { return softplus(x[0]); }, uniform(-40, 40)},
        {"sqrt", [](const Vs& x) { return sqrt(x[0]); }, uniform(1e-4, 100)},
        {"atan2", [](const Vs& x) { return atan2(x[0], x[1]); }, uniform2(-5, 5, -5, 5, atan2_bad)},
        {"hypot", [](const Vs& x) { return hypot(x[0], x[1]); }, uniform2(-5, 5, -5, 5, origin)},
    };
}

}  // namespace

TEMPLATE_TEST_CASE("representative ops: reverse mode in T = wide central difference (K·eps_T)", "[typed]", float,
                   double, long double, cpp_bin_float_50, cpp_dec_float_50) {
    using T = TestType;
    const double tol = kOpUlps * epsilon_of<T>();
    std::uint64_t seed = 5000;
    for (const Case<T>& c : subset_cases<T>()) {
        const Stats s = run_case(c, 100, tol, abs_floor<T>(), seed++);
        maybe_print(type_name<T>(), c.label, s, tol);
        INFO(type_name<T>() << " " << c.label << ": " << s.failures << " of " << s.points
                            << " points fail; first: " << s.first_failure);
        INFO("worst relative error " << s.worst << " (" << s.worst / epsilon_of<T>() << " eps) at " << s.worst_where);
        CHECK(s.failures == 0);
    }
}

TEMPLATE_TEST_CASE("seed 001 network: reverse mode in T = wide central difference and expected values", "[typed]",
                   float, double, long double, cpp_bin_float_50, cpp_dec_float_50) {
    using T = TestType;
    for (bool four : {false, true}) {
        CAPTURE(four);
        Tape<T> tape;
        const auto net = seed_network::record_seed(tape, four);

        // 1. every ∂E/∂parameter against the wide central difference at the recorded point
        const double tol = kNetworkUlps * epsilon_of<T>();
        Stats s;
        compare_with_reference(tape, net.E, tol, abs_floor<T>(), s, "seed network");
        maybe_print(type_name<T>(), four ? "seed network (4 biases)" : "seed network", s, tol);
        INFO(s.first_failure);
        INFO("worst relative error " << s.worst << " (" << s.worst / epsilon_of<T>() << " eps) at " << s.worst_where);
        CHECK(s.failures == 0);

        // 2. against the independently computed decimals. The binary types hold the
        // decimal inputs only rounded (0.1 ≠ 1/10), so there the check is relative to
        // a few hundred ε; the 50-digit types must match all 20 decimals.
        const auto grad_e = grad(net.E, net.parameters());
        auto close = [&](const T& got, const char* expected) {
            const T e = decimal<T>(expected);
            using std::abs;
            const T err = T(abs(T(got - e)));
            return err <= T(decimal<T>("1e-20") + T(kNetworkUlps * epsilon_of<T>()) * abs(e));
        };
        const auto& values = four ? seed_network::expected_values_four_biases() : seed_network::expected_values();
        for (const auto& ex : values) {
            const T got = tape.value(*tape.find(ex.what));
            INFO(ex.what << " = " << show(got) << ", expected " << ex.value);
            CHECK(close(got, ex.value));
        }
        const auto& gradient =
            four ? seed_network::expected_gradient_four_biases() : seed_network::expected_gradient();
        for (const auto& ex : gradient) {
            const auto& inputs = tape.inputs();
            const auto k = std::find(inputs.begin(), inputs.end(), *tape.find(ex.what)) - inputs.begin();
            const T got = grad_e[static_cast<std::size_t>(k)];
            INFO("dE/d" << ex.what << " = " << show(got) << ", expected " << ex.value);
            CHECK(close(got, ex.value));
        }
    }
}

}  // namespace op_derivatives_typed_test
