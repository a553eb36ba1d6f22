#pragma once
/// \file jacobian_tape.hpp
/// JacobianTape<T>: the gradient-only tape, for speed. Where Tape<T> records one node per
/// elementary operation with its value (so it can be replayed in another scalar type and
/// explained as a derivation), a JacobianTape records one *statement* per assignment to
/// an Active<T> (expression.hpp) and keeps only what the reverse sweep needs: for each
/// statement y = f(ℓ₁, …, ℓ_k) the number k and the Jacobian entries (∂f/∂ℓᵢ, index of
/// ℓᵢ) — "Jacobian taping", as Adept-2 and CoDiPack's JacobianLinearTape (Hogan 2014,
/// ACM TOMS 40(4):26; Sagebaum et al. 2019, ACM TOMS 45(4):38). 12 bytes per entry and
/// 1 per statement for double: about 11 bytes per elementary operation on the
/// issue-15 benchmark, against 32 for Tape<double> with its adjoints.
///
/// The reverse sweep over statements s = y, y − 1, …, 1:
///   ȳ_s read and reset to 0;  ℓ̄ᵢ += (∂f_s/∂ℓᵢ)·ȳ_s for each entry of s.
/// Statement indices are handed out in order (a "linear index" scheme): every index is
/// written by exactly one statement, so copies of an Active share its index. Because the
/// sweep resets what it reads, the adjoint vector is zero again afterwards except at the
/// variables — no zeroing pass before the next sweep; `clear_adjoints()` resets just the
/// variables. Adjoints of intermediate values are therefore not kept: use Tape<T> to ask
/// for them, to replay, or to explain a gradient as a derivation.
///
/// Rounding: an entry is the product of the local partials along its path, formed when
/// the statement is recorded, so a gradient may differ from Tape<T>'s in the last bits
/// (it is no less accurate). Values are computed exactly as by Tape<T> (the same rules).
///
/// Like Tape<T>, an ordinary object: no global tape, one tape per thread at a time.
/// Movable, not copyable.

#include "active.hpp"
#include "adjoint_vector.hpp"

#include "../graph/buffer.hpp"
#include "../graph/errors.hpp"
#include "../graph/tape_control_block.hpp"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chainrule {

template <class T>
class JacobianTape {
public:
    using value_type = T;

    JacobianTape() : block_(detail::acquire_control_block(this)) { counts_.push_back(0); }
    ~JacobianTape() {
        if (block_ != nullptr) detail::release_control_block(block_);
    }
    JacobianTape(const JacobianTape&) = delete;
    JacobianTape& operator=(const JacobianTape&) = delete;
    JacobianTape(JacobianTape&& other) noexcept { steal(other); }
    JacobianTape& operator=(JacobianTape&& other) noexcept {
        if (this != &other) {
            if (block_ != nullptr) detail::release_control_block(block_);
            steal(other);
        }
        return *this;
    }

    /// A new independent variable (an input of the recorded function; it receives a
    /// gradient).
    Active<T> variable(const T& value) {
        const NodeIndex i = next_index();
        counts_.push_back(0);
        variables_.push_back(i);
        return Active<T>(value, i, block_);
    }

    /// Reverse sweep from y: adds seed·∂y/∂x to the adjoint of every variable x (read with
    /// x.adjoint()). Sweeps accumulate, as in PyTorch, until clear_adjoints(). A statement
    /// whose adjoint is exactly 0 is skipped (docs/conventions.md: an unused or
    /// zero-weighted branch never contributes 0·∞ = NaN).
    /// Throws StaleHandleError / TapeMismatchError when y is not of this tape as it is
    /// now, Error when y is passive (it depends on no variable).
    void backward(const Active<T>& y, const T& seed = T(1)) {
        check(y);
        if (y.index_ == 0) throw Error("chainrule: backward from a passive value (it depends on no variable of the tape)");
        adjoints_.grow_to(counts_.size());
        T* adjoint = adjoints_.data();
        const std::uint8_t* count = counts_.data();
        const T* partial = partials_.data();
        const NodeIndex* operand = operands_.data();
        std::size_t e = partials_.size();
        for (std::size_t s = counts_.size() - 1; s > y.index_; --s) e -= count[s];  // statements after y
        adjoint[y.index_] += seed;
        for (NodeIndex s = y.index_; s > 0; --s) {
            const unsigned k = count[s];
            if (k == 0) continue;  // a variable: keeps its adjoint
            e -= k;
            const T a = adjoint[s];
            if (is_zero(a)) continue;  // nothing to propagate (and nothing to reset)
            adjoint[s] = T(0);
            for (unsigned j = 0; j < k; ++j) adjoint[operand[e + j]] += partial[e + j] * a;
        }
    }

    /// The adjoint of variable x (x.adjoint()). Throws as Active::adjoint says.
    T adjoint(const Active<T>& x) const {
        if (x.index_ == 0) return T(0);
        check(x);
        if (counts_[x.index_] != 0)
            throw Error("chainrule: a JacobianTape keeps the adjoints of its variables only, and statement #" +
                        std::to_string(x.index_) +
                        " is an intermediate value (a variable's handle reassigned, as by x += …, refers to the new "
                        "value); use Tape<T> for adjoints of intermediate values");
        return x.index_ < adjoints_.size() ? adjoints_.data()[x.index_] : T(0);
    }

    /// Sets the variables' adjoints to zero (the others already are, after any sweep).
    void clear_adjoints() {
        T* adjoint = adjoints_.data();
        for (NodeIndex i : variables_)
            if (i < adjoints_.size()) adjoint[i] = T(0);
    }

    /// Forgets every statement; every Active of this tape becomes stale. Keeps the memory
    /// for the next recording.
    void clear() {
        clear_adjoints();
        counts_.clear();
        counts_.push_back(0);
        partials_.clear();
        operands_.clear();
        variables_.clear();
        block_ = detail::next_generation(block_, this);
    }

    /// Reserves room for `statements` statements with `entries` Jacobian entries in all.
    void reserve(std::size_t statements, std::size_t entries) {
        counts_.reserve(statements + 1);
        operands_.reserve(entries);  // first: record() tests the capacity of partials_ only
        partials_.reserve(entries);
    }

    /// Statements recorded, variables included.
    std::size_t statements() const noexcept { return counts_.size() - 1; }
    /// Jacobian entries recorded.
    std::size_t entries() const noexcept { return partials_.size(); }
    /// Bytes of the recording (entry partials and operands, statement counts); the
    /// adjoint vector is counted by adjoint_bytes().
    std::size_t recorded_bytes() const noexcept {
        return partials_.size() * (sizeof(T) + sizeof(NodeIndex)) + counts_.size();
    }
    std::size_t adjoint_bytes() const noexcept { return adjoints_.size() * sizeof(T); }

    /// Records one statement (Active's assignment; not for direct use). Returns its index.
    /// Strong exception guarantee: a throw (the statement limit, memory, or the scalar
    /// type's arithmetic) leaves the tape as it was.
    template <class E>
    CHAINRULE_ALWAYS_INLINE NodeIndex record(const E& e) {
        static_assert(E::kLeaves <= kMaxLeaves, "chainrule: a statement of more than 255 Active operands; split it");
        const NodeIndex i = next_index();
        // operands_ is reserved before partials_ (reserve()), so its capacity is never the smaller.
        if (partials_.size() + E::kLeaves > partials_.capacity() || counts_.size() == counts_.capacity()) [[unlikely]]
            grow(E::kLeaves);
        detail::JacobianRow<T> row{partials_, operands_};
        if constexpr (detail::JacobianRow<T>::kTrivial) {
            e.add_partials(row, T(1));
        } else {
            try {  // partials of such T are constructed one by one: undo a partial row
                e.add_partials(row, T(1));
            } catch (...) {
                partials_.pop_back(row.count);
                throw;
            }
        }
        row.commit();
        counts_.push_back_unchecked(static_cast<std::uint8_t>(row.count));
        return i;
    }

private:
    friend class Active<T>;
    static constexpr std::size_t kMaxLeaves = std::numeric_limits<std::uint8_t>::max();

    NodeIndex next_index() const {
        if (counts_.size() > std::numeric_limits<NodeIndex>::max() - 1) [[unlikely]]
            throw Error("chainrule: a JacobianTape holds at most 2^32 - 2 statements");
        return static_cast<NodeIndex>(counts_.size());
    }
    [[gnu::noinline]] void grow(std::size_t leaves) {
        const std::size_t entries = std::max<std::size_t>(256, 2 * (partials_.size() + leaves));
        reserve(std::max<std::size_t>(64, 2 * counts_.size()), entries);
    }
    void check(const Active<T>& x) const {
        if (x.index_ == 0) return;
        if (x.block_ != block_ || x.generation_ != block_->generation) [[unlikely]]
            detail::throw_foreign_active(x.generation_ != x.block_->generation);
    }
    void steal(JacobianTape& other) noexcept {
        block_ = other.block_;
        block_->tape = this;
        other.block_ = detail::acquire_control_block(&other);
        counts_ = std::move(other.counts_);
        partials_ = std::move(other.partials_);
        operands_ = std::move(other.operands_);
        variables_ = std::move(other.variables_);
        adjoints_ = std::move(other.adjoints_);
        other.counts_.push_back(0);
    }

    detail::TapeControlBlock* block_ = nullptr;
    detail::Buffer<std::uint8_t> counts_;    // per statement index: its number of entries (0: a variable)
    detail::Buffer<T> partials_;             // per entry: ∂(statement)/∂(operand)
    detail::Buffer<NodeIndex> operands_;     // per entry: the operand's statement index
    detail::Buffer<NodeIndex> variables_;    // the variables' indices, for clear_adjoints()
    detail::AdjointVector<T> adjoints_;
};

template <class T>
JacobianTape<T>& Active<T>::tape() const {
    if (block_ == nullptr) throw Error("chainrule: a passive Active (a constant) belongs to no tape");
    if (block_->generation != generation_) detail::throw_foreign_active(true);
    return *static_cast<JacobianTape<T>*>(block_->tape);
}

template <class T>
T Active<T>::adjoint() const {
    return index_ == 0 ? T(0) : tape().adjoint(*this);
}

/// Reverse sweep from y on its tape (JacobianTape::backward).
template <class T>
void backward(const Active<T>& y, const T& seed = T(1)) {
    if (!y.is_active()) throw Error("chainrule: backward from a passive value (it depends on no variable of the tape)");
    y.tape().backward(y, seed);
}

/// ∂y/∂x for each x of xs, as a fresh gradient: the tape's adjoints are cleared, y swept,
/// the variables' adjoints read (and left in place). Throws as backward and adjoint do.
template <class T>
std::vector<T> grad(const Active<T>& y, std::initializer_list<Active<T>> xs) {
    if (!y.is_active()) throw Error("chainrule: grad of a passive value (it depends on no variable of the tape)");
    JacobianTape<T>& tape = y.tape();
    tape.clear_adjoints();
    tape.backward(y);
    std::vector<T> g;
    g.reserve(xs.size());
    for (const Active<T>& x : xs) g.push_back(tape.adjoint(x));
    return g;
}

}  // namespace chainrule
