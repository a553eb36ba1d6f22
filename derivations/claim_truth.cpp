#include "claim_truth.hpp"

#include "../graph/op_dispatch.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <cctype>

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

bool is_decimal(std::string_view t) {
    std::size_t i = 0;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    bool digits = false, dot = false;
    for (; i < t.size() && t[i] != 'e' && t[i] != 'E'; ++i) {
        if (t[i] == '.' && !dot) dot = true;
        else if (std::isdigit(static_cast<unsigned char>(t[i]))) digits = true;
        else return false;
    }
    if (i == t.size()) return digits;
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (i == t.size() || t.size() - i > 4) return false;
    for (; i < t.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    return digits;
}

}  // namespace

Real decimal_value(std::string_view text) {
    if (!is_decimal(text)) throw Error("chainrule: '" + std::string(text) + "' is not a decimal number");
    return Real(std::string(text));
}

Real last_digit_unit(std::string_view text) {
    decimal_value(text);  // validates
    const std::size_t e = text.find_first_of("eE");
    if (e == std::string_view::npos && text.find('.') == std::string_view::npos) return Real(0);  // an integer: exact
    const std::string_view mantissa = text.substr(0, e);
    const std::size_t dot = mantissa.find('.');
    const int decimals = dot == std::string_view::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
    const int exponent = e == std::string_view::npos ? 0 : std::stoi(std::string(text.substr(e + 1)));
    return boost::multiprecision::pow(Real(10), exponent - decimals);
}

bool within(const Real& a, const Real& b, const Real& unit) {
    using boost::multiprecision::abs;
    const Real slack = Real("1e-40") * (abs(a) + abs(b));
    return abs(a - b) <= unit + slack;
}

std::optional<Agreement> agreement(const Real& claimed, const Real& value, const Real& unit) {
    using boost::multiprecision::abs;
    if (!within(claimed, value, unit)) return std::nullopt;
    if (within(claimed, value, Real(0))) return Agreement::Exact;
    if (within(claimed, value, unit / 2)) return Agreement::Rounded;
    const Real cut = boost::multiprecision::trunc(value / unit) * unit;
    if (within(claimed, cut, unit * Real("1e-30"))) return Agreement::Truncated;
    return Agreement::WithinOneUnit;
}

}  // namespace chainrule::derivations::detail
