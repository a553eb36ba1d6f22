#pragma once
/// \file mat.hpp
/// Mat<T>: a handle to a matrix-valued node of a Tape<T>, the matrix counterpart of Var<T>
/// (node_handle.hpp: the checks every use makes). Scalars and matrices share one tape, so
/// a graph may mix them (a loss is a scalar Var computed from Mats). Ops:
/// graph/mat_functions.hpp; shapes, broadcasting and formulas: docs/matrix.md.

#include "matrix.hpp"
#include "node_handle.hpp"

namespace chainrule {

template <class T>
class Mat : public NodeHandle<T, Mat<T>> {
public:
    static constexpr const char* kKind = "Mat";

    /// An empty handle; any use throws TapeMismatchError.
    Mat() = default;

    /// The node's value, an Eigen matrix (a copy: the tape's storage moves as it grows).
    Matrix<T> value() const { return this->tape().matrix_value(this->index()); }
    /// The adjoint ∂output/∂this after a reverse sweep, of this node's shape (0 before any).
    Matrix<T> adjoint() const { return this->tape().adjoint_matrix(this->index()); }
    /// Rows × columns of the value.
    Shape shape() const { return this->tape().shape(this->index()); }
    Eigen::Index rows() const { return shape().rows; }
    Eigen::Index cols() const { return shape().cols; }

private:
    friend class Tape<T>;
    Mat(detail::TapeControlBlock* block, NodeIndex index, std::uint32_t generation) noexcept
        : NodeHandle<T, Mat<T>>(block, index, generation) {}
};

}  // namespace chainrule
