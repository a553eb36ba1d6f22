#include "exact_value.hpp"

#include <unordered_map>

#include "function_rules.hpp"
#include "rational.hpp"

namespace chainrule::symbolic {
namespace {

using Value = std::optional<Rational>;

unsigned bits(const Integer& i) { return i == 0 ? 0u : static_cast<unsigned>(boost::multiprecision::msb(abs(i))) + 1u; }
unsigned bits(const Rational& r) { return std::max(bits(numerator(r)), bits(denominator(r))); }

class ExactEvaluator {
public:
    ExactEvaluator(const std::map<std::string, Rational, std::less<>>& values, unsigned max_bits)
        : values_(values), max_bits_(max_bits) {}

    Value operator()(const Expr& e) {
        if (auto it = memo_.find(e.id()); it != memo_.end()) return it->second;
        Value v = compute(e);
        if (v && bits(*v) > max_bits_) v.reset();
        memo_.emplace(e.id(), v);
        return v;
    }

private:
    Value compute(const Expr& e) {
        switch (e.kind()) {
        case Kind::constant: return e.value();
        case Kind::symbol: {
            auto it = values_.find(e.name());
            return it == values_.end() ? Value() : Value(it->second);
        }
        case Kind::sum: return fold(e, Rational(0), [](Rational& acc, const Rational& v) { acc += v; });
        case Kind::product: return fold(e, Rational(1), [](Rational& acc, const Rational& v) { acc *= v; });
        case Kind::power: return power(e);
        case Kind::function: return function(e);
        }
        return std::nullopt;
    }

    template <class Op>
    Value fold(const Expr& e, Rational acc, Op op) {
        for (const Expr& x : e.operands()) {
            const Value v = (*this)(x);
            if (!v) return std::nullopt;
            op(acc, *v);
            if (bits(acc) > max_bits_) return std::nullopt;
        }
        return acc;
    }

    // b^p: computed only when the result's size (bits of b times |p|) stays bounded.
    Value power(const Expr& e) {
        const Value base = (*this)(e[0]);
        const Value exponent = (*this)(e[1]);
        if (!base || !exponent) return std::nullopt;
        const std::optional<long> whole = small_integer(Rational(numerator(*exponent)));
        if (!whole || static_cast<double>(bits(*base)) * static_cast<double>(std::labs(*whole)) > max_bits_)
            return std::nullopt;
        return exact_power(*base, *exponent);
    }

    Value function(const Expr& e) {
        std::vector<Rational> a;
        for (const Expr& x : e.operands()) {
            const Value v = (*this)(x);
            if (!v) return std::nullopt;
            a.push_back(*v);
        }
        // The functions exact on rationals (|x|, sign, step, relu, min, max, leaky_relu, ...):
        // the rule's value in Rational (ops/facts.hpp, exact_on_rationals).
        const Function f = e.function();
        const auto exact = [&]<class Rule>() -> Value {
            if constexpr (!Rule::facts.exact_on_rationals) return std::nullopt;
            else if constexpr (requires { Rule::value(a[0]); }) return Rational(Rule::value(a[0]));
            else return Rational(Rule::value(a[0], a[1]));
        };
        if (is_unary_rule(f)) return visit_unary_rule(f, exact);
        if (is_binary_rule(f)) return visit_binary_rule(f, exact);
        return std::nullopt;
    }

    const std::map<std::string, Rational, std::less<>>& values_;
    unsigned max_bits_;
    std::unordered_map<const void*, Value> memo_;
};

}  // namespace

std::optional<Rational> exact_rational_value(const Expr& e, const std::map<std::string, Rational, std::less<>>& values,
                                    unsigned max_bits) {
    return ExactEvaluator(values, max_bits)(e);
}

}  // namespace chainrule::symbolic
