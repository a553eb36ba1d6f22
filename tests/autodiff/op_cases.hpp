#pragma once
// The derivative cases of every op of the op table, each with the domain it is sampled
// from (away from kinks and poles): shared by the finite-difference test of the reverse
// sweep (op_derivatives_test.cpp) and the gradcheck test (gradcheck_test.cpp).
#include "derivative_check.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace op_cases {

using namespace chainrule;
using namespace derivative_check;
using V = Var<double>;
using Vs = std::vector<V>;
using C = Case<double>;

// Guards: sample away from the poles of tan (cos x = 0) and of cot (sin x = 0).
inline bool near_tan_pole(double x) { return std::abs(std::cos(x)) < 0.05; }
inline bool near_cot_pole(double x) { return std::abs(std::sin(x)) < 0.05; }
// Guard: |x − at| < margin (a zero of a derivative, where a relative test is meaningless).
inline std::function<bool(double)> near(double at, double margin) {
    return [=](double x) { return std::abs(x - at) < margin; };
}

inline C unary(std::string label, V (*f)(const V&), Sampler s) {
    return {std::move(label), [f](const Vs& x) { return f(x[0]); }, std::move(s)};
}
inline C binary(std::string label, V (*f)(const V&, const V&), Sampler s) {
    return {std::move(label), [f](const Vs& x) { return f(x[0], x[1]); }, std::move(s)};
}

// The plain unary ops (CHAINRULE_UNARY_OPS) with their domains.
inline std::vector<C> unary_cases() {
    const auto away0 = near_zero(1e-3);  // kinks at 0: |x|, sign, step, relu, cbrt
    return {
        unary("neg", [](const V& x) { return -x; }, uniform(-5, 5)),
        unary("exp", exp<double>, uniform(-20, 20)),
        unary("log", log<double>, uniform(1e-3, 50)),
        unary("sin", sin<double>, uniform(-10, 10)),
        unary("cos", cos<double>, uniform(-10, 10)),
        unary("tan", tan<double>, uniform(-10, 10, near_tan_pole)),
        unary("cot", cot<double>, uniform(-10, 10, near_cot_pole)),
        unary("asin", asin<double>, uniform(-0.99, 0.99)),
        unary("acos", acos<double>, uniform(-0.99, 0.99)),
        unary("atan", atan<double>, uniform(-20, 20)),
        unary("acot", acot<double>, uniform(-20, 20)),
        unary("sinh", sinh<double>, uniform(-15, 15)),
        unary("cosh", cosh<double>, uniform(-15, 15)),
        // tanh and sigmoid saturate: beyond ±15 (±30) the 50-digit difference of
        // values 1 − tiny loses the digits the check needs (conventions_test covers
        // the far range against closed forms).
        unary("tanh", tanh<double>, uniform(-15, 15)),
        unary("coth", coth<double>, uniform(-10, 10, near_zero(0.05))),
        unary("sech", sech<double>, uniform(-15, 15)),
        unary("csch", csch<double>, uniform(-10, 10, near_zero(0.05))),
        unary("sqrt", sqrt<double>, uniform(1e-4, 100)),
        unary("cbrt", cbrt<double>, uniform(-50, 50, away0)),
        unary("abs", abs<double>, uniform(-5, 5, away0)),
        unary("sign", sign<double>, uniform(-5, 5, away0)),
        unary("expm1", expm1<double>, uniform(-30, 30)),
        unary("log1p", log1p<double>, uniform(-0.99, 50)),
        unary("sigmoid", sigmoid<double>, uniform(-30, 30)),
        unary("relu", relu<double>, uniform(-5, 5, away0)),
        unary("softplus", softplus<double>, uniform(-40, 40)),
        unary("log_sigmoid", log_sigmoid<double>, uniform(-40, 40)),
        unary("step", step<double>, uniform(-5, 5, away0)),
        unary("erf", erf<double>, uniform(-5, 5)),
        unary("erfc", erfc<double>, uniform(-5, 10)),
        // gelu', silu' and mish' cross 0 (at x ≈ −0.7518, −1.2785, −1.1924): a relative
        // comparison needs |f'| well above the roundings of its terms, so those points
        // are left out by 0.01.
        unary("gelu", gelu<double>, uniform(-10, 10, near(-0.7518, 0.01))),
        unary("silu", silu<double>, uniform(-30, 30, near(-1.2785, 0.01))),
        unary("elu", elu<double>, uniform(-10, 10)),
        unary("selu", selu<double>, uniform(-10, 10, away0)),
        unary("softsign", softsign<double>, uniform(-20, 20)),
        unary("mish", mish<double>, uniform(-20, 20, near(-1.1924, 0.01))),
        // aliases record the same ops
        unary("ln", ln<double>, uniform(1e-3, 50)),
        unary("tg", tg<double>, uniform(-10, 10, near_tan_pole)),
        unary("arcctg", arcctg<double>, uniform(-20, 20)),
        unary("logistic", logistic<double>, uniform(-30, 30)),
    };
}

// The ops with a constant parameter (CHAINRULE_PARAM_OPS), for several parameters.
inline std::vector<C> param_cases() {
    std::vector<C> cs;
    // x^p, integer p: any sign of x (away from 0 for p < 1, where x^{p−1} has a pole).
    for (double p : {2.0, 3.0, 7.0, -1.0, -2.0})
        cs.push_back({"pow(x, " + show(p) + ")", [p](const Vs& x) { return pow(x[0], p); },
                      uniform(-3, 3, near_zero(0.1))});
    // p = 0 and p = 1 everywhere (derivatives 0 and 1, also near 0).
    for (double p : {0.0, 1.0})
        cs.push_back({"pow(x, " + show(p) + ")", [p](const Vs& x) { return pow(x[0], p); }, uniform(-3, 3)});
    // real p: x > 0 only.
    for (double p : {0.5, 1.875, 2.5, -1.5, 0.3})
        cs.push_back({"pow(x, " + show(p) + ")", [p](const Vs& x) { return pow(x[0], p); }, uniform(0.05, 5)});
    // an int exponent goes through the same PowConst node
    cs.push_back({"pow(x, int 2)", [](const Vs& x) { return pow(x[0], 2); }, uniform(-3, 3)});
    // p^x: bases below and above 1.
    for (double base : {0.5, 2.0, 10.0, 2.718281828459045})
        cs.push_back({"pow(" + show(base) + ", x)", [base](const Vs& x) { return pow(base, x[0]); },
                      uniform(-10, 10)});
    // log_p(x)
    for (double base : {0.5, 2.0, 10.0})
        cs.push_back({"log(x, " + show(base) + ")", [base](const Vs& x) { return log(x[0], base); },
                      uniform(1e-3, 100)});
    // leaky_relu with positive, negative and > 1 slopes, and the default 0.01.
    for (double slope : {0.01, 0.2, -0.3, 1.5})
        cs.push_back({"leaky_relu(x, " + show(slope) + ")", [slope](const Vs& x) { return leaky_relu(x[0], slope); },
                      uniform(-5, 5, near_zero(1e-3))});
    cs.push_back({"leaky_relu(x)", [](const Vs& x) { return leaky_relu(x[0]); }, uniform(-5, 5, near_zero(1e-3))});
    return cs;
}

// The binary ops (CHAINRULE_BINARY_OPS), both pow forms and log(x, base), and the
// operators with a plain constant on either side (+ − · / record one param op: add_const,
// const_add, sub_const, const_sub, mul_const, div_const, const_div; atan2, hypot, min and
// max record a Const leaf and the binary op).
inline std::vector<C> binary_cases() {
    const auto any = uniform2(-10, 10, -10, 10);
    const auto tie = [](double a, double b) { return std::abs(a - b) < 1e-3; };  // max/min kink
    const auto origin = [](double a, double b) { return std::hypot(a, b) < 0.1; };
    // atan2(a, b) jumps by 2π across a = 0 for b < 0
    const auto atan2_bad = [](double a, double b) { return std::hypot(a, b) < 0.1 || (b < 0 && std::abs(a) < 0.05); };
    return {
        binary("add", [](const V& a, const V& b) { return a + b; }, any),
        binary("sub", [](const V& a, const V& b) { return a - b; }, any),
        binary("mul", [](const V& a, const V& b) { return a * b; }, any),
        binary("div", [](const V& a, const V& b) { return a / b; },
               uniform2(-10, 10, -10, 10, [](double, double b) { return std::abs(b) < 0.1; })),
        binary("pow(a, b)", pow<double>, uniform2(0.05, 5, -3, 3)),
        binary("atan2", atan2<double>, uniform2(-5, 5, -5, 5, atan2_bad)),
        binary("hypot", hypot<double>, uniform2(-5, 5, -5, 5, origin)),
        binary("min", min<double>, uniform2(-5, 5, -5, 5, tie)),
        binary("max", max<double>, uniform2(-5, 5, -5, 5, tie)),
        // |a − b| ≤ 24: smaller partials (e^{−|a−b|}) are below what a 50-digit difference
        // of values near |y| resolves (the convention tests cover the far range).
        binary("logaddexp", logaddexp<double>, uniform2(-12, 12, -12, 12)),
        binary("log(x, base)", log<double>,
               uniform2(1e-3, 50, 0.1, 10, [](double, double base) { return std::abs(base - 1) < 0.1; })),
        // a shared input used by both operands: d/dx (x·x) = 2x, d/dx x^x = x^x(ln x + 1)
        {"mul(x, x)", [](const Vs& x) { return x[0] * x[0]; }, uniform(-10, 10)},
        {"pow(x, x)", [](const Vs& x) { return pow(x[0], x[0]); }, uniform(0.05, 5)},
        // constants on either side
        {"x + 2.5", [](const Vs& x) { return x[0] + 2.5; }, uniform(-5, 5)},
        {"2.5 + x", [](const Vs& x) { return 2.5 + x[0]; }, uniform(-5, 5)},
        {"x - 2.5", [](const Vs& x) { return x[0] - 2.5; }, uniform(-5, 5)},
        {"2.5 - x", [](const Vs& x) { return 2.5 - x[0]; }, uniform(-5, 5)},
        {"3 * x", [](const Vs& x) { return 3 * x[0]; }, uniform(-5, 5)},
        {"x * -0.75", [](const Vs& x) { return x[0] * -0.75; }, uniform(-5, 5)},
        {"3 / x", [](const Vs& x) { return 3.0 / x[0]; }, uniform(-5, 5, near_zero(0.1))},
        {"x / 3", [](const Vs& x) { return x[0] / 3.0; }, uniform(-5, 5)},
        {"atan2(x, -1.5)", [](const Vs& x) { return atan2(x[0], -1.5); }, uniform(-5, 5, near_zero(0.05))},
        {"hypot(2, x)", [](const Vs& x) { return hypot(2.0, x[0]); }, uniform(-5, 5)},
        {"max(x, 0.5)", [](const Vs& x) { return max(x[0], 0.5); },
         uniform(-5, 5, [](double x) { return std::abs(x - 0.5) < 1e-3; })},
        {"min(0.5, x)", [](const Vs& x) { return min(0.5, x[0]); },
         uniform(-5, 5, [](double x) { return std::abs(x - 0.5) < 1e-3; })},
    };
}

}  // namespace op_cases
