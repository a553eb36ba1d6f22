#pragma once
/// \file always_inline.hpp
/// CHAINRULE_ALWAYS_INLINE forces inlining of the few small functions that every recorded
/// op runs (the op wrappers of var_functions.hpp, Tape's record/push fast path, the
/// expression nodes of the Jacobian tape): without it GCC keeps each op an out-of-line
/// call, which costs ~20% of recording time. Define it as `inline` before including
/// chainrule to trade that speed for smaller code.
#ifndef CHAINRULE_ALWAYS_INLINE
#if defined(__GNUC__) || defined(__clang__)
#define CHAINRULE_ALWAYS_INLINE [[gnu::always_inline]] inline
#else
#define CHAINRULE_ALWAYS_INLINE inline
#endif
#endif
