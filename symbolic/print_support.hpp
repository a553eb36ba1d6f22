// Internal: what the LaTeX and text printers share — operator precedence,
// recognising "negative" terms (printed with a minus sign) and splitting a
// product into coefficient, numerator and denominator.
#pragma once

#include <vector>

#include "expr.hpp"

namespace chainrule::symbolic::detail {

/// Binding strength of a printed form; a child printed inside a context that
/// needs more gets parentheses.
enum Precedence : int {
    prec_none = 0,
    prec_sum = 1,       // a + b,  a - b
    prec_negation = 2,  // -a
    prec_product = 3,   // a b,  a / b,  \frac{1}{2} as text "1/2"
    prec_power = 4,     // a^b
    prec_atom = 5,      // symbols, natural numbers, f(x), parenthesised forms
};

/// A negative constant or a product whose leading coefficient is negative (or an
/// xlogy whose first argument is so): the terms printed as " - ..." inside a sum.
bool negative_looking(const Expr& e);

/// The positive counterpart of a negative_looking expression (-3 x -> 3 x,
/// -x -> x, -5 -> 5), built without canonicalisation so the printed form
/// stays faithful.
Expr negated(const Expr& e);

/// A product (or a single factor) as  coefficient * numerator / denominator:
/// the leading numeric factor is the coefficient, factors b^{-k} with a
/// constant k > 0 go to the denominator as b^{k}; an xlogy factor contributes
/// the factors of a \ln b; the constants \pi and e
/// lead the numerator (\pi \cos(\pi x)), the other factors keep their order.
struct Fraction {
    Rational coefficient = 1;
    std::vector<Expr> numerator;
    std::vector<Expr> denominator;
};
Fraction split_fraction(const Expr& e);

/// xlogy(a, b) is printed as the product a \ln b (the form a person writes, and the
/// one the .chain language reads back; xlogy's convention at a = 0 is documented, not
/// printed): the printers treat an xlogy node as xlogy_as_product of it.
bool is_xlogy(const Expr& e);
Expr xlogy_as_product(const Expr& e);

/// Power with a negative constant exponent (printed as a fraction).
bool is_reciprocal_power(const Expr& e);
/// Power with exponent 1/2 (printed as a square root).
bool is_square_root(const Expr& e);

}  // namespace chainrule::symbolic::detail
