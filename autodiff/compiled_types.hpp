#pragma once
/// \file compiled_types.hpp
/// The scalar types whose reverse sweep, replay and gradcheck the library compiles once
/// (autodiff/reverse_sweep_instances.cpp, replay_instances.cpp, gradcheck_instances.cpp,
/// second_order_instances.cpp). The headers
/// declare those instantiations `extern template`, so a program or test that sweeps a tape
/// of one of these types links to the library's copy instead of compiling the whole op
/// table again in every translation unit (the build-time budget, docs/architecture.md).
/// Other scalar types (symbolic::Expr, cpp_dec_float, …) are instantiated where used, as
/// any template. A unit that defines CHAINRULE_MUTATE_SIN_PARTIAL (the mutation test of
/// gradcheck, with a deliberately wrong sin rule) compiles its own instantiations.

#include "../precision/real.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

// X(T) for every type whose reverse sweep is compiled in the library.
#define CHAINRULE_SWEPT_SCALARS(X) \
    X(float) X(double) X(long double) X(boost::multiprecision::cpp_bin_float_50) X(::chainrule::Real)

// X(T) for every type whose gradcheck (against its default reference type) is compiled in
// the library.
#define CHAINRULE_GRADCHECKED_SCALARS(X) X(float) X(double) X(long double) X(boost::multiprecision::cpp_bin_float_50)

// X(T) for every type whose gradcheck of matrix tapes (gradcheck_matrix.hpp) is compiled in
// the library: double (the command line's) and the 50-digit type; another T compiles its
// own (the clean build's time: each type costs ~20 s of compilation).
#define CHAINRULE_MATRIX_GRADCHECKED_SCALARS(X) X(double) X(boost::multiprecision::cpp_bin_float_50)

// X(T) for every type whose scalar expansion (scalar_expansion.hpp) is compiled in the library.
#define CHAINRULE_EXPANDED_SCALARS(X) X(double) X(boost::multiprecision::cpp_bin_float_50) X(::chainrule::Real)

// X(U, T) for every replay of a Tape<T> in U compiled in the library (replay.hpp): the
// 50-digit replays behind worksheets, claims and the README's quickstart, and replay at
// another point in double.
#define CHAINRULE_REPLAYED_SCALARS(X)                                                                          \
    X(::chainrule::Real, float) X(::chainrule::Real, double) X(::chainrule::Real, long double)                 \
    X(::chainrule::Real, ::chainrule::Real) X(boost::multiprecision::cpp_bin_float_50, float)                  \
    X(boost::multiprecision::cpp_bin_float_50, double) X(boost::multiprecision::cpp_bin_float_50, long double) \
    X(double, double)

// X(U, T) for every second-order sweep (second_order.hpp: Hessians, Hessian–vector
// products) of a Tape<T> in U compiled in the library: double, and the 50-digit types of
// reference values (cpp_bin_float_50) and of the precision ladder (Real).
#define CHAINRULE_SECOND_ORDER_SCALARS(X) \
    X(double, double) X(boost::multiprecision::cpp_bin_float_50, double) X(::chainrule::Real, double) \
        X(::chainrule::Real, ::chainrule::Real)

#ifndef CHAINRULE_MUTATE_SIN_PARTIAL
#define CHAINRULE_USE_COMPILED_INSTANCES 1
#else
#define CHAINRULE_USE_COMPILED_INSTANCES 0
#endif
