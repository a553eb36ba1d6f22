// The scalar expansion of matrix tapes (scalar_expansion.hpp) for the library's scalar
// types, compiled once (compiled_types.hpp).
#include "scalar_expansion.hpp"

namespace chainrule {

#define CHAINRULE_DETAIL_EXPANSION(T)                                                  \
    template std::size_t scalar_expansion_size<T>(const Tape<T>&, NodeIndex);          \
    template ScalarExpansion<T> expand_to_scalars<T>(const Tape<T>&, NodeIndex, std::size_t);
CHAINRULE_EXPANDED_SCALARS(CHAINRULE_DETAIL_EXPANSION)

}  // namespace chainrule
