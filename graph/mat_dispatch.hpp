#pragma once
/// \file mat_dispatch.hpp
/// Runtime dispatch from a matrix OpKind to its rule (mat_ops::<Name>): the output shape,
/// the forward evaluation (used when recording and by replay<U>) and the backward step
/// (used by the reverse sweep). One switch per node, no virtual calls.

#include "mat_rules_algebra.hpp"
#include "mat_rules_elementwise.hpp"
#include "mat_rules_linear.hpp"
#include "mat_rules_softmax.hpp"

#include <stdexcept>

namespace chainrule {

/// The output shape of entry e for input shapes a, b; ShapeError when they do not fit.
template <class T>
Shape mat_shape(const detail::MatEntry<T>& e, const Shape& a, const Shape& b) {
    switch (e.op) {
#define CHAINRULE_MAT_SHAPE(name, text, arity, matrix_valued) \
    case OpKind::name: return mat_ops::name::shape(a, b, e);
        CHAINRULE_MATRIX_OPS(CHAINRULE_MAT_SHAPE)
#undef CHAINRULE_MAT_SHAPE
        default: throw std::logic_error("chainrule: mat_shape of a scalar op");
    }
}

/// Evaluates entry f.e: writes a matrix value to f.out, or returns a scalar value.
template <class T>
T mat_forward(const MatForward<T>& f) {
    switch (f.e.op) {
#define CHAINRULE_MAT_FORWARD(name, text, arity, matrix_valued) \
    case OpKind::name: return mat_ops::name::forward(f);
        CHAINRULE_MATRIX_OPS(CHAINRULE_MAT_FORWARD)
#undef CHAINRULE_MAT_FORWARD
        default: throw std::logic_error("chainrule: mat_forward of a scalar op");
    }
}

/// The backward step of entry c.e (its output adjoint is nonzero).
template <class T>
void mat_backward(MatBackward<T>& c) {
    switch (c.e.op) {
#define CHAINRULE_MAT_BACKWARD(name, text, arity, matrix_valued) \
    case OpKind::name: mat_ops::name::backward(c); return;
        CHAINRULE_MATRIX_OPS(CHAINRULE_MAT_BACKWARD)
#undef CHAINRULE_MAT_BACKWARD
        default: throw std::logic_error("chainrule: mat_backward of a scalar op");
    }
}

}  // namespace chainrule
