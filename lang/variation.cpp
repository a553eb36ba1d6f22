#include "variation.hpp"

#include <boost/multiprecision/cpp_int.hpp>

namespace chainrule::lang {

VariationGrid::VariationGrid(const Source& source, const Declaration& d) {
    const Variation& v = *d.variation;
    auto fail = [&](std::size_t offset, std::string message, std::string expected = {}) {
        throw LangError(source, offset, std::move(message), std::move(expected));
    };
    if (d.kind == DeclarationKind::Const)
        fail(v.offset, "a const cannot vary", "vary on an input, target or param (a const is the same for every student)");
    low_ = exact_value(v.low.text);
    const Rational high = exact_value(v.high.text);
    step_ = exact_value(v.step.text);
    if (step_ <= 0) fail(v.step.offset, "the step of vary is " + v.step.text, "a positive step");
    if (low_ > high) fail(v.low.offset, "vary " + v.low.text + ".." + v.high.text + " is empty", "LOW ≤ HIGH");
    const Rational count = (high - low_) / step_;
    const symbolic::Integer whole = numerator(count) / denominator(count);  // floor: count ≥ 0
    if (whole >= kMaxPoints)
        fail(v.step.offset, "vary " + v.low.text + ".." + v.high.text + " step " + v.step.text + " has more than " +
                                std::to_string(kMaxPoints) + " points",
             "a coarser step");
    points_ = static_cast<std::size_t>(whole) + 1;
    const Rational declared = exact_value(d.value.text);
    if (declared < low_ || declared > high)
        fail(d.value.offset, "the value " + d.value.text + " of '" + d.name.text + "' is outside its vary range " +
                                 v.low.text + ".." + v.high.text,
             "a value in the range (it is the worked example's)");
}

Rational VariationGrid::value(std::size_t k) const { return low_ + step_ * Rational(k); }

std::string VariationGrid::text(std::size_t k) const { return plain_decimal(value(k)); }

std::string plain_decimal(const Rational& r) {
    using symbolic::Integer;
    // The least k with r·10^k an integer (r is a decimal: its denominator is 2^a 5^b).
    unsigned places = 0;
    Integer scale = 1;
    while (denominator(Rational(r * Rational(scale))) != 1) {
        ++places;
        scale *= 10;
    }
    const Rational whole = r * Rational(scale);
    const Integer scaled = numerator(whole);
    const bool negative = scaled < 0;
    std::string digits = (negative ? Integer(-scaled) : scaled).str();
    if (places > 0) {
        if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
        digits.insert(digits.size() - places, ".");
    }
    return negative ? "-" + digits : digits;
}

}  // namespace chainrule::lang
