#pragma once
/// \file jacobian.hpp
/// The gradient-only Jacobian tape in one include: JacobianTape<T>, Active<T> and their
/// operators and functions (jacobian/). Separate from chainrule.hpp (the op-level Tape<T>:
/// replay, derivations, matrices, and Eigen), which it does not include.
#include "jacobian/jacobian_tape.hpp"
#include "jacobian/functions.hpp"
