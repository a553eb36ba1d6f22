#pragma once
/// \file chainrule.hpp
/// Everything of the graph and autodiff layers in one include:
///   Tape<T>, Var<T>, the elementary functions, backward/grad, replay, and reference
///   central differences (central_difference_gradient).
#include "graph/tape.hpp"
#include "graph/var_functions.hpp"
#include "autodiff/reverse_sweep.hpp"
#include "autodiff/replay.hpp"
#include "autodiff/finite_difference.hpp"
