#pragma once
/// \file claim_truth.hpp
/// (internal to the claim checker) The true value of every claim quantity on one
/// 50-digit tape: node values, total derivatives dA/dB (the adjoint of B in a reverse
/// sweep from A, through the named graph of A), and values after one descent step.

#include "claims.hpp"

#include <map>
#include <string>
#include <string_view>

namespace chainrule::derivations::detail {

class QuantityTruth {
public:
    explicit QuantityTruth(const Tape<Real>& tape) : tape_(tape) {}

    const Tape<Real>& tape() const noexcept { return tape_; }
    /// The node called `name`; throws Error naming it when the tape has none.
    NodeIndex node(std::string_view name) const;
    Real value(std::string_view name) const { return tape_.value(node(name)); }
    /// The named graph of everything `of` depends on (built once per output).
    const NamedGraph& graph(const std::string& of);
    /// dA/dB: 0 when A does not depend on B.
    Real derivative(const std::string& of, const std::string& wrt);
    /// The true value of a resolved quantity (an update has its wrt and η set).
    Real quantity(const ClaimQuantity& q);
    /// Every named node's value, by name.
    std::map<std::string, Real> named_values() const;

private:
    const Tape<Real>& tape_;
    std::map<std::string, NamedGraph, std::less<>> graphs_;
};

/// A copy of `tape` with the named leaves (variables and constants) in `leaves` set to new
/// values and every other node recomputed: the recording at another point.
Tape<Real> retape(const Tape<Real>& tape, const std::map<std::string, Real>& leaves);

/// One unit of the last digit a decimal literal shows, scaled by its exponent: the
/// precision its significant digits claim. 0.6456563062 → 1e-10, 7.31e-1 → 1e-3,
/// 2.50 → 1e-2, 1e1 → 10, 1.0e1 → 1. 0 when it claims an exact value: an integer (no
/// point, no exponent: 0, 1, −2) or a zero without decimals in any notation (0e5).
/// Throws Error when `text` is not a decimal number or its exponent is beyond ±9999.
Real last_digit_unit(std::string_view text);

/// The literal as a 50-digit number (correctly rounded). Throws Error when malformed.
Real decimal_value(std::string_view text);

/// The unit of a claimed number (0 for an exact constant, else last_digit_unit).
Real claimed_unit(const ClaimedNumber& number);

/// A claimed number's value at the current precision (an exact constant evaluated).
/// Throws Error when it is malformed or not a finite number.
Real claimed_value(const ClaimedNumber& number);

/// The claimed number as an exact rational when it claims one: an exact constant whose
/// value is rational (151/125, 12/10, 2^-3), an integer, a zero without decimals. Nothing
/// for a decimal with a precision (0.5) or an irrational constant (sqrt(2)/2).
std::optional<symbolic::Rational> claimed_rational(const ClaimedNumber& number);

/// A claimed decimal with a precision (1.87, 1.872e0) as exact rationals: its value and one
/// unit of its last digit.
struct ExactDecimal {
    symbolic::Rational value, unit;
};

/// The claimed number as an ExactDecimal; nothing for an exact constant or an integer.
std::optional<ExactDecimal> exact_decimal(const ClaimedNumber& number);

/// agreement() below in exact arithmetic, for a truth known as a rational: no 40-digit
/// slack, so a claim of 47 digits, 1.872…0001, is not "exact" for 234/125 (it is wrong).
std::optional<Agreement> exact_agreement(const ExactDecimal& claimed, const symbolic::Rational& truth);

/// |a − b| ≤ unit (a tiny relative slack absorbs the 50-digit rounding of both sides).
bool within(const Real& a, const Real& b, const Real& unit);

/// How `claimed` (with last-digit unit `unit`) agrees with `value`, or nothing when it is
/// more than one unit away, or when the claim is nonzero and `value` rounds to 0 at its
/// last digit (its leading digit would not be significant: 1e1 for 0.731).
std::optional<Agreement> agreement(const Real& claimed, const Real& value, const Real& unit);

/// True when `claimed` stands for `value` at its precision (agreement() has a value).
bool matches(const Real& claimed, const Real& value, const Real& unit);

}  // namespace chainrule::derivations::detail
