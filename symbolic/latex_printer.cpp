#include "latex_printer.hpp"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "arithmetic.hpp"
#include "function_rules.hpp"
#include "functions.hpp"
#include "latex_names.hpp"
#include "print_support.hpp"
#include "rational.hpp"

namespace chainrule::symbolic {
namespace {

using namespace detail;

std::string parens(const std::string& s) { return "\\left(" + s + "\\right)"; }

// One item of a product: its LaTeX, whether it starts like a number (then
// it needs "\cdot" after a preceding factor: 2 \cdot 3^{x}, not 2 3^{x}) and
// whether it is a number substituted for a symbol (then "\cdot" on both
// sides: 0.4 \cdot 0.5933 \cdot \left(1 - 0.5933\right)).
struct Item {
    std::string text;
    bool numeric = false;
    bool substituted = false;
};

std::string join_factors(const std::vector<Item>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            const bool dot = items[i].numeric || items[i].substituted || items[i - 1].substituted;
            out += dot ? " \\cdot " : " ";
        }
        out += items[i].text;
    }
    return out;
}

class LatexPrinter {
public:
    explicit LatexPrinter(const LatexOptions& options) : options_(options) {}

    std::string print(const Expr& e, int min_prec) {
        std::string s = body(e);
        return precedence(e) < min_prec ? parens(s) : s;
    }

private:
    int precedence(const Expr& e) const {
        switch (e.kind()) {
        case Kind::constant: return e.value() < 0 ? prec_negation : prec_atom;
        case Kind::symbol:
            if (const std::string* t = numeric_text(e)) return t->front() == '-' ? prec_negation : prec_atom;
            return prec_atom;
        case Kind::sum: return prec_sum;
        case Kind::product: return negative_looking(e) ? prec_negation : prec_product;
        case Kind::power:
            if (is_square_root(e)) return prec_atom;
            return is_reciprocal_power(e) ? prec_product : prec_power;
        case Kind::function:
            if (is_xlogy(e)) return precedence(xlogy_as_product(e));
            if (e.function() == Function::exp && as_power(e)) return prec_power;
            return e.function() == Function::expm1 ? prec_sum : prec_atom;
        default: return prec_atom;
        }
    }

    // exp(u) as e^{u}, unless u holds a function call: the softmax e^{a - logsumexp(a, b, c)}
    // or e^{selu(z) - E} would set an argument list in superscript size; \exp(…) keeps it
    // legible.
    bool as_power(const Expr& exp_call) const {
        return options_.exp_as_power && !contains_call(exp_call[0]);
    }

    static bool contains_call(const Expr& e) {
        std::unordered_set<const void*> seen;  // a DAG: each shared node once
        std::vector<Expr> stack{e};
        while (!stack.empty()) {
            const Expr n = std::move(stack.back());
            stack.pop_back();
            if (!seen.insert(n.id()).second) continue;
            if (n.kind() == Kind::function && !n.operands().empty()) return true;  // not π, e
            for (const Expr& o : n.operands()) stack.push_back(o);
        }
        return false;
    }

    std::string body(const Expr& e) {
        switch (e.kind()) {
        case Kind::constant: return constant(e.value());
        case Kind::symbol: return symbol(e.name());
        case Kind::sum: return sum(e);
        case Kind::product: return fraction(e);
        case Kind::power: return power(e);
        case Kind::function: return function(e);
        }
        return {};
    }

    std::optional<std::string> decimal(const Rational& r) const {
        if (!options_.decimal_constants) return long_fraction_as_decimal(r);
        return terminating_decimal(r);
    }

    std::string constant(const Rational& r) const {
        if (auto d = decimal(r)) return *d;
        if (denominator(r) == 1) return numerator(r).str();
        const std::string sign = r < 0 ? "-" : "";
        return sign + "\\frac{" + Integer(abs(numerator(r))).str() + "}{" + denominator(r).str() + "}";
    }

    // The number printed instead of symbol e (LatexOptions::numeric_symbols).
    const std::string* numeric_text(const Expr& e) const {
        if (!is_symbol(e)) return nullptr;
        auto it = options_.numeric_symbols.find(e.name());
        return it == options_.numeric_symbols.end() ? nullptr : &it->second;
    }

    std::string symbol(const std::string& name) const {
        if (auto it = options_.numeric_symbols.find(name); it != options_.numeric_symbols.end()) {
            validate_latex_number(it->second);
            return it->second;
        }
        if (auto it = options_.labels.find(name); it != options_.labels.end()) return label_latex(it->second);
        return latex_name(name);
    }

    std::string sum(const Expr& e) {
        std::string out;
        bool first = true;
        for (const Expr& t : e.operands()) {
            if (negative_looking(t)) {
                out += (first ? "-" : " - ") + print(negated(t), prec_product);
            } else {
                const std::string text = print(t, prec_negation);
                const bool minus = !first && numeric_text(t) && text.front() == '-';  // a negative number
                out += minus ? " - " + text.substr(1) : (first ? "" : " + ") + text;
            }
            first = false;
        }
        return out;
    }

    // x printed as a factor, from its already printed body (printing it once
    // keeps nested fractions linear).
    Item factor_item(const Expr& x, const std::string& body_text, int min_prec) {
        std::string text = precedence(x) < min_prec ? parens(body_text) : body_text;
        const bool numeric = is_constant(x) || (!text.empty() && text.front() >= '0' && text.front() <= '9');
        const bool substituted = numeric_text(x) || (x.kind() == Kind::power && numeric_text(x[0]));
        return {std::move(text), numeric, substituted};
    }

    // A coefficient leads (2 x, 0.5 x, \frac{1}{2} \left(a - b\right)^{2}) or is
    // split over a \frac (\frac{3 x}{2 y}, \frac{x}{2}).
    bool coefficient_leads(const Rational& c, const Fraction& f, bool bulky_numerator) const {
        if (c == 1) return false;
        if (decimal(c)) return true;
        return f.denominator.empty() && (denominator(c) == 1 || bulky_numerator);
    }

    // coefficient, numerator and denominator as  c x y  or  \frac{c_1 x}{c_2 y}.
    // A rational coefficient goes into the fraction (\frac{x}{2}) unless the
    // numerator would need parentheses there: then it leads, as in
    // \frac{1}{2} \left(a - b\right)^{2}.
    std::string fraction(const Expr& e) {
        const Fraction f = split_fraction(e);
        const bool negative = f.coefficient < 0;
        const Rational c = negative ? Rational(-f.coefficient) : f.coefficient;
        // A lone numerator or denominator sits inside \frac braces: no parentheses.
        const int num_prec = f.numerator.size() == 1 ? prec_none : prec_power;
        std::vector<std::string> bodies;
        for (const Expr& x : f.numerator) bodies.push_back(body(x));
        std::vector<Item> num_factors;
        for (std::size_t i = 0; i < bodies.size(); ++i)
            num_factors.push_back(factor_item(f.numerator[i], bodies[i], num_prec));
        const bool bulky = std::any_of(num_factors.begin(), num_factors.end(),
                                       [](const Item& i) { return i.text.rfind("\\left(", 0) == 0; });
        std::vector<Item> num;
        std::vector<Item> den;
        if (coefficient_leads(c, f, bulky)) {
            num.push_back({constant(c), true});
        } else {
            if (numerator(c) != 1) num.push_back({numerator(c).str(), true});
            if (denominator(c) != 1) den.push_back({denominator(c).str(), true});
        }
        const bool is_fraction = !den.empty() || !f.denominator.empty();
        if (!num.empty() || !is_fraction) {  // factors share the numerator: parenthesise sums
            num_factors.clear();
            for (std::size_t i = 0; i < bodies.size(); ++i)
                num_factors.push_back(factor_item(f.numerator[i], bodies[i], prec_power));
        }
        num.insert(num.end(), num_factors.begin(), num_factors.end());
        const int den_prec = den.empty() && f.denominator.size() == 1 ? prec_none : prec_power;
        for (const Expr& x : f.denominator) den.push_back(factor_item(x, body(x), den_prec));
        const std::string numerator_text = num.empty() ? "1" : join_factors(num);
        const std::string sign = negative ? "-" : "";
        if (den.empty()) return sign + numerator_text;
        return sign + "\\frac{" + numerator_text + "}{" + join_factors(den) + "}";
    }

    std::string power_base(const Expr& base) {
        const std::string* number = numeric_text(base);
        const bool signed_or_scientific = number && number->find_first_not_of("0123456789.") != std::string::npos;
        const bool negative_or_fraction =
            is_constant(base) && (base.value() < 0 || denominator(base.value()) != 1);
        const bool is_radical = base.kind() == Kind::power ||
                                (base.kind() == Kind::function && base.function() == Function::cbrt);
        const bool needs_parens = signed_or_scientific || negative_or_fraction || is_radical;
        if (needs_parens) return parens(body(base));
        std::string text = print(base, prec_atom);
        // A label such as x' or \hat{y}^{*} would give a double superscript.
        return is_symbol(base) ? superscript_base(text) : text;
    }

    std::string power(const Expr& e) {
        if (is_square_root(e)) return "\\sqrt{" + print(e[0], prec_none) + "}";
        if (is_reciprocal_power(e)) return fraction(e);
        const Expr& exponent = e[1];
        std::string exponent_text;
        if (is_constant(exponent) && !is_integer(exponent) && !decimal(exponent.value())) {
            const Rational& r = exponent.value();
            exponent_text = numerator(r).str() + "/" + denominator(r).str();  // x^{3/2}, not x^{\frac{3}{2}}
        } else {
            exponent_text = print(exponent, prec_none);
        }
        return power_base(e[0]) + "^{" + exponent_text + "}";
    }

    std::string function(const Expr& e) {
        const Function f = e.function();
        if (f == Function::pi) return "\\pi";
        if (f == Function::e) return "\\mathrm{e}";  // upright, as ISO 80000-2 prints constants
        if (f == Function::xlogy) return body(xlogy_as_product(e));  // a \ln b
        const Expr& u = e[0];
        switch (f) {
        case Function::exp:
            if (as_power(e)) return "\\mathrm{e}^{" + print(u, prec_none) + "}";
            break;
        case Function::expm1: return print(make_sum({exp(u), Expr(-1)}), prec_none);
        case Function::log1p: return "\\ln" + parens(print(make_sum({Expr(1), u}), prec_none));
        case Function::log_sigmoid: return "\\ln" + parens("\\sigma" + parens(print(u, prec_none)));
        case Function::cbrt: return "\\sqrt[3]{" + print(u, prec_none) + "}";
        case Function::abs: return "\\left|" + print(u, prec_none) + "\\right|";
        default: break;
        }
        std::string args;
        for (const Expr& a : e.operands()) args += (args.empty() ? "" : ", ") + print(a, prec_none);
        return latex_function_name(f) + parens(args);  // the rule's LaTeX name (function_rules.hpp)
    }

    const LatexOptions& options_;
};

}  // namespace

std::string to_latex(const Expr& e, const LatexOptions& options) {
    return LatexPrinter(options).print(e, prec_none);
}

}  // namespace chainrule::symbolic
