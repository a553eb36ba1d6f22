#pragma once
/// \file facts.hpp
/// What a function's rule struct states beyond its value and partials (`static constexpr
/// Facts facts`): how it is printed and which values simplify may fold. The symbolic
/// engine reads them (symbolic/function_rules.hpp); nothing here is computed at run time.

#include <optional>
#include <string_view>

namespace chainrule::ops {

/// The rational number num/den, written in a rule's facts.
struct Fraction {
    long long num = 0;
    long long den = 1;
};

/// Where a unary function has no derivative, or an infinite one (docs/conventions.md).
enum class Singularity : unsigned char {
    none,
    kink_at_zero,            ///< one-sided slopes differ at 0 (abs, relu, leaky_relu, selu)
    jump_at_zero,            ///< f jumps at 0, slope 0 on both sides (sign, step)
    infinite_slope_at_zero,  ///< f′(0) = ∞ (cbrt)
    infinite_slope_at_unit,  ///< f′(±1) = ∞ at the ends of the domain (asin, acos)
    log_pole,                ///< f(0) = −∞, undefined below 0 (log)
};

struct Facts {
    /// The LaTeX set before the parenthesised argument: a command (`\sin`, `\sigma`,
    /// `\operatorname{arccot}`). Empty means `\operatorname{fn}` with fn's underscores
    /// escaped, so no function prints without a name.
    std::string_view latex = {};
    /// f(0) where it is rational: simplify folds f(0) to it (exp 0 = 1, σ(0) = 1/2).
    std::optional<Fraction> at_zero = {};
    /// f(1) where it is rational (ln 1 = 0, arccos 1 = 0).
    std::optional<Fraction> at_one = {};
    /// f maps every rational to a rational, computed exactly by value<Rational> (|x|,
    /// sign, step, relu): simplify folds f(q) at every rational q, and exact fractions
    /// (chainrule grad) see through f.
    bool exact_on_rationals = false;
    /// n > 0: f is the real n-th root (cbrt: 3); simplify folds f(q) where it is rational.
    int root = 0;
    /// The name of g with f(g(u)) = u (exp and log): simplify folds f(g(u)) to u, and f(e)
    /// to 1 when g is exp.
    std::string_view inverse = {};
    /// f(f(u)) = f(u) for a unary f (|x|), f(a, a) = a for a binary one (min, max):
    /// simplify folds the call.
    bool idempotent = false;
    /// Where f has no derivative or an infinite one. Worksheets and `check` name the point
    /// (derivations/singular_points.cpp), grad and gradcheck name the op at a kink or jump;
    /// the value the rule's `partial` takes there is the convention (docs/conventions.md).
    Singularity singular = Singularity::none;
    /// For a kink at 0 with constant slopes, f′ from the left and from the right (relu: 0
    /// and 1, |x|: −1 and 1); empty where they depend on a parameter (leaky_relu) or are
    /// irrational (selu).
    std::optional<Fraction> left_slope = {};
    std::optional<Fraction> right_slope = {};

    /// Not differentiable where the (first) argument is 0: a kink or a jump.
    constexpr bool kink_or_jump_at_zero() const {
        return singular == Singularity::kink_at_zero || singular == Singularity::jump_at_zero;
    }
};

}  // namespace chainrule::ops
