// diff: the chain rule over the expression DAG, memoised per node.
#include "diff.hpp"

#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "arithmetic.hpp"
#include "simplify.hpp"

namespace chainrule::symbolic {
namespace {

class Differentiator {
public:
    explicit Differentiator(Expr x) : x_(std::move(x)) {}

    Expr operator()(const Expr& e) {
        if (auto it = memo_.find(e.id()); it != memo_.end()) return it->second;
        Expr d = compute(e);
        memo_.emplace(e.id(), d);
        return d;
    }

private:
    Expr compute(const Expr& e) {
        switch (e.kind()) {
        case Kind::constant: return Expr(0);
        case Kind::symbol: return Expr(e == x_ ? 1 : 0);
        case Kind::sum: return sum_rule(e);
        case Kind::product: return product_rule(e);
        case Kind::power:
        case Kind::function: return chain_rule(e);
        }
        return Expr(0);
    }

    Expr sum_rule(const Expr& e) {
        std::vector<Expr> terms;
        for (const Expr& t : e.operands()) terms.push_back((*this)(t));
        return make_sum(std::move(terms));
    }

    // d(a b c) = a' b c + a b' c + a b c': each factor differentiated in
    // place, so the terms keep the order the factors were written in.
    Expr product_rule(const Expr& e) {
        std::vector<Expr> terms;
        const auto factors = e.operands();
        for (std::size_t i = 0; i < factors.size(); ++i) {
            Expr d = (*this)(factors[i]);
            if (is_zero(d)) continue;
            std::vector<Expr> term(factors.begin(), factors.end());
            term[i] = d;
            terms.push_back(make_product(std::move(term)));
        }
        return make_sum(std::move(terms));
    }

    // d f(u_1, ..., u_k) = sum_i (\partial f / \partial u_i) u_i'.
    Expr chain_rule(const Expr& e) {
        std::vector<Expr> terms;
        for (std::size_t i = 0; i < e.operands().size(); ++i) {
            Expr d = (*this)(e[i]);
            if (is_zero(d)) continue;  // also skips building unused partials
            terms.push_back(local_partial(e, i) * d);
        }
        return make_sum(std::move(terms));
    }

    Expr x_;
    std::unordered_map<const void*, Expr> memo_;
};

void require_symbol(const Expr& x) {
    if (!is_symbol(x))
        throw std::invalid_argument("chainrule::symbolic::diff: can only differentiate with respect to a symbol");
}

}  // namespace

Expr diff_unsimplified(const Expr& f, const Expr& x) {
    require_symbol(x);
    return Differentiator(x)(f);
}

Expr diff(const Expr& f, const Expr& x) { return simplify(diff_unsimplified(f, x)); }

Expr diff(const Expr& f, std::string_view x) { return diff(f, Expr::symbol(std::string(x))); }

namespace {

// The distinct symbols of e (their node ids), by an explicit-stack walk over the DAG.
std::vector<const void*> symbol_ids(const Expr& e) {
    std::vector<const void*> out;
    std::unordered_set<const void*> seen;
    std::vector<Expr> stack{e};
    while (!stack.empty()) {
        const Expr n = std::move(stack.back());
        stack.pop_back();
        if (!seen.insert(n.id()).second) continue;
        if (is_symbol(n)) out.push_back(n.id());
        for (const Expr& o : n.operands()) stack.push_back(o);
    }
    return out;
}

}  // namespace

PartialDerivatives::PartialDerivatives(Expr f) : f_(std::move(f)) {
    if (f_.kind() != Kind::sum) return;
    const auto terms = f_.operands();
    for (std::size_t k = 0; k < terms.size(); ++k)
        for (const void* s : symbol_ids(terms[k])) terms_with_[s].push_back(k);  // ascending k
}

Expr PartialDerivatives::operator()(const Expr& x) const { return simplify(unsimplified(x)); }

// The sum rule gives make_sum(d t_1, ..., d t_n), where d t_k = 0 for a term without x.
// Those zeros change the sum only through the first of them: the first numeric term
// fixes where the sum's number goes. So: the derivatives of the terms with x, in order,
// and one 0 where the first term without x stands.
Expr PartialDerivatives::unsimplified(const Expr& x) const {
    require_symbol(x);
    if (f_.kind() != Kind::sum) return Differentiator(x)(f_);
    static const std::vector<std::size_t> none;
    const auto it = terms_with_.find(x.id());
    const std::vector<std::size_t>& with_x = it == terms_with_.end() ? none : it->second;
    std::size_t first_without = 0;
    while (first_without < with_x.size() && with_x[first_without] == first_without) ++first_without;
    Differentiator d(x);
    std::vector<Expr> terms;
    bool zero_placed = first_without == f_.operands().size();
    for (std::size_t k : with_x) {
        if (!zero_placed && k > first_without) {
            terms.push_back(Expr(0));
            zero_placed = true;
        }
        terms.push_back(d(f_[k]));
    }
    if (!zero_placed) terms.push_back(Expr(0));
    return make_sum(std::move(terms));
}

Expr diff(const Expr& f, const Expr& x, unsigned order) {
    Expr result = simplify(f);
    for (unsigned k = 0; k < order; ++k) result = diff(result, x);
    return result;
}

}  // namespace chainrule::symbolic
