#include "named_graph.hpp"

#include <algorithm>
#include <unordered_map>

namespace chainrule::derivations {

std::optional<std::size_t> NamedGraph::find(std::string_view name) const {
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == name) return i;
    return std::nullopt;
}

std::size_t NamedGraph::at(std::string_view name) const {
    if (auto i = find(name)) return *i;
    throw Error("chainrule: '" + std::string(name) + "' is not a named node that " + nodes[output].name +
                " depends on");
}

namespace detail {
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

NamedGraph assemble_named_graph(std::vector<NamedNode> named, std::size_t output) {
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < named.size(); ++i) position[named[i].name] = i;
    for (NamedNode& n : named) {
        if (n.role != NodeRole::Defined) continue;
        for (const std::string& s : symbolic::free_symbols(n.definition)) n.reads.push_back(position.at(s));
        std::sort(n.reads.begin(), n.reads.end());  // creation order reads naturally
    }
    NamedGraph g = keep_ancestors(std::move(named), output);
    for (std::size_t i = 0; i < g.nodes.size(); ++i)
        for (std::size_t r : g.nodes[i].reads) g.nodes[r].consumers.push_back(i);
    return g;
}

}  // namespace detail
}  // namespace chainrule::derivations
