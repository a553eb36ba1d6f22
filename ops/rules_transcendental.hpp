#pragma once
/// \file rules_transcendental.hpp
/// Value and local partials of exp/log, the trigonometric and hyperbolic functions and
/// their inverses (the derivative table of the seed notes, 002 §1.1.1). Each partial is
/// computed from the input where computing it from the output would cancel digits
/// (tanh' = sech² x rather than 1 − y²; expm1' = eˣ rather than y + 1).

#include "rules_common.hpp"

#include <cmath>

namespace chainrule::ops {

/// y = eˣ, y' = y.
struct Exp {
    template <class T> static T value(const T& x) { using std::exp; return T(exp(x)); }
    template <class T> static T partial(const T&, const T& y) { return y; }
    template <class E> static E derivative(const E&, const E& self) { return self; }
    static constexpr Facts facts{.latex = "\\exp", .at_zero = Fraction{1}, .inverse = "log"};
};

/// y = ln x (natural logarithm; alias ln), y' = 1/x. Domain x > 0.
struct Log {
    template <class T> static T value(const T& x) { using std::log; return T(log(x)); }
    template <class T> static T partial(const T& x, const T&) { return T(T(1) / x); }
    template <class E> static E derivative(const E& u, const E&) { return pow(u, -1); }
    static constexpr Facts facts{.latex = "\\ln", .at_one = Fraction{0}, .inverse = "exp", .singular = Singularity::log_pole};
};

/// y = eˣ − 1 accurate for small x, y' = eˣ (from the input: expm1'(−40) = e⁻⁴⁰, not 0).
struct Expm1 {
    template <class T> static T value(const T& x) { using std::expm1; return T(expm1(x)); }
    template <class T> static T partial(const T& x, const T&) { using std::exp; return T(exp(x)); }
    template <class E> static E derivative(const E& u, const E&) { return exp(u); }
    static constexpr Facts facts{.at_zero = Fraction{0}};
};

/// y = ln(1 + x) accurate for small x, y' = 1/(1 + x). Domain x > −1.
struct Log1p {
    template <class T> static T value(const T& x) { using std::log1p; return T(log1p(x)); }
    template <class T> static T partial(const T& x, const T&) { return T(T(1) / (T(1) + x)); }
    template <class E> static E derivative(const E& u, const E&) { return pow(1 + u, -1); }
    static constexpr Facts facts{.at_zero = Fraction{0}};
};

/// y = sin x, y' = cos x.
struct Sin {
    template <class T> static T value(const T& x) { using std::sin; return T(sin(x)); }
#ifndef CHAINRULE_MUTATE_SIN_PARTIAL
    template <class T> static T partial(const T& x, const T&) { using std::cos; return T(cos(x)); }
#else
    // Test-only mutation (tests/autodiff/gradcheck_mutation_test.cpp, its own executable):
    // y' = cos x·(1 + 1e-8), a rule wrong by 1e-8 relative, which gradcheck must report.
    template <class T> static T partial(const T& x, const T&) { using std::cos; return T(cos(x) * T(1.00000001)); }
#endif
    template <class E> static E derivative(const E& u, const E&) { return cos(u); }
    static constexpr Facts facts{.latex = "\\sin", .at_zero = Fraction{0}};
};

/// y = cos x, y' = −sin x.
struct Cos {
    template <class T> static T value(const T& x) { using std::cos; return T(cos(x)); }
    template <class T> static T partial(const T& x, const T&) { using std::sin; return T(-sin(x)); }
    template <class E> static E derivative(const E& u, const E&) { return -sin(u); }
    static constexpr Facts facts{.latex = "\\cos", .at_zero = Fraction{1}};
};

/// y = tan x (alias tg), y' = sec² x = 1 + y².
struct Tan {
    template <class T> static T value(const T& x) { using std::tan; return T(tan(x)); }
    template <class T> static T partial(const T&, const T& y) { return T(T(1) + y * y); }
    template <class E> static E derivative(const E&, const E& self) { return 1 + pow(self, 2); }
    static constexpr Facts facts{.latex = "\\tan", .at_zero = Fraction{0}};
};

/// y = cot x (alias ctg), y' = −csc² x = −(1 + y²).
struct Cot {
    template <class T> static T value(const T& x) { return T(cot(x)); }
    template <class T> static T partial(const T&, const T& y) { return T(-(T(1) + y * y)); }
    template <class E> static E derivative(const E&, const E& self) { return -(1 + pow(self, 2)); }
    static constexpr Facts facts{.latex = "\\cot"};
};

/// y = arcsin x, y' = 1/√((1 − x)(1 + x)) (the factored form keeps digits near |x| = 1).
struct Asin {
    template <class T> static T value(const T& x) { using std::asin; return T(asin(x)); }
    template <class T> static T partial(const T& x, const T&) {
        using std::sqrt;
        return T(T(1) / sqrt(T((T(1) - x) * (T(1) + x))));
    }
    template <class E> static E derivative(const E& u, const E&) { return pow(1 - pow(u, 2), E::rational(-1, 2)); }
    static constexpr Facts facts{.latex = "\\arcsin", .at_zero = Fraction{0}, .singular = Singularity::infinite_slope_at_unit};
};

/// y = arccos x, y' = −1/√((1 − x)(1 + x)).
struct Acos {
    template <class T> static T value(const T& x) { using std::acos; return T(acos(x)); }
    template <class T> static T partial(const T& x, const T&) {
        using std::sqrt;
        return T(T(-1) / sqrt(T((T(1) - x) * (T(1) + x))));
    }
    template <class E> static E derivative(const E& u, const E&) { return -pow(1 - pow(u, 2), E::rational(-1, 2)); }
    static constexpr Facts facts{.latex = "\\arccos", .at_one = Fraction{0}, .singular = Singularity::infinite_slope_at_unit};
};

/// y = arctan x, y' = 1/(1 + x²).
struct Atan {
    template <class T> static T value(const T& x) { using std::atan; return T(atan(x)); }
    template <class T> static T partial(const T& x, const T&) { return T(T(1) / (T(1) + x * x)); }
    template <class E> static E derivative(const E& u, const E&) { return pow(1 + pow(u, 2), -1); }
    static constexpr Facts facts{.latex = "\\arctan", .at_zero = Fraction{0}};
};

/// y = arccot x = π/2 − arctan x (range (0, π), continuous at 0), y' = −1/(1 + x²).
struct Acot {
    template <class T> static T value(const T& x) { return T(acot(x)); }
    template <class T> static T partial(const T& x, const T&) { return T(T(-1) / (T(1) + x * x)); }
    template <class E> static E derivative(const E& u, const E&) { return -pow(1 + pow(u, 2), -1); }
    static constexpr Facts facts{.latex = "\\operatorname{arccot}"};
};

/// y = atan2(a, b): the angle of the point (b, a), in (−π, π]. ∂y/∂a = b/(a² + b²),
/// ∂y/∂b = −a/(a² + b²); both 0 at the origin (convention).
struct Atan2 {
    template <class T> static T value(const T& a, const T& b) { using std::atan2; return T(atan2(a, b)); }
    template <class T> static Partials<T> partials(const T& a, const T& b, const T&) {
        T r2 = T(a * a + b * b);
        if constexpr (NumericScalar<T>)
            if (r2 == 0) return {T(0), T(0)};
        return {T(b / r2), T(-a / r2)};
    }
    template <class E> static E derivative(const E& a, const E& b, int i, const E&) {
        return (i == 0 ? b : -a) / (pow(b, 2) + pow(a, 2));
    }
    static constexpr Facts facts{};
};

/// y = logaddexp(a, b) = ln(eᵃ + eᵇ), computed stably (scalar_math.hpp); ∂y/∂a = e^{a−y},
/// ∂y/∂b = e^{b−y}: the softmax of (a, b), each in [0, 1], summing to 1. logsumexp of n
/// arguments is recorded as n − 1 of these nodes, folded left; the chain rule through
/// them gives e^{aᵢ − y} for each argument. Numerically the partials are σ(a − b) and
/// σ(b − a), from the difference alone: e^{a−y} would carry the rounding of y (an
/// absolute 1e-13 at y ≈ 1000) into every digit. a = b gives ½ each, also for two equal
/// infinities (where a − b is NaN); one infinite argument gets 1, the other 0.
struct LogAddExp {
    template <class T> static T value(const T& a, const T& b) { return T(logaddexp(a, b)); }
    template <class T> static Partials<T> partials(const T& a, const T& b, const T& y) {
        if constexpr (NumericScalar<T>) {
            // Two equal infinities (a − b is NaN): ½ each. A finite tie needs no branch
            // (σ(0) = ½ exactly), and must not have one: the dual numbers of second
            // derivatives differentiate these partials, σ′(0)(ȧ − ḃ) ≠ 0.
            if (a == b && !is_finite(a)) return {T(T(1) / T(2)), T(T(1) / T(2))};
            return {sigmoid(T(a - b)), sigmoid(T(b - a))};
        } else {
            using std::exp;
            return {T(exp(T(a - y))), T(exp(T(b - y)))};
        }
    }
};

/// y = sinh x, y' = cosh x.
struct Sinh {
    template <class T> static T value(const T& x) { using std::sinh; return T(sinh(x)); }
    template <class T> static T partial(const T& x, const T&) { using std::cosh; return T(cosh(x)); }
    template <class E> static E derivative(const E& u, const E&) { return cosh(u); }
    static constexpr Facts facts{.latex = "\\sinh", .at_zero = Fraction{0}};
};

/// y = cosh x, y' = sinh x.
struct Cosh {
    template <class T> static T value(const T& x) { using std::cosh; return T(cosh(x)); }
    template <class T> static T partial(const T& x, const T&) { using std::sinh; return T(sinh(x)); }
    template <class E> static E derivative(const E& u, const E&) { return sinh(u); }
    static constexpr Facts facts{.latex = "\\cosh", .at_zero = Fraction{1}};
};

/// y = tanh x, y' = sech² x = 1/cosh² x (= 1 − y², but computed from x so that
/// tanh'(±100) is the tiny correct value and tanh'(±1e4) = 0, never a cancellation).
struct Tanh {
    template <class T> static T value(const T& x) { using std::tanh; return T(tanh(x)); }
    template <class T> static T partial(const T& x, const T&) {
        using std::cosh;
        T c = cosh(x);
        return T(T(1) / (c * c));
    }
    template <class E> static E derivative(const E&, const E& self) { return 1 - pow(self, 2); }
    static constexpr Facts facts{.latex = "\\tanh", .at_zero = Fraction{0}};
};

/// y = coth x, y' = −csch² x = −1/sinh² x (from x, no cancellation).
struct Coth {
    template <class T> static T value(const T& x) { return T(coth(x)); }
    template <class T> static T partial(const T& x, const T&) {
        using std::sinh;
        T s = sinh(x);
        return T(T(-1) / (s * s));
    }
    template <class E> static E derivative(const E&, const E& self) { return 1 - pow(self, 2); }
    static constexpr Facts facts{.latex = "\\coth"};
};

/// y = sech x, y' = −sech x · tanh x.
struct Sech {
    template <class T> static T value(const T& x) { return T(sech(x)); }
    template <class T> static T partial(const T& x, const T& y) { using std::tanh; return T(-y * tanh(x)); }
    template <class E> static E derivative(const E& u, const E& self) { return -(self * tanh(u)); }
    static constexpr Facts facts{.at_zero = Fraction{1}};
};

/// y = csch x, y' = −csch x · coth x.
struct Csch {
    template <class T> static T value(const T& x) { return T(csch(x)); }
    template <class T> static T partial(const T& x, const T& y) { return T(-y * coth(x)); }
    template <class E> static E derivative(const E& u, const E& self) { return -(self * coth(u)); }
    static constexpr Facts facts{};
};

/// y = erf x = (2/√π)∫₀ˣ e^(−t²) dt (odd, range (−1, 1)), y' = (2/√π)·e^(−x²).
struct Erf {
    template <class T> static T value(const T& x) { using std::erf; return T(erf(x)); }
    template <class T> static T partial(const T& x, const T&) {
        using std::exp, std::sqrt;
        return T(T(2) / sqrt(pi_in<T>()) * exp(T(-(x * x))));
    }
    template <class E> static E derivative(const E& u, const E&) {
        return 2 * pow(pi_in<E>(), E::rational(-1, 2)) * exp(-pow(u, 2));
    }
    static constexpr Facts facts{.at_zero = Fraction{0}};
};

/// y = erfc x = 1 − erf x, computed directly (erfc 10 ≈ 2.1e−45, not 1 − 1), range (0, 2);
/// y' = −(2/√π)·e^(−x²).
struct Erfc {
    template <class T> static T value(const T& x) { using std::erfc; return T(erfc(x)); }
    template <class T> static T partial(const T& x, const T&) {
        using std::exp, std::sqrt;
        return T(T(-2) / sqrt(pi_in<T>()) * exp(T(-(x * x))));
    }
    template <class E> static E derivative(const E& u, const E&) {
        return -2 * pow(pi_in<E>(), E::rational(-1, 2)) * exp(-pow(u, 2));
    }
    static constexpr Facts facts{.at_zero = Fraction{1}};
};

}  // namespace chainrule::ops
