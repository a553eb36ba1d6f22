#pragma once
/// \file scalar_expansion.hpp
/// The scalar expansion of a tape with matrix nodes: a Tape<T> of scalar nodes only that
/// computes the same function of the same leaves as the nodes up to an output, one scalar
/// node per entry and per step of each matrix op, every node an op of the scalar op set
/// (ops/catalogue.hpp). gradcheck checks matrix tapes on it (gradcheck_matrix.hpp).
///
/// **Why.** gradcheck's numeric side differentiates a tape by replaying it at shifted
/// inputs; on the expansion that needs only the values of the scalar ops (ops/rules_*.hpp),
/// nothing of the matrix op rules (graph/mat_rules_*.hpp) whose vector–Jacobian products
/// are under test — so the check of those rules is independent of them, as the check of
/// the scalar partials is independent of the partials. And each entry is an ordinary scalar
/// input: its path weights give the tolerance, and a kink (relu at a pre-activation 0), an
/// infinite derivative or a convention (|x|′(0) = 0, hypot at the origin) is found and
/// judged per entry, exactly as for scalar tapes.
///
/// **Leaves.** Each Input node of the tape becomes one Input (with its name), each MatInput
/// one Input per entry, row-major; `leaves` lists them in the tape's creation order, every
/// leaf of the tape (a leaf the output does not depend on too), with the entry names of
/// MATLAB, indices from 1: `W[1,2]` (row 1, column 2; `#7[1,2]` for an unnamed node 7). The
/// Input nodes of the expansion are these, in this order (`tape.inputs()`). Constants and
/// constant matrices become Const nodes (π and e stay math constants).
///
/// **Ops**, each as the rule in graph/mat_rules_*.hpp defines it (docs/matrix.md); Σ is a
/// left-to-right chain of `add` nodes, the order of a plain loop:
///   - A B: Y_ij = Σ_k A_ik B_kj; Aᵀ, reshape (column-major order), slice_rows: the same
///     nodes rearranged;
///   - f(A) elementwise (MatMap): the unary or param op f (with its parameter) per entry;
///     A ∘ B (MatZip): the binary op per entry, a 1×1, 1×n or m×1 operand broadcast;
///   - sum, mean = sum/(mn); row and column sums, means = sums/n or /m;
///   - softmax, log-softmax by rows: ℓ_i = logaddexp(…logaddexp(z_i1, z_i2)…, z_ik),
///     log-softmax z_ij − ℓ_i, softmax exp(z_ij − ℓ_i) (the tape subtracts the row maximum
///     first: the same function);
///   - mse_loss = Σ (P − Y)²/(mn), bce_with_logits = Σ (softplus(Z) − Z Y)/(mn),
///     softmax_cross_entropy = −(Σ Y ⊙ logsoftmax(Z))/n (n rows: the mean over samples);
///   - tr A = Σ A_ii; det, ln det, A⁻¹: expansion_algebra.hpp (Laplace for n ≤ 4,
///     elimination with pivots chosen at the point);
///   - ‖A‖_F = hypot(…hypot(a₁, a₂)…, a_N) (|a₁| for one entry): hypot's convention at the
///     origin (both partials 0, ops/rules_arithmetic.hpp) gives the tape's ∇‖0‖ = 0, and
///     the kink there is a kink of each entry;
///   - diag (MATLAB: a vector to a diagonal matrix, a matrix to the column of its diagonal),
///     kron: Y_(ip+k)(jq+l) = A_ij B_kl.
///
/// **Size.** The expansion has about Σ (entries × work per entry) nodes — m·p·(2n − 1) for a
/// product, ≈ n³ for det — so a batch of MNIST is out of reach; past `max_nodes`
/// (kMaxExpansionNodes = 2,000,000 by default) expand_to_scalars throws Error ("… too
/// large for gradcheck: about N scalar nodes …; check a smaller batch") before it records
/// anything. Nodes the output does not depend on are not expanded.

#include "compiled_types.hpp"
#include "expansion_algebra.hpp"
#include "expansion_builder.hpp"
#include "singular_ops.hpp"
#include "../graph/tape.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace chainrule {

/// The default bound on the nodes of a scalar expansion (see the file comment).
inline constexpr std::size_t kMaxExpansionNodes = 2'000'000;

/// A leaf of the original tape (an Input or MatInput node) and its entries in the expansion.
struct ExpandedLeaf {
    NodeIndex node = 0;              ///< the Input or MatInput node of the original tape
    Shape shape;                     ///< 1×1 for a scalar Input
    bool matrix = false;             ///< a MatInput
    std::vector<NodeIndex> entries;  ///< the expansion's Input nodes of its entries, row-major
    std::vector<std::string> names;  ///< "W[1,2]" (from 1; "#7[1,2]" unnamed), a scalar's name (or "#7")
};

/// The scalar expansion of a tape up to an output (see the file comment).
template <class T>
struct ScalarExpansion {
    Tape<T> tape;                            ///< scalar nodes only
    NodeIndex output = 0;                    ///< the expanded output (of a matrix-valued output: its [1,1] entry)
    Shape output_shape;                      ///< the original output's shape (1×1 for a scalar)
    std::vector<NodeIndex> output_entries;   ///< the expanded output's entries, row-major
    std::vector<ExpandedLeaf> leaves;        ///< every Input and MatInput of the tape, in creation order
    std::vector<ExpansionOrigin> origins;    ///< per node of `tape`: where it comes from
    std::unordered_map<NodeIndex, std::string> names;  ///< the original tape's names of the nodes expanded

    /// The leaf of original node `node`, or null when it is no Input or MatInput.
    const ExpandedLeaf* leaf(NodeIndex node) const {
        for (const ExpandedLeaf& l : leaves)
            if (l.node == node) return &l;
        return nullptr;
    }
    /// Node k of the expansion as messages name it: its origin, "#7 'H'[2,1]" (entry from 1)
    /// or "#7 'J'" (a node shared by several entries, or a scalar).
    std::string describe(NodeIndex k) const {
        const ExpansionOrigin& o = origins.at(k);
        const auto it = names.find(o.node);
        std::string s = describe_node(o.node, it == names.end() ? std::string_view{} : std::string_view(it->second));
        if (o.row >= 0) s += "[" + std::to_string(o.row + 1) + "," + std::to_string(o.col + 1) + "]";
        return s;
    }
};

namespace detail::expansion {

/// About how many scalar nodes matrix op `op` expands to (input shape a, output y): exact
/// for products and elementwise ops, a little above the count for the others (det and ln
/// det n³ + 3n + 64 for the elimination's ≈ 2n³/3, the inverse 2n³ + n² for Gauss–Jordan's
/// ≤ 2n³ − n²). Not a bound where det meets a column that is 0 at the point (the cofactor
/// expansion along it costs n eliminations of n − 1): Builder stops there at max_nodes.
inline std::uint64_t op_cost(OpKind op, const Shape& a, const Shape& y) {
    const auto na = static_cast<std::uint64_t>(a.size()), ny = static_cast<std::uint64_t>(y.size());
    const auto n = static_cast<std::uint64_t>(a.rows);
    switch (op) {
        case OpKind::MatMul: return ny * (a.cols == 0 ? 1 : 2 * static_cast<std::uint64_t>(a.cols) - 1);
        case OpKind::Transpose: case OpKind::Reshape: case OpKind::SliceRows: case OpKind::Diag: return 1;
        case OpKind::Softmax: return 3 * na;
        case OpKind::LogSoftmax: return 2 * na;
        case OpKind::MseLoss: return 3 * na + 1;
        case OpKind::BceWithLogits: case OpKind::SoftmaxCrossEntropy: return 4 * na + 2;
        case OpKind::Det: case OpKind::LogDet: return n * n * n + 3 * n + 64;
        case OpKind::Inverse: return 2 * n * n * n + n * n;
        case OpKind::MatSum: case OpKind::MatMean: case OpKind::RowSums: case OpKind::ColSums: case OpKind::RowMeans:
        case OpKind::ColMeans: case OpKind::Trace: case OpKind::FrobeniusNorm: return na + 1;
        default: return ny;  // one node per entry: map, zip, kron, constants, leaves
    }
}

/// Entries of m in row-major order.
inline std::vector<NodeIndex> row_major(const Ids& m) {
    std::vector<NodeIndex> out;
    out.reserve(static_cast<std::size_t>(m.size()));
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j) out.push_back(m(i, j));
    return out;
}

/// "W[1,2]": entry (row, col) (from 0) of a node named `base`, indices from 1.
inline std::string entry_name(const std::string& base, Eigen::Index row, Eigen::Index col) {
    return base + "[" + std::to_string(row + 1) + "," + std::to_string(col + 1) + "]";
}

inline Ids one_by_one(NodeIndex k) { return Ids::Constant(1, 1, k); }

/// Every entry of m, column by column.
inline std::vector<NodeIndex> all_of(const Ids& m) { return {m.data(), m.data() + m.size()}; }

/// The log-softmax of each row of z: z_ij − logaddexp over row i.
template <class T>
Ids log_softmax_nodes(Builder<T>& b, NodeIndex node, const Ids& z) {
    Ids out(z.rows(), z.cols());
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
        b.at(node, i, -1);
        std::vector<NodeIndex> row;
        for (Eigen::Index j = 0; j < z.cols(); ++j) row.push_back(z(i, j));
        const NodeIndex lse = b.chain(OpKind::LogAddExp, row);
        for (Eigen::Index j = 0; j < z.cols(); ++j) {
            b.at(node, i, j);
            out(i, j) = b.binary(OpKind::Sub, z(i, j), lse);
        }
    }
    return out;
}

/// Σ f(a_ij, b_ij) / N over the entries of two same-shape matrices, as a scalar node.
template <class T, class F>
NodeIndex mean_of_terms(Builder<T>& b, NodeIndex node, const Ids& x, const Ids& y, F f) {
    std::vector<NodeIndex> terms;
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            b.at(node, i, j);
            terms.push_back(f(x(i, j), y(i, j)));
        }
    b.at(node);
    return b.param(OpKind::DivConst, b.sum(terms), T(x.size()));
}

/// Sums (divided by the count for means) along rows (`rows`: one per row) or columns.
template <class T>
Ids line_sums(Builder<T>& b, NodeIndex node, const Ids& a, bool rows, bool mean) {
    const Eigen::Index lines = rows ? a.rows() : a.cols(), length = rows ? a.cols() : a.rows();
    Ids out = rows ? Ids(lines, 1) : Ids(1, lines);
    for (Eigen::Index l = 0; l < lines; ++l) {
        b.at(node, rows ? l : 0, rows ? 0 : l);
        std::vector<NodeIndex> terms;
        for (Eigen::Index k = 0; k < length; ++k) terms.push_back(rows ? a(l, k) : a(k, l));
        const NodeIndex s = b.sum(terms);
        out(l) = mean ? b.param(OpKind::DivConst, s, T(length)) : s;
    }
    return out;
}

/// The nodes of matrix op entry e (node `node`) from its inputs' nodes a and b; `value` is
/// the recorded value (used by constants).
template <class T>
Ids expand_matrix_op(Builder<T>& bd, NodeIndex node, const MatEntry<T>& e, const Ids& a, const Ids& b,
                     const Matrix<T>& value) {
    const Shape y = e.shape;
    Ids out(y.rows, y.cols);
    const auto each = [&](auto f) {
        for (Eigen::Index i = 0; i < y.rows; ++i)
            for (Eigen::Index j = 0; j < y.cols; ++j) {
                bd.at(node, i, j);
                out(i, j) = f(i, j);
            }
        return out;
    };
    bd.at(node);
    switch (e.op) {
        case OpKind::MatConst: return each([&](Eigen::Index i, Eigen::Index j) { return bd.constant(value(i, j)); });
        case OpKind::MatMap:
            return each([&](Eigen::Index i, Eigen::Index j) {
                return has_param(e.elem) ? bd.param(e.elem, a(i, j), e.param) : bd.unary(e.elem, a(i, j));
            });
        case OpKind::MatZip: {
            const Eigen::Index ar = a.rows() == 1 ? 0 : 1, ac = a.cols() == 1 ? 0 : 1;
            const Eigen::Index br = b.rows() == 1 ? 0 : 1, bc = b.cols() == 1 ? 0 : 1;
            return each([&](Eigen::Index i, Eigen::Index j) { return bd.binary(e.elem, a(i * ar, j * ac), b(i * br, j * bc)); });
        }
        case OpKind::MatMul:
            return each([&](Eigen::Index i, Eigen::Index j) {
                std::vector<NodeIndex> terms;
                for (Eigen::Index k = 0; k < a.cols(); ++k) terms.push_back(bd.mul(a(i, k), b(k, j)));
                return bd.sum(terms);
            });
        case OpKind::Transpose: return a.transpose();
        case OpKind::Reshape: return Eigen::Map<const Ids>(a.data(), y.rows, y.cols);
        case OpKind::SliceRows: return a.middleRows(e.offset, y.rows);
        case OpKind::MatSum: return one_by_one(bd.sum(all_of(a)));
        case OpKind::MatMean: return one_by_one(bd.param(OpKind::DivConst, bd.sum(all_of(a)), T(a.size())));
        case OpKind::RowSums: case OpKind::RowMeans: return line_sums(bd, node, a, true, e.op == OpKind::RowMeans);
        case OpKind::ColSums: case OpKind::ColMeans: return line_sums(bd, node, a, false, e.op == OpKind::ColMeans);
        case OpKind::LogSoftmax: return log_softmax_nodes(bd, node, a);
        case OpKind::Softmax: {
            const Ids l = log_softmax_nodes(bd, node, a);
            return each([&](Eigen::Index i, Eigen::Index j) { return bd.unary(OpKind::Exp, l(i, j)); });
        }
        case OpKind::MseLoss:
            return one_by_one(mean_of_terms(bd, node, a, b, [&](NodeIndex p, NodeIndex t) {
                const NodeIndex d = bd.sub(p, t);
                return bd.mul(d, d);
            }));
        case OpKind::BceWithLogits:
            return one_by_one(mean_of_terms(bd, node, a, b, [&](NodeIndex z, NodeIndex t) {
                return bd.sub(bd.unary(OpKind::Softplus, z), bd.mul(z, t));
            }));
        case OpKind::SoftmaxCrossEntropy: {
            const Ids l = log_softmax_nodes(bd, node, a);
            std::vector<NodeIndex> terms;
            for (Eigen::Index i = 0; i < l.size(); ++i) terms.push_back(bd.mul(b(i), l(i)));
            bd.at(node);
            return one_by_one(bd.param(OpKind::DivConst, bd.neg(bd.sum(terms)), T(a.rows())));
        }
        case OpKind::Trace: {
            std::vector<NodeIndex> diagonal;
            for (Eigen::Index i = 0; i < a.rows(); ++i) diagonal.push_back(a(i, i));
            return one_by_one(bd.sum(diagonal));
        }
        case OpKind::Det: return one_by_one(det_nodes(bd, a));
        case OpKind::LogDet: return one_by_one(logdet_nodes(bd, a));
        case OpKind::Inverse: return inverse_nodes(bd, a);
        case OpKind::FrobeniusNorm:
            if (a.size() <= 1) return one_by_one(a.size() == 0 ? bd.zero() : bd.unary(OpKind::Abs, a(0)));
            return one_by_one(bd.chain(OpKind::Hypot, all_of(a)));
        case OpKind::Diag:
            if (a.rows() == 1 || a.cols() == 1) {
                out.setConstant(bd.zero());
                for (Eigen::Index i = 0; i < a.size(); ++i) out(i, i) = a(i);
                return out;
            }
            return a.diagonal();
        case OpKind::Kron:
            return each([&](Eigen::Index i, Eigen::Index j) {
                return bd.mul(a(i / b.rows(), j / b.cols()), b(i % b.rows(), j % b.cols()));
            });
        default:
            throw Error("chainrule: expand_to_scalars: op '" + matrix_op_label(e.op, e.elem) + "' of node #" +
                        std::to_string(node) + " has no scalar expansion");
    }
}

/// The leaves of `tape` (every Input and MatInput), expanded into x.tape; their nodes for
/// the leaves up to the output go to ids.
template <class T>
void expand_leaves(const Tape<T>& tape, Builder<T>& b, ScalarExpansion<T>& x, std::vector<Ids>& ids) {
    const detail::MatrixStore<T>* store = tape.matrix_store();
    for (NodeIndex k = 0; k < tape.size(); ++k) {
        const OpKind op = tape.node(k).op;
        if (op != OpKind::Input && op != OpKind::MatInput) continue;
        const std::string_view name = tape.name(k);
        const std::string base = name.empty() ? "#" + std::to_string(k) : std::string(name);
        ExpandedLeaf leaf{k, {}, op == OpKind::MatInput, {}, {}};
        Ids nodes;
        if (op == OpKind::Input) {
            b.at(k);
            nodes = one_by_one(b.input(tape.value(k), name));
            leaf.names.push_back(base);
        } else {
            const Matrix<T>& m = store->value(store->slot_of(k));
            nodes.resize(m.rows(), m.cols());
            for (Eigen::Index i = 0; i < m.rows(); ++i)
                for (Eigen::Index j = 0; j < m.cols(); ++j) {
                    b.at(k, i, j);
                    nodes(i, j) = b.input(m(i, j));
                    leaf.names.push_back(entry_name(base, i, j));
                }
        }
        leaf.shape = {nodes.rows(), nodes.cols()};
        leaf.entries = row_major(nodes);
        x.leaves.push_back(std::move(leaf));
        if (k < ids.size()) ids[k] = std::move(nodes);
    }
}

}  // namespace detail::expansion

/// About how many scalar nodes expand_to_scalars(tape, output) records, from above: exact
/// for the leaves, products and elementwise ops, a few nodes more per reduction, ≈ n³ for
/// det, ln det and the inverse (op_cost). Throws Error when the tape has no node `output`.
template <class T>
std::size_t scalar_expansion_size(const Tape<T>& tape, NodeIndex output) {
    using namespace detail::expansion;
    const std::vector<bool> needed = chainrule::needed_nodes(tape, tape.checked(output));
    std::uint64_t total = 0;
    for (NodeIndex k = 0; k < tape.size(); ++k) {
        const NodeRecord& r = tape.node(k);
        if (r.op == OpKind::Input || r.op == OpKind::MatInput)
            total += static_cast<std::uint64_t>(tape.shape(k).size());
        else if (k <= output && needed[k])
            total += is_matrix_op(r.op) ? op_cost(r.op, tape.shape(r.in0), tape.shape(k)) : 1;
    }
    return static_cast<std::size_t>(total);
}

/// The scalar expansion of the nodes of `tape` up to `output` (see the file comment).
/// Throws Error when there is no node `output`, when the expansion would have more than
/// `max_nodes` nodes ("… too large for gradcheck …"), or for a matrix op it cannot expand.
template <class T>
ScalarExpansion<T> expand_to_scalars(const Tape<T>& tape, NodeIndex output, std::size_t max_nodes = kMaxExpansionNodes) {
    using namespace detail::expansion;
    if (const std::size_t n = scalar_expansion_size(tape, output); n > max_nodes)
        throw Error("chainrule: the scalar expansion of " + tape.describe(output) + " is too large for gradcheck: about " +
                    std::to_string(n) + " scalar nodes (at most " + std::to_string(max_nodes) +
                    "); check a smaller batch");
    const std::vector<bool> needed = chainrule::needed_nodes(tape, output);
    ScalarExpansion<T> x;
    Builder<T> b(x.tape, x.origins, max_nodes);
    std::vector<Ids> ids(output + 1);
    expand_leaves(tape, b, x, ids);
    const detail::MatrixStore<T>* store = tape.matrix_store();
    std::size_t slot = 0;  // the matrix entry of node k: entries are sorted by node
    for (NodeIndex k = 0; k <= output; ++k) {
        const NodeRecord& r = tape.node(k);
        while (store != nullptr && slot < store->size() && store->entry(slot).node < k) ++slot;
        if (!needed[k] || r.op == OpKind::Input || r.op == OpKind::MatInput) continue;
        if (const std::string_view name = tape.name(k); !name.empty()) x.names.emplace(k, name);
        b.at(k);
        if (r.op == OpKind::Const) {
            const MathConstant c = tape.math_constant_of(k);
            ids[k] = one_by_one(c != MathConstant::None ? b.math_constant(c) : b.constant(tape.value(k)));
        } else if (!is_matrix_op(r.op)) {
            const NodeIndex a = ids[r.in0](0, 0);
            ids[k] = one_by_one(has_param(r.op)    ? b.param(r.op, a, tape.param(k))
                                : arity(r.op) == 2 ? b.binary(r.op, a, ids[r.in1](0, 0))
                                                   : b.unary(r.op, a));
        } else {
            const detail::MatEntry<T>& e = store->entry(slot);
            ids[k] = expand_matrix_op(b, k, e, ids[e.in0], arity(e.op) == 2 ? ids[e.in1] : ids[e.in0], store->value(slot));
        }
    }
    for (const ExpandedLeaf& l : x.leaves)
        if (const std::string_view name = tape.name(l.node); !name.empty()) x.names.emplace(l.node, name);
    x.output_shape = {ids[output].rows(), ids[output].cols()};
    x.output_entries = row_major(ids[output]);
    x.output = x.output_entries.empty() ? 0 : x.output_entries.front();
    return x;
}

#if CHAINRULE_USE_COMPILED_INSTANCES  // compiled once, in scalar_expansion_instances.cpp
#define CHAINRULE_DETAIL_EXTERN_EXPANSION(T)                                                              \
    extern template std::size_t scalar_expansion_size<T>(const Tape<T>&, NodeIndex);                      \
    extern template ScalarExpansion<T> expand_to_scalars<T>(const Tape<T>&, NodeIndex, std::size_t);
CHAINRULE_EXPANDED_SCALARS(CHAINRULE_DETAIL_EXTERN_EXPANSION)
#undef CHAINRULE_DETAIL_EXTERN_EXPANSION
#endif

}  // namespace chainrule
