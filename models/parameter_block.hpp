#pragma once
/// \file parameter_block.hpp
/// ParameterBlock<T>: one block of contiguous parameter values and its gradient, the unit
/// an optimizer updates. A scalar model has one block (a std::vector<T>); a matrix model
/// has one block per matrix (an Eigen matrix is contiguous: data(), size()).

#include "errors.hpp"

#include <cstddef>
#include <span>
#include <string>

namespace chainrule::models {

/// Values p (updated in place) and the gradient ∂J/∂p of the same size, element for
/// element. The spans do not own: the caller keeps both alive during Optimizer::step().
template <class T>
struct ParameterBlock {
    std::span<T> values;
    std::span<const T> gradient;
};

/// The block of any contiguous container with data() and size() — std::vector<T>,
/// std::array, Eigen::Matrix (column-major or not: the optimizers are elementwise).
/// Throws ModelError when the sizes differ.
template <class Values, class Gradient>
auto parameter_block(Values& values, const Gradient& gradient) {
    using T = std::remove_cvref_t<decltype(*values.data())>;
    if (static_cast<std::size_t>(values.size()) != static_cast<std::size_t>(gradient.size()))
        throw ModelError("chainrule: parameter block of " + std::to_string(values.size()) +
                         " values has a gradient of " + std::to_string(gradient.size()) + " values");
    return ParameterBlock<T>{std::span<T>(values.data(), static_cast<std::size_t>(values.size())),
                             std::span<const T>(gradient.data(), static_cast<std::size_t>(gradient.size()))};
}

}  // namespace chainrule::models
