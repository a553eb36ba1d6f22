#pragma once
/// \file rules_piecewise.hpp
/// Value and local partials of the activation functions and the piecewise ops
/// (abs, sign, step, relu, leaky_relu, min, max). Conventions at the kinks
/// (docs/conventions.md): |x|'(0) = 0, relu'(0) = 0, leaky_relu'(0) = slope,
/// sign' = step' = 0 everywhere, min/max split a tie ½–½.

#include "rules_common.hpp"

#include <cmath>

namespace chainrule::ops {

/// y = σ(x) = 1/(1 + e^{−x}) (alias logistic), y' = σ(x)σ(−x) (= y(1 − y), computed
/// stably from x: finite and correct for |x| up to 1e4 and beyond).
struct Sigmoid {
    template <class T> static T value(const T& x) { return T(sigmoid(x)); }
    template <class T> static T partial(const T& x, const T& y) {
        if constexpr (NumericScalar<T>)
            return sigmoid_derivative(x);
        else
            return T(y * (T(1) - y));
    }
    template <class E> static E derivative(const E&, const E& self) { return self * (1 - self); }
    static constexpr Facts facts{.latex = "\\sigma", .at_zero = Fraction{1, 2}};
};

/// y = ln(1 + eˣ), y' = σ(x).
struct Softplus {
    template <class T> static T value(const T& x) { return T(softplus(x)); }
    template <class T> static T partial(const T& x, const T&) { return T(sigmoid(x)); }
    template <class E> static E derivative(const E& u, const E&) { return sigmoid(u); }
    static constexpr Facts facts{};
};

/// y = ln σ(x) = −softplus(−x), y' = σ(−x) (log_sigmoid(−300) = −300, y' = 1).
struct LogSigmoid {
    template <class T> static T value(const T& x) { return T(log_sigmoid(x)); }
    template <class T> static T partial(const T& x, const T&) { return T(sigmoid(T(-x))); }
    template <class E> static E derivative(const E& u, const E&) { return sigmoid(-u); }
    static constexpr Facts facts{};
};

/// y = max(x, 0), y' = 1 for x > 0, 0 for x ≤ 0 (relu'(0) = 0); written 1 − H(−x).
struct Relu {
    template <class T> static T value(const T& x) { return T(relu(x)); }
    template <class T> static T partial(const T& x, const T&) { return T(T(1) - step(T(-x))); }
    template <class E> static E derivative(const E& u, const E&) { return 1 - step(-u); }
    static constexpr Facts facts{.exact_on_rationals = true, .singular = Singularity::kink_at_zero,
                                 .left_slope = Fraction{0}, .right_slope = Fraction{1}};
};

/// y = x for x > 0, p·x otherwise (slope p); y' = 1 for x > 0, p for x ≤ 0.
struct LeakyRelu {
    template <class T> static T value(const T& x, const T& p) { return T(leaky_relu(x, p)); }
    template <class T> static T partial(const T& x, const T&, const T& p) {
        return T(p + (T(1) - p) * (T(1) - step(T(-x))));
    }
    // symbolic::Expr writes leaky_relu(x, α) as a function of two arguments: ∂/∂x, ∂/∂α.
    template <class E> static E derivative(const E& x, const E& slope, int i, const E&) {
        return i == 0 ? slope + (1 - slope) * (1 - step(-x)) : x * step(-x);
    }
    static constexpr Facts facts{.exact_on_rationals = true, .singular = Singularity::kink_at_zero};
};

/// y = |x|, y' = sign x (|x|'(0) = 0: the subgradient of least norm).
struct Abs {
    template <class T> static T value(const T& x) { using std::abs; return T(abs(x)); }
    template <class T> static T partial(const T& x, const T&) { return T(sign(x)); }
    template <class E> static E derivative(const E& u, const E&) { return sign(u); }
    static constexpr Facts facts{.exact_on_rationals = true, .idempotent = true, .singular = Singularity::kink_at_zero,
                                 .left_slope = Fraction{-1}, .right_slope = Fraction{1}};
};

/// y = sign x ∈ {−1, 0, 1}, y' = 0 (also at 0).
struct Sign {
    template <class T> static T value(const T& x) { return T(sign(x)); }
    template <class T> static T partial(const T&, const T&) { return T(0); }
    template <class E> static E derivative(const E&, const E&) { return E(0); }
    static constexpr Facts facts{.exact_on_rationals = true, .singular = Singularity::jump_at_zero};
};

/// y = H(x), Heaviside step with H(0) = 1; y' = 0 everywhere (also at 0).
struct Step {
    template <class T> static T value(const T& x) { return T(step(x)); }
    template <class T> static T partial(const T&, const T&) { return T(0); }
    template <class E> static E derivative(const E&, const E&) { return E(0); }
    static constexpr Facts facts{.exact_on_rationals = true, .singular = Singularity::jump_at_zero};
};

/// y = max(a, b); ∂y/∂a = (1 + sign(a − b))/2, ∂y/∂b = (1 − sign(a − b))/2: the larger
/// input gets the whole adjoint, a tie splits it ½–½.
struct Max {
    template <class T> static T value(const T& a, const T& b) {
        if constexpr (NumericScalar<T>)
            return a >= b ? T(a) : T(b);
        else
            return max(a, b);  // symbolic: a max(a, b) node
    }
    template <class T> static Partials<T> partials(const T& a, const T& b, const T&) {
        T s = sign(T(a - b));
        return {T((T(1) + s) / T(2)), T((T(1) - s) / T(2))};
    }
    template <class E> static E derivative(const E& a, const E& b, int i, const E&) {
        return E::rational(1, 2) * (i == 0 ? 1 + sign(a - b) : 1 - sign(a - b));
    }
    static constexpr Facts facts{.latex = "\\max", .exact_on_rationals = true, .idempotent = true};
};

/// y = min(a, b); ∂y/∂a = (1 − sign(a − b))/2, ∂y/∂b = (1 + sign(a − b))/2 (tie ½–½).
struct Min {
    template <class T> static T value(const T& a, const T& b) {
        if constexpr (NumericScalar<T>)
            return a <= b ? T(a) : T(b);
        else
            return min(a, b);  // symbolic: a min(a, b) node
    }
    template <class T> static Partials<T> partials(const T& a, const T& b, const T&) {
        T s = sign(T(a - b));
        return {T((T(1) - s) / T(2)), T((T(1) + s) / T(2))};
    }
    template <class E> static E derivative(const E& a, const E& b, int i, const E&) {
        return E::rational(1, 2) * (i == 0 ? 1 - sign(a - b) : 1 + sign(a - b));
    }
    static constexpr Facts facts{.latex = "\\min", .exact_on_rationals = true, .idempotent = true};
};

}  // namespace chainrule::ops
