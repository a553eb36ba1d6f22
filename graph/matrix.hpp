#pragma once
/// \file matrix.hpp
/// The matrix type of matrix nodes, `Matrix<T>` (Eigen, dynamic size, column-major), and
/// `Shape` (rows × columns) with its text for error messages. Includes Eigen's NumTraits
/// for Boost.Multiprecision numbers, so `Matrix<cpp_bin_float_50>` works (slow, exact:
/// used for 50-digit gradient checks).

#include <Eigen/Core>
#include <boost/multiprecision/eigen.hpp>

#include <string>

namespace chainrule {

/// A dense matrix of T, column-major (Eigen's default): the value and adjoint of a matrix node.
template <class T>
using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

/// Rows × columns of a node's value (1 × 1 for a scalar node).
struct Shape {
    Eigen::Index rows = 1;
    Eigen::Index cols = 1;
    Eigen::Index size() const noexcept { return rows * cols; }
    friend bool operator==(const Shape&, const Shape&) = default;
};

/// "3×4" (for messages).
inline std::string shape_text(const Shape& s) { return std::to_string(s.rows) + "×" + std::to_string(s.cols); }

/// The shape of an Eigen matrix or expression.
template <class Derived>
Shape shape_of(const Eigen::EigenBase<Derived>& m) {
    return {m.rows(), m.cols()};
}

}  // namespace chainrule
