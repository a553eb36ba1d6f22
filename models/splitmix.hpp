#pragma once
/// \file splitmix.hpp
/// A small random generator whose every number can be reproduced outside C++ (the
/// PyTorch script of bench/ does, in a dozen lines of Python): splitmix64, the
/// Fisher–Yates shuffle it drives, and uniform numbers in [0, 1). The MNIST split, the
/// initial weights of the layers and the per-epoch batch order all come from here, so a
/// run is the same on every compiler and standard library (std::uniform_real_distribution
/// is not: its algorithm is left to the implementation).

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace chainrule::models {

/// splitmix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014; the constants of Vigna's reference code, prng.di.unimi.it/splitmix64.c):
/// \f[ x \leftarrow x + \texttt{0x9e3779b97f4a7c15} \pmod{2^{64}}, \qquad z = \operatorname{mix}(x), \f]
/// mix(z): z ← (z ⊕ z≫30)·0xbf58476d1ce4e5b9, z ← (z ⊕ z≫27)·0x94d049bb133111eb, z ⊕ z≫31.
/// Seed 1234567 gives 6457827717110365317, 3203168211198807973, 9817491932198370423, …
class SplitMix64 {
public:
    explicit constexpr SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}

    /// The next 64-bit number.
    constexpr std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// A number in [0, 1): the top 53 bits of next() times 2⁻⁵³ (exact in a double).
    constexpr double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// A number in [lo, hi): lo + (hi − lo)·uniform().
    constexpr double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }

private:
    std::uint64_t state_;
};

/// Fisher–Yates shuffle of 0, 1, …, n − 1 (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P) driven
/// by splitmix64(seed):
///   p = [0, 1, …, n−1]; for i = n−1 down to 1: j = next() mod (i + 1); swap(p[i], p[j]).
/// (The modulo has a bias of at most (i + 1)/2⁶⁴: immaterial here, and trivial to repeat
/// in any language.) n = 5, seed 4 gives [1, 2, 4, 0, 3].
inline std::vector<std::size_t> fisher_yates_permutation(std::size_t n, std::uint64_t seed) {
    std::vector<std::size_t> p(n);
    std::iota(p.begin(), p.end(), std::size_t{0});
    SplitMix64 rng(seed);
    for (std::size_t i = n; i-- > 1;) {
        const auto j = static_cast<std::size_t>(rng.next() % (static_cast<std::uint64_t>(i) + 1));
        std::swap(p[i], p[j]);
    }
    return p;
}

}  // namespace chainrule::models
