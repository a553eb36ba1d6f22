#pragma once
/// \file named_graph.hpp
/// The named graph of a recording (DESIGN: "Derivations"): one node per *named* tape
/// node that the output depends on, each with its definition as a symbolic expression
/// over the named nodes it reads. Unnamed intermediates are folded into the definition of
/// the nearest named node that reads them (`in_o1 = w5·out_h1 + w6·out_h2 + b_o` is one
/// node, not four). Values and adjoints come from replaying the tape in Real at the current
/// precision (set_named_values); the precision ladder repeats that until every printed
/// digit is certified (worksheet.hpp).

#include "../autodiff/replay.hpp"
#include "../autodiff/reverse_sweep.hpp"
#include "../autodiff/singular_ops.hpp"
#include "../graph/var_functions.hpp"
#include "expr_replay.hpp"

#include "../precision/certainty.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chainrule::derivations {

/// The number type of derivations: run-time precision, certified by the precision ladder
/// (precision/ladder.hpp) before it is printed.
using Real = ::chainrule::Real;

enum class NodeRole {
    Variable,  ///< an independent variable of the tape (receives a gradient)
    Constant,  ///< a named constant (inputs, targets, …)
    Defined,   ///< computed from other named nodes
};

struct NamedNode {
    NodeIndex tape_index = 0;
    std::string name;
    NodeRole role = NodeRole::Defined;
    /// For Defined nodes: the formula over named nodes' symbols; for leaves: the symbol.
    symbolic::Expr definition;
    std::vector<std::size_t> reads;      ///< named nodes in the definition (graph positions)
    std::vector<std::size_t> consumers;  ///< named nodes whose definitions read this one
    Real value;                          ///< value at the current precision
    Real adjoint;                        ///< ∂output/∂node by the reverse sweep
    Certainty value_certainty, adjoint_certainty;  ///< set by the precision ladder
};

namespace detail {
struct NamingIndex;  // chain_rule.cpp: definitions → the nodes they name

/// What the chain rule derives from a graph's names and definitions (never from its
/// values), computed once on first use and shared by copies of the graph, so that each
/// of many derivations of one graph does not redo it.
struct GraphMemo {
    std::once_flag once;
    std::shared_ptr<const NamingIndex> naming;
};
}  // namespace detail

/// Named nodes in creation (topological) order; the output is the last.
/// Names and definitions are fixed once built (values may be recomputed).
struct NamedGraph {
    std::vector<NamedNode> nodes;
    std::size_t output = 0;
    /// name → position, filled by build_named_graph, so that find() and at() are hash
    /// look-ups (evaluating formulas of a large graph looks up every symbol).
    std::unordered_map<std::string, std::size_t> positions;
    std::shared_ptr<detail::GraphMemo> memo = std::make_shared<detail::GraphMemo>();

    std::optional<std::size_t> find(std::string_view name) const;
    /// The node with this name; throws Error naming it when there is none.
    std::size_t at(std::string_view name) const;
    symbolic::Expr symbol(std::size_t i) const { return symbolic::Expr::symbol(nodes[i].name); }
};

/// True when `node` depends on `on`: `on` is `node` itself or is reached from it by
/// following reads (at any depth). A search down from `node` through the nodes created
/// after `on` (positions are topological, so no other node can lead to it), stopping at
/// the first hit; its cost is at most the part of the graph between the two.
bool depends_on(const NamedGraph& g, std::size_t node, std::size_t on);

/// Deepest nesting of unnamed operations allowed in one definition. Symbolic
/// differentiation and printing recurse over the expression, and a formula this deep is
/// unreadable anyway; deeper definitions throw Error asking for named intermediates.
inline constexpr std::size_t kMaxDefinitionDepth = 1000;

namespace detail {
/// Throws Error when n's definition nests more than kMaxDefinitionDepth operations.
void check_definition_depth(const NamedNode& n);

/// Builds the graph from per-node expressions, values and adjoints (untemplated part).
NamedGraph assemble_named_graph(std::vector<NamedNode> named, std::size_t output);

using chainrule::needed_nodes;  // autodiff/singular_ops.hpp

/// The expressions of the needed unnamed nodes while a named graph is built. A chain of
/// unnamed sums (w1·x1 + w2·x2 + … is recorded as (… + …) + …) grows one
/// symbolic::SumChain, products one ProductChain, interned once when something reads the
/// result: interning every partial sum would copy all earlier terms, quadratic in the
/// length of the expression in time and memory.
class UnnamedExpressions {
public:
    /// uses[i]: how many needed nodes read node i (a chain is continued in place only by
    /// the single reader of its last node).
    explicit UnnamedExpressions(std::vector<std::uint32_t> uses);
    /// Node i's expression (the chain ending at i is interned on first use).
    symbolic::Expr get(NodeIndex i);
    void set(NodeIndex i, symbolic::Expr e);
    /// Node i is node a + term (a − b is a + (−b)), or node a · factor.
    void add(NodeIndex i, NodeIndex a, const symbolic::Expr& term);
    void multiply(NodeIndex i, NodeIndex a, const symbolic::Expr& factor);

private:
    std::vector<symbolic::Expr> done_;
    std::vector<std::unique_ptr<symbolic::SumChain>> sums_;
    std::vector<std::unique_ptr<symbolic::ProductChain>> products_;
    std::vector<std::uint32_t> uses_;
};

/// uses[i]: how many needed nodes read node i.
template <class T>
std::vector<std::uint32_t> node_uses(const Tape<T>& tape, const std::vector<bool>& needed) {
    std::vector<std::uint32_t> uses(needed.size(), 0);
    for (NodeIndex i = 0; i < needed.size(); ++i) {
        if (!needed[i]) continue;
        const NodeRecord& r = tape.node(i);
        if (arity(r.op) >= 1) ++uses[r.in0];
        if (arity(r.op) == 2) ++uses[r.in1];
    }
    return uses;
}

/// Records node i's expression in e: the op's value in symbolic::Expr (op_value), with
/// sums and products continuing their operand's chain.
template <class T>
void fold_node(const Tape<T>& tape, NodeIndex i, UnnamedExpressions& e) {
    using symbolic::Expr;
    const NodeRecord& r = tape.node(i);
    if (r.op == OpKind::Const) return e.set(i, tape.template constant_in<Expr>(i));  // π, e exact
    const auto param = [&] { return scalar_cast<Expr>(tape.param(i)); };
    switch (r.op) {  // each case is op_value<Expr> of its op (ops/rules_arithmetic.hpp)
        case OpKind::Add: return e.add(i, r.in0, e.get(r.in1));
        case OpKind::Sub: return e.add(i, r.in0, -e.get(r.in1));
        case OpKind::AddConst: return e.add(i, r.in0, param());
        case OpKind::SubConst: return e.add(i, r.in0, -param());
        case OpKind::Mul: return e.multiply(i, r.in0, e.get(r.in1));
        case OpKind::MulConst: return e.multiply(i, r.in0, param());  // p·x: the coefficient commutes
        case OpKind::Div: return e.multiply(i, r.in0, symbolic::make_power(e.get(r.in1), Expr(-1)));
        case OpKind::DivConst: return e.multiply(i, r.in0, symbolic::make_power(param(), Expr(-1)));
        default: break;
    }
    const Expr zero(0);
    if (has_param(r.op)) return e.set(i, op_value<Expr>(r.op, e.get(r.in0), zero, param()));
    e.set(i, op_value<Expr>(r.op, e.get(r.in0), arity(r.op) == 2 ? e.get(r.in1) : zero, zero));
}
}  // namespace detail

/// Sets the value and adjoint of every node of `g` (built from the same recording) by
/// replaying `tape` at the current precision and running its reverse sweep from `out`.
template <class T>
void set_named_values(NamedGraph& g, const Tape<T>& tape, NodeIndex out) {
    Tape<Real> exact = replay<Real>(tape);
    backward(exact.var(out));
    for (NamedNode& n : g.nodes) {
        n.value = exact.value(n.tape_index);
        n.adjoint = exact.adjoint(n.tape_index);
    }
}

/// The largest |decimal exponent| among the numbers a recording was given (its leaves and
/// op parameters): the depth of cancellation its arithmetic can reach (ladder_cap).
template <class T>
int max_input_exponent(const Tape<T>& tape) {
    double e = 0;
    for (NodeIndex i = 0; i < tape.size(); ++i) {
        const OpKind op = tape.node(i).op;
        for (bool param : {false, true}) {
            if (param ? !has_param(op) : (op != OpKind::Input && op != OpKind::Const)) continue;
            const Real v = scalar_cast<Real>(param ? tape.param(i) : tape.value(i));
            if (boost::multiprecision::isfinite(v) && v != 0)
                e = std::max(e, std::abs(boost::multiprecision::log10(boost::multiprecision::abs(v)).template convert_to<double>()));
        }
    }
    return static_cast<int>(std::ceil(e));
}

/// The named graph of everything `output` depends on. Throws Error when the output or an
/// independent variable it depends on has no name (derivations talk about names).
template <class T>
NamedGraph build_named_graph(const Tape<T>& tape, const Var<T>& output) {
    const NodeIndex out = tape.check(output, OpKind::Input);
    if (tape.name(out).empty())
        throw Error("chainrule: the output of a derivation must be named (node #" + std::to_string(out) + ")");
    const std::vector<bool> needed = detail::needed_nodes(tape, out);
    detail::UnnamedExpressions e(detail::node_uses(tape, needed));
    std::vector<NamedNode> named;
    for (NodeIndex i = 0; i <= out; ++i) {
        if (!needed[i]) continue;
        const NodeRecord& r = tape.node(i);
        const std::string_view name = tape.name(i);
        if (r.op == OpKind::Input && name.empty())
            throw Error("chainrule: derivations need every variable named; node #" + std::to_string(i) + " has no name");
        if (name.empty()) {
            detail::fold_node(tape, i, e);
            continue;
        }
        NamedNode n;
        n.tape_index = i;
        n.name = std::string(name);
        n.role = r.op == OpKind::Input ? NodeRole::Variable : r.op == OpKind::Const ? NodeRole::Constant : NodeRole::Defined;
        if (n.role == NodeRole::Defined) {
            detail::fold_node(tape, i, e);
            n.definition = e.get(i);
        }
        e.set(i, symbolic::Expr::symbol(n.name));
        if (n.role != NodeRole::Defined) n.definition = e.get(i);
        named.push_back(std::move(n));
    }
    const std::size_t last = named.size() - 1;
    NamedGraph g = detail::assemble_named_graph(std::move(named), last);
    set_named_values(g, tape, out);  // values and adjoints at the current precision
    return g;
}

}  // namespace chainrule::derivations
