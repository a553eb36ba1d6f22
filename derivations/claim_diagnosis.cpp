#include "claim_diagnosis.hpp"

#include "chain_rule.hpp"
#include "../precision/number_format.hpp"

#include "../symbolic/text_printer.hpp"

#include <algorithm>

namespace chainrule::derivations::detail {
namespace {

std::string num(const Real& x) { return format_number(x, 10); }

Real unit_of(const ClaimResult& r) { return claimed_unit(std::get<ClaimedNumber>(r.claim.claimed)); }

bool is_number(const ClaimResult& r) { return std::holds_alternative<ClaimedNumber>(r.claim.claimed); }

// The claim of k is (close to) the right value of `self`: the two were swapped.
bool swapped_with(const std::vector<ClaimResult>& results, std::size_t self, std::size_t k) {
    return k != self && is_number(results[k]) && matches(*results[k].claimed, results[self].right, unit_of(results[k]));
}

// "it is the value of E_o2 …": another named node's value or another claim's true value.
std::string other_quantity(QuantityTruth& truth, const std::vector<ClaimResult>& results, std::size_t self) {
    const ClaimResult& r = results[self];
    const Real c = *r.claimed, unit = unit_of(r);
    if (c == 0) return {};  // a claimed 0 equals every exact zero around it: that explains nothing
    const bool is_value = r.claim.quantity.kind == ClaimQuantity::Kind::Value;
    for (const auto& [name, v] : truth.named_values()) {
        if ((is_value && name == r.claim.quantity.of) || !matches(c, v, unit) || within(r.right, v, unit)) continue;
        for (std::size_t k = 0; k < results.size(); ++k)
            if (results[k].claim.quantity.kind == ClaimQuantity::Kind::Value && results[k].claim.quantity.of == name &&
                swapped_with(results, self, k))
                return "it is the value of " + name + " (" + num(v) + "), and the claim of " + name + " is the value of " +
                       quantity_text(r.claim.quantity) + ": the two values are swapped";
        return "it is the value of " + name + " (" + num(v) + ")";
    }
    for (std::size_t k = 0; k < results.size(); ++k) {
        const ClaimResult& o = results[k];
        if (k == self || quantity_text(o.claim.quantity) == quantity_text(r.claim.quantity)) continue;
        if (!matches(c, o.right, unit) || within(r.right, o.right, unit)) continue;
        return "it is the value of " + quantity_text(o.claim.quantity) + " (" + num(o.right) + ")" +
               (swapped_with(results, self, k) ? ": the two values are swapped" : "");
    }
    return {};
}

std::string scaled(const ClaimResult& r) {
    const Real c = *r.claimed, unit = unit_of(r);
    if (matches(c, -r.right, unit)) return "the sign is wrong (the right value is " + num(r.right) + ")";
    if (matches(c, 2 * r.right, unit)) return "it is twice the right value";
    if (matches(c, r.right / 2, unit)) return "it is half the right value";
    return {};
}

// The chain B = M0 → M1 → … → A of nodes that every path from B to A passes through.
std::vector<std::size_t> dominator_chain(const NamedGraph& g, std::size_t b) {
    const double total = count_paths(g, g.output, b);
    std::vector<std::size_t> chain{b};
    for (std::size_t m = b + 1; m < g.output; ++m)
        if (count_paths(g, g.output, m) * count_paths(g, m, b) == total && total > 0) chain.push_back(m);
    chain.push_back(g.output);
    return chain;
}

// "dE_o1/dout_o1 = -(o1 - out_o1)" (the formula when the factor is one edge).
std::string factor_text(QuantityTruth& truth, const std::string& of, const std::string& wrt) {
    std::string text = "d" + of + "/d" + wrt;
    const NamedGraph& g = truth.graph(of);
    const std::size_t i = g.at(wrt);
    if (count_paths(g, g.output, i) == 1.0) {
        const auto& reads = g.nodes[g.output].reads;
        if (std::find(reads.begin(), reads.end(), i) != reads.end())
            text += " = " + symbolic::to_text(local_partial(g, g.output, i).formula);
    }
    return text;
}

// The right product of the dominator chain with one factor replaced by a named value.
std::string replaced_factor(QuantityTruth& truth, const ClaimResult& r) {
    const ClaimQuantity& q = r.claim.quantity;
    const NamedGraph& g = truth.graph(q.of);
    const auto b = g.find(q.wrt);
    if (!b) return {};
    const std::vector<std::size_t> chain = dominator_chain(g, *b);
    if (chain.size() < 3) return {};
    std::vector<Real> factors;
    for (std::size_t i = 0; i + 1 < chain.size(); ++i)
        factors.push_back(truth.derivative(g.nodes[chain[i + 1]].name, g.nodes[chain[i]].name));
    const Real unit = unit_of(r);
    for (std::size_t i = 0; i < factors.size(); ++i) {
        Real rest(1);
        for (std::size_t j = 0; j < factors.size(); ++j)
            if (j != i) rest *= factors[j];
        for (const auto& [name, v] : truth.named_values()) {
            if (within(v, factors[i], unit) || !matches(*r.claimed, rest * v, unit)) continue;
            const std::string of = g.nodes[chain[i + 1]].name, wrt = g.nodes[chain[i]].name;
            return name + " (" + num(v) + ") was used in place of " + factor_text(truth, of, wrt) + " (" +
                   num(factors[i]) + ")";
        }
    }
    return {};
}

std::string update_slip(QuantityTruth& truth, const ClaimResult& r) {
    const ClaimQuantity& q = r.claim.quantity;
    const Real p = truth.value(q.of), g = truth.derivative(q.wrt, q.of), unit = unit_of(r);
    const std::string step = q.of + " - lr*d" + q.wrt + "/d" + q.of;
    if (matches(*r.claimed, p + *q.learning_rate * g, unit)) return "the step went uphill: " + q.of + " + lr*d" + q.wrt + "/d" + q.of + " instead of " + step;
    if (matches(*r.claimed, p - g, unit)) return "the learning rate is missing: " + q.of + " - d" + q.wrt + "/d" + q.of + " instead of " + step;
    return {};
}

}  // namespace

std::string diagnose(QuantityTruth& truth, const std::vector<ClaimResult>& results, std::size_t self) {
    const ClaimResult& r = results[self];
    if (!is_number(r) || !r.claimed) return {};
    if (std::string d = other_quantity(truth, results, self); !d.empty()) return d;
    if (std::string d = scaled(r); !d.empty()) return d;
    if (r.claim.quantity.kind == ClaimQuantity::Kind::Derivative) return replaced_factor(truth, r);
    if (r.claim.quantity.kind == ClaimQuantity::Kind::Update) return update_slip(truth, r);
    return {};
}

}  // namespace chainrule::derivations::detail
