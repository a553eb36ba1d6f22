#pragma once
/// \file one_sided.hpp
/// One-sided limits of a derivative at a point where it jumps (a kink the recording sits
/// on): the derivative just beside the point, with the step's error extrapolated away.

#include "replay.hpp"
#include "reverse_sweep.hpp"

#include <cmath>
#include <span>
#include <vector>

namespace chainrule {

/// ∂(of)/∂(input) at the recorded point with the Input node `input` moved by `shift`.
template <class T>
T shifted_derivative(const Tape<T>& tape, NodeIndex of, NodeIndex input, const T& shift) {
    std::vector<T> x;
    for (NodeIndex i : tape.inputs()) x.push_back(tape.value(i) + (i == input ? shift : T(0)));
    Tape<T> moved = replay<T>(tape, std::span<const T>(x));
    backward(moved.var(of));
    return moved.adjoint(input);
}

/// The limit of ∂(of)/∂(input) as the input approaches its value from the side of `h`
/// (h signed): from the derivatives at h and h/10, Richardson's (10 g(h/10) − g(h))/9
/// removes the O(h) error; what is left below |h| is 0 (|u|² at 0 would otherwise show
/// ±2h). The caller picks h far below the digits it prints and a precision that holds it.
template <class T>
T one_sided_limit(const Tape<T>& tape, NodeIndex of, NodeIndex input, const T& h) {
    using std::abs;
    const T limit = (10 * shifted_derivative(tape, of, input, T(h / 10)) - shifted_derivative(tape, of, input, h)) / 9;
    return abs(limit) < abs(h) ? T(0) : limit;
}

}  // namespace chainrule
