#pragma once
// The steps of a matrix-form derivation by name, for the matrix worksheet tests.
#include "derivations/matrix_derivation.hpp"

#include <catch2/catch.hpp>

#include <string_view>

namespace matrix_steps {

// The step named `name` of a forward pass or a reverse sweep; a test failure when none is.
template <class Step>
const Step& named(const std::vector<Step>& steps, std::string_view name) {
    for (const Step& s : steps)
        if (s.name == name) return s;
    FAIL("no step " << name);
    throw;
}

inline const chainrule::derivations::MatrixForwardStep& forward_of(const chainrule::derivations::MatrixDerivation& d,
                                                                   std::string_view name) {
    return named(d.forward, name);
}

inline const chainrule::derivations::MatrixGradientStep& gradient_of(const chainrule::derivations::MatrixDerivation& d,
                                                                     std::string_view name) {
    return named(d.backward, name);
}

}  // namespace matrix_steps
