#pragma once
/// \file active.hpp
/// Active<T>: a scalar of a JacobianTape<T> — its value, the index of the statement that
/// computed it, and (to check it) its tape's control block and generation; 24 bytes for
/// double. Assigning an expression of Actives records one statement (expression.hpp);
/// copying an Active copies its index and records nothing (each index is written by one
/// statement only, so aliases are safe). An Active made from a plain number, or from an
/// expression without an active leaf, is passive: a constant, on no tape.
///
/// Checks: a statement whose leaves belong to two tapes throws TapeMismatchError; a leaf
/// of a cleared or destroyed tape throws StaleHandleError — both once per statement, not
/// once per operation.

#include "expression.hpp"

#include "../graph/errors.hpp"

#include <cstdint>

namespace chainrule {

template <class T>
class JacobianTape;

namespace detail {
/// StaleHandleError for a stale leaf, else TapeMismatchError for leaves of two tapes.
[[noreturn, gnu::cold, gnu::noinline]] void throw_bad_statement(const StatementOwner& owner);
/// The error for an Active of another tape (stale: of this tape before a clear()) given
/// to a tape's backward or adjoint.
[[noreturn, gnu::cold, gnu::noinline]] void throw_foreign_active(bool stale);
}

template <class T>
class Active {
public:
    using value_type = T;
    static constexpr bool kJacobianExpression = true;
    static constexpr std::size_t kLeaves = 1;

    /// A passive zero.
    Active() = default;
    /// A passive constant (implicit, so plain numbers mix with Actives as with doubles).
    Active(const T& value) : value_(value) {}  // NOLINT(google-explicit-constructor)
    /// Records the statement *this = e.
    template <class E>
        requires JacobianExpressionOf<E, T> && (!std::same_as<std::remove_cvref_t<E>, Active>)
    CHAINRULE_ALWAYS_INLINE Active(const E& e) : value_(e.value()) {  // NOLINT(google-explicit-constructor)
        record(e);
    }
    Active(const Active&) = default;
    Active& operator=(const Active&) = default;

    /// Records the statement *this = e (e may use *this: it holds a copy).
    template <class E>
        requires JacobianExpressionOf<E, T> && (!std::same_as<std::remove_cvref_t<E>, Active>)
    CHAINRULE_ALWAYS_INLINE Active& operator=(const E& e) {
        const T v = e.value();
        record(e);
        value_ = v;
        return *this;
    }
    /// Makes *this a passive constant.
    Active& operator=(const T& value) {
        *this = Active(value);
        return *this;
    }
    template <class R> Active& operator+=(const R& r) { return *this = *this + r; }
    template <class R> Active& operator-=(const R& r) { return *this = *this - r; }
    template <class R> Active& operator*=(const R& r) { return *this = *this * r; }
    template <class R> Active& operator/=(const R& r) { return *this = *this / r; }

    /// The value.
    const T& value() const noexcept { return value_; }
    /// True when the value depends on a variable of a tape (it has a statement index).
    bool is_active() const noexcept { return index_ != 0; }
    /// The statement index on the tape (0 for a passive value).
    NodeIndex index() const noexcept { return index_; }
    /// The adjoint ∂y/∂(this variable) after tape.backward(y), accumulated over sweeps
    /// until clear_adjoints(). Only a variable (made by tape.variable) keeps its adjoint;
    /// the sweep consumes those of intermediate values, so asking for one throws Error, as
    /// does a stale handle (StaleHandleError). A passive value's adjoint is 0.
    T adjoint() const;
    /// The tape; throws StaleHandleError when it was cleared or destroyed, Error for a
    /// passive value.
    JacobianTape<T>& tape() const;

    // The leaf of an expression tree (expression.hpp).
    CHAINRULE_ALWAYS_INLINE detail::StatementOwner leftmost_owner() const { return {block_, generation_}; }
    CHAINRULE_ALWAYS_INLINE bool same_owner(const detail::StatementOwner& s) const {
        return (block_ == s.block) & (generation_ == s.generation);
    }
    CHAINRULE_ALWAYS_INLINE void find_owner(detail::StatementOwner& s) const {
        if (index_ == 0) return;
        s.stale |= generation_ != block_->generation;
        if (s.block == nullptr) {
            s.block = block_;
            s.generation = generation_;
        } else {
            s.mixed |= (block_ != s.block) | (generation_ != s.generation);
        }
    }
    CHAINRULE_ALWAYS_INLINE void add_partials(detail::JacobianRow<T>& row, const T& m) const {
        if (index_ != 0) row.add(m, index_);
    }

private:
    friend class JacobianTape<T>;
    Active(const T& value, NodeIndex index, detail::TapeControlBlock* block) noexcept
        : value_(value), index_(index), generation_(block->generation), block_(block) {}

    template <class E>
    CHAINRULE_ALWAYS_INLINE void record(const E& e) {
        detail::StatementOwner owner = e.leftmost_owner();
        if (!e.same_owner(owner)) [[unlikely]] {
            owner = {};
            e.find_owner(owner);
        }
        if (owner.block == nullptr) {  // no active leaf: a constant
            index_ = 0;
            block_ = nullptr;
            return;
        }
        owner.stale |= owner.generation != owner.block->generation;
        if (owner.mixed || owner.stale) [[unlikely]]
            detail::throw_bad_statement(owner);
        index_ = static_cast<JacobianTape<T>*>(owner.block->tape)->record(e);
        block_ = owner.block;
        generation_ = owner.generation;
    }

    T value_{};
    NodeIndex index_ = 0;
    std::uint32_t generation_ = 0;
    detail::TapeControlBlock* block_ = nullptr;
};

}  // namespace chainrule
