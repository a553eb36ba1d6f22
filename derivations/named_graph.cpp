#include "named_graph.hpp"

#include <algorithm>
#include <utility>
#include <unordered_map>

namespace chainrule::derivations {

std::optional<std::size_t> NamedGraph::find(std::string_view name) const {
    if (positions.size() == nodes.size()) {  // built by build_named_graph: a hash look-up
        auto it = positions.find(std::string(name));
        if (it == positions.end()) return std::nullopt;
        return it->second;
    }
    for (std::size_t i = 0; i < nodes.size(); ++i)  // a graph assembled by hand
        if (nodes[i].name == name) return i;
    return std::nullopt;
}

std::size_t NamedGraph::at(std::string_view name) const {
    if (auto i = find(name)) return *i;
    throw Error("chainrule: '" + std::string(name) + "' is not a named node that " + nodes[output].name +
                " depends on");
}

bool depends_on(const NamedGraph& g, std::size_t node, std::size_t on) {
    if (node == on) return true;
    if (node < on) return false;
    const std::vector<std::size_t>& direct = g.nodes[node].reads;
    if (std::binary_search(direct.begin(), direct.end(), on)) return true;  // the common case: no search
    std::vector<bool> seen(node - on, false);  // positions on+1 … node
    std::vector<std::size_t> stack{node};
    while (!stack.empty()) {
        const std::size_t n = stack.back();
        stack.pop_back();
        const std::vector<std::size_t>& reads = g.nodes[n].reads;  // sorted
        if (std::binary_search(reads.begin(), reads.end(), on)) return true;
        for (auto r = std::upper_bound(reads.begin(), reads.end(), on); r != reads.end(); ++r)
            if (!seen[*r - on - 1]) {
                seen[*r - on - 1] = true;
                stack.push_back(*r);
            }
    }
    return false;
}

namespace detail {

UnnamedExpressions::UnnamedExpressions(std::vector<std::uint32_t> uses)
    : done_(uses.size()), sums_(uses.size()), products_(uses.size()), uses_(std::move(uses)) {}

symbolic::Expr UnnamedExpressions::get(NodeIndex i) {
    if (sums_[i]) done_[i] = std::exchange(sums_[i], nullptr)->value();
    if (products_[i]) done_[i] = std::exchange(products_[i], nullptr)->value();
    return done_[i];
}

void UnnamedExpressions::set(NodeIndex i, symbolic::Expr e) {
    sums_[i].reset();
    products_[i].reset();
    done_[i] = std::move(e);
}

void UnnamedExpressions::add(NodeIndex i, NodeIndex a, const symbolic::Expr& term) {
    std::unique_ptr<symbolic::SumChain> chain =
        sums_[a] && uses_[a] == 1 ? std::move(sums_[a]) : std::make_unique<symbolic::SumChain>(get(a));
    chain->add(term);
    sums_[i] = std::move(chain);
}

void UnnamedExpressions::multiply(NodeIndex i, NodeIndex a, const symbolic::Expr& factor) {
    std::unique_ptr<symbolic::ProductChain> chain =
        products_[a] && uses_[a] == 1 ? std::move(products_[a]) : std::make_unique<symbolic::ProductChain>(get(a));
    chain->multiply(factor);
    products_[i] = std::move(chain);
}

namespace {

// Keeps the nodes the output depends on (walking reads backwards from the output),
// in their original order, and renumbers reads accordingly.
NamedGraph keep_ancestors(std::vector<NamedNode> all, std::size_t output) {
    std::vector<bool> keep(all.size(), false);
    keep[output] = true;
    for (std::size_t i = output + 1; i-- > 0;)
        if (keep[i])
            for (std::size_t r : all[i].reads) keep[r] = true;
    std::vector<std::size_t> new_index(all.size(), 0);
    NamedGraph g;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (!keep[i]) continue;
        new_index[i] = g.nodes.size();
        g.nodes.push_back(std::move(all[i]));
    }
    for (NamedNode& n : g.nodes)
        for (std::size_t& r : n.reads) r = new_index[r];
    g.output = g.nodes.size() - 1;
    return g;
}

}  // namespace

namespace {

// Nesting depth of an expression, without recursion (definitions can fold thousands of
// unnamed nodes). Shared sub-expressions are visited once: Expr is hash-consed.
std::size_t expression_depth(const symbolic::Expr& root) {
    std::unordered_map<const void*, std::size_t> depth;
    std::vector<std::pair<symbolic::Expr, bool>> stack{{root, false}};
    while (!stack.empty()) {
        auto [e, expanded] = stack.back();
        stack.pop_back();
        if (depth.count(e.id())) continue;
        if (!expanded) {
            stack.push_back({e, true});
            for (const symbolic::Expr& o : e.operands())
                if (!depth.count(o.id())) stack.push_back({o, false});
            continue;
        }
        std::size_t d = 0;
        for (const symbolic::Expr& o : e.operands()) d = std::max(d, depth.at(o.id()));
        depth[e.id()] = d + 1;
    }
    return depth.at(root.id());
}

}  // namespace

void check_definition_depth(const NamedNode& n) {
    const std::size_t d = expression_depth(n.definition);
    if (d > kMaxDefinitionDepth)
        throw Error("chainrule: the definition of '" + n.name + "' nests " + std::to_string(d) +
                    " operations (more than " + std::to_string(kMaxDefinitionDepth) +
                    "); name some intermediate nodes so that each step stays readable");
}

NamedGraph assemble_named_graph(std::vector<NamedNode> named, std::size_t output) {
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < named.size(); ++i) position[named[i].name] = i;
    for (NamedNode& n : named) {
        if (n.role != NodeRole::Defined) continue;
        check_definition_depth(n);
        for (const std::string& s : symbolic::free_symbols(n.definition)) n.reads.push_back(position.at(s));
        std::sort(n.reads.begin(), n.reads.end());  // creation order reads naturally
    }
    NamedGraph g = keep_ancestors(std::move(named), output);
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        g.positions.emplace(g.nodes[i].name, i);
        for (std::size_t r : g.nodes[i].reads) g.nodes[r].consumers.push_back(i);
    }
    return g;
}

}  // namespace detail
}  // namespace chainrule::derivations
