// Sum rule of simplify: flatten, collect like terms, and distribute a numeric
// multiple of a sum only when that makes terms merge or cancel.
#include <unordered_map>

#include "arithmetic.hpp"
#include "node.hpp"
#include "simplify_rules.hpp"

namespace chainrule::symbolic::detail {
namespace {

// Like terms grouped by their non-numeric part, in first-occurrence order.
class LikeTerms {
public:
    void add(const Expr& term) {
        ++inputs_;
        auto [c, rest] = split_coefficient(term);
        const std::size_t key = order_free_hash(rest);
        auto [first, last] = index_.equal_range(key);
        for (auto it = first; it != last; ++it)
            if (same_up_to_order(groups_[it->second].rest, rest)) {
                groups_[it->second].value += c;
                return;
            }
        index_.emplace(key, groups_.size());
        groups_.push_back({std::move(c), rest});
    }

    std::vector<Expr> terms() const {
        std::vector<Expr> out;
        for (const auto& g : groups_)
            if (g.value != 0) out.push_back(make_product({Expr(g.value), g.rest}));
        return out;
    }

    /// How many input terms disappeared by merging or cancelling.
    std::size_t merged() const { return inputs_ - terms().size(); }

private:
    std::vector<Coefficient> groups_;
    std::unordered_multimap<std::size_t, std::size_t> index_;
    std::size_t inputs_ = 0;
};

void flatten_into(std::vector<Expr>& out, const Expr& term) {
    if (term.kind() == Kind::sum) out.insert(out.end(), term.operands().begin(), term.operands().end());
    else out.push_back(term);
}

// c (a + b) -> c a, c b; other terms unchanged.  Returns false if no term
// was a numeric multiple of a sum.
bool distribute(const std::vector<Expr>& terms, std::vector<Expr>& out) {
    bool any = false;
    for (const Expr& t : terms) {
        auto [c, rest] = split_coefficient(t);
        if (rest.kind() != Kind::sum) {
            out.push_back(t);
            continue;
        }
        any = true;
        for (const Expr& inner : rest.operands()) out.push_back(make_product({Expr(c), inner}));
    }
    return any;
}

LikeTerms collect(const std::vector<Expr>& terms) {
    LikeTerms like;
    for (const Expr& t : terms) like.add(t);
    return like;
}

}  // namespace

Expr simplify_sum(const std::vector<Expr>& terms) {
    std::vector<Expr> flat;
    for (const Expr& t : terms) flatten_into(flat, t);
    LikeTerms plain = collect(flat);
    std::vector<Expr> distributed;
    if (distribute(flat, distributed)) {
        LikeTerms spread = collect(distributed);
        if (spread.merged() > plain.merged()) return make_sum(spread.terms());
    }
    return make_sum(plain.terms());
}

}  // namespace chainrule::symbolic::detail
