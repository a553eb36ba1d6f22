#pragma once
/// \file mat_store.hpp
/// The matrix side of a tape (docs/architecture.md, "Matrix nodes"). Every node whose op is
/// a matrix op (is_matrix_op) has one *entry* here, in creation order: its op arguments,
/// the slots of its matrix inputs, its shape and its matrix value; a matrix-valued node
/// also gets its adjoint here (the scalar buffers of the tape keep an unused slot for it).
/// The entry index of a node is its *slot*. The node records stay 12 bytes: the slot of
/// node i is found by binary search (entries are sorted by node), and the reverse sweep
/// walks the entries backwards in step with the nodes, so it never searches.
///
/// `clear()` keeps the matrices' storage: a training loop that records the same shapes
/// on a cleared tape batch after batch allocates nothing after the first batch.

#include "matrix.hpp"
#include "node_record.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace chainrule::detail {

/// The slot of an input that is a scalar node (a 1×1 operand read from the scalar buffers).
inline constexpr std::uint32_t kScalarSlot = std::numeric_limits<std::uint32_t>::max();

/// One matrix op node: its op, inputs and arguments (everything needed to evaluate it
/// again in another scalar type, and to propagate its adjoint).
template <class T>
struct MatEntry {
    NodeIndex node = 0;
    OpKind op = OpKind::MatConst;
    OpKind elem = OpKind::Input;      ///< MatMap / MatZip: the scalar op applied per element
    NodeIndex in0 = 0, in1 = 0;       ///< input nodes (as in the node record)
    std::uint32_t slot0 = kScalarSlot, slot1 = kScalarSlot;  ///< their slots, or kScalarSlot
    Shape shape;                      ///< shape of the value (1×1 for a scalar value)
    Eigen::Index offset = 0;          ///< SliceRows: the first row
    T param{};                        ///< MatMap of a param op (x^p, leaky slope, x + p, …): p
    bool needs0 = false, needs1 = false;  ///< input 0 / 1 depends on a variable (wants a gradient)
    bool needs() const noexcept { return needs0 || needs1 || op == OpKind::MatInput; }
};

/// The entry with its parameter converted to U (replay in another scalar type).
template <class U, class T, class Convert>
MatEntry<U> convert_entry(const MatEntry<T>& e, Convert convert) {
    MatEntry<U> out;
    out.node = e.node, out.op = e.op, out.elem = e.elem, out.in0 = e.in0, out.in1 = e.in1;
    out.slot0 = e.slot0, out.slot1 = e.slot1, out.shape = e.shape, out.offset = e.offset;
    out.param = convert(e.param), out.needs0 = e.needs0, out.needs1 = e.needs1;
    return out;
}

template <class T>
class MatrixStore {
public:
    std::size_t size() const noexcept { return entries_.size(); }
    const MatEntry<T>& entry(std::size_t k) const { return entries_[k]; }
    Matrix<T>& value(std::size_t k) { return values_[k]; }
    const Matrix<T>& value(std::size_t k) const { return values_[k]; }

    /// Appends an entry and returns its slot; value(slot) is ready to be written (its
    /// storage is reused from an earlier recording when there is one).
    std::size_t push(const MatEntry<T>& e) {
        const std::size_t k = entries_.size();
        entries_.push_back(e);
        if (values_.size() <= k) {
            values_.emplace_back();
            adjoints_.emplace_back();
        }
        has_adjoint_.push_back(0);
        return k;
    }
    /// Removes the last entry (a recording that failed).
    void pop_back() noexcept {
        entries_.pop_back();
        has_adjoint_.pop_back();
    }

    /// The slot of `node`, or kScalarSlot when it has no entry.
    std::uint32_t slot_of(NodeIndex node) const noexcept {
        auto it = std::lower_bound(entries_.begin(), entries_.end(), node,
                                   [](const MatEntry<T>& e, NodeIndex n) { return e.node < n; });
        return it != entries_.end() && it->node == node ? static_cast<std::uint32_t>(it - entries_.begin())
                                                        : kScalarSlot;
    }
    /// How many entries belong to nodes 0..node.
    std::size_t count_upto(NodeIndex node) const noexcept {
        return static_cast<std::size_t>(std::upper_bound(entries_.begin(), entries_.end(), node,
                                                         [](NodeIndex n, const MatEntry<T>& e) { return n < e.node; }) -
                                        entries_.begin());
    }

    // ------------------------------------------------------------ adjoints
    /// True once a reverse sweep added something to the adjoint of slot k (else it is 0).
    bool has_adjoint(std::size_t k) const noexcept { return has_adjoint_[k] != 0; }
    bool any_adjoint() const noexcept {
        return std::any_of(has_adjoint_.begin(), has_adjoint_.end(), [](char c) { return c != 0; });
    }
    Matrix<T>& adjoint(std::size_t k) { return adjoints_[k]; }
    const Matrix<T>& adjoint(std::size_t k) const { return adjoints_[k]; }

    /// adjoint(k) += x (the first contribution is assigned: no zero fill, no extra pass).
    template <class X>
    Matrix<T>& accumulate(std::size_t k, const X& x) {
        if (has_adjoint_[k] == 0) {
            adjoints_[k] = x;
            has_adjoint_[k] = 1;
        } else {
            adjoints_[k] += x;
        }
        return adjoints_[k];
    }
    /// adjoint(k) += a·b, a matrix product evaluated straight into the adjoint (GEMM).
    template <class A, class B>
    Matrix<T>& accumulate_product(std::size_t k, const A& a, const B& b) {
        if (has_adjoint_[k] == 0) {
            adjoints_[k].noalias() = a * b;
            has_adjoint_[k] = 1;
        } else {
            adjoints_[k].noalias() += a * b;
        }
        return adjoints_[k];
    }
    /// Element i (column-major) of adjoint(k) += f(i), for every element of slot k's shape.
    template <class F>
    Matrix<T>& accumulate_each(std::size_t k, F f) {
        Matrix<T>& m = adjoints_[k];
        const Shape s = entries_[k].shape;
        if (has_adjoint_[k] == 0) {
            m.resize(s.rows, s.cols);
            T* d = m.data();
            for (Eigen::Index i = 0; i < s.size(); ++i) d[i] = f(i);
            has_adjoint_[k] = 1;
        } else {
            T* d = m.data();
            for (Eigen::Index i = 0; i < s.size(); ++i) d[i] += f(i);
        }
        return m;
    }
    /// Rows offset … offset + x.rows() − 1 of adjoint(k) += x (the rest stays as it is).
    template <class X>
    Matrix<T>& accumulate_rows(std::size_t k, Eigen::Index offset, const X& x) {
        if (has_adjoint_[k] == 0) {
            adjoints_[k].setZero(entries_[k].shape.rows, entries_[k].shape.cols);
            has_adjoint_[k] = 1;
        }
        adjoints_[k].middleRows(offset, x.rows()) += x;
        return adjoints_[k];
    }

    /// Forgets every adjoint (keeps the storage).
    void clear_adjoints() noexcept { std::fill(has_adjoint_.begin(), has_adjoint_.end(), 0); }
    /// Forgets every entry (keeps the storage of values and adjoints for the next recording).
    void clear() noexcept {
        entries_.clear();
        has_adjoint_.clear();
    }

    /// The adjoints of slots 0..n−1 (copies; used when a sweep must start from zeros).
    struct Saved {
        std::vector<Matrix<T>> adjoints;
        std::vector<char> has;
    };
    Saved take_adjoints() {
        Saved s{{}, has_adjoint_};
        s.adjoints.resize(has_adjoint_.size());
        for (std::size_t k = 0; k < has_adjoint_.size(); ++k)
            if (has_adjoint_[k] != 0) s.adjoints[k] = adjoints_[k];
        clear_adjoints();
        return s;
    }
    void add_adjoints(const Saved& s) {
        for (std::size_t k = 0; k < s.has.size(); ++k)
            if (s.has[k] != 0) accumulate(k, s.adjoints[k]);
    }

private:
    std::vector<MatEntry<T>> entries_;
    std::vector<Matrix<T>> values_;    // never shrinks: storage reused after clear()
    std::vector<Matrix<T>> adjoints_;  // idem
    std::vector<char> has_adjoint_;
};

}  // namespace chainrule::detail
