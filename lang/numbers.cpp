#include "numbers.hpp"

#include "../symbolic/rational.hpp"

#include <optional>

namespace chainrule::lang {

namespace {

using symbolic::Integer;

// The k with den | 10^k (den = 2^a 5^b), or nothing when den has another prime factor.
// Exponents beyond the language's literal range (×2 for products) are not worth folding.
std::optional<unsigned> decimal_places(Integer den) {
    constexpr unsigned kMaxPlaces = 20000;
    const unsigned twos = den == 0 ? 0 : static_cast<unsigned>(boost::multiprecision::lsb(den));
    if (twos > kMaxPlaces) return std::nullopt;
    den >>= twos;
    unsigned fives = 0;
    while (den % 5 == 0 && fives <= kMaxPlaces) {
        den /= 5;
        ++fives;
    }
    if (den != 1 || fives > kMaxPlaces) return std::nullopt;
    return std::max(twos, fives);
}

// r as "N" or "Ne-k" with N an integer: exact decimal text of a short decimal.
std::string decimal_text(const Rational& r) {
    const unsigned places = *decimal_places(denominator(r));
    const Integer scaled = numerator(r) * boost::multiprecision::pow(Integer(10), places) / denominator(r);
    return places == 0 ? scaled.str() : scaled.str() + "e-" + std::to_string(places);
}

}  // namespace

Rational exact_value(std::string_view literal) { return symbolic::parse_decimal(literal); }

Real real_value(std::string_view literal) { return Real(std::string(literal)); }

bool is_short_decimal(const Rational& r, int max_digits) {
    const std::optional<unsigned> places = decimal_places(denominator(r));
    if (!places) return false;
    std::string digits = decimal_text(r);
    digits = digits.substr(0, digits.find('e'));
    if (!digits.empty() && digits.front() == '-') digits.erase(0, 1);
    digits.erase(digits.find_last_not_of('0') + 1);  // trailing zeros are not significant
    return static_cast<int>(digits.size()) <= max_digits;
}

Real short_decimal_to_real(const Rational& r) { return Real(decimal_text(r)); }

}  // namespace chainrule::lang
