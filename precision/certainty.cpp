#include "certainty.hpp"

#include "number_format.hpp"

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
