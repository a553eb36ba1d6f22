#include "print_support.hpp"

#include "arithmetic.hpp"
#include "node.hpp"

namespace chainrule::symbolic::detail {

bool negative_looking(const Expr& e) {
    if (is_constant(e)) return e.value() < 0;
    return e.kind() == Kind::product && is_constant(e[0]) && e[0].value() < 0;
}

Expr negated(const Expr& e) {
    if (is_constant(e)) return Expr(Rational(-e.value()));
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
        if (i == 0 && is_constant(x) && factors.size() > 1) f.coefficient = x.value();
        else if (is_reciprocal_power(x)) f.denominator.push_back(make_power(x[0], Expr(Rational(-x[1].value()))));
        else f.numerator.push_back(x);
    }
    return f;
}

}  // namespace chainrule::symbolic::detail
