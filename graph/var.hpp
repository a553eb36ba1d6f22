#pragma once
/// \file var.hpp
/// Var<T>: a small handle (control block, node index, generation) to a node of a
/// Tape<T>. Copying a Var copies the handle, not the node. Every use checks that the
/// tape is alive and uncleared (StaleHandleError) and, in ops with two operands, that
/// both belong to the same tape (TapeMismatchError): an error with a message, never UB.

#include "errors.hpp"
#include "node_record.hpp"
#include "tape_control_block.hpp"

#include <string>
#include <string_view>

namespace chainrule {

template <class T>
class Tape;

template <class T>
class Var {
public:
    using value_type = T;

    /// An empty handle; any use throws TapeMismatchError.
    Var() = default;

    /// The tape this handle belongs to. Throws StaleHandleError if it was cleared or
    /// destroyed, TapeMismatchError for an empty handle.
    Tape<T>& tape() const {
        // Hot path of every recorded op: two tests, inlined; the throws are out of line.
        if (block_ == nullptr || block_->generation != generation_) [[unlikely]]
            throw_invalid_handle();
        return *static_cast<Tape<T>*>(block_->tape);
    }

    /// The node's recorded value.
    /// (A copy: a reference into the tape would dangle once more nodes are recorded.)
    T value() const { return tape().values()[index_]; }
    /// The node's adjoint after a reverse sweep: ∂output/∂this (0 before any sweep).
    T adjoint() const { return tape().adjoint(index_); }
    /// The node's index on its tape (creation order).
    NodeIndex index() const noexcept { return index_; }
    /// The node's name ("" if unnamed).
    std::string_view name() const { return tape().name(index_); }
    /// Names the node (an identifier unique on the tape) and returns the handle.
    const Var& named(std::string_view name) const {
        tape().set_name(index_, name);
        return *this;
    }

    /// True when both handles refer to the same node of the same tape.
    bool same_node(const Var& other) const noexcept {
        return block_ == other.block_ && index_ == other.index_ && generation_ == other.generation_;
    }

    /// Compound assignment records a new node and rebinds this handle to it.
    template <class R> Var& operator+=(const R& r) { return *this = *this + r; }
    template <class R> Var& operator-=(const R& r) { return *this = *this - r; }
    template <class R> Var& operator*=(const R& r) { return *this = *this * r; }
    template <class R> Var& operator/=(const R& r) { return *this = *this / r; }

private:
    friend class Tape<T>;

    [[noreturn, gnu::cold, gnu::noinline]] void throw_invalid_handle() const {
        if (block_ == nullptr) throw TapeMismatchError("chainrule: use of an empty Var handle (not made by a tape)");
        throw StaleHandleError("chainrule: handle of node #" + std::to_string(index_) +
                               " refers to a tape that was cleared or destroyed");
    }

    Var(detail::TapeControlBlock* block, NodeIndex index, std::uint32_t generation) noexcept
        : block_(block), index_(index), generation_(generation) {}

    detail::TapeControlBlock* block_ = nullptr;
    NodeIndex index_ = 0;
    std::uint32_t generation_ = 0;
};

}  // namespace chainrule
