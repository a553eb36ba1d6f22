#include "text_printer.hpp"

#include "print_support.hpp"
#include "rational.hpp"

namespace chainrule::symbolic {
namespace {

using namespace detail;

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += separator;
        out += items[i];
    }
    return out;
}

class TextPrinter {
public:
    explicit TextPrinter(const TextOptions& options) : options_(options) {}

    std::string print(const Expr& e, int min_prec) {
        std::string s = body(e);
        return precedence(e) < min_prec ? "(" + s + ")" : s;
    }

private:
    std::optional<std::string> decimal(const Rational& r) const {
        if (!options_.decimal_constants) return long_fraction_as_decimal(r);
        return terminating_decimal(r);
    }

    int precedence(const Expr& e) const {
        switch (e.kind()) {
        case Kind::constant:
            if (e.value() < 0) return prec_negation;
            return denominator(e.value()) == 1 || decimal(e.value()) ? prec_atom : prec_product;
        case Kind::sum: return prec_sum;
        case Kind::product: return negative_looking(e) ? prec_negation : prec_product;
        case Kind::power:
            if (is_square_root(e)) return prec_atom;
            return is_reciprocal_power(e) ? prec_product : prec_power;
        case Kind::function: return is_xlogy(e) ? precedence(xlogy_as_product(e)) : prec_atom;
        default: return prec_atom;
        }
    }

    std::string body(const Expr& e) {
        switch (e.kind()) {
        case Kind::constant: return constant(e.value());
        case Kind::symbol: return e.name();
        case Kind::sum: return sum(e);
        case Kind::product: return fraction(e);
        case Kind::power: return power(e);
        case Kind::function: return function(e);
        }
        return {};
    }

    std::string constant(const Rational& r) const {
        if (auto d = decimal(r)) return *d;
        if (denominator(r) == 1) return numerator(r).str();
        return numerator(r).str() + "/" + denominator(r).str();
    }

    std::string sum(const Expr& e) {
        std::string out;
        bool first = true;
        for (const Expr& t : e.operands()) {
            if (negative_looking(t)) out += (first ? "-" : " - ") + print(negated(t), prec_product);
            else out += (first ? "" : " + ") + print(t, prec_negation);
            first = false;
        }
        return out;
    }

    // coefficient, numerator factors and denominator factors as a*b/(c*d).
    std::string fraction(const Expr& e) {
        Fraction f = split_fraction(e);
        const bool negative = f.coefficient < 0;
        const Rational c = negative ? Rational(-f.coefficient) : f.coefficient;
        std::vector<std::string> num;
        std::vector<std::string> den;
        if (auto d = decimal(c); d && c != 1) {
            num.push_back(*d);
        } else {
            if (numerator(c) != 1) num.push_back(numerator(c).str());
            if (denominator(c) != 1) den.push_back(denominator(c).str());
        }
        for (const Expr& x : f.numerator) num.push_back(print(x, prec_power));
        for (const Expr& x : f.denominator) den.push_back(print(x, prec_power));
        std::string out = (negative ? "-" : "") + (num.empty() ? std::string("1") : join(num, "*"));
        if (den.empty()) return out;
        return out + "/" + (den.size() == 1 ? den.front() : "(" + join(den, "*") + ")");
    }

    std::string power(const Expr& e) {
        if (is_square_root(e)) return "sqrt(" + print(e[0], prec_none) + ")";
        if (is_reciprocal_power(e)) return fraction(e);
        const Expr& exponent = e[1];
        const bool plain = is_symbol(exponent) || (is_integer(exponent) && exponent.value() >= 0);
        return print(e[0], prec_atom) + "^" + (plain ? body(exponent) : "(" + print(exponent, prec_none) + ")");
    }

    std::string function(const Expr& e) {
        if (e.operands().empty()) return std::string(function_name(e.function()));  // pi, e
        if (is_xlogy(e)) return body(xlogy_as_product(e));                             // a*log(b)
        std::vector<std::string> args;
        for (const Expr& a : e.operands()) args.push_back(print(a, prec_none));
        return std::string(function_name(e.function())) + "(" + join(args, ", ") + ")";
    }

    const TextOptions& options_;
};

}  // namespace

std::string to_text(const Expr& e, const TextOptions& options) {
    return TextPrinter(options).print(e, prec_none);
}

std::ostream& operator<<(std::ostream& os, const Expr& e) { return os << to_text(e); }

}  // namespace chainrule::symbolic
