#pragma once
/// \file tape.hpp
/// Tape<T>: the recorded computation graph. A straight-line program stored in contiguous
/// buffers — node records (op, input indices), values, op parameters, and (once a reverse
/// sweep runs) adjoints — with no allocation per node beyond amortised vector growth and
/// no virtual call per op. Creation order is a topological order, so the reverse sweep
/// is one backward loop (autodiff/reverse_sweep.hpp).
///
/// A tape is an ordinary object: no global tape, so two threads recording on two tapes
/// never interfere. A tape is movable, not copyable (replay<U> makes a re-evaluated copy).

#include "always_inline.hpp"
#include "buffer.hpp"
#include "errors.hpp"
#include "mat_store.hpp"
#include "math_constants.hpp"
#include "node_handle.hpp"
#include "node_record.hpp"
#include "scalar_traits.hpp"
#include "tape_control_block.hpp"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chainrule {

template <class T>
class Var;
template <class T>
class Mat;

/// Checks that `name` is an identifier ([A-Za-z_][A-Za-z0-9_]*); throws NameError.
void validate_node_name(std::string_view name);

/// Message naming a node for errors: "#7 'out_h1'" or "#7".
std::string describe_node(NodeIndex index, std::string_view name);

template <class T>
class Tape {
public:
    using value_type = T;

    Tape() : block_(detail::acquire_control_block(this)) {}
    ~Tape() {
        if (block_ != nullptr) detail::release_control_block(block_);
    }
    Tape(const Tape&) = delete;
    Tape& operator=(const Tape&) = delete;
    Tape(Tape&& other) noexcept { steal(other); }
    Tape& operator=(Tape&& other) noexcept {
        if (this != &other) {
            if (block_ != nullptr) detail::release_control_block(block_);
            steal(other);
        }
        return *this;
    }

    // ------------------------------------------------------------ leaves
    /// A new independent variable (an input of the recorded function; receives a
    /// gradient). Optional name, e.g. "w5".
    Var<T> variable(const T& value, std::string_view name = {}) {
        inputs_.push_back(static_cast<NodeIndex>(nodes_.size()));
        return push(OpKind::Input, 0, 0, value, name);
    }

    /// A new constant leaf (no gradient is propagated into it).
    CHAINRULE_ALWAYS_INLINE Var<T> constant(const T& value, std::string_view name = {}) {
        return push(OpKind::Const, 0, 0, value, name);
    }

    /// A constant leaf holding π or e (math_constants.hpp): its value is the constant in
    /// T, and replay evaluates it again in the replayed type (exact π in symbolic::Expr)
    /// instead of converting the recorded number. Throws Error for MathConstant::None.
    Var<T> math_constant(MathConstant c, std::string_view name = {}) {
        if (c == MathConstant::None) throw Error("chainrule: math_constant needs pi or e");
        return push(OpKind::Const, static_cast<NodeIndex>(c), 0, MathConstantValue<T>::value(c), name);
    }

    /// Which constant node i is (MathConstant::None for other nodes and ordinary numbers).
    MathConstant math_constant_of(NodeIndex i) const {
        const NodeRecord& r = nodes_[checked(i)];
        return r.op == OpKind::Const ? static_cast<MathConstant>(r.in0) : MathConstant::None;
    }

    /// The value of Const node i in another scalar type U: π and e evaluated in U, any
    /// other number converted (scalar_cast).
    template <class U>
    U constant_in(NodeIndex i) const {
        const MathConstant c = math_constant_of(i);
        if (c != MathConstant::None) return MathConstantValue<U>::value(c);
        return scalar_cast<U>(values_[checked(i)]);
    }

    // ------------------------------------------------------------ recording
    /// Records y = Op(x). Throws if x belongs to another tape or is stale.
    template <class Op>
    CHAINRULE_ALWAYS_INLINE Var<T> record_unary(OpKind op, const Var<T>& x) {
        const NodeIndex i = check(x, op);
        return push(op, i, 0, Op::value(values_[i]));
    }

    /// Records y = Op(x; p) for a constant parameter p.
    template <class Op>
    CHAINRULE_ALWAYS_INLINE Var<T> record_param(OpKind op, const Var<T>& x, const T& p) {
        const NodeIndex i = check(x, op);
        params_.push_back(p);
        return push(op, i, static_cast<NodeIndex>(params_.size() - 1), Op::value(values_[i], p));
    }

    /// Records y = Op(a, b). Throws if a and b belong to different tapes.
    template <class Op>
    CHAINRULE_ALWAYS_INLINE Var<T> record_binary(OpKind op, const Var<T>& a, const Var<T>& b) {
        const NodeIndex i = check(a, op);
        const NodeIndex j = check(b, op);
        return push(op, i, j, Op::value(values_[i], values_[j]));
    }

    /// Appends a node whose value was computed by the caller (used by replay).
    Var<T> record_raw(OpKind op, NodeIndex in0, NodeIndex in1, const T& value) {
        if (op == OpKind::Input) inputs_.push_back(static_cast<NodeIndex>(nodes_.size()));
        return push(op, in0, in1, value);
    }

    /// Appends an op parameter; returns its index (used by replay).
    NodeIndex add_param(const T& p) {
        params_.push_back(p);
        return static_cast<NodeIndex>(params_.size() - 1);
    }

    // ------------------------------------------------------------ access
    std::size_t size() const noexcept { return nodes_.size(); }
    /// The record of node i. Throws Error when there is no node i.
    const NodeRecord& node(NodeIndex i) const { return nodes_[checked(i)]; }
    /// The value of node i (a copy: a reference would dangle once the tape grows).
    T value(NodeIndex i) const { return values_[checked(i)]; }
    /// The constant parameter of param op i (x^p, p^x, log_p, leaky slope, x+p, …).
    /// Throws Error when node i has no parameter.
    T param(NodeIndex i) const {
        const NodeRecord& r = nodes_[checked(i)];
        if (!has_param(r.op))
            throw Error("chainrule: node #" + std::to_string(i) + " (op '" + std::string(op_name(r.op)) +
                        "') has no parameter");
        return params_[r.in1];
    }
    // The buffers read like const std::vectors (size, [], at, data, begin/end, == with a
    // std::vector); detail::Buffer says why they are not std::vectors.
    const detail::Buffer<T>& values() const noexcept { return values_; }
    const detail::Buffer<T>& params() const noexcept { return params_; }
    const detail::Buffer<NodeRecord>& nodes() const noexcept { return nodes_; }
    /// Indices of the Input nodes, in creation order (the order replay expects inputs).
    const std::vector<NodeIndex>& inputs() const noexcept { return inputs_; }

    /// i, or Error naming it when the tape has no node i.
    NodeIndex checked(NodeIndex i) const {
        if (i >= nodes_.size())
            throw Error("chainrule: no node #" + std::to_string(i) + " (the tape has " + std::to_string(nodes_.size()) +
                        " nodes)");
        return i;
    }

    /// The adjoint ∂(output)/∂(node i) left by the last reverse sweep (0 before any).
    T adjoint(NodeIndex i) const {
        if (i >= nodes_.size()) throw Error("chainrule: no node #" + std::to_string(i));
        return i < adjoints_.size() ? adjoints_[i] : T(0);
    }
    /// The adjoint buffer, sized to the tape (used by the reverse sweep). The caller may
    /// write to it, so afterwards adjoints_all_zero() is false until clear_adjoints().
    std::vector<T>& adjoint_buffer() {
        if (adjoints_.size() < nodes_.size()) adjoints_.resize(nodes_.size(), T(0));
        adjoints_zero_ = false;
        return adjoints_;
    }
    /// Sets every adjoint to zero (gradients then no longer accumulate across sweeps).
    void clear_adjoints() {
        adjoints_.assign(nodes_.size(), T(0));
        if (mats_ != nullptr) mats_->clear_adjoints();
        adjoints_zero_ = true;
    }
    /// True when every adjoint is known to be zero: after construction, clear() and
    /// clear_adjoints(), until a reverse sweep or adjoint_buffer() may have written one.
    /// (False does not mean that some adjoint is nonzero.) Lets backward() skip scanning
    /// the buffer for adjoints left by an earlier sweep.
    bool adjoints_all_zero() const noexcept { return adjoints_zero_; }

    /// A handle of an existing scalar node. Throws Error when there is no node i,
    /// ShapeError when node i is a matrix (use mat(i)).
    Var<T> var(NodeIndex i) const {
        if (i >= nodes_.size()) throw Error("chainrule: no node #" + std::to_string(i));
        if (is_matrix_valued(nodes_[i].op)) throw_wrong_handle_kind(i, "var");
        return Var<T>(block_, i, block_->generation);
    }

    // ------------------------------------------------------------ matrix nodes
    // Matrix-valued nodes live on the same tape as scalars (graph/mat_store.hpp); their ops
    // are in graph/mat_functions.hpp, their rules in docs/matrix.md.

    /// A new matrix variable: an Input leaf of the recorded function that receives a
    /// gradient of its shape. Optional name, e.g. "W1".
    Mat<T> variable(const Matrix<T>& value, std::string_view name = {}) { return push_matrix_leaf(OpKind::MatInput, value, name); }
    /// A new constant matrix leaf (data, targets): no gradient is propagated into it.
    Mat<T> constant(const Matrix<T>& value, std::string_view name = {}) { return push_matrix_leaf(OpKind::MatConst, value, name); }
    /// A handle of an existing matrix node. Throws Error when there is no node i,
    /// ShapeError when node i is a scalar (use var(i)).
    Mat<T> mat(NodeIndex i) const;
    /// Rows × columns of node i (1×1 for a scalar node).
    Shape shape(NodeIndex i) const;
    /// The value of matrix node i (a copy). Throws like mat(i).
    Matrix<T> matrix_value(NodeIndex i) const;
    /// The adjoint ∂(output)/∂(node i) of matrix node i left by the last reverse sweep, of
    /// the node's shape: zero before any sweep, and for nodes that depend on no variable
    /// (constants receive no gradient). Throws like mat(i).
    Matrix<T> adjoint_matrix(NodeIndex i) const;
    /// True when the tape has matrix nodes (the reverse sweep then takes its mixed loop).
    bool has_matrices() const noexcept { return mats_ != nullptr && mats_->size() != 0; }
    /// The matrix store (internal: used by the matrix ops, the reverse sweep and replay).
    detail::MatrixStore<T>& matrices() {
        if (mats_ == nullptr) mats_ = std::make_unique<detail::MatrixStore<T>>();
        return *mats_;
    }
    /// The matrix store, or null when no matrix node was ever recorded.
    const detail::MatrixStore<T>* matrix_store() const noexcept { return mats_.get(); }

    // ------------------------------------------------------------ names
    /// Gives node i a name (an identifier, unique on this tape). Throws NameError.
    void set_name(NodeIndex i, std::string_view name) {
        validate_node_name(name);
        if (i >= nodes_.size()) throw Error("chainrule: no node #" + std::to_string(i));
        auto [it, inserted] = by_name_.try_emplace(std::string(name), i);
        if (!inserted && it->second != i)
            throw NameError("chainrule: name '" + std::string(name) + "' is already used by node #" +
                            std::to_string(it->second));
        if (auto old = names_.find(i); old != names_.end() && old->second != name)
            by_name_.erase(old->second);
        names_[i] = std::string(name);
    }
    /// The node's name, or "" when it has none.
    std::string_view name(NodeIndex i) const {
        auto it = names_.find(i);
        return it == names_.end() ? std::string_view{} : std::string_view(it->second);
    }
    /// The node with this name, if any.
    std::optional<NodeIndex> find(std::string_view name) const {
        auto it = by_name_.find(std::string(name));
        if (it == by_name_.end()) return std::nullopt;
        return it->second;
    }

    // ------------------------------------------------------------ housekeeping
    /// Removes every node. Every existing handle becomes stale (StaleHandleError on use).
    void clear() {
        nodes_.clear();
        values_.clear();
        params_.clear();
        adjoints_.clear();
        inputs_.clear();
        names_.clear();
        by_name_.clear();
        if (mats_ != nullptr) mats_->clear();  // keeps the matrices' storage for the next recording
        adjoints_zero_ = true;
        block_ = detail::next_generation(block_, this);
    }
    /// The handle-validity block (internal; exposed for tests and diagnostics).
    const detail::TapeControlBlock* control_block() const noexcept { return block_; }
    /// Reserves room for n nodes (avoids reallocation while recording). The node and
    /// value buffers always have the same capacity, so push() tests one of them.
    void reserve(std::size_t n) {
        n = std::max(n, nodes_.capacity());
        nodes_.reserve(n);
        values_.reserve(n);
    }
    /// Bytes held by the node records, values and parameters (adjoints and matrices excluded).
    std::size_t recorded_bytes() const noexcept {
        return nodes_.size() * sizeof(NodeRecord) + values_.size() * sizeof(T) + params_.size() * sizeof(T);
    }

    /// Anomaly mode: recording a non-finite value, or a reverse sweep producing a
    /// non-finite adjoint, throws AnomalyError naming the first such node, its op,
    /// its name and its inputs. Off by default (it costs a test per node).
    void set_anomaly_detection(bool on) noexcept { anomaly_ = on; }
    bool anomaly_detection() const noexcept { return anomaly_; }

    /// Description of node i and its inputs for error messages.
    std::string describe(NodeIndex i) const;
    /// The op of node i as messages name it: op_name, or for an elementwise matrix op the
    /// scalar op applied ("sigmoid (elementwise)", "hadamard").
    std::string op_label(NodeIndex i) const;

    /// Throws unless v (a Var or Mat) is a live handle of this tape; returns its index.
    template <class Handle>
    CHAINRULE_ALWAYS_INLINE NodeIndex check(const NodeHandle<T, Handle>& v, OpKind op) const {
        // Hot path of every recorded op: inlined; the error messages are built out of line.
        if (v.block_ == block_ && v.generation_ == block_->generation) [[likely]]
            return v.index_;
        throw_bad_handle(v.block_, v.index_, v.generation_, op);
    }

private:
    friend class Var<T>;
    friend class Mat<T>;

    CHAINRULE_ALWAYS_INLINE Var<T> push(OpKind op, NodeIndex in0, NodeIndex in1, const T& value, std::string_view name = {}) {
        // Hot path of every recorded op. When the buffers are full (node and value buffers
        // have one capacity, see reserve()), growth and the push are done out of line
        // (push_grow); otherwise the push is two stores and two increments, always inlined
        // (push_back_unchecked), with no reallocation code in the recording of an op.
        if (nodes_.size() == nodes_.capacity()) [[unlikely]]
            return push_grow(op, in0, in1, value, name);
        const auto i = static_cast<NodeIndex>(values_.size());
        nodes_.push_back_unchecked(NodeRecord{in0, in1, op});
        values_.push_back_unchecked(value);
        if (!name.empty()) name_new_node(i, name);
        if constexpr (NumericScalar<T>)
            if (anomaly_ && !is_finite(value)) throw_anomaly(i);
        return Var<T>(block_, i, block_->generation);
    }

    // A recording call that throws (NameError, AnomalyError) records nothing: the node
    // just pushed is removed again (unwind_last), else a failed variable() would leave an
    // extra Input on the tape that replay would then require.

    /// Names the node just pushed; on NameError removes it and rethrows.
    [[gnu::cold, gnu::noinline]] void name_new_node(NodeIndex i, std::string_view name) {
        try {
            set_name(i, name);
        } catch (...) {
            unwind_last();
            throw;
        }
    }

    /// Removes the node just pushed by push(), with its name, its entry in inputs_ and
    /// its parameter (which record_param pushed just before).
    void unwind_last() noexcept {
        const auto i = static_cast<NodeIndex>(nodes_.size() - 1);
        const OpKind op = nodes_.back().op;
        if (auto it = names_.find(i); it != names_.end()) {
            by_name_.erase(it->second);
            names_.erase(it);
        }
        nodes_.pop_back();
        values_.pop_back();
        if (op == OpKind::Input && !inputs_.empty() && inputs_.back() == i) inputs_.pop_back();
        if (has_param(op) && !params_.empty()) params_.pop_back();
        if (is_matrix_op(op) && mats_ != nullptr && mats_->size() != 0 && mats_->entry(mats_->size() - 1).node == i)
            mats_->pop_back();
    }

    /// push() when a buffer is full: doubles the capacity of the node and value buffers
    /// (amortised O(1) per node, as push_back), then pushes.
    [[gnu::noinline]] Var<T> push_grow(OpKind op, NodeIndex in0, NodeIndex in1, const T& value, std::string_view name) {
        const T copy = value;  // `value` may live in values_, which reserve() moves
        reserve(std::max<std::size_t>(64, 2 * nodes_.size()));
        return push(op, in0, in1, copy, name);
    }

    [[noreturn, gnu::cold, gnu::noinline]] void throw_bad_handle(const detail::TapeControlBlock* block, NodeIndex index,
                                                                 std::uint32_t generation, OpKind op) const;
    [[noreturn, gnu::cold, gnu::noinline]] void throw_wrong_handle_kind(NodeIndex i, std::string_view wanted) const;
    Mat<T> push_matrix_leaf(OpKind op, const Matrix<T>& value, std::string_view name);

    [[noreturn, gnu::cold, gnu::noinline]] void throw_anomaly(NodeIndex i) {
        AnomalyError error("chainrule: anomaly: first non-finite value at " + describe(i));
        unwind_last();
        throw error;
    }

    void steal(Tape& other) noexcept {
        block_ = other.block_;
        block_->tape = this;
        other.block_ = detail::acquire_control_block(&other);  // moved-from: empty, usable
        nodes_ = std::move(other.nodes_);
        values_ = std::move(other.values_);
        params_ = std::move(other.params_);
        adjoints_ = std::move(other.adjoints_);
        inputs_ = std::move(other.inputs_);
        names_ = std::move(other.names_);
        by_name_ = std::move(other.by_name_);
        mats_ = std::move(other.mats_);
        anomaly_ = other.anomaly_;
        adjoints_zero_ = other.adjoints_zero_;
        other.adjoints_zero_ = true;
    }

    detail::TapeControlBlock* block_ = nullptr;
    detail::Buffer<NodeRecord> nodes_;
    detail::Buffer<T> values_;
    detail::Buffer<T> params_;
    std::vector<T> adjoints_;
    std::vector<NodeIndex> inputs_;
    std::unordered_map<NodeIndex, std::string> names_;
    std::unordered_map<std::string, NodeIndex> by_name_;
    std::unique_ptr<detail::MatrixStore<T>> mats_;  // created by the first matrix node
    bool anomaly_ = false;
    bool adjoints_zero_ = true;  // see adjoints_all_zero()
};

}  // namespace chainrule

#include "var.hpp"
#include "mat.hpp"
#include "tape_impl.hpp"
#include "tape_matrix_impl.hpp"
