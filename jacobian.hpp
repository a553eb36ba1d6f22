#pragma once
/// \file jacobian.hpp
/// The gradient-only Jacobian tape in one include: JacobianTape<T>, Active<T> and their
/// operators and functions (jacobian/). Separate from chainrule.hpp, which the op-level
/// Tape<T> (replay, derivations, matrices) needs, so that programs using one pay no
/// compile time for the other.
#include "jacobian/jacobian_tape.hpp"
#include "jacobian/functions.hpp"
