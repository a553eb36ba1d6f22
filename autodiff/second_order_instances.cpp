// The second-order sweeps of the library's scalar types, compiled once (compiled_types.hpp).
#include "second_order.hpp"

namespace chainrule {

#define CHAINRULE_DETAIL_SECOND_ORDER(U, T) \
    template SecondOrderSweep<U> second_order_sweep<U, T>(const Tape<T>&, NodeIndex, std::span<const U>, std::span<const U>);
CHAINRULE_SECOND_ORDER_SCALARS(CHAINRULE_DETAIL_SECOND_ORDER)

}  // namespace chainrule
