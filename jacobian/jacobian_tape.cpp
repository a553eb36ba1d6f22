#include "active.hpp"

#include "../graph/errors.hpp"

namespace chainrule::detail {

void throw_bad_statement(const StatementOwner& owner) {
    if (owner.mixed)
        throw TapeMismatchError(
            "chainrule: one statement mixes Actives of different Jacobian tapes, or of a tape and its state before "
            "a clear()");
    throw StaleHandleError("chainrule: an Active refers to a Jacobian tape that was cleared or destroyed");
}

}  // namespace chainrule::detail
