#pragma once
/// \file random.hpp
/// The demos' random numbers: a seeded std::mt19937_64 (its output sequence is fixed by
/// the C++ standard) turned into uniform and normal numbers by our own formulas, because
/// std::uniform_real_distribution and std::normal_distribution may differ between
/// standard libraries. So a seed printed by a demo reproduces the run anywhere.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace chainrule::demos {

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    /// Uniform in [0, 1): the top 53 bits of one draw, times 2⁻⁵³.
    double uniform() { return double(engine_() >> 11) * 0x1.0p-53; }
    /// Uniform in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Standard normal N(0, 1) by the Box–Muller transform (one of the pair is used, so
    /// each call takes exactly two draws): √(−2 ln u₁) · cos(2π u₂), u₁ ∈ (0, 1].
    double normal() {
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

private:
    std::mt19937_64 engine_;
};

/// A seed for a run that was given none (printed by the demos, so it can be replayed).
inline std::uint64_t fresh_seed() {
    std::random_device device;
    return (std::uint64_t(device()) << 32) ^ device();
}

}  // namespace chainrule::demos
