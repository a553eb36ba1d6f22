#include "number_format.hpp"

#include <stdexcept>

namespace chainrule::derivations {

namespace {

void trim_fraction_zeros(std::string& s) {
    if (s.find('.') == std::string::npos) return;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
}

}  // namespace

std::string format_number(const Real& x, int digits) {
    if (digits < 1 || digits > 40)
        throw std::invalid_argument("chainrule: digits must be between 1 and 40, got " + std::to_string(digits));
    if (boost::multiprecision::isnan(x)) return "NaN";  // a domain error upstream (log of −1, 0/0)
    if (boost::multiprecision::isinf(x)) return x > 0 ? "inf" : "-inf";
    if (x == 0) return "0";
    // Round once, in scientific notation, to learn the decimal exponent after rounding.
    const std::string sci = x.str(digits - 1, std::ios_base::scientific);
    const auto e = sci.find('e');
    const int exponent = std::stoi(sci.substr(e + 1));
    if (exponent < -5 || exponent >= 15) {
        std::string mantissa = sci.substr(0, e);
        trim_fraction_zeros(mantissa);
        return mantissa + "e" + std::to_string(exponent);
    }
    std::string fixed = x.str(std::max(0, digits - 1 - exponent), std::ios_base::fixed);
    trim_fraction_zeros(fixed);
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

bool is_negative_text(const std::string& formatted) { return !formatted.empty() && formatted.front() == '-'; }

}  // namespace chainrule::derivations
