#include "chain_rule.hpp"

#include "../symbolic/diff.hpp"
#include "../symbolic/evaluate.hpp"
#include "../symbolic/simplify.hpp"
#include "../symbolic/substitute.hpp"

#include <map>
#include <set>

namespace chainrule::derivations {
namespace {

using symbolic::Expr;

std::map<std::string, Real> value_map(const NamedGraph& g) {
    std::map<std::string, Real> values;
    for (const NamedNode& n : g.nodes) values.emplace(n.name, n.value);
    return values;
}

// The nodes whose definitions may occur inside ∂(of)/∂(…): `of` itself and every node
// that reads only what `of` reads (siblings such as out = σ(in) next to in). Looking only
// here keeps the rewrite local, so large graphs stay fast.
std::set<std::size_t> naming_candidates(const NamedGraph& g, std::size_t of) {
    std::set<std::size_t> c{of};
    for (std::size_t r : g.nodes[of].reads)
        for (std::size_t k : g.nodes[r].consumers) c.insert(k);
    return c;
}

// Replaces sub-expressions equal to a named node's definition by the node's symbol.
Expr name_subexpressions(const NamedGraph& g, std::size_t of, Expr d) {
    const std::set<std::size_t> candidates = naming_candidates(g, of);
    for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
        const NamedNode& k = g.nodes[*it];
        if (k.role != NodeRole::Defined || symbolic::is_symbol(k.definition) || symbolic::is_constant(k.definition))
            continue;
        d = symbolic::substitute(d, k.definition, g.symbol(*it));
        d = symbolic::substitute(d, symbolic::simplify(k.definition), g.symbol(*it));
    }
    return d;
}

LocalPartial partial_with(const NamedGraph& g, std::size_t of, std::size_t wrt, const std::map<std::string, Real>& values) {
    LocalPartial p;
    p.of = of;
    p.wrt = wrt;
    p.formula = name_subexpressions(g, of, symbolic::simplify(symbolic::diff(g.nodes[of].definition, g.symbol(wrt))));
    p.value = symbolic::evaluate<Real>(p.formula, values);
    return p;
}

// reaches[i]: node i reads `wrt`, directly or through other named nodes (or is wrt).
std::vector<bool> reaches(const NamedGraph& g, std::size_t wrt) {
    std::vector<bool> r(g.nodes.size(), false);
    r[wrt] = true;
    for (std::size_t i = wrt + 1; i < g.nodes.size(); ++i)
        for (std::size_t m : g.nodes[i].reads) r[i] = r[i] || r[m];
    return r;
}

bool only_consumer(const NamedGraph& g, std::size_t node, std::size_t consumer) {
    const auto& c = g.nodes[node].consumers;
    return c.size() == 1 && c.front() == consumer;
}

// Merges a factor ≡ 1 into the factor below it when the chain cannot branch there,
// so that ∂E/∂E_o1 · ∂E_o1/∂out_o1 reads as the single factor ∂E/∂out_o1.
std::vector<PathFactor> merge_unit_factors(const NamedGraph& g, std::vector<PathFactor> f) {
    for (std::size_t k = 0; k + 1 < f.size();) {
        const std::size_t mid = f[k].partial.wrt, low = f[k + 1].partial.wrt;
        if (symbolic::is_one(f[k].partial.formula) && only_consumer(g, mid, f[k].of) && only_consumer(g, low, mid)) {
            PathFactor merged = f[k + 1];
            merged.of = f[k].of;
            merged.through = f[k].through;
            merged.through.push_back(mid);
            merged.through.insert(merged.through.end(), f[k + 1].through.begin(), f[k + 1].through.end());
            f[k] = std::move(merged);
            f.erase(f.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        } else {
            ++k;
        }
    }
    return f;
}

// Every path from the output down to wrt, by an explicit-stack depth-first search (a
// recursive one would overflow the call stack on chains of tens of thousands of nodes).
std::vector<std::vector<std::size_t>> collect_paths(const NamedGraph& g, const std::vector<bool>& reach, std::size_t wrt) {
    std::vector<std::vector<std::size_t>> out;
    std::vector<std::size_t> path{g.output};
    std::vector<std::size_t> next_read{0};  // per path position: the next read to try
    while (!path.empty()) {
        const std::size_t n = path.back();
        const auto& reads = g.nodes[n].reads;
        if (n == wrt) {
            out.push_back(path);
        } else if (next_read.back() < reads.size()) {
            const std::size_t m = reads[next_read.back()++];
            if (reach[m]) {
                path.push_back(m);
                next_read.push_back(0);
            }
            continue;
        }
        path.pop_back();
        next_read.pop_back();
    }
    return out;
}

}  // namespace

LocalPartial local_partial(const NamedGraph& g, std::size_t of, std::size_t wrt) {
    return partial_with(g, of, wrt, value_map(g));
}

std::vector<LocalPartial> all_local_partials(const NamedGraph& g) {
    const auto values = value_map(g);
    std::vector<LocalPartial> out;
    for (std::size_t i = 0; i < g.nodes.size(); ++i)
        for (std::size_t r : g.nodes[i].reads) out.push_back(partial_with(g, i, r, values));
    return out;
}

double count_paths(const NamedGraph& g, std::size_t from, std::size_t to) {
    std::vector<double> count(g.nodes.size(), 0.0);
    count[to] = 1.0;
    for (std::size_t i = to + 1; i <= from; ++i)
        for (std::size_t m : g.nodes[i].reads) count[i] += count[m];
    return from < to ? 0.0 : count[from];
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
    const auto values = value_map(g);
    const std::vector<bool> reach = reaches(g, wrt);
    const std::vector<std::vector<std::size_t>> node_paths = collect_paths(g, reach, wrt);
    // Paths share edges (every path to w1 ends in ∂out_h1/∂in_h1 · ∂in_h1/∂w1): each
    // local partial is differentiated and simplified once.
    std::map<std::pair<std::size_t, std::size_t>, LocalPartial> partials;
    auto partial = [&](std::size_t of, std::size_t m) -> const LocalPartial& {
        auto it = partials.find({of, m});
        if (it == partials.end()) it = partials.emplace(std::pair{of, m}, partial_with(g, of, m, values)).first;
        return it->second;
    };
    d.result = 0;
    for (const auto& nodes : node_paths) {
        ChainPath path;
        path.nodes = nodes;
        for (std::size_t k = 0; k + 1 < nodes.size(); ++k)
            path.factors.push_back(PathFactor{partial(nodes[k], nodes[k + 1]), nodes[k], {}});
        path.factors = merge_unit_factors(g, std::move(path.factors));
        path.product = 1;
        for (const PathFactor& f : path.factors) path.product *= f.partial.value;
        d.result += path.product;
        d.paths.push_back(std::move(path));
    }
    return d;
}

GradientDerivation derive_deltas(const NamedGraph& g, std::size_t wrt) {
    GradientDerivation d = start_derivation(g, wrt, ChainStyle::Deltas);
    const auto values = value_map(g);
    const std::vector<bool> reach = reaches(g, wrt);
    std::vector<Real> delta(g.nodes.size(), Real(0));
    delta[g.output] = 1;
    for (std::size_t n = g.output + 1; n-- > wrt;) {
        if (!reach[n]) continue;
        DeltaStep step;
        step.node = n;
        if (n == g.output) {
            step.value = 1;
        } else {
            step.value = 0;
            for (std::size_t c : g.nodes[n].consumers) {
                LocalPartial p = partial_with(g, c, n, values);
                step.value += delta[c] * p.value;
                step.terms.emplace_back(c, std::move(p));
            }
        }
        delta[n] = step.value;
        d.deltas.push_back(std::move(step));
    }
    d.result = delta[wrt];
    return d;
}

GradientDerivation derive_auto(const NamedGraph& g, std::size_t wrt) {
    return count_paths(g, g.output, wrt) > static_cast<double>(kMaxPaths) ? derive_deltas(g, wrt) : derive_paths(g, wrt);
}

}  // namespace chainrule::derivations
