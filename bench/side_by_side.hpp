#pragma once
// What the side-by-side benchmark drivers share: the machine's load, printed with every
// figure (on the 2-core shared machine a load above ~1.5 means other processes compete),
// and the median of the per-repetition ratios.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace chainrule::bench {

/// 1-minute load average (Linux), or a negative value when unknown.
inline double load_average() {
    double load = -1;
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1) load = -1;
        std::fclose(f);
    }
    return load;
}

/// Nanoseconds of std::chrono::steady_clock since t0.
inline double ns_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
}

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

}  // namespace chainrule::bench
