#pragma once
/// \file rules.hpp
/// Every op rule struct ops::<Name> of the catalogue (ops/catalogue.hpp).

#include "catalogue.hpp"
#include "rules_activation.hpp"
#include "rules_arithmetic.hpp"
#include "rules_piecewise.hpp"
#include "rules_transcendental.hpp"
