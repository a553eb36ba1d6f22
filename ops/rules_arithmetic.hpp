#pragma once
/// \file rules_arithmetic.hpp
/// Value and local partials of the arithmetic and power ops, written once and generic in
/// the scalar type T. `partial(x, y)` receives the input x and the recorded output y.
/// Conventions at singular points (docs/conventions.md) are applied for numeric T.

#include "rules_common.hpp"

#include <cmath>

namespace chainrule::ops {

/// y = −x, ∂y/∂x = −1.
struct Neg {
    template <class T> static T value(const T& x) { return T(-x); }
    template <class T> static T partial(const T&, const T&) { return T(-1); }
};

/// y = a + b.
struct Add {
    template <class T> static T value(const T& a, const T& b) { return T(a + b); }
    template <class T> static Partials<T> partials(const T&, const T&, const T&) { return {T(1), T(1)}; }
};

/// y = a − b.
struct Sub {
    template <class T> static T value(const T& a, const T& b) { return T(a - b); }
    template <class T> static Partials<T> partials(const T&, const T&, const T&) { return {T(1), T(-1)}; }
};

/// y = a·b, ∂y/∂a = b, ∂y/∂b = a.
struct Mul {
    template <class T> static T value(const T& a, const T& b) { return T(a * b); }
    template <class T> static Partials<T> partials(const T& a, const T& b, const T&) { return {b, a}; }
};

/// y = a/b, ∂y/∂a = 1/b, ∂y/∂b = −a/b² = −y/b.
struct Div {
    template <class T> static T value(const T& a, const T& b) { return T(a / b); }
    template <class T> static Partials<T> partials(const T&, const T& b, const T& y) {
        return {T(T(1) / b), T(-y / b)};
    }
};

// Arithmetic with a plain number p (param ops): the same values and partials as the
// binary op with p recorded as a Const leaf, digit for digit. Sums keep the written
// order (symbolic::Expr prints `1 + x` and `x + 1` as written); one MulConst serves p·x
// and x·p (p·x = x·p exactly in IEEE and multiprecision arithmetic, and symbolic::Expr
// puts a numeric coefficient first anyway).

/// y = x + p, ∂y/∂x = 1.
struct AddConst {
    template <class T> static T value(const T& x, const T& p) { return T(x + p); }
    template <class T> static T partial(const T&, const T&, const T&) { return T(1); }
};

/// y = p + x, ∂y/∂x = 1.
struct ConstAdd {
    template <class T> static T value(const T& x, const T& p) { return T(p + x); }
    template <class T> static T partial(const T&, const T&, const T&) { return T(1); }
};

/// y = x − p, ∂y/∂x = 1.
struct SubConst {
    template <class T> static T value(const T& x, const T& p) { return T(x - p); }
    template <class T> static T partial(const T&, const T&, const T&) { return T(1); }
};

/// y = p − x, ∂y/∂x = −1.
struct ConstSub {
    template <class T> static T value(const T& x, const T& p) { return T(p - x); }
    template <class T> static T partial(const T&, const T&, const T&) { return T(-1); }
};

/// y = p·x (also for x·p), ∂y/∂x = p.
struct MulConst {
    template <class T> static T value(const T& x, const T& p) { return T(p * x); }
    template <class T> static T partial(const T&, const T&, const T& p) { return p; }
};

/// y = x/p, ∂y/∂x = 1/p (as Div's ∂y/∂a).
struct DivConst {
    template <class T> static T value(const T& x, const T& p) { return T(x / p); }
    template <class T> static T partial(const T&, const T&, const T& p) { return T(T(1) / p); }
};

/// y = p/x, ∂y/∂x = −p/x² = −y/x (as Div's ∂y/∂b).
struct ConstDiv {
    template <class T> static T value(const T& x, const T& p) { return T(p / x); }
    template <class T> static T partial(const T& x, const T& y, const T&) { return T(-y / x); }
};

/// y = a^b with both a and b recorded. ∂y/∂a = b·a^{b−1} (0 when b = 0, avoiding
/// 0·∞ at a = 0); ∂y/∂b = a^b·ln a = xlogy(y, a) (0 when y = 0, so ∂(0^b)/∂b = 0 for
/// b > 0). For a < 0, ∂y/∂b is NaN: a^b is not defined for non-integer b near b.
struct Pow {
    template <class T> static T value(const T& a, const T& b) {
        using std::pow;
        return T(pow(a, b));
    }
    template <class T> static Partials<T> partials(const T& a, const T& b, const T& y) {
        using std::pow;
        T da = T(b * pow(a, T(b - T(1))));
        // 0·0^(−1) = NaN at a = b = 0: the partial of a constant a⁰ = 1 is 0. Only there: for
        // a ≠ 0 the product is 0 already, and in dual numbers (second derivatives) it keeps
        // its tangent ḃ·a^(b−1), the mixed derivative ∂²(aᵇ)/∂a∂b = 1/a at b = 0.
        if constexpr (NumericScalar<T>)
            if (b == 0 && a == 0) da = T(0);
        return {da, xlogy(y, a)};
    }
};

/// y = x^p for a constant exponent p (integer or real). ∂y/∂x = p·x^{p−1}, and exactly 0
/// for p = 0; so pow(x, 2) at 0 gives 0, pow(x, 1) gives 1, pow(x, 1.875) at 0 gives 0.
struct PowConst {
    template <class T> static T value(const T& x, const T& p) {
        using std::pow;
        return T(pow(x, p));
    }
    template <class T> static T partial(const T& x, const T&, const T& p) {
        using std::pow;
        if (is_zero(p)) return T(0);
        return T(p * pow(x, T(p - T(1))));
    }
};

/// y = p^x for a constant base p > 0 (or p = 0). ∂y/∂x = p^x·ln p = xlogy(y, p).
struct ExpBase {
    template <class T> static T value(const T& x, const T& p) {
        using std::pow;
        return T(pow(p, x));
    }
    template <class T> static T partial(const T&, const T& y, const T& p) { return xlogy(y, p); }
};

/// y = log_p(x) = ln x / ln p for a constant base p > 0, p ≠ 1. ∂y/∂x = 1/(x ln p).
struct LogBase {
    template <class T> static T value(const T& x, const T& p) {
        using std::log;
        return T(log(x) / log(p));
    }
    template <class T> static T partial(const T& x, const T&, const T& p) {
        using std::log;
        return T(T(1) / (x * log(p)));
    }
};

/// y = √x, ∂y/∂x = 1/(2y) (+∞ at x = 0).
struct Sqrt {
    template <class T> static T value(const T& x) {
        using std::sqrt;
        return T(sqrt(x));
    }
    template <class T> static T partial(const T&, const T& y) { return T(T(1) / (T(2) * y)); }
};

/// y = ∛x (real cube root, defined for x < 0), ∂y/∂x = 1/(3y²) (+∞ at x = 0).
struct Cbrt {
    template <class T> static T value(const T& x) {
        using std::cbrt;
        return T(cbrt(x));
    }
    template <class T> static T partial(const T&, const T& y) { return T(T(1) / (T(3) * y * y)); }
    template <class E> static E derivative(const E&, const E& self) { return E::rational(1, 3) * pow(self, -2); }
    static constexpr Facts facts{.root = 3, .singular = Singularity::infinite_slope_at_zero};
};

/// y = hypot(a, b) = √(a² + b²) without overflow. ∂y/∂a = a/y, ∂y/∂b = b/y; both 0 at
/// the origin (convention: a subgradient, as PyTorch).
struct Hypot {
    template <class T> static T value(const T& a, const T& b) {
        using std::hypot;
        return T(hypot(a, b));
    }
    template <class T> static Partials<T> partials(const T& a, const T& b, const T& y) {
        if constexpr (NumericScalar<T>)
            if (y == 0) return {T(0), T(0)};
        return {T(a / y), T(b / y)};
    }
    template <class E> static E derivative(const E& a, const E& b, int i, const E& self) {
        return (i == 0 ? a : b) / self;
    }
    static constexpr Facts facts{};
};

}  // namespace chainrule::ops
