#pragma once
/// \file var.hpp
/// Var<T>: a handle to a scalar node of a Tape<T> (node_handle.hpp: the checks every use
/// makes). Ops: graph/var_functions.hpp.

#include "node_handle.hpp"

namespace chainrule {

template <class T>
class Var : public NodeHandle<T, Var<T>> {
public:
    static constexpr const char* kKind = "Var";

    /// An empty handle; any use throws TapeMismatchError.
    Var() = default;

    /// The node's recorded value.
    /// (A copy: a reference into the tape would dangle once more nodes are recorded.)
    T value() const { return this->tape().values()[this->index()]; }
    /// The node's adjoint after a reverse sweep: ∂output/∂this (0 before any sweep).
    T adjoint() const { return this->tape().adjoint(this->index()); }

private:
    friend class Tape<T>;
    Var(detail::TapeControlBlock* block, NodeIndex index, std::uint32_t generation) noexcept
        : NodeHandle<T, Var<T>>(block, index, generation) {}
};

}  // namespace chainrule
