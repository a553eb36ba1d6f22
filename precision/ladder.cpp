#include "ladder.hpp"

#include <stdexcept>

namespace chainrule {

namespace {

std::vector<Real> evaluate_at(const std::function<void(std::vector<Real>&)>& evaluate, int precision) {
    PrecisionScope scope(precision);
    std::vector<Real> numbers;
    evaluate(numbers);
    return numbers;
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
    std::vector<Real> lo = evaluate_at(evaluate, lo_digits);
    std::vector<Certainty> certainty(lo.size());
    std::vector<bool> settled(lo.size(), false);
    std::size_t open = lo.size();
    std::vector<Real> hi;
    for (int hi_digits = 2 * lo_digits; hi_digits <= cap; lo_digits = hi_digits, hi_digits *= 2) {
        hi = evaluate_at(evaluate, hi_digits);
        if (hi.size() != lo.size())
            throw std::logic_error("chainrule: the precision ladder's computation changed its count of numbers");
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
