#pragma once
/// \file chainrule.hpp
/// Everything of the graph and autodiff layers in one include:
///   Tape<T>, Var<T>, Mat<T> (matrix nodes, docs/matrix.md), the elementary functions and
///   matrix ops, backward/grad, replay, and reference central differences
///   (central_difference_gradient, central_difference_matrix_gradient).
#include "graph/tape.hpp"
#include "graph/var_functions.hpp"
#include "graph/mat_functions.hpp"
#include "autodiff/reverse_sweep.hpp"
#include "autodiff/replay.hpp"
#include "autodiff/finite_difference.hpp"
