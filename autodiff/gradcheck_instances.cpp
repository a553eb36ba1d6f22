// gradcheck of the library's scalar types against their default reference types,
// compiled once (compiled_types.hpp).
#include "gradcheck.hpp"

namespace chainrule::detail::gradcheck {

#define CHAINRULE_DETAIL_RUN(T)                                                               \
    template GradcheckReport<GradcheckReference<T>> run<T, GradcheckReference<T>>(            \
        const Tape<T>&, NodeIndex, const std::vector<std::size_t>&, const std::vector<T>&, \
        const GradcheckOptions&);
CHAINRULE_GRADCHECKED_SCALARS(CHAINRULE_DETAIL_RUN)

}  // namespace chainrule::detail::gradcheck
