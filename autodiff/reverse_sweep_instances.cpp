// The reverse sweep of the library's scalar types, compiled once (compiled_types.hpp).
#include "reverse_sweep.hpp"

namespace chainrule {

#define CHAINRULE_DETAIL_SWEEP(T) template void reverse_sweep<T>(Tape<T>&, NodeIndex);
CHAINRULE_SWEPT_SCALARS(CHAINRULE_DETAIL_SWEEP)

}  // namespace chainrule
