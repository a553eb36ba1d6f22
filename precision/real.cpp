#include "real.hpp"

namespace chainrule {

namespace {
std::recursive_mutex& precision_mutex() {
    static std::recursive_mutex m;
    return m;
}
}  // namespace

bool widen_exponent_range() noexcept {
    // Both calls succeed: the bounds are the ones MPFR reports as allowed, and widening
    // never puts an existing value out of range (so no mpfr_check_range is needed).
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    return true;
}

PrecisionScope::PrecisionScope(int digits) : lock_(precision_mutex()), previous_(Real::default_precision()) {
    widen_exponent_range();
    Real::default_precision(static_cast<unsigned>(digits));
}

PrecisionScope::~PrecisionScope() { Real::default_precision(previous_); }

int current_digits() { return static_cast<int>(Real::default_precision()); }

}  // namespace chainrule
