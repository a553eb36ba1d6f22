#include "claim_truth.hpp"

#include "claim_second_order.hpp"

#include "../graph/op_dispatch.hpp"
#include "../symbolic/evaluate.hpp"
#include "../symbolic/exact_value.hpp"
#include "../symbolic/rational.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <algorithm>
#include <optional>

namespace chainrule::derivations::detail {

NodeIndex QuantityTruth::node(std::string_view name) const {
    if (auto i = tape_.find(name)) return *i;
    throw Error("chainrule: the model has no node named '" + std::string(name) + "'");
}

const NamedGraph& QuantityTruth::graph(const std::string& of) {
    auto it = graphs_.find(of);
    if (it == graphs_.end()) it = graphs_.emplace(of, build_named_graph(tape_, tape_.var(node(of)))).first;
    return it->second;
}

Real QuantityTruth::derivative(const std::string& of, const std::string& wrt) {
    node(wrt);  // a name the tape does not have is an error, not a zero
    const NamedGraph& g = graph(of);
    const auto i = g.find(wrt);
    return i ? g.nodes[*i].adjoint : Real(0);
}

Real QuantityTruth::quantity(const ClaimQuantity& q) {
    switch (q.kind) {
        case ClaimQuantity::Kind::Value: return value(q.of);
        case ClaimQuantity::Kind::Derivative: return derivative(q.of, q.wrt);
        case ClaimQuantity::Kind::Update: return value(q.of) - *q.learning_rate * derivative(q.wrt, q.of);
        case ClaimQuantity::Kind::SecondDerivative: return second_derivative(*this, q);
    }
    return Real(0);
}

std::map<std::string, Real> QuantityTruth::named_values() const {
    std::map<std::string, Real> v;
    for (NodeIndex i = 0; i < tape_.size(); ++i)
        if (std::string_view n = tape_.name(i); !n.empty()) v.emplace(std::string(n), tape_.value(i));
    return v;
}

Tape<Real> retape(const Tape<Real>& tape, const std::map<std::string, Real>& leaves) {
    Tape<Real> out;
    out.reserve(tape.size());
    const Real zero(0);
    for (NodeIndex i = 0; i < tape.size(); ++i) {
        const NodeRecord& r = tape.node(i);
        const std::string_view name = tape.name(i);
        Real v;
        NodeIndex in1 = r.in1;
        if (r.op == OpKind::Input || r.op == OpKind::Const) {
            auto it = name.empty() ? leaves.end() : leaves.find(std::string(name));
            v = it == leaves.end() ? tape.value(i) : it->second;
        } else if (has_param(r.op)) {
            in1 = out.add_param(tape.param(i));
            v = op_value<Real>(r.op, out.value(r.in0), zero, tape.param(i));
        } else {
            v = op_value<Real>(r.op, out.value(r.in0), arity(r.op) == 2 ? out.value(r.in1) : zero, zero);
        }
        out.record_raw(r.op, r.in0, in1, v);
        if (!name.empty()) out.set_name(i, name);
    }
    return out;
}

namespace {

// A decimal literal split into its parts: [sign] mantissa [e exponent].
struct DecimalParts {
    std::string_view mantissa;  ///< digits with at most one '.', no sign
    int exponent = 0;
};

// The largest decimal exponent a claim may have, as in the language (docs/language.md).
constexpr int kMaxExponent = 9999;

std::optional<DecimalParts> decimal_parts(std::string_view t) {
    if (!t.empty() && (t.front() == '+' || t.front() == '-')) t.remove_prefix(1);
    const std::size_t e = t.find_first_of("eE");
    const std::string_view mantissa = t.substr(0, e);
    const bool has_digit = mantissa.find_first_of("0123456789") != std::string_view::npos;
    if (!has_digit || mantissa.find_first_not_of("0123456789.") != std::string_view::npos ||
        std::count(mantissa.begin(), mantissa.end(), '.') > 1)
        return std::nullopt;
    if (e == std::string_view::npos) return DecimalParts{mantissa, 0};
    std::string_view digits = t.substr(e + 1);
    const bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size()));  // 1e0005 is 1e5
    if (digits.size() > 4 || (!digits.empty() && std::stoi(std::string(digits)) > kMaxExponent)) return std::nullopt;
    const int exponent = digits.empty() ? 0 : std::stoi(std::string(digits));
    return DecimalParts{mantissa, negative ? -exponent : exponent};
}

DecimalParts checked_parts(std::string_view text) {
    if (auto parts = decimal_parts(text)) return *parts;
    throw Error("chainrule: '" + std::string(text) + "' is not a decimal number (with an exponent of at most ±" +
                std::to_string(kMaxExponent) + ")");
}

}  // namespace

Real decimal_value(std::string_view text) {
    checked_parts(text);
    return Real(std::string(text));
}

namespace {

// The power of ten of one unit of the last digit (exponent − decimals), or nothing when
// the text claims an exact value (see last_digit_unit).
std::optional<int> last_digit_power(std::string_view text) {
    const DecimalParts parts = checked_parts(text);
    const std::size_t dot = parts.mantissa.find('.');
    const bool zero = parts.mantissa.find_first_not_of("0.") == std::string_view::npos;
    // An integer claims an exact value; so does a zero without decimals in any notation
    // (0e5): having no significant digit, it has no precision of its own.
    if (dot == std::string_view::npos && (zero || text.find_first_of("eE") == std::string_view::npos))
        return std::nullopt;
    const int decimals = dot == std::string_view::npos ? 0 : static_cast<int>(parts.mantissa.size() - dot - 1);
    return parts.exponent - decimals;
}

}  // namespace

Real last_digit_unit(std::string_view text) {
    const std::optional<int> p = last_digit_power(text);
    return p ? boost::multiprecision::pow(Real(10), *p) : Real(0);
}

std::optional<ExactDecimal> exact_decimal(const ClaimedNumber& number) {
    if (number.exact) return std::nullopt;
    const std::optional<int> p = last_digit_power(number.text);
    if (!p) return std::nullopt;
    return ExactDecimal{symbolic::parse_decimal(number.text), symbolic::pow_int(symbolic::Rational(10), *p)};
}

Real claimed_unit(const ClaimedNumber& number) { return number.exact ? Real(0) : last_digit_unit(number.text); }

Real claimed_value(const ClaimedNumber& number) {
    if (!number.exact) return decimal_value(number.text);
    const Real v = symbolic::evaluate<Real>(*number.exact, std::map<std::string, Real>{});
    if (!boost::multiprecision::isfinite(v))
        throw Error("chainrule: the claimed value " + number.text + " is not a finite number");
    return v;
}

std::optional<symbolic::Rational> claimed_rational(const ClaimedNumber& number) {
    if (number.exact) return symbolic::exact_rational_value(*number.exact, {});
    if (last_digit_unit(number.text) != 0) return std::nullopt;
    return symbolic::parse_decimal(number.text);  // an integer or 0e5: exactly its value
}

bool within(const Real& a, const Real& b, const Real& unit) {
    using boost::multiprecision::abs;
    const Real slack = Real("1e-40") * (abs(a) + abs(b));
    return abs(a - b) <= unit + slack;
}

namespace {

// The largest multiple of unit toward zero from value: what truncating value to the claim's
// last digit gives.
Real truncated(const Real& value, const Real& unit) { return boost::multiprecision::trunc(value / unit) * unit; }
symbolic::Rational truncated(const symbolic::Rational& value, const symbolic::Rational& unit) {
    const symbolic::Rational units = value / unit;
    return symbolic::Rational(symbolic::Integer(numerator(units) / denominator(units))) * unit;  // toward zero
}

// How `claimed`, written to the digit `unit`, stands for `truth` — in 50-digit numbers
// (close: within a relative 1e-40) or exactly (close: |a − b| ≤ tol), one classification.
template <class N, class Close>
std::optional<Agreement> classify(const N& claimed, const N& truth, const N& unit, const N& truncation_slack, Close close) {
    using boost::multiprecision::abs;
    if (!close(claimed, truth, unit)) return std::nullopt;
    // A nonzero claim's leading digit is significant: 1e1 (10, one digit, in the tens)
    // does not stand for 0.731, which rounds to 0 in the tens, though it is within ten.
    if (claimed != 0 && abs(truth) < unit / 2 && !close(N(abs(truth)), N(unit / 2), N(0))) return std::nullopt;
    if (close(claimed, truth, N(0))) return Agreement::Exact;
    if (close(claimed, truth, N(unit / 2))) return Agreement::Rounded;
    if (close(claimed, truncated(truth, unit), truncation_slack)) return Agreement::Truncated;
    return Agreement::WithinOneUnit;
}

}  // namespace

std::optional<Agreement> agreement(const Real& claimed, const Real& value, const Real& unit) {
    return classify(claimed, value, unit, Real(unit * Real("1e-30")), within);
}

std::optional<Agreement> exact_agreement(const ExactDecimal& claimed, const symbolic::Rational& truth) {
    const auto close = [](const symbolic::Rational& a, const symbolic::Rational& b, const symbolic::Rational& tol) {
        return boost::multiprecision::abs(a - b) <= tol;
    };
    return classify(claimed.value, truth, claimed.unit, symbolic::Rational(0), close);
}

bool matches(const Real& claimed, const Real& value, const Real& unit) {
    return agreement(claimed, value, unit).has_value();
}

}  // namespace chainrule::derivations::detail
