#pragma once
/// \file rules_activation.hpp
/// Value and local partials of the smooth activation functions of neural networks beyond
/// sigmoid and softplus: gelu, silu (swish), elu, selu, softsign, mish, with the
/// definitions PyTorch documents. Numeric values and partials use forms that neither
/// overflow nor cancel (gelu through erfc, silu' and mish' from x); symbolic::Expr gets
/// one function node per call (`else` branches), differentiated by `derivative`.

#include "rules_common.hpp"

#include <cmath>

namespace chainrule::ops {

/// y = gelu x = x·Φ(x) = x/2·(1 + erf(x/√2)), the exact form (PyTorch's default, not the
/// tanh approximation); Φ(x) = erfc(−x/√2)/2 keeps every digit for x ≪ 0.
/// y' = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π).
struct Gelu {
    template <class T> static T value(const T& x) {
        using std::erfc, std::sqrt;
        if constexpr (NumericScalar<T>)
            return T(x * erfc(T(-x / sqrt(T(2)))) / T(2));
        else
            return gelu(x);
    }
    template <class T> static T partial(const T& x, const T&) {
        using std::erfc, std::exp, std::sqrt;
        return T(erfc(T(-x / sqrt(T(2)))) / T(2) + x * exp(T(-(x * x) / T(2))) / sqrt(T(T(2) * pi_in<T>())));
    }
    template <class E> static E derivative(const E& u, const E&) {
        const E root_half = pow(E(2), E::rational(-1, 2));  // 1/√2
        return E::rational(1, 2) * (1 + erf(u * root_half)) +
               u * exp(-pow(u, 2) / 2) * pow(2 * pi_in<E>(), E::rational(-1, 2));
    }
    static constexpr Facts facts{.at_zero = Fraction{0}};
};

/// y = silu x = x·σ(x) (alias swish), y' = σ(x) + x·σ(x)σ(−x) (σ' from x: no cancellation).
struct Silu {
    template <class T> static T value(const T& x) {
        if constexpr (NumericScalar<T>)
            return T(x * sigmoid(x));
        else
            return silu(x);
    }
    template <class T> static T partial(const T& x, const T&) {
        if constexpr (NumericScalar<T>)
            return T(sigmoid(x) + x * sigmoid_derivative(x));
        else
            return T(sigmoid(x) + x * sigmoid(x) * sigmoid(T(-x)));
    }
    template <class E> static E derivative(const E& u, const E&) { return sigmoid(u) * (1 + u * (1 - sigmoid(u))); }
    static constexpr Facts facts{.at_zero = Fraction{0}};
};

/// y = elu x = x for x > 0, eˣ − 1 for x ≤ 0 (α = 1, PyTorch's default); y' = 1 for x > 0,
/// eˣ for x ≤ 0. Both branches meet at 0 with slope 1, so elu'(0) = 1 is no convention.
struct Elu {
    template <class T> static T value(const T& x) {
        using std::expm1;
        if constexpr (NumericScalar<T>)
            return x > 0 ? T(x) : T(expm1(x));
        else
            return elu(x);
    }
    template <class T> static T partial(const T& x, const T&) {
        using std::exp;
        if constexpr (NumericScalar<T>)
            return x > 0 ? T(1) : T(exp(x));
        else
            return T(T(1) - step(T(-x)) + exp(x) * step(T(-x)));
    }
    template <class E> static E derivative(const E& u, const E&) { return 1 - step(-u) + exp(u) * step(-u); }
    static constexpr Facts facts{.at_zero = Fraction{0}};
};

/// y = selu x = λ·x for x > 0, λα(eˣ − 1) for x ≤ 0, with PyTorch's decimals
/// λ = 1.0507009873554804934193349852946, α = 1.6732632423543772848170429916717 (exact
/// rationals in symbolic::Expr, correctly rounded in each number type); y' = λ for x > 0,
/// λα·eˣ for x ≤ 0. A kink at 0 (λα ≈ 1.758 from the left, λ from the right): selu'(0) =
/// λα, the left branch, as PyTorch.
struct Selu {
    template <class T> static T lambda() { return decimal_in<T>("1.0507009873554804934193349852946"); }
    template <class T> static T alpha() { return decimal_in<T>("1.6732632423543772848170429916717"); }
    template <class T> static T value(const T& x) {
        using std::expm1;
        if constexpr (NumericScalar<T>)
            return x > 0 ? T(lambda<T>() * x) : T(lambda<T>() * alpha<T>() * expm1(x));
        else
            return selu(x);
    }
    template <class T> static T partial(const T& x, const T&) {
        using std::exp;
        if constexpr (NumericScalar<T>)
            return x > 0 ? lambda<T>() : T(lambda<T>() * alpha<T>() * exp(x));
        else
            return T(lambda<T>() * (T(1) - step(T(-x))) + lambda<T>() * alpha<T>() * exp(x) * step(T(-x)));
    }
    template <class E> static E derivative(const E& u, const E&) {
        return lambda<E>() * (1 - step(-u)) + lambda<E>() * alpha<E>() * exp(u) * step(-u);
    }
    static constexpr Facts facts{.at_zero = Fraction{0}, .singular = Singularity::kink_at_zero};
};

/// y = softsign x = x/(1 + |x|), range (−1, 1); y' = 1/(1 + |x|)² (1 at 0 from both sides).
/// Rational at every rational x.
struct Softsign {
    template <class T> static T value(const T& x) {
        using std::abs;
        if constexpr (NumericScalar<T>)
            return T(x / (T(1) + abs(x)));
        else
            return softsign(x);
    }
    template <class T> static T partial(const T& x, const T&) {
        using std::abs;
        const T d = T(T(1) + abs(x));
        return T(T(1) / (d * d));
    }
    template <class E> static E derivative(const E& u, const E&) { return pow(1 + abs(u), -2); }
    static constexpr Facts facts{.exact_on_rationals = true};
};

/// y = mish x = x·tanh(softplus x); y' = tanh(s) + x·σ(x)·sech²(s) with s = softplus x,
/// sech² s = 1/cosh² s from s (as tanh', no cancellation in 1 − tanh²).
struct Mish {
    template <class T> static T value(const T& x) {
        using std::tanh;
        if constexpr (NumericScalar<T>)
            return T(x * tanh(softplus(x)));
        else
            return mish(x);
    }
    template <class T> static T partial(const T& x, const T&) {
        using std::cosh, std::tanh;
        const T s = softplus(x);
        const T c = cosh(s);
        return T(tanh(s) + x * sigmoid(x) / (c * c));
    }
    template <class E> static E derivative(const E& u, const E&) {
        return tanh(softplus(u)) + u * sigmoid(u) * (1 - pow(tanh(softplus(u)), 2));
    }
    static constexpr Facts facts{.at_zero = Fraction{0}};
};

}  // namespace chainrule::ops
