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

/// Sets the precision of every Real computed while it is alive, and restores the
/// previous precision when it ends. Scopes nest; a scope blocks other threads' scopes.
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
