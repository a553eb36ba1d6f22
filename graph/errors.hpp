#pragma once
/// \file errors.hpp
/// Exceptions thrown by the graph and autodiff layers. Every message names the
/// node (index and name, when it has one), the op and, where relevant, the shapes
/// or values involved, so that a front end can print it as one clear line.

#include <stdexcept>
#include <string>

namespace chainrule {

/// Base class of every chainrule error.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A handle (Var) was used with a tape it does not belong to: two handles of two
/// different tapes in one op, or a default-constructed handle.
class TapeMismatchError : public Error {
public:
    using Error::Error;
};

/// A handle refers to a tape that was cleared or destroyed after the handle was made.
class StaleHandleError : public Error {
public:
    using Error::Error;
};

/// A node name is malformed or already used by another node of the same tape.
class NameError : public Error {
public:
    using Error::Error;
};

/// The shapes of a matrix op's operands do not fit (matmul of 3×4 by 3×4, a broadcast of
/// 3×4 with 2×4, a reshape changing the element count, …), or a Var handle was used for a
/// matrix node or a Mat handle for a scalar one. The message names the op and every shape.
class ShapeError : public Error {
public:
    using Error::Error;
};

/// Anomaly mode found the first node whose value or adjoint is not finite.
class AnomalyError : public Error {
public:
    using Error::Error;
};

}  // namespace chainrule
