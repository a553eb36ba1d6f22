#pragma once
// The steps of a matrix-form derivation by name, for the matrix worksheet tests.
#include "derivations/matrix_derivation.hpp"

#include <catch2/catch.hpp>

#include <string_view>

namespace matrix_steps {

inline const chainrule::derivations::MatrixForwardStep& forward_of(const chainrule::derivations::MatrixDerivation& d,
                                                                   std::string_view name) {
    for (const auto& s : d.forward)
        if (s.name == name) return s;
    FAIL("no forward step " << name);
    throw;
}

inline const chainrule::derivations::MatrixGradientStep& gradient_of(const chainrule::derivations::MatrixDerivation& d,
                                                                     std::string_view name) {
    for (const auto& s : d.backward)
        if (s.name == name) return s;
    FAIL("no gradient step " << name);
    throw;
}

}  // namespace matrix_steps
