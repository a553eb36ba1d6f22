// Product and power rules of simplify: one numeric coefficient, like factors
// collected by adding exponents, signs pulled out of all-negative sums.
#include <unordered_map>

#include "arithmetic.hpp"
#include "rational.hpp"
#include "simplify_rules.hpp"

namespace chainrule::symbolic::detail {
namespace {

struct FactorGroup {
    Expr base;
    std::vector<Expr> exponents;
};

// Factors grouped by base (x, x^2, x^{-1} share the base x), in
// first-occurrence order; numeric factors go into the coefficient.
class LikeFactors {
public:
    void add(const Expr& f) {
        if (is_constant(f)) {
            coefficient *= f.value();
        } else if (f.kind() == Kind::product) {
            for (const Expr& sub : f.operands()) add(sub);
        } else if (f.kind() == Kind::power) {
            group(f[0]).exponents.push_back(f[1]);
        } else {
            group(f).exponents.push_back(Expr(1));
        }
    }

    Rational coefficient = 1;
    std::vector<FactorGroup> groups;

private:
    FactorGroup& group(const Expr& base) {
        const std::size_t key = order_free_hash(base);
        auto [first, last] = index_.equal_range(key);
        for (auto it = first; it != last; ++it)
            if (same_up_to_order(groups[it->second].base, base)) return groups[it->second];
        index_.emplace(key, groups.size());
        groups.push_back({base, {}});
        return groups.back();
    }

    std::unordered_multimap<std::size_t, std::size_t> index_;
};

bool all_terms_negative(const Expr& e) {
    if (e.kind() != Kind::sum) return false;
    for (const Expr& t : e.operands())
        if (split_coefficient(t).value >= 0) return false;
    return true;
}

Expr negate_terms(const Expr& sum) {
    std::vector<Expr> terms;
    for (const Expr& t : sum.operands()) terms.push_back(make_product({Expr(-1), t}));
    return make_sum(std::move(terms));
}

// (-a - b) -> -(a + b) and (-a - b)^n -> (-1)^n (a + b)^n: returns the
// factor with the sign taken out, flipping `sign_flip` when it moved a -1.
Expr pull_sign(const Expr& f, bool& sign_flip) {
    if (all_terms_negative(f)) {
        sign_flip = !sign_flip;
        return negate_terms(f);
    }
    if (f.kind() == Kind::power && all_terms_negative(f[0]) && is_integer(f[1])) {
        if (numerator(f[1].value()) % 2 != 0) sign_flip = !sign_flip;
        return make_power(negate_terms(f[0]), f[1]);
    }
    return f;
}

}  // namespace

Expr simplify_product(const std::vector<Expr>& factors) {
    LikeFactors like;
    for (const Expr& f : factors) like.add(f);
    Rational coefficient = like.coefficient;
    std::vector<Expr> out;
    bool sign_flip = false;
    for (const FactorGroup& g : like.groups) {
        const Expr exponent = g.exponents.size() == 1 ? g.exponents.front() : simplify_sum(g.exponents);
        const Expr p = simplify_power(g.base, exponent);
        // A power may fold to a number or distribute into a product.
        for (const Expr& part : p.kind() == Kind::product ? std::vector<Expr>(p.operands().begin(), p.operands().end())
                                                         : std::vector<Expr>{p}) {
            if (is_constant(part)) coefficient *= part.value();
            else out.push_back(pull_sign(part, sign_flip));
        }
    }
    if (coefficient == 0) return Expr(0);
    if (sign_flip) coefficient = -coefficient;
    out.insert(out.begin(), Expr(coefficient));
    return make_product(std::move(out));
}

Expr simplify_power(const Expr& base, const Expr& exponent) {
    Expr p = make_power(base, exponent);  // b^0, b^1, 1^e, numeric folding
    if (p.kind() != Kind::power || !is_integer(exponent)) return p;
    if (base.kind() == Kind::power)  // (b^a)^n = b^{a n} for integer n
        return simplify_power(base[0], simplify_product({base[1], exponent}));
    if (all_terms_negative(base)) {  // (-a - b)^n = (-1)^n (a + b)^n
        const Expr sign = numerator(exponent.value()) % 2 == 0 ? Expr(1) : Expr(-1);
        return simplify_product({sign, make_power(negate_terms(base), exponent)});
    }
    if (base.kind() == Kind::product) {  // (a b)^n = a^n b^n for integer n
        std::vector<Expr> powers;
        for (const Expr& f : base.operands()) powers.push_back(simplify_power(f, exponent));
        return simplify_product(powers);
    }
    return p;
}

}  // namespace chainrule::symbolic::detail
