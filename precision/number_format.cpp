#include "number_format.hpp"

#include <algorithm>
#include <stdexcept>

namespace chainrule {

namespace {

void trim_fraction_zeros(std::string& s) {
    if (s.find('.') == std::string::npos) return;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
}

// "4.812345679" × 10^12 → "4812345679000": a rounded number with no fraction digits. (Boost
// reads a precision of 0 as "every digit", so str(0, fixed) cannot be used for this.)
std::string integer_digits(std::string mantissa, int exponent) {
    const bool negative = mantissa.front() == '-';
    std::erase(mantissa, '-');
    std::erase(mantissa, '.');
    mantissa.resize(static_cast<std::size_t>(exponent) + 1, '0');
    return (negative ? "-" : "") + mantissa;
}

// The decimal exponent of Boost's scientific text "4.81e+12". A long long: MPFR's widened
// range (real.hpp) reaches exponents of ±1.388e18, beyond an int.
long long decimal_exponent(const std::string& scientific) {
    return std::stoll(scientific.substr(scientific.find('e') + 1));
}

// x rounded to `digits` significant digits in scientific notation: "4.812345679e+12". For
// one digit Boost cannot be asked (precision 0 means "every digit"), so the leading digit
// is rounded here: x / 10^e rounded to an integer, 10 carrying into the exponent.
std::string rounded_scientific(const Real& x, int digits) {
    if (digits > 1) return x.str(digits - 1, std::ios_base::scientific);
    long long exponent = decimal_exponent(x.str(0, std::ios_base::scientific));
    Real lead = boost::multiprecision::round(x / boost::multiprecision::pow(Real(10), exponent));
    if (boost::multiprecision::abs(lead) == 10) {
        lead /= 10;
        ++exponent;
    }
    return std::to_string(lead.convert_to<int>()) + "e" + std::to_string(exponent);
}

// The MPFR precision (bits) that holds `digits` decimal digits and a few bits more.
mpfr_prec_t bits_for(int digits) { return static_cast<mpfr_prec_t>(digits * 3.3219280948873623 + 8); }

// |x − d| ≤ |d|·10^−guard for x and the decimal text d, in MPFR at a precision that holds
// both x and guard digits (the global default precision is not touched).
bool within_guard(const Real& x, const std::string& d, int guard) {
    // A value carries only its own precision's digits, and a few ulps of rounding from the
    // operations that made it: 1.2^10 computed at 50 digits is 6.1917364224 within 10^-49,
    // not within 10^-(30+20). The guard stops 5 digits short of that precision.
    const int carried = static_cast<int>(static_cast<double>(mpfr_get_prec(x.backend().data())) * 0.30103);
    guard = std::min(guard, carried - 5);
    const mpfr_prec_t prec = std::max(mpfr_get_prec(x.backend().data()), bits_for(guard + 10));
    mpfr_t decimal, diff, bound;
    mpfr_inits2(prec, decimal, diff, bound, static_cast<mpfr_ptr>(nullptr));
    mpfr_set_str(decimal, d.c_str(), 10, MPFR_RNDN);
    mpfr_sub(diff, x.backend().data(), decimal, MPFR_RNDN);
    mpfr_abs(diff, diff, MPFR_RNDN);
    mpfr_set_si(bound, 10, MPFR_RNDN);
    mpfr_pow_si(bound, bound, -guard, MPFR_RNDN);
    mpfr_mul(bound, bound, decimal, MPFR_RNDN);
    mpfr_abs(bound, bound, MPFR_RNDN);
    const bool within = mpfr_lessequal_p(diff, bound) != 0;
    mpfr_clears(decimal, diff, bound, static_cast<mpfr_ptr>(nullptr));
    return within;
}

}  // namespace

std::string range_limit_text() {
    // 2^emax = 10^(emax·log10 2) at the current precision; 4 digits are plenty.
    const Real decimal = Real(mpfr_get_emax()) * boost::multiprecision::log10(Real(2));
    return "10^±" + format_number(decimal, 4);
}

bool is_short_decimal(const Real& x, int digits) {
    if (digits < 1 || digits > 40)
        throw std::invalid_argument("chainrule: digits must be between 1 and 40, got " + std::to_string(digits));
    if (!boost::multiprecision::isfinite(x)) return false;
    if (x == 0) return true;
    return within_guard(x, rounded_scientific(x, digits), digits + kExactGuardDigits);
}

std::string format_number(const Real& x, int digits) {
    if (digits < 1 || digits > 40)
        throw std::invalid_argument("chainrule: digits must be between 1 and 40, got " + std::to_string(digits));
    if (boost::multiprecision::isnan(x)) return "NaN";  // a domain error upstream (log of −1, 0/0)
    if (boost::multiprecision::isinf(x)) return x > 0 ? "inf" : "-inf";
    if (x == 0) return "0";
    // Round once, in scientific notation, to learn the decimal exponent after rounding.
    const std::string sci = rounded_scientific(x, digits);
    const auto e = sci.find('e');
    const long long exponent = decimal_exponent(sci);
    // Scientific notation also when the integer part has more digits than are significant:
    // 253449584010000 at 10 digits is 2.534495840e14, not 253449584000000 (false zeros).
    // Trailing zeros are digits too, except in a number that is a short decimal.
    const bool short_decimal = within_guard(x, sci, digits + kExactGuardDigits);
    if (exponent < -5 || exponent >= 15 || exponent >= digits) {
        std::string mantissa = sci.substr(0, e);
        if (short_decimal) trim_fraction_zeros(mantissa);
        return mantissa + "e" + std::to_string(exponent);
    }
    if (exponent >= digits - 1) return integer_digits(sci.substr(0, e), static_cast<int>(exponent));  // < 15
    std::string fixed = x.str(digits - 1 - exponent, std::ios_base::fixed);
    if (short_decimal) trim_fraction_zeros(fixed);
    return fixed;
}

std::string latex_number(const Real& x, int digits) {
    std::string s = format_number(x, digits);
    if (s == "NaN") return "\\mathrm{NaN}";
    if (s == "inf" || s == "-inf") return s.front() == '-' ? "-\\infty" : "\\infty";
    const auto e = s.find('e');
    if (e == std::string::npos) return s;
    return s.substr(0, e) + " \\times 10^{" + s.substr(e + 1) + "}";
}

std::string format_number(const Real& x, const Certainty& c, int digits) {
    // Before NaN: a NaN from a range artefact (0·∞) is not established, not undefined.
    if (c.out_of_range) return "? (underflow or overflow: a step leaves the arithmetic's range, " + range_limit_text() + ")";
    if (boost::multiprecision::isnan(x)) return "undefined";
    if (c.zero_below) return "0 (±1e" + std::to_string(*c.zero_below) + ")";
    if (c.digits == 0 && c.rounding_sensitive)
        return "? (cannot be settled: rounding at every precision up to " + std::to_string(c.precision) + " digits)";
    if (c.digits == 0) return "? (cancellation: no digit certain)";
    if (c.digits >= digits) return format_number(x, digits);
    return format_number(x, c.digits) + " (" + std::to_string(c.digits) + " digits certain)";
}

std::string latex_number(const Real& x, const Certainty& c, int digits) {
    if (c.out_of_range) return "\\text{?}";  // like a number with no certain digit
    if (boost::multiprecision::isnan(x)) return "\\text{undefined}";
    if (c.zero_below) return "0_{\\pm 10^{" + std::to_string(*c.zero_below) + "}}";
    if (c.digits == 0) return "\\text{?}";
    if (c.digits >= digits) return latex_number(x, digits);
    const std::string certain = latex_number(x, c.digits);
    // 1.5 \times 10^{-12} has a superscript already: the dagger goes on an empty group.
    return certain + (certain.find('^') == std::string::npos ? "^{\\dagger}" : "{}^{\\dagger}");
}

bool is_negative_text(const std::string& formatted) { return !formatted.empty() && formatted.front() == '-'; }

}  // namespace chainrule
