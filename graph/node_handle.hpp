#pragma once
/// \file node_handle.hpp
/// NodeHandle<T, Derived>: what Var<T> (a scalar node) and Mat<T> (a matrix node) share — a
/// small handle (control block, node index, generation; 16 bytes) to a node of a Tape<T>.
/// Copying a handle copies the handle, not the node. Every use checks that the tape is
/// alive and uncleared (StaleHandleError); an empty handle throws TapeMismatchError, and
/// ops with two operands check that both belong to the same tape: an error with a
/// message, never UB.

#include "errors.hpp"
#include "node_record.hpp"
#include "tape_control_block.hpp"

#include <string>
#include <string_view>

namespace chainrule {

template <class T>
class Tape;

template <class T, class Derived>
class NodeHandle {
public:
    using value_type = T;

    /// The tape this handle belongs to. Throws StaleHandleError if it was cleared or
    /// destroyed, TapeMismatchError for an empty handle.
    Tape<T>& tape() const {
        // Hot path of every recorded op: two tests, inlined; the throws are out of line.
        if (block_ == nullptr || block_->generation != generation_) [[unlikely]]
            throw_invalid_handle();
        return *static_cast<Tape<T>*>(block_->tape);
    }
    /// The node's index on its tape (creation order).
    NodeIndex index() const noexcept { return index_; }
    /// The node's name ("" if unnamed).
    std::string_view name() const { return tape().name(index_); }
    /// Names the node (an identifier unique on the tape) and returns the handle.
    const Derived& named(std::string_view name) const {
        tape().set_name(index_, name);
        return static_cast<const Derived&>(*this);
    }
    /// True when both handles refer to the same node of the same tape.
    bool same_node(const Derived& other) const noexcept {
        const NodeHandle& o = other;
        return block_ == o.block_ && index_ == o.index_ && generation_ == o.generation_;
    }

    /// Compound assignment records a new node and rebinds this handle to it.
    template <class R> Derived& operator+=(const R& r) { return self() = self() + r; }
    template <class R> Derived& operator-=(const R& r) { return self() = self() - r; }
    template <class R> Derived& operator*=(const R& r) { return self() = self() * r; }
    template <class R> Derived& operator/=(const R& r) { return self() = self() / r; }

protected:
    NodeHandle() = default;
    NodeHandle(detail::TapeControlBlock* block, NodeIndex index, std::uint32_t generation) noexcept
        : block_(block), index_(index), generation_(generation) {}

private:
    friend class Tape<T>;

    Derived& self() { return static_cast<Derived&>(*this); }

    [[noreturn, gnu::cold, gnu::noinline]] void throw_invalid_handle() const {
        if (block_ == nullptr)
            throw TapeMismatchError("chainrule: use of an empty " + std::string(Derived::kKind) +
                                    " handle (not made by a tape)");
        throw StaleHandleError("chainrule: handle of node #" + std::to_string(index_) +
                               " refers to a tape that was cleared or destroyed");
    }

    detail::TapeControlBlock* block_ = nullptr;
    NodeIndex index_ = 0;
    std::uint32_t generation_ = 0;
};

}  // namespace chainrule
