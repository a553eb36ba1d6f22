#pragma once
/// \file scalar_math.hpp
/// The numerically stable scalar functions (sigmoid, softplus, …) live in the op layer:
/// ops/scalar_math.hpp. This header keeps the old include path working.

#include "../ops/scalar_math.hpp"
