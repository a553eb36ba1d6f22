#include "real.hpp"

namespace chainrule {

namespace {
std::recursive_mutex& precision_mutex() {
    static std::recursive_mutex m;
    return m;
}
}  // namespace

PrecisionScope::PrecisionScope(int digits) : lock_(precision_mutex()), previous_(Real::default_precision()) {
    Real::default_precision(static_cast<unsigned>(digits));
}

PrecisionScope::~PrecisionScope() { Real::default_precision(previous_); }

int current_digits() { return static_cast<int>(Real::default_precision()); }

}  // namespace chainrule
