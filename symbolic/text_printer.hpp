// to_text: plain, parseable-looking text of an Expr.
//
//   -(o1 - out_o1)*out_o1*(1 - out_o1)      x^2      sin(x)      a/(b*c)
//   (o1 - out)^2/2      sqrt(x)      1/sqrt(x)      x^(1/3)      exp(-x)
//
// Operators + - * / ^ with the usual precedence (^ binds tightest, so -x^2
// means -(x^2)); parentheses only where needed; a product's denominator
// factors follow a single '/'.  Functions print as name(args) with the names
// of functions.hpp (logsumexp(a, b, c) with all its arguments); the constants
// as pi and e; xlogy(a, b) as a*log(b); symbols print by name; rationals as
// p/q.  Every form is one the .chain expression language reads back (with
// pi and e the constants unless a variable has that name).
#pragma once

#include <fmt/format.h>

#include <ostream>
#include <string>
#include <string_view>

#include "expr.hpp"

namespace chainrule::symbolic {

struct TextOptions {
    /// Print constants with a terminating decimal expansion (at most 12
    /// fractional digits) as decimals: 11/20 -> 0.55.  Others stay p/q, but for
    /// long_fraction_as_decimal (rational.hpp): selu's λ prints as its decimal.
    bool decimal_constants = false;
};

std::string to_text(const Expr& e, const TextOptions& options = {});

/// Streams to_text(e).
std::ostream& operator<<(std::ostream& os, const Expr& e);

}  // namespace chainrule::symbolic

/// fmt::format("{}", e) == to_text(e).
template <>
struct fmt::formatter<chainrule::symbolic::Expr> : fmt::formatter<std::string_view> {
    template <class Context>
    auto format(const chainrule::symbolic::Expr& e, Context& ctx) const {
        return fmt::formatter<std::string_view>::format(chainrule::symbolic::to_text(e), ctx);
    }
};
