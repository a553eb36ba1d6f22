// Hash-consing: the global table of live nodes.
//
// The table maps a structural hash to (raw pointer, weak pointer) pairs.  A
// node is removed by its shared_ptr deleter, so the table never holds dead
// entries for long and never keeps nodes alive.  Children are already
// interned, so structural comparison of a candidate with a table entry only
// compares child *pointers* — O(number of operands).
#include <functional>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "node.hpp"

namespace chainrule::symbolic {
namespace {

struct Entry {
    const Node* raw;
    std::weak_ptr<const Node> weak;
};

struct Table {
    std::mutex mutex;
    std::unordered_multimap<std::size_t, Entry> entries;
};

// Leaked on purpose: nodes may die during static destruction, after a
// function-local static table would already be gone.
Table& table() {
    static Table* const t = new Table;
    return *t;
}

// Nodes whose last reference died on this thread and that still have to be
// freed, as an intrusive list (trivially destructible, so it outlives
// thread_local destruction: static Exprs die after it).  Freeing a node
// releases its children, whose deleters only append here, so destroying a
// deep expression does not recurse deeply.
thread_local const Node* dying = nullptr;
thread_local bool draining = false;

void unregister(const Node* n) {
    Table& t = table();
    std::lock_guard lock(t.mutex);
    auto [first, last] = t.entries.equal_range(n->hash);
    for (auto it = first; it != last; ++it)
        if (it->second.raw == n) {
            t.entries.erase(it);
            return;
        }
}

struct Deleter {
    void operator()(const Node* n) const {
        unregister(n);
        n->next_dying = dying;
        dying = n;
        if (draining) return;
        // Outside the table lock: deleting releases children, whose deleters
        // lock the table again.
        draining = true;
        while (dying != nullptr) {
            const Node* next = dying;
            dying = next->next_dying;
            delete next;
        }
        draining = false;
    }
};

std::size_t mix(std::size_t seed, std::size_t value) {
    return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

std::size_t structural_hash(const Node& n) {
    std::size_t h = mix(static_cast<std::size_t>(n.kind), static_cast<std::size_t>(n.fn));
    if (n.kind == Kind::symbol) h = mix(h, std::hash<std::string>{}(n.name));
    if (n.kind == Kind::constant) h = mix(h, std::hash<std::string>{}(n.value.str()));
    for (const Expr& op : n.ops) h = mix(h, op.hash());
    return h;
}

bool same_structure(const Node& a, const Node& b) {
    return a.kind == b.kind && a.fn == b.fn && a.name == b.name && a.value == b.value && a.ops == b.ops;
}

Expr intern(Node candidate) {
    candidate.hash = structural_hash(candidate);
    // Shared pointers obtained while locked are released only after the
    // lock: releasing the last reference runs the Deleter, which locks.
    std::vector<std::shared_ptr<const Node>> keep_alive;
    std::shared_ptr<const Node> result;
    Table& t = table();
    std::lock_guard lock(t.mutex);
    auto [first, last] = t.entries.equal_range(candidate.hash);
    for (auto it = first; it != last; ++it) {
        auto live = it->second.weak.lock();
        if (!live) continue;
        if (same_structure(*live, candidate)) return Expr(std::move(live));
        keep_alive.push_back(std::move(live));
    }
    const Node* raw = new Node(std::move(candidate));
    result = std::shared_ptr<const Node>(raw, Deleter{});
    t.entries.emplace(raw->hash, Entry{raw, result});
    return Expr(std::move(result));
}

Node make(Kind kind, std::vector<Expr> ops) {
    Node n;
    n.kind = kind;
    n.ops = std::move(ops);
    return n;
}

}  // namespace

namespace detail {

Expr raw_sum(std::vector<Expr> terms) {
    if (terms.size() < 2) throw std::logic_error("raw_sum: a sum needs at least two terms");
    return intern(make(Kind::sum, std::move(terms)));
}

Expr raw_product(std::vector<Expr> factors) {
    if (factors.size() < 2) throw std::logic_error("raw_product: a product needs at least two factors");
    return intern(make(Kind::product, std::move(factors)));
}

Expr raw_power(Expr base, Expr exponent) {
    return intern(make(Kind::power, {std::move(base), std::move(exponent)}));
}

Expr raw_function(Function f, std::vector<Expr> args) {
    if (!accepts_arguments(f, args.size()))
        throw std::logic_error("raw_function: wrong number of arguments for " + std::string(function_name(f)));
    Node n = make(Kind::function, std::move(args));
    n.fn = f;
    return intern(std::move(n));
}

Expr raw_constant(Rational value) {
    return intern(Node{.kind = Kind::constant, .fn = Function::exp, .hash = 0, .name = {}, .value = std::move(value), .ops = {}});
}

std::size_t interned_node_count() {
    Table& t = table();
    std::lock_guard lock(t.mutex);
    return t.entries.size();
}

Expr raw_symbol(std::string name) {
    Node n;
    n.kind = Kind::symbol;
    n.name = std::move(name);
    return intern(std::move(n));
}

}  // namespace detail
}  // namespace chainrule::symbolic
