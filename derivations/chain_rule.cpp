#include "chain_rule.hpp"

#include "../symbolic/diff.hpp"
#include "../symbolic/evaluate.hpp"
#include "../symbolic/simplify.hpp"
#include "../symbolic/substitute.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace chainrule::derivations {

namespace detail {

// Every compound definition and its simplified form, each mapped to the nodes it defines
// (ascending). Naming the sub-expressions of a partial then looks the partial's own
// sub-expressions up, instead of substituting the definition of every node that shares
// a read with it (a parameter read by every line of a model is shared by all of them).
struct NamingIndex {
    std::vector<symbolic::Expr> simplified;  // per node; also keeps the keys below alive
    std::unordered_map<const void*, std::vector<std::size_t>> by_form;
    // Nodes defined by a long sum: each of its many partials visits only its own terms.
    std::unordered_map<std::size_t, symbolic::PartialDerivatives> long_sums;
};

// Sums at least this long get their terms indexed (PartialDerivatives); any length
// gives the same partials, this only keeps small sums from paying for the index.
inline constexpr std::size_t kIndexedSumTerms = 32;

}  // namespace detail

namespace {

using symbolic::Expr;
using detail::NamingIndex;

std::shared_ptr<const NamingIndex> build_naming(const NamedGraph& g) {
    auto idx = std::make_shared<NamingIndex>();
    idx->simplified.resize(g.nodes.size());
    for (std::size_t k = 0; k < g.nodes.size(); ++k) {
        const NamedNode& n = g.nodes[k];
        if (n.role != NodeRole::Defined || symbolic::is_symbol(n.definition) || symbolic::is_constant(n.definition))
            continue;
        idx->simplified[k] = symbolic::simplify(n.definition);
        idx->by_form[n.definition.id()].push_back(k);
        if (!(idx->simplified[k] == n.definition)) idx->by_form[idx->simplified[k].id()].push_back(k);
        if (n.definition.kind() == symbolic::Kind::sum && n.definition.operands().size() >= detail::kIndexedSumTerms)
            idx->long_sums.emplace(k, symbolic::PartialDerivatives(n.definition));
    }
    return idx;
}

// The graph's index, built once per graph (kept in its memo) and shared by its copies.
const NamingIndex& naming(const NamedGraph& g, std::shared_ptr<const NamingIndex>& local) {
    if (!g.memo) return *(local = build_naming(g));  // a moved-from or hand-made graph
    std::call_once(g.memo->once, [&] { g.memo->naming = build_naming(g); });
    return *g.memo->naming;
}

// The value of a named node, for evaluating formulas (a hash look-up per symbol).
const Real& value_of(const NamedGraph& g, const std::string& name) {
    const std::optional<std::size_t> i = g.find(name);
    if (!i) throw symbolic::unbound_symbol(name);
    return g.nodes[*i].value;
}

Real evaluate_in(const NamedGraph& g, const Expr& formula) {
    return symbolic::evaluate_with<Real>(formula, [&g](const std::string& name) -> const Real& { return value_of(g, name); });
}

// The nodes whose definitions may occur inside ∂(of)/∂(…): `of` itself and every node
// that shares a read with `of` (siblings such as out = σ(in) next to in). Looking only
// here keeps the rewrite local. Reads are sorted: search the longer list.
bool naming_candidate(const NamedGraph& g, std::size_t of, std::size_t k) {
    if (k == of) return true;
    const std::vector<std::size_t>* few = &g.nodes[of].reads;
    const std::vector<std::size_t>* many = &g.nodes[k].reads;
    if (few->size() > many->size()) std::swap(few, many);
    return std::any_of(few->begin(), few->end(),
                       [&](std::size_t r) { return std::binary_search(many->begin(), many->end(), r); });
}

// The last candidate node before `bound` whose definition (as recorded or simplified) is
// a sub-expression of d, found by looking up each distinct sub-expression of d once.
std::optional<std::size_t> last_named_in(const NamedGraph& g, const NamingIndex& idx, std::size_t of, const Expr& d,
                                         std::size_t bound) {
    std::optional<std::size_t> best;
    std::unordered_set<const void*> seen;
    std::vector<Expr> stack{d};
    while (!stack.empty()) {
        const Expr e = std::move(stack.back());
        stack.pop_back();
        if (!seen.insert(e.id()).second) continue;
        if (auto it = idx.by_form.find(e.id()); it != idx.by_form.end())
            for (std::size_t k : it->second)
                if (k < bound && (!best || k > *best) && naming_candidate(g, of, k)) best = k;
        for (const Expr& o : e.operands()) stack.push_back(o);
    }
    return best;
}

// Replaces sub-expressions equal to a named node's definition by the node's symbol. The
// candidates are taken from the last to the first, each once (its definition, then its
// simplified definition); one that does not occur in d would leave d unchanged, so only
// those that occur are substituted.
Expr name_subexpressions(const NamedGraph& g, const NamingIndex& idx, std::size_t of, Expr d) {
    std::size_t bound = std::numeric_limits<std::size_t>::max();
    while (const std::optional<std::size_t> k = last_named_in(g, idx, of, d, bound)) {
        d = symbolic::substitute(d, g.nodes[*k].definition, g.symbol(*k));
        d = symbolic::substitute(d, idx.simplified[*k], g.symbol(*k));
        bound = *k;
    }
    return d;
}

// ∂(of)/∂(wrt) as a formula; its value is set by evaluate_derivation (or partial_with).
LocalPartial partial_formula(const NamedGraph& g, const NamingIndex& idx, std::size_t of, std::size_t wrt) {
    LocalPartial p;
    p.of = of;
    p.wrt = wrt;
    p.held_fixed = held_fixed_reads(g, of, wrt);
    const auto sum = idx.long_sums.find(of);
    const Expr d = sum != idx.long_sums.end() ? sum->second(g.symbol(wrt)) : symbolic::diff(g.nodes[of].definition, g.symbol(wrt));
    p.formula = name_subexpressions(g, idx, of, symbolic::simplify(d));
    return p;
}

LocalPartial partial_with(const NamedGraph& g, const NamingIndex& idx, std::size_t of, std::size_t wrt) {
    LocalPartial p = partial_formula(g, idx, of, wrt);
    p.value = evaluate_in(g, p.formula);
    return p;
}

// The nodes that depend on wrt, wrt included, ascending: all that a derivation by wrt
// visits. Found upwards through consumers, so a derivation costs the size of this set
// and not of the graph (a model with many params has many small derivations).
std::vector<std::size_t> dependents(const NamedGraph& g, std::size_t wrt) {
    std::vector<std::size_t> out{wrt};
    std::unordered_set<std::size_t> seen{wrt};
    for (std::size_t k = 0; k < out.size(); ++k)
        for (std::size_t c : g.nodes[out[k]].consumers)
            if (seen.insert(c).second) out.push_back(c);
    std::sort(out.begin(), out.end());
    return out;
}

// For each dependent of wrt, its reads that are wrt or depend on it, in reading order.
std::unordered_map<std::size_t, std::vector<std::size_t>> reads_towards(const NamedGraph& g,
                                                                        const std::vector<std::size_t>& up) {
    std::unordered_map<std::size_t, std::vector<std::size_t>> down;
    for (std::size_t m : up)  // ascending, as reads are sorted
        for (std::size_t c : g.nodes[m].consumers) down[c].push_back(m);
    return down;
}

bool only_consumer(const NamedGraph& g, std::size_t node, std::size_t consumer) {
    const auto& c = g.nodes[node].consumers;
    return c.size() == 1 && c.front() == consumer;
}

// Merges a factor ≡ 1 into the factor below it when the chain cannot branch there,
// so that ∂E/∂E_o1 · ∂E_o1/∂out_o1 reads as the single factor ∂E/∂out_o1. One pass
// that extends the current factor (a long chain of sums merges in linear time).
std::vector<PathFactor> merge_unit_factors(const NamedGraph& g, std::vector<PathFactor> f) {
    std::vector<PathFactor> out;
    if (f.empty()) return out;
    PathFactor current = std::move(f.front());
    for (std::size_t k = 1; k < f.size(); ++k) {
        const std::size_t mid = current.partial.wrt, low = f[k].partial.wrt;
        if (symbolic::is_one(current.partial.formula) && only_consumer(g, mid, current.of) && only_consumer(g, low, mid)) {
            std::vector<std::size_t> through = std::move(current.through);
            through.push_back(mid);
            through.insert(through.end(), f[k].through.begin(), f[k].through.end());
            const std::size_t of = current.of;
            current = std::move(f[k]);
            current.of = of;
            current.through = std::move(through);
        } else {
            out.push_back(std::move(current));
            current = std::move(f[k]);
        }
    }
    out.push_back(std::move(current));
    return out;
}

// Every path from the output down to wrt, by an explicit-stack depth-first search (a
// recursive one would overflow the call stack on chains of tens of thousands of nodes).
// `down` holds each node's reads that lead to wrt, so a node that reads many others
// (a long sum) is not scanned again for every path.
std::vector<std::vector<std::size_t>> collect_paths(const NamedGraph& g,
                                                    const std::unordered_map<std::size_t, std::vector<std::size_t>>& down,
                                                    std::size_t wrt) {
    static const std::vector<std::size_t> none;
    std::vector<std::vector<std::size_t>> out;
    std::vector<std::size_t> path{g.output};
    std::vector<std::size_t> next_read{0};  // per path position: the next read to try
    while (!path.empty()) {
        const std::size_t n = path.back();
        const auto it = down.find(n);
        const auto& reads = it == down.end() ? none : it->second;
        if (n == wrt) {
            out.push_back(path);
        } else if (next_read.back() < reads.size()) {
            path.push_back(reads[next_read.back()++]);
            next_read.push_back(0);
            continue;
        }
        path.pop_back();
        next_read.pop_back();
    }
    return out;
}

}  // namespace

Real evaluate_formula(const NamedGraph& g, const symbolic::Expr& formula) { return evaluate_in(g, formula); }

std::vector<std::size_t> held_fixed_reads(const NamedGraph& g, std::size_t of, std::size_t wrt) {
    std::vector<std::size_t> out;
    // wrt read by `of` alone, or `of` reading wrt alone: no other route (the common case,
    // decided without a search: a parameter of a long sum has one consumer).
    const std::vector<std::size_t>& consumers = g.nodes[wrt].consumers;
    if (consumers.size() <= 1 || g.nodes[of].reads.size() <= 1) return out;
    const std::vector<std::size_t>& reads = g.nodes[of].reads;  // sorted: those after wrt may depend on it
    for (auto r = std::upper_bound(reads.begin(), reads.end(), wrt); r != reads.end(); ++r)
        if (depends_on(g, *r, wrt)) out.push_back(*r);
    return out;
}

LocalPartial local_partial(const NamedGraph& g, std::size_t of, std::size_t wrt) {
    std::shared_ptr<const NamingIndex> local;
    return partial_with(g, naming(g, local), of, wrt);
}

std::vector<LocalPartial> all_local_partials(const NamedGraph& g) {
    std::shared_ptr<const NamingIndex> local;
    const NamingIndex& idx = naming(g, local);
    std::vector<LocalPartial> out;
    for (std::size_t i = 0; i < g.nodes.size(); ++i)
        for (std::size_t r : g.nodes[i].reads) out.push_back(partial_with(g, idx, i, r));
    return out;
}

// Pushes each count up to the consumers, over the dependents of `to` only (ascending, so
// a node's count is complete before it is pushed): the same sums, in the same order of
// reads, as summing over each node's reads, without visiting the rest of the graph.
double count_paths(const NamedGraph& g, std::size_t from, std::size_t to) {
    if (from < to) return 0.0;
    std::unordered_map<std::size_t, double> count{{to, 1.0}};
    for (std::size_t m : dependents(g, to)) {
        if (m > from) break;
        const double here = count[m];
        for (std::size_t c : g.nodes[m].consumers)
            if (c <= from) count[c] += here;
    }
    return count[from];
}

namespace {

GradientDerivation start_derivation(const NamedGraph& g, std::size_t wrt, ChainStyle style) {
    GradientDerivation d;
    d.output = g.output;
    d.wrt = wrt;
    d.style = style;
    d.path_count = count_paths(g, g.output, wrt);
    d.reverse_mode = g.nodes[wrt].adjoint;
    return d;
}

}  // namespace

GradientDerivation derive_paths(const NamedGraph& g, std::size_t wrt) {
    GradientDerivation d = start_derivation(g, wrt, ChainStyle::Paths);
    if (d.path_count > static_cast<double>(kMaxPaths))
        throw Error("chainrule: " + g.nodes[wrt].name + " has more than " + std::to_string(kMaxPaths) +
                    " paths to " + g.nodes[g.output].name + "; use the deltas style");
    std::shared_ptr<const NamingIndex> local;
    const NamingIndex& idx = naming(g, local);
    const std::vector<std::vector<std::size_t>> node_paths = collect_paths(g, reads_towards(g, dependents(g, wrt)), wrt);
    // Paths share edges (every path to w1 ends in ∂out_h1/∂in_h1 · ∂in_h1/∂w1): each
    // local partial is differentiated and simplified once.
    std::map<std::pair<std::size_t, std::size_t>, LocalPartial> partials;
    auto partial = [&](std::size_t of, std::size_t m) -> const LocalPartial& {
        auto it = partials.find({of, m});
        if (it == partials.end()) it = partials.emplace(std::pair{of, m}, partial_formula(g, idx, of, m)).first;
        return it->second;
    };
    for (const auto& nodes : node_paths) {
        ChainPath path;
        path.nodes = nodes;
        for (std::size_t k = 0; k + 1 < nodes.size(); ++k)
            path.factors.push_back(PathFactor{partial(nodes[k], nodes[k + 1]), nodes[k], {}});
        path.factors = merge_unit_factors(g, std::move(path.factors));
        d.paths.push_back(std::move(path));
    }
    evaluate_derivation(g, d);
    return d;
}

GradientDerivation derive_deltas(const NamedGraph& g, std::size_t wrt) {
    GradientDerivation d = start_derivation(g, wrt, ChainStyle::Deltas);
    std::shared_ptr<const NamingIndex> local;
    const NamingIndex& idx = naming(g, local);
    const std::vector<std::size_t> up = dependents(g, wrt);  // ascending: walk it from the output down
    for (auto it = up.rbegin(); it != up.rend(); ++it) {
        const std::size_t n = *it;
        DeltaStep step;
        step.node = n;
        if (n != g.output)
            for (std::size_t c : g.nodes[n].consumers) step.terms.emplace_back(c, partial_formula(g, idx, c, n));
        d.deltas.push_back(std::move(step));
    }
    evaluate_derivation(g, d);
    return d;
}

void evaluate_derivation(const NamedGraph& g, GradientDerivation& d) {
    const auto evaluate = [&](LocalPartial& p) { p.value = evaluate_in(g, p.formula); };
    d.result = 0;
    for (ChainPath& path : d.paths) {
        path.product = 1;
        for (PathFactor& f : path.factors) {
            evaluate(f.partial);
            path.product *= f.partial.value;
        }
        d.result += path.product;
    }
    if (d.style == ChainStyle::Deltas) {
        std::unordered_map<std::size_t, Real> delta;  // only the dependents of wrt have one
        for (DeltaStep& step : d.deltas) {
            step.value = step.node == g.output ? Real(1) : Real(0);
            for (auto& [c, p] : step.terms) {
                evaluate(p);
                step.value += delta[c] * p.value;
            }
            delta[step.node] = step.value;
        }
        d.result = delta[d.wrt];
    }
    d.reverse_mode = g.nodes[d.wrt].adjoint;
}

GradientDerivation derive_auto(const NamedGraph& g, std::size_t wrt) {
    return count_paths(g, g.output, wrt) > static_cast<double>(kMaxPaths) ? derive_deltas(g, wrt) : derive_paths(g, wrt);
}

}  // namespace chainrule::derivations
