// The simplify driver: one bottom-up pass applies the node rules of
// simplify_rules.hpp; passes repeat until the expression stops changing.
#include "simplify.hpp"

#include <algorithm>
#include <unordered_map>

#include "node.hpp"
#include "simplify_rules.hpp"

namespace chainrule::symbolic {
namespace {

// Enough for any expression seen in practice (most converge in 2 passes);
// a bound only so that a rule bug cannot hang the caller.
constexpr int max_passes = 64;

class Pass {
public:
    Expr operator()(const Expr& e) {
        if (auto it = memo_.find(e.id()); it != memo_.end()) return it->second;
        Expr result = rewrite(e);
        memo_.emplace(e.id(), result);
        return result;
    }

private:
    Expr rewrite(const Expr& e) {
        if (e.operands().empty()) return e;
        std::vector<Expr> ops;
        ops.reserve(e.operands().size());
        for (const Expr& op : e.operands()) ops.push_back((*this)(op));
        switch (e.kind()) {
        case Kind::sum: return detail::simplify_sum(ops);
        case Kind::product: return detail::simplify_product(ops);
        case Kind::power: return detail::simplify_power(ops[0], ops[1]);
        case Kind::function: return detail::simplify_function(e.function(), ops);
        default: return e;
        }
    }

    std::unordered_map<const void*, Expr> memo_;
};

std::vector<const void*> sorted_ids(const Expr& e) {
    std::vector<const void*> ids;
    for (const Expr& op : e.operands()) ids.push_back(op.id());
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

Expr simplify(const Expr& e) {
    Expr current = e;
    for (int i = 0; i < max_passes; ++i) {
        Expr next = Pass{}(current);
        if (next == current) break;
        current = next;
    }
    return current;
}

namespace detail {

Coefficient split_coefficient(const Expr& term) {
    if (is_constant(term)) return {term.value(), Expr(1)};
    if (term.kind() != Kind::product || !is_constant(term[0])) return {Rational(1), term};
    const auto factors = term.operands();
    if (factors.size() == 2) return {factors[0].value(), factors[1]};
    return {factors[0].value(), raw_product({factors.begin() + 1, factors.end()})};
}

bool same_up_to_order(const Expr& a, const Expr& b) {
    if (a == b) return true;
    if (a.kind() != b.kind() || (a.kind() != Kind::sum && a.kind() != Kind::product)) return false;
    if (a.operands().size() != b.operands().size()) return false;
    return sorted_ids(a) == sorted_ids(b);
}

std::size_t order_free_hash(const Expr& e) {
    if (e.kind() != Kind::sum && e.kind() != Kind::product) return e.hash();
    std::size_t h = static_cast<std::size_t>(e.kind());
    for (const Expr& op : e.operands()) h += op.hash() * 0x9e3779b97f4a7c15ULL;  // commutative
    return h;
}

}  // namespace detail
}  // namespace chainrule::symbolic
