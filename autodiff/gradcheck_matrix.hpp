#pragma once
/// \file gradcheck_matrix.hpp
/// gradcheck() of a tape with matrix nodes (included by gradcheck.hpp, which calls
/// check_matrix_tape when a node up to the output is a matrix node).
///
/// The **analytic** side is the matrix tape's own reverse sweep in T — the vector–Jacobian
/// products of graph/mat_rules_*.hpp that are under test — (or the caller's claim), read at
/// the leaves and flattened row-major. Everything else runs on the tape's scalar expansion
/// (scalar_expansion.hpp), with the analytic values as a claimed gradient per entry: the
/// numeric derivatives replay only scalar op values (independent of the matrix rules), and
/// the path-weight tolerance, kinks, infinite derivatives, conventions and undefined values
/// are found per entry as on a scalar tape. Each entry's reverse_reference is the matrix
/// tape's sweep replayed in U (the same rules as the analytic value), so a FAIL whose
/// reference agrees with the numeric value is T's rounding or a wrong claim, and one whose
/// reference fails too is a wrong matrix rule; singular points name the matrix node and
/// entry they sit at ("relu′(0) = 0 at node #6 'H'[2,1]").

#include "gradcheck.hpp"
#include "scalar_expansion.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chainrule::detail::gradcheck {

/// The entries a check of a matrix tape covers: the leaves (options.wrt's, else every
/// Input and MatInput in creation order), and per entry (row-major within a leaf) its
/// position among the expansion's inputs, its leaf node and its name.
struct MatrixSelection {
    std::vector<const ExpandedLeaf*> leaves;
    std::vector<std::size_t> positions;
    std::vector<NodeIndex> inputs;
    std::vector<std::string> names;
};

/// Throws Error for a node of wrt that is no Input or MatInput of the tape.
template <class T>
MatrixSelection select_entries(const Tape<T>& tape, const ScalarExpansion<T>& x, const std::vector<NodeIndex>& wrt) {
    std::vector<std::size_t> first;  // the position of each leaf's first entry: leaves are the inputs, in order
    std::size_t position = 0;
    for (const ExpandedLeaf& l : x.leaves) {
        first.push_back(position);
        position += l.entries.size();
    }
    std::vector<std::size_t> chosen;
    if (wrt.empty())
        for (std::size_t k = 0; k < x.leaves.size(); ++k) chosen.push_back(k);
    for (NodeIndex n : wrt) {
        const ExpandedLeaf* l = x.leaf(n);
        if (l == nullptr)
            throw Error("chainrule: gradcheck: " + (n < tape.size() ? tape.describe(n) : "node #" + std::to_string(n)) +
                        " is not an Input or MatInput node of the tape");
        chosen.push_back(static_cast<std::size_t>(l - x.leaves.data()));
    }
    MatrixSelection s;
    for (std::size_t k : chosen) {
        const ExpandedLeaf& l = x.leaves[k];
        s.leaves.push_back(&l);
        for (std::size_t e = 0; e < l.entries.size(); ++e) {
            s.positions.push_back(first[k] + e);
            s.inputs.push_back(l.node);
            s.names.push_back(l.names[e]);
        }
    }
    return s;
}

/// The reverse-mode gradient of `output` on the matrix tape replayed in V (the caller's
/// adjoints stay untouched), at the selected leaves, each matrix row-major.
template <class V, class T>
std::vector<V> matrix_tape_gradient(const Tape<T>& tape, NodeIndex output, const MatrixSelection& s) {
    Tape<V> copy = replay<V>(tape);
    copy.clear_adjoints();
    detail::seed_and_sweep(copy, output, V(1));
    std::vector<V> g;
    g.reserve(s.positions.size());
    for (const ExpandedLeaf* l : s.leaves) {
        if (!l->matrix) {
            g.push_back(copy.adjoint(l->node));
            continue;
        }
        const Matrix<V> a = copy.adjoint_matrix(l->node);
        for (Eigen::Index i = 0; i < a.rows(); ++i)
            for (Eigen::Index j = 0; j < a.cols(); ++j) g.push_back(a(i, j));
    }
    return g;
}

template <class T, class U>
GradcheckReport<U> check_matrix_tape(const Tape<T>& tape, NodeIndex output, std::optional<std::span<const T>> claimed,
                                     const GradcheckOptions& options) {
    if (is_matrix_valued(tape.node(output).op))
        throw Error("chainrule: gradcheck: the output " + tape.describe(output) +
                    " is a matrix; gradcheck checks a scalar output (reduce it first, e.g. sum(C ⊙ Y))");
    const ScalarExpansion<T> x = expand_to_scalars(tape, output);
    const MatrixSelection s = select_entries(tape, x, options.wrt);
    std::vector<T> analytic;
    if (claimed) {
        if (claimed->size() != s.positions.size())
            throw Error("chainrule: gradcheck: the claimed gradient has " + std::to_string(claimed->size()) +
                        " components for " + std::to_string(s.positions.size()) + " checked entries");
        analytic.assign(claimed->begin(), claimed->end());
    } else {
        analytic = matrix_tape_gradient<T>(tape, output, s);
    }
    const MatrixContext<U> context{s.inputs, s.names, matrix_tape_gradient<U>(tape, output, s),
                                   [&x](NodeIndex k) { return x.describe(k); }, tape.describe(output)};
    GradcheckReport<U> report = run<T, U>(x.tape, x.output, s.positions, analytic, options, &context);
    report.output = output;
    return report;
}

#if CHAINRULE_USE_COMPILED_INSTANCES  // compiled once, in gradcheck_instances.cpp
#define CHAINRULE_DETAIL_EXTERN_MATRIX_CHECK(T)                                                                \
    extern template GradcheckReport<GradcheckReference<T>> check_matrix_tape<T, GradcheckReference<T>>(       \
        const Tape<T>&, NodeIndex, std::optional<std::span<const T>>, const GradcheckOptions&);
CHAINRULE_MATRIX_GRADCHECKED_SCALARS(CHAINRULE_DETAIL_EXTERN_MATRIX_CHECK)
#undef CHAINRULE_DETAIL_EXTERN_MATRIX_CHECK
#endif

}  // namespace chainrule::detail::gradcheck
