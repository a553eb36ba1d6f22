#include "rational.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace chainrule::symbolic {
namespace {

using boost::multiprecision::msb;

constexpr long max_decimal_exponent = 10000;

Integer power_of_ten(long n) { return boost::multiprecision::pow(Integer(10), static_cast<unsigned>(n)); }

// Digits only; boost would read a leading 0 as octal, so strip leading zeros.
Integer parse_digits(std::string_view digits) {
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    return digits.empty() ? Integer(0) : Integer(std::string(digits));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view take_digits(std::string_view text, std::size_t& i) {
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    return text.substr(start, i - start);
}

[[noreturn]] void bad_decimal(std::string_view text) {
    throw std::invalid_argument("chainrule::symbolic: malformed decimal constant \"" + std::string(text) + "\"");
}

long parse_exponent(std::string_view text, std::size_t& i) {
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    const std::string_view digits = take_digits(text, i);
    if (digits.empty()) bad_decimal(text);
    long value = 0;
    for (char c : digits) {
        value = value * 10 + (c - '0');
        if (value > max_decimal_exponent)
            throw std::invalid_argument("chainrule::symbolic: decimal exponent out of range in \"" +
                                        std::string(text) + "\"");
    }
    return negative ? -value : value;
}

void check_finite(double value) {
    if (!std::isfinite(value))
        throw std::invalid_argument("chainrule::symbolic: cannot make an exact constant from " +
                                    fmt::format("{}", value));
}

// Largest x with x^q <= n (n >= 0), by bisection on [0, 2^(bits/q + 1)).
Integer integer_root(const Integer& n, unsigned q) {
    if (n < 2) return n;
    Integer lo = 0;
    Integer hi = Integer(1) << (msb(n) / q + 1);
    while (hi - lo > 1) {
        Integer mid = (lo + hi) >> 1;
        if (boost::multiprecision::pow(mid, q) <= n) lo = mid;
        else hi = mid;
    }
    return lo;
}

std::optional<Integer> exact_integer_root(const Integer& n, unsigned q) {
    Integer r = integer_root(n, q);
    if (boost::multiprecision::pow(r, q) == n) return r;
    return std::nullopt;
}

}  // namespace

Rational make_rational(const Integer& p, const Integer& q) {
    if (q < 0) return Rational(Integer(-p), Integer(-q));
    return Rational(p, q);
}

Rational parse_decimal(std::string_view text) {
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    const std::string_view whole = take_digits(text, i);
    std::string_view fraction;
    if (i < text.size() && text[i] == '.') fraction = take_digits(text, ++i);
    if (whole.empty() && fraction.empty()) bad_decimal(text);
    long exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) exponent = parse_exponent(text, ++i);
    if (i != text.size()) bad_decimal(text);

    Integer mantissa = parse_digits(std::string(whole) + std::string(fraction));
    if (negative) mantissa = -mantissa;
    const long scale = exponent - static_cast<long>(fraction.size());
    if (scale >= 0) return Rational(mantissa * power_of_ten(scale));
    return Rational(mantissa, power_of_ten(-scale));
}

Rational exact_rational(double value) { return exact_rational(static_cast<long double>(value)); }

Rational exact_rational(long double value) {
    if (!std::isfinite(value)) check_finite(static_cast<double>(value));
    int exponent = 0;
    long double fraction = std::fabs(std::frexp(value, &exponent));  // |value| = fraction 2^exponent
    // Peel off the mantissa 32 bits at a time: exact for any precision.
    Integer m = 0;
    while (fraction != 0) {
        fraction = std::ldexp(fraction, 32);
        const auto chunk = static_cast<unsigned long>(fraction);
        fraction -= static_cast<long double>(chunk);
        m = (m << 32) + chunk;
        exponent -= 32;
    }
    if (value < 0) m = -m;
    if (exponent >= 0) return Rational(m << exponent);
    return Rational(m, Integer(1) << -exponent);
}

Rational shortest_decimal_rational(double value) {
    check_finite(value);
    return parse_decimal(fmt::format("{}", value));  // fmt's "{}" is shortest round-trip
}

Rational shortest_decimal_rational(float value) {
    check_finite(value);
    return parse_decimal(fmt::format("{}", value));
}

std::optional<long> small_integer(const Rational& r) {
    if (denominator(r) != 1) return std::nullopt;
    const Integer& n = numerator(r);
    if (n > std::numeric_limits<long>::max() || n < std::numeric_limits<long>::min()) return std::nullopt;
    return n.convert_to<long>();
}

Rational pow_int(const Rational& r, long n) {
    const auto magnitude = static_cast<unsigned>(n < 0 ? -n : n);
    Integer num = boost::multiprecision::pow(numerator(r), magnitude);
    Integer den = boost::multiprecision::pow(denominator(r), magnitude);
    return n < 0 ? make_rational(den, num) : Rational(num, den);
}

std::optional<Rational> exact_power(const Rational& r, const Rational& exponent) {
    if (auto n = small_integer(exponent)) {
        if (r == 0 && *n < 0) return std::nullopt;
        if (std::abs(*n) > 4096) return std::nullopt;  // keep folded numbers small
        return pow_int(r, *n);
    }
    // Non-integer exponent p/q: only roots of non-negative numbers.
    if (r < 0) return std::nullopt;
    const auto p = small_integer(Rational(numerator(exponent)));
    const Integer& q = denominator(exponent);
    if (!p || q > 64 || std::abs(*p) > 4096) return std::nullopt;
    const auto qu = q.convert_to<unsigned>();
    const auto num_root = exact_integer_root(numerator(r), qu);
    const auto den_root = exact_integer_root(denominator(r), qu);
    if (!num_root || !den_root) return std::nullopt;
    const Rational root(*num_root, *den_root);
    if (root == 0 && *p < 0) return std::nullopt;
    return pow_int(root, *p);
}

std::optional<std::string> long_fraction_as_decimal(const Rational& r) {
    const std::string den = denominator(r).str();
    if (den.size() <= 12) return std::nullopt;
    std::optional<std::string> d = terminating_decimal(r, 1000);
    const std::size_t fraction_size = Integer(abs(numerator(r))).str().size() + 1 + den.size();
    if (!d || d->size() - (r < 0 ? 1 : 0) >= fraction_size) return std::nullopt;
    return d;
}

std::optional<std::string> terminating_decimal(const Rational& r, int max_digits) {
    Integer den = denominator(r);
    int twos = 0;
    int fives = 0;
    while (den % 2 == 0) den /= 2, ++twos;
    while (den % 5 == 0) den /= 5, ++fives;
    const int digits = std::max(twos, fives);
    if (den != 1 || digits > max_digits) return std::nullopt;
    const Integer scaled = abs(numerator(r)) * power_of_ten(digits) / denominator(r);
    std::string text = scaled.str();
    if (digits > 0) {
        if (text.size() <= static_cast<std::size_t>(digits))
            text.insert(0, static_cast<std::size_t>(digits) + 1 - text.size(), '0');
        text.insert(text.size() - static_cast<std::size_t>(digits), ".");
    }
    return r < 0 ? "-" + text : text;
}

}  // namespace chainrule::symbolic
