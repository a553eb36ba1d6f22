#include "ladder.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <stdexcept>

namespace chainrule {

namespace {

using Evaluate = std::function<void(std::vector<Real>&)>;

// One rung's numbers, whether any step of it left MPFR's exponent range, and whether any
// step rounded its result.
struct Rung {
    std::vector<Real> numbers;
    bool range_exceeded = false;
    bool rounded = false;
};

Rung evaluate_at(const Evaluate& evaluate, int precision) {
    PrecisionScope scope(precision);
    const RangeWatch range;  // this rung's arithmetic only
    const InexactWatch inexact;
    Rung rung;
    evaluate(rung.numbers);
    rung.range_exceeded = range.exceeded();
    rung.rounded = inexact.rounded();
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

// The numbers at `precision` with every operation rounded by `pattern` (RoundingPattern),
// and the count of operations; nothing when the computation threw or changed its count of
// numbers (then it tells nothing, and the numbers under test are not settled).
struct RoundedRun {
    std::vector<Real> numbers;
    unsigned long long operations = 0;
};

std::optional<RoundedRun> evaluate_rounded(const Evaluate& evaluate, int precision, int pattern, std::size_t count) {
    PrecisionScope scope(precision);
    const RoundingPattern rounding(pattern);
    RoundedRun run;
    try {
        evaluate(run.numbers);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (run.numbers.size() != count) return std::nullopt;
    run.operations = rounding.operations();
    return run;
}

// What directed rounding does to the numbers under test: the largest change per number,
// NaN when a run failed or gave a non-finite value.
struct Deviations {
    std::vector<Real> largest;  // by index of the ladder's numbers; 0 for others
    std::set<int> moving;       // the patterns that changed some number
    unsigned long long operations = 0;
};

Deviations deviations(const Evaluate& evaluate, int precision, const std::vector<Real>& nearest,
                      const std::vector<std::size_t>& tested, const std::vector<int>& patterns) {
    Deviations d;
    d.largest.assign(nearest.size(), Real(0));
    for (int p : patterns) {
        const std::optional<RoundedRun> run = evaluate_rounded(evaluate, precision, p, nearest.size());
        if (run) d.operations = std::max(d.operations, run->operations);
        for (std::size_t i : tested) {
            using boost::multiprecision::abs;
            const Real change = !run || !boost::multiprecision::isfinite(run->numbers[i])
                                    ? std::numeric_limits<Real>::quiet_NaN()
                                    : Real(abs(run->numbers[i] - nearest[i]));
            if (change == 0) continue;  // NaN is not 0: a failed run moves every number under test
            d.moving.insert(p);
            if (boost::multiprecision::isnan(d.largest[i])) continue;  // failed before: stays NaN
            if (boost::multiprecision::isnan(change) || change > d.largest[i]) d.largest[i] = change;
        }
    }
    return d;
}

// A 0 that was the same at every rung, from rungs that rounded, is either exact — 0·w,
// relu'(−2), x − x stay 0 whichever way each operation rounds — or an artefact of rounding
// that no rung up to the cap resolves: 1 + e^−10000 is 1 below 4343 digits, so
// log(1 + e^−10000) is 0 at every rung. The zeros are computed again at the first rung
// with their operations rounded up, down and in mixed patterns; those that move are
// artefacts, bounded by what the same patterns do at the last two rungs.
void test_zeros(const Evaluate& evaluate, const std::vector<Real>& first, const std::vector<Real>& lo,
                const std::vector<Real>& hi, int lo_digits, int hi_digits, std::vector<Certainty>& certainty) {
    std::vector<std::size_t> zeros;
    for (std::size_t i = 0; i < hi.size(); ++i)
        if (certainty[i].same_at_every_rung && hi[i] == 0) zeros.push_back(i);
    if (zeros.empty()) return;
    std::vector<int> all(kRoundingPatterns);
    for (int p = 0; p < kRoundingPatterns; ++p) all[static_cast<std::size_t>(p)] = p;
    const Deviations at_first = deviations(evaluate, kWorkingDigits, first, zeros, all);
    std::vector<std::size_t> artefacts;
    for (std::size_t i : zeros)
        if (at_first.largest[i] != 0) artefacts.push_back(i);  // NaN ≠ 0 too
    if (artefacts.empty()) return;
    const std::vector<int> moving(at_first.moving.begin(), at_first.moving.end());
    const Deviations at_lo = deviations(evaluate, lo_digits, lo, artefacts, moving);
    const Deviations at_hi = deviations(evaluate, hi_digits, hi, artefacts, moving);
    for (std::size_t i : artefacts)
        certainty[i] = boost::multiprecision::isnan(at_first.largest[i])
                           ? rounding_artefact_certainty(at_first.largest[i], at_first.largest[i], lo_digits, hi_digits, 0)
                           : rounding_artefact_certainty(at_lo.largest[i], at_hi.largest[i], lo_digits, hi_digits,
                                                         at_hi.operations);
}

}  // namespace

int ladder_cap(int max_exponent) {
    int cap = kPrecisionCap;
    while (cap < 4 * max_exponent + 400 && cap < kLargestCap) cap *= 2;
    return cap;
}

std::vector<Certainty> run_ladder(const Evaluate& evaluate, int digits, std::vector<Real>& numbers, int cap) {
    int lo_digits = kWorkingDigits;
    Rung first = evaluate_at(evaluate, lo_digits);
    std::vector<Certainty> certainty(first.numbers.size());
    std::vector<bool> settled(first.numbers.size(), false);
    // A 0, ∞ or NaN that came with an underflow or overflow is the same at every rung
    // (the range does not grow with the precision): never certified, however it agrees.
    std::size_t open = first.numbers.size() - settle_range_artefacts(first, lo_digits, certainty, settled);
    const std::vector<Real> first_numbers = first.numbers;
    std::vector<Real> lo = std::move(first.numbers);
    std::vector<Real> hi;
    bool hi_rounded = first.rounded;
    for (int hi_digits = 2 * lo_digits; hi_digits <= cap; lo_digits = hi_digits, hi_digits *= 2) {
        Rung hi_rung = evaluate_at(evaluate, hi_digits);
        if (hi_rung.numbers.size() != lo.size())
            throw std::logic_error("chainrule: the precision ladder's computation changed its count of numbers");
        open -= settle_range_artefacts(hi_rung, hi_digits, certainty, settled);
        hi = std::move(hi_rung.numbers);
        hi_rounded = hi_rung.rounded;
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
            // A rung in which no operation rounded computed every number exactly.
            if (hi_rounded) test_zeros(evaluate, first_numbers, lo, hi, lo_digits, hi_digits, certainty);
            break;
        }
        lo = std::move(hi);
    }
    numbers = std::move(hi);
    return certainty;
}

}  // namespace chainrule
