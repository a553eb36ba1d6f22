#pragma once
/// \file chainrule.hpp
/// Everything of the graph and autodiff layers in one include:
///   Tape<T>, Var<T>, the elementary functions, backward/grad, replay.
#include "graph/tape.hpp"
#include "graph/var_functions.hpp"
#include "autodiff/reverse_sweep.hpp"
#include "autodiff/replay.hpp"
