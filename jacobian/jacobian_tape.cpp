#include "active.hpp"

#include "../graph/errors.hpp"

namespace chainrule::detail {

void throw_bad_statement(const StatementOwner& owner) {
    if (owner.stale)
        throw StaleHandleError("chainrule: an operand of this statement refers to a Jacobian tape that was cleared "
                               "or destroyed");
    throw TapeMismatchError("chainrule: one statement mixes Actives of two different Jacobian tapes");
}

void throw_foreign_active(bool stale) {
    if (stale)
        throw StaleHandleError("chainrule: this Active refers to a Jacobian tape that was cleared or destroyed");
    throw TapeMismatchError("chainrule: this Active belongs to another Jacobian tape");
}

}  // namespace chainrule::detail
