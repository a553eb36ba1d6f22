#pragma once
/// \file real.hpp
/// `Real`, the number type of every value chainrule prints as a result: an MPFR float
/// (through Boost.Multiprecision) whose precision is chosen at run time, so that the same
/// computation can be repeated at 50, 100, 200, … decimal digits (the precision ladder,
/// ladder.hpp) until the printed digits are certified.
///
/// Precision is MPFR's *default* precision, which in Boost 1.74 is one process-wide value:
/// every Real created or computed while a PrecisionScope is alive has that scope's
/// precision. Scopes hold a process-wide (recursive) lock, so two threads never mix
/// precisions; outside any scope the precision is kWorkingDigits (50).
///
/// **Exponent range.** MPFR's default exponents reach only ±2³⁰ (binary), about 10^±3.2e8:
/// e^(−10¹⁰) would underflow to 0 — at every rung alike, so the ladder would certify a wrong
/// exact 0. chainrule widens the range to the largest MPFR allows, ±(2⁶² − 1) binary, about
/// 10^±1.388e18 (widen_exponent_range), before main() in every program that includes this
/// header. Beyond even that, the ladder reads MPFR's underflow and overflow flags at each
/// rung and certifies no 0, ±∞ or NaN that came with them (Certainty::out_of_range).

#ifndef BOOST_MULTIPRECISION_MPFR_DEFAULT_PRECISION
#define BOOST_MULTIPRECISION_MPFR_DEFAULT_PRECISION 50
#endif
#include <boost/multiprecision/mpfr.hpp>

#include <mutex>

namespace chainrule {

/// A real number of run-time precision (decimal digits; see PrecisionScope).
using Real = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>,
                                           boost::multiprecision::et_off>;

/// The first rung of the ladder: the precision in which results are first computed.
inline constexpr int kWorkingDigits = 50;
/// The last rung: the ladder doubles the precision from kWorkingDigits up to this cap
/// (50, 100, 200, 400, 800, 1600 digits).
inline constexpr int kPrecisionCap = 1600;

/// Widens MPFR's exponent range to its largest, [mpfr_get_emin_min(), mpfr_get_emax_max()],
/// in the calling thread (MPFR keeps the range per thread). Values made under a narrower
/// range stay valid: their exponents lie inside the wider one. Idempotent; returns true.
bool widen_exponent_range() noexcept;

namespace detail {
/// Widens the range on the main thread at start-up (dynamic initialisation of an inline
/// variable: once per program, in any program with a unit that includes real.hpp), so that
/// Reals computed outside a PrecisionScope (descend, recording at 50 digits) have it too.
inline const bool exponent_range_widened = widen_exponent_range();
}  // namespace detail

/// Watches MPFR's underflow and overflow flags (kept per thread) from its construction:
/// exceeded() tells whether an operation since then left the exponent range (a result
/// rounded to 0 or ±∞ that is not). Watches nest: a watch clears the two flags when it
/// starts and raises again, when it ends, those that were raised before it, so an
/// enclosing watch still sees everything.
class RangeWatch {
public:
    RangeWatch() noexcept : before_(mpfr_flags_save()) { mpfr_flags_clear(kFlags); }
    ~RangeWatch() { mpfr_flags_set(before_ & kFlags); }
    RangeWatch(const RangeWatch&) = delete;
    RangeWatch& operator=(const RangeWatch&) = delete;

    bool exceeded() const noexcept { return mpfr_flags_test(kFlags) != 0; }

private:
    static constexpr mpfr_flags_t kFlags = MPFR_FLAGS_UNDERFLOW | MPFR_FLAGS_OVERFLOW;
    mpfr_flags_t before_;
};

/// Sets the precision of every Real computed while it is alive, and restores the
/// previous precision when it ends. Scopes nest; a scope blocks other threads' scopes.
/// It also widens the exponent range in its thread (a thread other than main starts with
/// MPFR's narrow default).
class PrecisionScope {
public:
    explicit PrecisionScope(int digits);
    ~PrecisionScope();
    PrecisionScope(const PrecisionScope&) = delete;
    PrecisionScope& operator=(const PrecisionScope&) = delete;

private:
    std::unique_lock<std::recursive_mutex> lock_;
    unsigned previous_;
};

/// The precision (decimal digits) new Reals get now.
int current_digits();

}  // namespace chainrule
