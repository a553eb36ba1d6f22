#include "print_support.hpp"

#include <algorithm>

#include "arithmetic.hpp"
#include "node.hpp"

namespace chainrule::symbolic::detail {

bool is_xlogy(const Expr& e) { return e.kind() == Kind::function && e.function() == Function::xlogy; }

Expr xlogy_as_product(const Expr& e) { return make_product({e[0], make_function(Function::log, {e[1]})}); }

bool negative_looking(const Expr& e) {
    if (is_constant(e)) return e.value() < 0;
    if (is_xlogy(e)) return negative_looking(e[0]);
    return e.kind() == Kind::product && is_constant(e[0]) && e[0].value() < 0;
}

Expr negated(const Expr& e) {
    if (is_constant(e)) return Expr(Rational(-e.value()));
    if (is_xlogy(e)) return raw_function(Function::xlogy, {negated(e[0]), e[1]});
    std::vector<Expr> factors(e.operands().begin(), e.operands().end());
    const Rational c = -factors.front().value();
    if (c == 1) factors.erase(factors.begin());
    else factors.front() = Expr(c);
    return factors.size() == 1 ? factors.front() : raw_product(std::move(factors));
}

bool is_reciprocal_power(const Expr& e) {
    return e.kind() == Kind::power && is_constant(e[1]) && e[1].value() < 0;
}

bool is_square_root(const Expr& e) {
    return e.kind() == Kind::power && is_constant(e[1]) && e[1].value() == Rational(1, 2);
}

Fraction split_fraction(const Expr& e) {
    Fraction f;
    const std::vector<Expr> factors =
        e.kind() == Kind::product ? std::vector<Expr>(e.operands().begin(), e.operands().end()) : std::vector<Expr>{e};
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const Expr& x = factors[i];
        if (is_xlogy(x)) {  // its factors a and ln b join the product's
            Fraction g = split_fraction(xlogy_as_product(x));
            f.coefficient *= g.coefficient;
            f.numerator.insert(f.numerator.end(), g.numerator.begin(), g.numerator.end());
            f.denominator.insert(f.denominator.end(), g.denominator.begin(), g.denominator.end());
        } else if (i == 0 && is_constant(x) && factors.size() > 1) f.coefficient = x.value();
        else if (is_reciprocal_power(x)) f.denominator.push_back(make_power(x[0], Expr(Rational(-x[1].value()))));
        else f.numerator.push_back(x);
    }
    // The constants π and e lead, as written by hand: π cos(π x), not cos(π x) π.
    std::stable_partition(f.numerator.begin(), f.numerator.end(),
                          [](const Expr& x) { return x.kind() == Kind::function && x.operands().empty(); });
    return f;
}


}  // namespace chainrule::symbolic::detail
