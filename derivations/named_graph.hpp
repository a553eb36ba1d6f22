#pragma once
/// \file named_graph.hpp
/// The named graph of a recording (DESIGN: "Derivations"): one node per *named* tape
/// node that the output depends on, each with its definition as a symbolic expression
/// over the named nodes it reads. Unnamed intermediates are folded into the definition of
/// the nearest named node that reads them (`in_o1 = w5·out_h1 + w6·out_h2 + b_o` is one
/// node, not four). Values and adjoints are computed in 50-digit arithmetic by replaying
/// the tape, so that every digit a worksheet prints is right.

#include "../autodiff/replay.hpp"
#include "../autodiff/reverse_sweep.hpp"
#include "../graph/var_functions.hpp"
#include "expr_replay.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chainrule::derivations {

/// The precision in which derivations compute every number they print.
using Real = boost::multiprecision::cpp_bin_float_50;

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
    Real value;                          ///< 50-digit value
    Real adjoint;                        ///< ∂output/∂node by the 50-digit reverse sweep
};

/// Named nodes in creation (topological) order; the output is the last.
struct NamedGraph {
    std::vector<NamedNode> nodes;
    std::size_t output = 0;

    std::optional<std::size_t> find(std::string_view name) const;
    /// The node with this name; throws Error naming it when there is none.
    std::size_t at(std::string_view name) const;
    symbolic::Expr symbol(std::size_t i) const { return symbolic::Expr::symbol(nodes[i].name); }
};

/// Deepest nesting of unnamed operations allowed in one definition. Symbolic
/// differentiation and printing recurse over the expression, and a formula this deep is
/// unreadable anyway; deeper definitions throw Error asking for named intermediates.
inline constexpr std::size_t kMaxDefinitionDepth = 1000;

namespace detail {
/// Throws Error when n's definition nests more than kMaxDefinitionDepth operations.
void check_definition_depth(const NamedNode& n);

/// Builds the graph from per-node expressions, values and adjoints (untemplated part).
NamedGraph assemble_named_graph(std::vector<NamedNode> named, std::size_t output);

/// needed[i]: the output reads node i (directly or not), or i is the output.
template <class T>
std::vector<bool> needed_nodes(const Tape<T>& tape, NodeIndex out) {
    std::vector<bool> needed(out + 1, false);
    needed[out] = true;
    for (NodeIndex i = out + 1; i-- > 0;) {
        if (!needed[i]) continue;
        const NodeRecord& r = tape.node(i);
        if (arity(r.op) >= 1) needed[r.in0] = true;
        if (arity(r.op) == 2) needed[r.in1] = true;
    }
    return needed;
}

template <class T>
symbolic::Expr node_expression(const Tape<T>& tape, NodeIndex i, const std::vector<symbolic::Expr>& e) {
    const NodeRecord& r = tape.node(i);
    if (r.op == OpKind::Const) return scalar_cast<symbolic::Expr>(tape.value(i));
    const symbolic::Expr zero(0);
    if (has_param(r.op))
        return op_value<symbolic::Expr>(r.op, e[r.in0], zero, scalar_cast<symbolic::Expr>(tape.param(i)));
    return op_value<symbolic::Expr>(r.op, e[r.in0], arity(r.op) == 2 ? e[r.in1] : zero, zero);
}
}  // namespace detail

/// The named graph of everything `output` depends on. Throws Error when the output or an
/// independent variable it depends on has no name (derivations talk about names).
template <class T>
NamedGraph build_named_graph(const Tape<T>& tape, const Var<T>& output) {
    const NodeIndex out = tape.check(output, OpKind::Input);
    if (tape.name(out).empty())
        throw Error("chainrule: the output of a derivation must be named (node #" + std::to_string(out) + ")");
    Tape<Real> exact = replay<Real>(tape);
    backward(exact.var(out));

    const std::vector<bool> needed = detail::needed_nodes(tape, out);
    std::vector<symbolic::Expr> e(out + 1);
    std::vector<NamedNode> named;
    for (NodeIndex i = 0; i <= out; ++i) {
        if (!needed[i]) continue;
        const NodeRecord& r = tape.node(i);
        const std::string_view name = tape.name(i);
        if (r.op == OpKind::Input && name.empty())
            throw Error("chainrule: derivations need every variable named; node #" + std::to_string(i) + " has no name");
        if (name.empty()) {
            e[i] = detail::node_expression(tape, i, e);
            continue;
        }
        NamedNode n;
        n.tape_index = i;
        n.name = std::string(name);
        n.role = r.op == OpKind::Input ? NodeRole::Variable : r.op == OpKind::Const ? NodeRole::Constant : NodeRole::Defined;
        e[i] = symbolic::Expr::symbol(n.name);
        n.definition = n.role == NodeRole::Defined ? detail::node_expression(tape, i, e) : e[i];
        n.value = exact.value(i);
        n.adjoint = exact.adjoint(i);
        named.push_back(std::move(n));
    }
    const std::size_t last = named.size() - 1;
    return detail::assemble_named_graph(std::move(named), last);
}

}  // namespace chainrule::derivations
