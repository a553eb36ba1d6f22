// gradcheck of the library's scalar types against their default reference types,
// compiled once (compiled_types.hpp): of scalar tapes (run) and of matrix tapes
// (check_matrix_tape, gradcheck_matrix.hpp) in one unit, since both replay and sweep tapes
// with matrix nodes in T and in the reference type (cpp_bin_float_100 for the 50-digit
// type): in two units that code was compiled twice (134 s against 81 s, at -O3).
#include "gradcheck.hpp"

namespace chainrule::detail::gradcheck {

#define CHAINRULE_DETAIL_RUN(T)                                                                   \
    template GradcheckReport<GradcheckReference<T>> run<T, GradcheckReference<T>>(                \
        const Tape<T>&, NodeIndex, const std::vector<std::size_t>&, const std::vector<T>&,        \
        const GradcheckOptions&, const MatrixContext<GradcheckReference<T>>*);
CHAINRULE_GRADCHECKED_SCALARS(CHAINRULE_DETAIL_RUN)
#define CHAINRULE_DETAIL_MATRIX_CHECK(T)                                                          \
    template GradcheckReport<GradcheckReference<T>> check_matrix_tape<T, GradcheckReference<T>>( \
        const Tape<T>&, NodeIndex, std::optional<std::span<const T>>, const GradcheckOptions&);
CHAINRULE_MATRIX_GRADCHECKED_SCALARS(CHAINRULE_DETAIL_MATRIX_CHECK)

}  // namespace chainrule::detail::gradcheck
