#pragma once
/// \file number_text.hpp
/// A number as short text for messages and progress lines (6 significant digits), for
/// built-in and Boost.Multiprecision scalars alike.

#include <cstdio>
#include <string>
#include <type_traits>

namespace chainrule::models::detail {

template <class T>
std::string short_number(const T& x) {
    if constexpr (std::is_floating_point_v<T>) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.6g", static_cast<double>(x));
        return buffer;
    } else {
        return x.str(6);
    }
}

}  // namespace chainrule::models::detail
