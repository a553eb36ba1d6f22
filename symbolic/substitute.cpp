#include "substitute.hpp"

#include "node.hpp"

namespace chainrule::symbolic {
namespace {

class Substituter {
public:
    explicit Substituter(const Substitution& map) : map_(map) {}

    Expr operator()(const Expr& e) {
        if (auto hit = map_.find(e); hit != map_.end()) return hit->second;
        if (e.operands().empty()) return e;
        if (auto it = memo_.find(e.id()); it != memo_.end()) return it->second;
        std::vector<Expr> ops;
        bool changed = false;
        for (const Expr& op : e.operands()) {
            ops.push_back((*this)(op));
            changed = changed || !(ops.back() == op);
        }
        // Unchanged subtrees keep their identity (and their exact form).
        Expr result = changed ? detail::rebuild(e, std::move(ops)) : e;
        memo_.emplace(e.id(), result);
        return result;
    }

private:
    const Substitution& map_;
    std::unordered_map<const void*, Expr> memo_;
};

}  // namespace

Expr substitute(const Expr& e, const Expr& pattern, const Expr& replacement) {
    return substitute(e, Substitution{{pattern, replacement}});
}

Expr substitute(const Expr& e, const Substitution& replacements) { return Substituter(replacements)(e); }

}  // namespace chainrule::symbolic
