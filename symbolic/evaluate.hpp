// evaluate: the numeric value of an Expr for given symbol values.
//
//   evaluate(f, std::map<std::string, double>{{"x", 0.5}})
//   evaluate<cpp_bin_float_50>(f, {{"x", cpp_bin_float_50("0.5")}})
//
// T is a floating-point type: double, long double,
// boost::multiprecision::cpp_bin_float_50 (or any type with the std::/boost
// math functions found by ADL).  Constants are converted exactly into T
// (numerator / denominator in T), integer powers use repeated squaring, and
// every function follows the conventions of functions.hpp: sign(0) = 0,
// step(0) = 1, relu(0) = 0, xlogy(0, y) = 0, acot(x) = \pi/2 - \arctan x,
// overflow-free sigmoid/softplus/log_sigmoid/logsumexp; the constants pi and
// e at T's precision (boost::math::constants: MPFR's own for Real).  Outside a function's domain
// the result is whatever T's function returns (NaN, an infinity).
// Shared subexpressions are evaluated once.
#pragma once

#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

#include "expr.hpp"
#include "numeric_functions.hpp"

namespace chainrule::symbolic {

/// Thrown when a symbol has no value; what() names the symbol.
class unbound_symbol : public std::out_of_range {
public:
    explicit unbound_symbol(const std::string& name)
        : std::out_of_range("chainrule::symbolic::evaluate: no value for symbol '" + name + "'"), name_(name) {}
    const std::string& symbol() const noexcept { return name_; }

private:
    std::string name_;
};

namespace detail {

template <class T, class Lookup>
class Evaluator {
public:
    explicit Evaluator(Lookup& lookup) : lookup_(lookup) {}

    T operator()(const Expr& e) {
        if (auto it = memo_.find(e.id()); it != memo_.end()) return it->second;
        T value = compute(e);
        memo_.emplace(e.id(), value);
        return value;
    }

private:
    T compute(const Expr& e) {
        switch (e.kind()) {
        case Kind::constant: return numeric::to_number<T>(e.value());
        case Kind::symbol: return T(lookup_(e.name()));
        case Kind::sum: return fold(e, T(0), [](T& acc, const T& v) { acc += v; });
        case Kind::product: return fold(e, T(1), [](T& acc, const T& v) { acc *= v; });
        case Kind::power: return power(e[0], e[1]);
        case Kind::function: return function(e);
        }
        return T(0);
    }

    T function(const Expr& e) {
        if (is_variadic(e.function())) {
            std::vector<T> args;
            for (const Expr& a : e.operands()) args.push_back((*this)(a));
            return numeric::logsumexp(args);
        }
        switch (e.operands().size()) {
        case 0: return numeric::apply_constant<T>(e.function());
        case 1: return numeric::apply_unary<T>(e.function(), (*this)(e[0]));
        default: return numeric::apply_binary<T>(e.function(), (*this)(e[0]), (*this)(e[1]));
        }
    }

    template <class Op>
    T fold(const Expr& e, T acc, Op op) {
        for (const Expr& x : e.operands()) op(acc, (*this)(x));
        return acc;
    }

    T power(const Expr& base, const Expr& exponent) {
        using std::pow, std::sqrt;
        const T b = (*this)(base);
        if (is_constant(exponent)) {
            const Rational& r = exponent.value();
            if (denominator(r) == 1 && boost::multiprecision::abs(numerator(r)) <= 64)
                return numeric::integer_power(b, numerator(r).template convert_to<long>());
            if (r == Rational(1, 2)) return sqrt(b);
            if (r == -Rational(1, 2)) return T(1) / sqrt(b);
        }
        return pow(b, (*this)(exponent));
    }

    Lookup& lookup_;
    std::unordered_map<const void*, T> memo_;
};

template <class Map>
auto map_lookup(const Map& values) {
    return [&values](const std::string& name) -> const typename Map::mapped_type& {
        auto it = values.find(name);
        if (it == values.end()) throw unbound_symbol(name);
        return it->second;
    };
}

}  // namespace detail

/// Value of e where lookup(name) gives each symbol's value (and throws,
/// preferably unbound_symbol, for unknown names).
template <class T, class Lookup>
T evaluate_with(const Expr& e, Lookup&& lookup) {
    detail::Evaluator<T, std::remove_reference_t<Lookup>> evaluator(lookup);
    return evaluator(e);
}

/// Value of e with symbol values from a map.  Throws unbound_symbol (a
/// std::out_of_range naming the symbol) if a symbol of e has no value.
template <class T>
T evaluate(const Expr& e, const std::map<std::string, T>& values) {
    return evaluate_with<T>(e, detail::map_lookup(values));
}
template <class T>
T evaluate(const Expr& e, const std::map<std::string, T, std::less<>>& values) {
    return evaluate_with<T>(e, detail::map_lookup(values));
}
template <class T>
T evaluate(const Expr& e, const std::unordered_map<std::string, T>& values) {
    return evaluate_with<T>(e, detail::map_lookup(values));
}
/// evaluate<double>(f, {{"x", 0.5}, {"y", 2.0}})
template <class T>
T evaluate(const Expr& e, std::initializer_list<std::pair<const std::string, T>> values) {
    return evaluate(e, std::map<std::string, T>(values));
}

}  // namespace chainrule::symbolic
