#pragma once
// Shared harness of the derivative tests: record a function of a few inputs on a fresh
// Tape<T> at random points of its domain, take the reverse-mode gradient in T, and compare
// it with a central difference computed by replaying the same tape in a much wider type
// (autodiff/finite_difference.hpp). The reference never uses the ops' partial rules, only
// their values, so it checks the partials independently.
#include "chainrule.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/cpp_dec_float.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace derivative_check {

using boost::multiprecision::cpp_bin_float_100;
using boost::multiprecision::cpp_bin_float_50;
using boost::multiprecision::cpp_dec_float_50;
using chainrule::NodeIndex;
using chainrule::Tape;
using chainrule::Var;

/// The reference type for checking T, and its finite-difference step. For types of up to
/// ~20 digits, 50 digits with h = 1e-20: truncation ~ h^2 |f'''/f'|/6 ~ 1e-40 and rounding
/// ~ 1e-50 |f|/(h |f'|) ~ 1e-30 relative, far below the 1e-19 of long double. For the
/// 50-digit types, 100 digits with h = 1e-30: both terms ~ 1e-60 against an eps of 1e-50
/// (h = 1e-40 would leave the rounding term at 1e-60/|f'|, too big where the derivative
/// is small, as tanh'(15) ~ 4e-13).
template <class T>
inline constexpr bool is_wide = std::numeric_limits<T>::digits10 > 30;
template <class T>
using ReferenceOf = std::conditional_t<is_wide<T>, cpp_bin_float_100, cpp_bin_float_50>;
template <class T>
ReferenceOf<T> reference_step() {
    return ReferenceOf<T>(is_wide<T> ? "1e-30" : "1e-20");
}

/// Machine epsilon of T as a double (1e-49 for cpp_dec_float_50, ≈5e-51 for cpp_bin_float_50).
template <class T>
double epsilon_of() {
    return static_cast<double>(std::numeric_limits<T>::epsilon());
}

template <class U>
double to_double(const U& x) {
    if constexpr (std::is_floating_point_v<U>)
        return static_cast<double>(x);
    else
        return x.template convert_to<double>();
}

template <class T>
std::string show(const T& x) {
    return chainrule::to_decimal_string(x, std::numeric_limits<T>::max_digits10);
}

/// A decimal constant in T: exact in the decimal type, correctly rounded in the binary ones.
template <class T>
T decimal(const char* text) {
    if constexpr (std::is_floating_point_v<T>)
        return static_cast<T>(std::strtold(text, nullptr));
    else
        return T(text);
}

/// |a − n| / |n|, with 0/0 = 0 and a/0 = ∞ for a ≠ 0 (n is the reference).
template <class U>
U relative_error(const U& a, const U& n) {
    using std::abs;
    if (n == 0) return a == 0 ? U(0) : U(std::numeric_limits<double>::infinity());
    return U(abs(U(a - n)) / abs(n));
}

/// Worst relative error met so far, and the first failure in words.
struct Stats {
    double worst = 0;
    std::string worst_where;
    int points = 0;
    int failures = 0;
    std::string first_failure;
};

/// Compares the reverse-mode gradient of `output` (w.r.t. every Input of the tape) with
/// the reference central difference. A component passes when
///     |ad − fd| ≤ rel_tol·(|fd| + abs_scale) + abs_floor:
/// a relative test (abs_scale = 0 by default), since the derivatives span many orders
/// of magnitude; the tiny absolute floor only lets an exact zero (sign' = 0, d/dx x⁰ = 0,
/// where the difference is exactly 0 too) or an underflowed value compare equal, and is
/// far too small to hide an error in any derivative of normal size. abs_scale > 0 is for
/// a library function known to be accurate only absolutely near its zeros (see its case).
template <class T>
void compare_with_reference(const Tape<T>& tape, const Var<T>& output, double rel_tol, double abs_floor,
                            Stats& stats, const std::string& label, double abs_scale = 0) {
    using U = ReferenceOf<T>;
    using std::abs;
    std::vector<Var<T>> inputs;
    for (NodeIndex i : tape.inputs()) inputs.push_back(tape.var(i));
    const std::vector<T> ad = chainrule::grad(output, inputs);
    const std::vector<U> fd = chainrule::central_difference_gradient<U>(tape, output.index(), reference_step<T>());
    ++stats.points;
    for (std::size_t k = 0; k < ad.size(); ++k) {
        const U a = chainrule::scalar_cast<U>(ad[k]);
        const U err = relative_error(a, fd[k]);
        const double e = to_double(err);
        std::ostringstream where;
        where << label << " at (";
        for (std::size_t j = 0; j < inputs.size(); ++j) where << (j ? ", " : "") << show(inputs[j].value());
        where << "), d/dx" << k + 1 << ": reverse " << show(ad[k]) << ", reference " << fd[k].str(25);
        if (e > stats.worst || (std::isnan(e) && !std::isnan(stats.worst))) {
            stats.worst = e;
            stats.worst_where = where.str();
        }
        const bool ok = abs(U(a - fd[k])) <= U(rel_tol) * U(abs(fd[k]) + U(abs_scale)) + U(abs_floor);
        if (!ok) {
            if (stats.failures++ == 0) stats.first_failure = where.str() + ", relative error " + std::to_string(e);
        }
    }
}

/// Prints a line per case when CHAINRULE_PRINT_ERRORS is set (for reports; silent in CI).
inline void maybe_print(const std::string& type, const std::string& label, const Stats& s, double tol) {
    if (std::getenv("CHAINRULE_PRINT_ERRORS") != nullptr)
        std::printf("%-16s %-28s points %4d  worst rel. error %.3g  (tol %.3g)\n", type.c_str(), label.c_str(),
                    s.points, s.worst, tol);
}

/// A point sampler: draws the inputs of one case (as doubles, then converted to T).
using Sampler = std::function<std::vector<double>(std::mt19937_64&)>;

/// Uniform on (lo, hi), redrawn while `avoid(x)` (kinks, singularities with a margin).
inline Sampler uniform(double lo, double hi, std::function<bool(double)> avoid = {}) {
    return [=](std::mt19937_64& rng) {
        std::uniform_real_distribution<double> d(lo, hi);
        for (;;) {
            const double x = d(rng);
            if (!avoid || !avoid(x)) return std::vector<double>{x};
        }
    };
}

/// Uniform on (alo, ahi) × (blo, bhi), redrawn while `avoid(a, b)`.
inline Sampler uniform2(double alo, double ahi, double blo, double bhi,
                        std::function<bool(double, double)> avoid = {}) {
    return [=](std::mt19937_64& rng) {
        std::uniform_real_distribution<double> da(alo, ahi), db(blo, bhi);
        for (;;) {
            const double a = da(rng), b = db(rng);
            if (!avoid || !avoid(a, b)) return std::vector<double>{a, b};
        }
    };
}

/// |x| < margin: the sampler's guard around a kink or pole at 0.
inline std::function<bool(double)> near_zero(double margin) {
    return [=](double x) { return std::abs(x) < margin; };
}

/// One case: a function of the inputs recorded on a tape, and where to sample it.
template <class T>
struct Case {
    std::string label;
    std::function<Var<T>(const std::vector<Var<T>>&)> f;
    Sampler sample;
    double abs_scale = 0;  // see compare_with_reference; 0: a purely relative test
};

/// Runs one case at `points` random points (seeded: failures are reproducible).
template <class T>
Stats run_case(const Case<T>& c, int points, double rel_tol, double abs_floor, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Stats stats;
    for (int n = 0; n < points; ++n) {
        const std::vector<double> at = c.sample(rng);
        Tape<T> tape;
        std::vector<Var<T>> x;
        for (double v : at) x.push_back(tape.variable(T(v)));
        const Var<T> y = c.f(x);
        compare_with_reference(tape, y, rel_tol, abs_floor, stats, c.label, c.abs_scale);
    }
    return stats;
}

}  // namespace derivative_check
