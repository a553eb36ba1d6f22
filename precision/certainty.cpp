#include "certainty.hpp"

#include "number_format.hpp"

#include <algorithm>
#include <cmath>

namespace chainrule {

namespace {

bool same_non_finite(const Real& lo, const Real& hi) {
    using boost::multiprecision::isinf;
    using boost::multiprecision::isnan;
    if (isnan(lo) || isnan(hi)) return isnan(lo) && isnan(hi);
    return isinf(lo) && isinf(hi) && (lo > 0) == (hi > 0);
}

// ⌈log10 |x|⌉ for finite x ≠ 0: 10^result bounds |x| from above. |x| reaches 2^±(2^62)
// (real.hpp), so the result needs more than an int.
long long decimal_ceiling(const Real& x) {
    const Real l = boost::multiprecision::log10(boost::multiprecision::abs(x));
    return boost::multiprecision::ceil(l).convert_to<long long>();
}

}  // namespace

Certainty out_of_range_certainty(int precision) {
    Certainty c;
    c.digits = 0;
    c.precision = precision;
    c.out_of_range = true;
    return c;
}

bool range_artefact(const Real& x, bool range_exceeded) {
    return range_exceeded && (x == 0 || !boost::multiprecision::isfinite(x));  // NaN ≠ 0, and not finite
}

bool settles(const Real& lo, const Real& hi, int digits) {
    using boost::multiprecision::isfinite;
    if (!isfinite(lo) || !isfinite(hi)) return same_non_finite(lo, hi);
    return format_number(lo, digits) == format_number(hi, digits);
}

std::optional<Enclosure> enclosure(const Real& x, const Certainty& c) {
    using boost::multiprecision::abs;
    using boost::multiprecision::floor;
    using boost::multiprecision::log10;
    using boost::multiprecision::pow;
    if (c.out_of_range) return std::nullopt;
    if (c.zero_below) {
        const Real bound = pow(Real(10), Real(*c.zero_below));
        return Enclosure{-bound, bound};
    }
    if (c.digits == 0 || (!boost::multiprecision::isfinite(x) && !c.complete())) return std::nullopt;
    if (c.complete() || x == 0) return Enclosure{x, x};
    // d certain digits: the truth is within one unit of the d-th significant digit.
    const Real unit = pow(Real(10), floor(log10(abs(x))) - (c.digits - 1));
    return Enclosure{x - unit, x + unit};
}

Certainty rounding_artefact_certainty(const Real& dev_lo, const Real& dev_hi, int lo_digits, int hi_digits,
                                      unsigned long long operations) {
    using boost::multiprecision::isfinite;
    Certainty c;
    c.digits = 0;
    c.precision = hi_digits;
    c.rounding_sensitive = true;
    if (!isfinite(dev_lo) || !isfinite(dev_hi)) return c;
    const Real ops(std::max<unsigned long long>(operations, 1));
    const Real shrink = boost::multiprecision::pow(Real(10), -(hi_digits - lo_digits) / 2);
    if (dev_hi == 0) {
        // No directed rounding moved it at the top rung: what moved it at lo_digits, scaled
        // down to hi_digits (or 10^-hi_digits when nothing did at either).
        using boost::multiprecision::pow;
        const Real scaled = dev_lo == 0 ? pow(Real(10), -hi_digits) : dev_lo * pow(Real(10), -(hi_digits - lo_digits));
        c.zero_below = decimal_ceiling(scaled * ops);
    } else if (dev_hi <= dev_lo * shrink) {
        c.zero_below = decimal_ceiling(dev_hi * ops);
    }
    // A bound of 1 or more says nothing a reader can use (exp(10⁴)·((1 + e^−10⁴) − 1) is
    // 0 within 10^2744): no bound.
    if (c.zero_below && *c.zero_below >= 0) c.zero_below.reset();
    return c;
}

Certainty final_certainty(const Real& lo, const Real& hi, int lo_digits, int hi_digits, int digits) {
    using boost::multiprecision::abs;
    using boost::multiprecision::isfinite;
    Certainty c;
    c.precision = hi_digits;
    c.digits = 0;
    if (!isfinite(lo) || !isfinite(hi)) return c;  // a finite value at one rung, infinite at the other
    for (int d = digits - 1; d >= 1; --d)
        if (format_number(lo, d) == format_number(hi, d)) {
            c.digits = d;
            return c;
        }
    // Pure rounding noise around an exact zero shrinks like 10^-precision: accept as zero
    // only a value that shrank at least half as fast as that between the last two rungs.
    const Real shrink = boost::multiprecision::pow(Real(10), -(hi_digits - lo_digits) / 2);
    if (hi == 0 || (lo != 0 && abs(hi) <= abs(lo) * shrink)) {
        const Real bound = abs(hi) > abs(lo) ? abs(hi) : abs(lo);
        c.zero_below = bound == 0 ? -static_cast<long long>(hi_digits) : decimal_ceiling(bound);
    }
    return c;
}

}  // namespace chainrule
