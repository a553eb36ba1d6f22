#pragma once
/// \file tape_matrix_impl.hpp
/// Out-of-line members of Tape<T> for matrix nodes (included at the end of tape.hpp).

#include "mat_labels.hpp"
#include "tape.hpp"

namespace chainrule {

template <class T>
void Tape<T>::throw_wrong_handle_kind(NodeIndex i, std::string_view wanted) const {
    const bool matrix = is_matrix_valued(nodes_[i].op);
    throw ShapeError("chainrule: " + std::string(wanted) + "(#" + std::to_string(i) + "): node " +
                     describe_node(i, name(i)) + " is " +
                     (matrix ? "a matrix of shape " + shape_text(shape(i)) + " (use mat())" : "a scalar (use var())"));
}

template <class T>
Mat<T> Tape<T>::mat(NodeIndex i) const {
    if (!is_matrix_valued(nodes_[checked(i)].op)) throw_wrong_handle_kind(i, "mat");
    return Mat<T>(block_, i, block_->generation);
}

template <class T>
Shape Tape<T>::shape(NodeIndex i) const {
    if (!is_matrix_valued(nodes_[checked(i)].op)) return {};
    return mats_->entry(mats_->slot_of(i)).shape;
}

template <class T>
Matrix<T> Tape<T>::matrix_value(NodeIndex i) const {
    if (!is_matrix_valued(nodes_[checked(i)].op)) throw_wrong_handle_kind(i, "matrix_value");
    return mats_->value(mats_->slot_of(i));
}

template <class T>
Matrix<T> Tape<T>::adjoint_matrix(NodeIndex i) const {
    if (!is_matrix_valued(nodes_[checked(i)].op)) throw_wrong_handle_kind(i, "adjoint_matrix");
    const std::uint32_t k = mats_->slot_of(i);
    if (mats_->has_adjoint(k)) return mats_->adjoint(k);
    const Shape s = mats_->entry(k).shape;
    return Matrix<T>::Zero(s.rows, s.cols);
}

template <class T>
std::string Tape<T>::op_label(NodeIndex i) const {
    const OpKind op = nodes_.at(i).op;
    if (op != OpKind::MatMap && op != OpKind::MatZip) return std::string(op_name(op));
    return matrix_op_label(op, mats_->entry(mats_->slot_of(i)).elem);
}

template <class T>
Mat<T> Tape<T>::push_matrix_leaf(OpKind op, const Matrix<T>& value, std::string_view name) {
    detail::MatrixStore<T>& store = matrices();
    detail::MatEntry<T> e;
    e.node = static_cast<NodeIndex>(nodes_.size());
    e.op = op;
    e.shape = shape_of(value);
    const std::size_t k = store.push(e);
    store.value(k) = value;  // reuses the storage of an earlier recording
    try {
        if constexpr (NumericScalar<T>)
            if (anomaly_ && !store.value(k).allFinite())
                throw AnomalyError("chainrule: anomaly: first non-finite value at a matrix leaf " +
                                   describe_node(e.node, name) + " of shape " + shape_text(e.shape));
        push(op, 0, 0, T(0), name);
    } catch (...) {
        if (store.size() == k + 1) store.pop_back();
        throw;
    }
    return Mat<T>(block_, e.node, block_->generation);
}

}  // namespace chainrule
