#include "ladder.hpp"

#include <stdexcept>

namespace chainrule {

namespace {

// One rung's numbers, and whether any step of it left MPFR's exponent range.
struct Rung {
    std::vector<Real> numbers;
    bool range_exceeded = false;
};

Rung evaluate_at(const std::function<void(std::vector<Real>&)>& evaluate, int precision) {
    PrecisionScope scope(precision);
    const RangeWatch watch;  // this rung's arithmetic only
    Rung rung;
    evaluate(rung.numbers);
    rung.range_exceeded = watch.exceeded();
    return rung;
}

// Settles, as not established, every open number that is a range artefact at this rung.
std::size_t settle_range_artefacts(const Rung& rung, int precision, std::vector<Certainty>& certainty,
                                   std::vector<bool>& settled) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < rung.numbers.size(); ++i)
        if (!settled[i] && range_artefact(rung.numbers[i], rung.range_exceeded)) {
            settled[i] = true;
            certainty[i] = out_of_range_certainty(precision);
            ++count;
        }
    return count;
}

}  // namespace

int ladder_cap(int max_exponent) {
    int cap = kPrecisionCap;
    while (cap < 4 * max_exponent + 400 && cap < kLargestCap) cap *= 2;
    return cap;
}

std::vector<Certainty> run_ladder(const std::function<void(std::vector<Real>&)>& evaluate, int digits,
                                  std::vector<Real>& numbers, int cap) {
    int lo_digits = kWorkingDigits;
    Rung first = evaluate_at(evaluate, lo_digits);
    std::vector<Certainty> certainty(first.numbers.size());
    std::vector<bool> settled(first.numbers.size(), false);
    // A 0, ∞ or NaN that came with an underflow or overflow is the same at every rung
    // (the range does not grow with the precision): never certified, however it agrees.
    std::size_t open = first.numbers.size() - settle_range_artefacts(first, lo_digits, certainty, settled);
    std::vector<Real> lo = std::move(first.numbers);
    std::vector<Real> hi;
    for (int hi_digits = 2 * lo_digits; hi_digits <= cap; lo_digits = hi_digits, hi_digits *= 2) {
        Rung hi_rung = evaluate_at(evaluate, hi_digits);
        if (hi_rung.numbers.size() != lo.size())
            throw std::logic_error("chainrule: the precision ladder's computation changed its count of numbers");
        open -= settle_range_artefacts(hi_rung, hi_digits, certainty, settled);
        hi = std::move(hi_rung.numbers);
        const bool last = hi_digits * 2 > cap;
        for (std::size_t i = 0; i < hi.size(); ++i) {
            // The same value at two precisions is either exact or a cancellation that lost
            // every digit at both (1 − cos x = 0 for x = 1e−60 at 50 and 100 digits): a zero
            // climbs to the cap, another value until it was the same at 50, 100, 200 and
            // 400 digits (kIdenticalTrusted).
            const bool identical = boost::multiprecision::isfinite(lo[i]) && lo[i] == hi[i];
            const bool trusted = last || (hi[i] != 0 && hi_digits >= kIdenticalTrusted);
            if (settled[i] || (identical && !trusted) || !settles(lo[i], hi[i], digits)) continue;
            settled[i] = true;
            certainty[i].precision = hi_digits;
            certainty[i].same_at_every_rung = identical;
            --open;
        }
        if (open == 0 || last) {
            for (std::size_t i = 0; i < hi.size(); ++i)
                if (!settled[i]) certainty[i] = final_certainty(lo[i], hi[i], lo_digits, hi_digits, digits);
            break;
        }
        lo = std::move(hi);
    }
    numbers = std::move(hi);
    return certainty;
}

}  // namespace chainrule
