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
///
/// **Rounding.** Every operation on Reals rounds to nearest, except inside a RoundingPattern,
/// where operations round up or down by a pattern: the ladder's test of whether a zero that
/// is the same at every rung is exact or an artefact of rounding (ladder.hpp). The rounding
/// is chosen per operation through Boost's backend (the GMP_RNDN macro below), so this
/// header must be the only way Boost's MPFR backend is included.

#ifndef BOOST_MULTIPRECISION_MPFR_DEFAULT_PRECISION
#define BOOST_MULTIPRECISION_MPFR_DEFAULT_PRECISION 50
#endif
#ifdef BOOST_MATH_BN_MPFR_HPP
#error "include precision/real.hpp before <boost/multiprecision/mpfr.hpp>: Reals round through chainrule's rounding hook"
#endif
#include <mpfr.h>

namespace chainrule::detail {
/// How the MPFR operations on Reals of this thread round: to nearest (pattern < 0, always
/// outside a RoundingPattern), or up or down by a pattern (RoundingPattern).
struct RoundingState {
    int pattern = -1;
    unsigned long long operations = 0;  ///< operations rounded by the pattern so far
};
constinit inline thread_local RoundingState rounding_state{};

/// The direction pattern `pattern` gives the operation numbered `operation`: 0 all up, 1
/// all down, 2 + 2b up where bit b of the number is set, 3 + 2b its complement.
constexpr mpfr_rnd_t patterned_rounding(int pattern, unsigned long long operation) noexcept {
    if (pattern < 2) return pattern == 0 ? MPFR_RNDU : MPFR_RNDD;
    const bool bit = ((operation >> ((pattern - 2) / 2)) & 1U) != 0;
    return bit == (pattern % 2 == 0) ? MPFR_RNDU : MPFR_RNDD;
}

/// The rounding of the next MPFR operation on a Real (Boost.Multiprecision calls it where
/// it would pass MPFR_RNDN: see below).
inline mpfr_rnd_t rounding_of_next_operation() noexcept {
    RoundingState& s = rounding_state;
    if (s.pattern < 0) return MPFR_RNDN;
    return patterned_rounding(s.pattern, s.operations++);
}
}  // namespace chainrule::detail

// Boost.Multiprecision's MPFR backend rounds every operation to nearest by passing the
// macro GMP_RNDN. Seen through this macro, the rounding is chosen per operation at run
// time, so that the precision ladder can compute a number again with its operations
// rounded up or down (RoundingPattern, ladder.hpp). Outside a pattern it is MPFR_RNDN, as
// before. Every unit includes Boost's backend through this header (the #error above), so
// the backend's inline functions are the same everywhere.
#undef GMP_RNDN
#define GMP_RNDN (::chainrule::detail::rounding_of_next_operation())
#include <boost/multiprecision/mpfr.hpp>
#undef GMP_RNDN
#define GMP_RNDN MPFR_RNDN

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

/// Watches MPFR's inexact flag (kept per thread) from its construction: exceeded() tells
/// whether an operation since then rounded its result (1/3, e^x, 1 + 10^-4343 at fewer
/// digits). Nests like RangeWatch: an enclosing watch still sees everything.
class InexactWatch {
public:
    InexactWatch() noexcept : before_(mpfr_flags_save()) { mpfr_flags_clear(MPFR_FLAGS_INEXACT); }
    ~InexactWatch() { mpfr_flags_set(before_ & MPFR_FLAGS_INEXACT); }
    InexactWatch(const InexactWatch&) = delete;
    InexactWatch& operator=(const InexactWatch&) = delete;

    bool rounded() const noexcept { return mpfr_flags_test(MPFR_FLAGS_INEXACT) != 0; }

private:
    mpfr_flags_t before_;
};

/// While alive, every operation on Reals in this thread rounds up or down by a fixed
/// pattern instead of to nearest (the ladder's test of whether a number that was the same
/// at every rung is a rounding artefact: ladder.hpp). Patterns 0 … kRoundingPatterns − 1:
/// all up; all down; then, for b = 0, 1, 2, up where bit b of the operation's number (in
/// the order operations happen) is set, and the complement — so every two operations
/// fewer than 8 apart are rounded in each of the four combinations of directions by some
/// pattern (1/(1 + e^−x) − 1 needs the sum rounded up and the quotient down). Patterns do
/// not nest; the previous state comes back at the end.
inline constexpr int kRoundingPatterns = 8;
class RoundingPattern {
public:
    explicit RoundingPattern(int pattern) noexcept : before_(detail::rounding_state) {
        detail::rounding_state = detail::RoundingState{pattern, 0};
    }
    ~RoundingPattern() { detail::rounding_state = before_; }
    RoundingPattern(const RoundingPattern&) = delete;
    RoundingPattern& operator=(const RoundingPattern&) = delete;

    /// Operations rounded by the pattern so far.
    unsigned long long operations() const noexcept { return detail::rounding_state.operations; }

private:
    detail::RoundingState before_;
};

/// False while a RoundingPattern is alive in this thread: numbers computed now are a test
/// of rounding, not results.
inline bool rounds_to_nearest() noexcept { return detail::rounding_state.pattern < 0; }

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
