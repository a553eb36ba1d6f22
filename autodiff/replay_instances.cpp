// The replays of the library's scalar types, compiled once (compiled_types.hpp).
#include "replay.hpp"

namespace chainrule {

#define CHAINRULE_DETAIL_REPLAY(U, T)                                                                   \
    template std::vector<U> detail::replay_all<U, T>(const Tape<T>&, std::span<const U>, detail::MatrixReplay<U>&); \
    template Tape<U> replay<U, T>(const Tape<T>&, std::span<const U>);
CHAINRULE_REPLAYED_SCALARS(CHAINRULE_DETAIL_REPLAY)

}  // namespace chainrule
