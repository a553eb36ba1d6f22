#include "claim_carry.hpp"

#include "chain_rule.hpp"

#include "../symbolic/evaluate.hpp"

#include <algorithm>
#include <set>

namespace chainrule::derivations::detail {
namespace {

std::vector<std::size_t> merged(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
    std::vector<std::size_t> out;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

// Adds c unless an equal value is already there or the list is full. Equal values keep
// the first candidate: lists are built claims first, so a value reachable with claims is
// attributed to them.
void add(std::vector<Candidate>& list, Candidate c) {
    if (list.size() >= kMaxCandidates) return;
    for (const Candidate& k : list)
        if (within(k.value, c.value, Real(0))) return;
    list.push_back(std::move(c));
}

// Every a ∘ b for a in x, b in y (a capped list).
template <class Op>
std::vector<Candidate> combine(const std::vector<Candidate>& x, const std::vector<Candidate>& y, Op op) {
    std::vector<Candidate> out;
    for (const Candidate& a : x)
        for (const Candidate& b : y) add(out, Candidate{op(a.value, b.value), merged(a.used, b.used)});
    return out;
}

std::vector<Candidate> product(const std::vector<Candidate>& x, const std::vector<Candidate>& y) {
    return combine(x, y, [](const Real& a, const Real& b) { return a * b; });
}

// Σ of terms, each a list of candidates; an empty sum is 0.
std::vector<Candidate> sum(const std::vector<std::vector<Candidate>>& terms) {
    std::vector<Candidate> total{{Real(0), {}}};
    for (const auto& t : terms) total = combine(total, t, [](const Real& a, const Real& b) { return a + b; });
    return total;
}

int key(ClaimQuantity::Kind k) { return static_cast<int>(k); }

bool reads(const NodeRecord& r, const std::vector<bool>& marked) {
    return (arity(r.op) >= 1 && marked[r.in0]) || (arity(r.op) == 2 && marked[r.in1]);
}

// r[i]: node i is `to` or `to` depends on it (i ⇝ to).
std::vector<bool> reaching(const Tape<Real>& tape, NodeIndex to) {
    std::vector<bool> r = needed_nodes(tape, to);  // nodes up to `to`; none after it reach it
    r.resize(tape.size(), false);
    return r;
}

// r[i]: node i is `from` or depends on it (from ⇝ i).
std::vector<bool> reached_from(const Tape<Real>& tape, NodeIndex from) {
    std::vector<bool> r(tape.size(), false);
    r[from] = true;
    for (NodeIndex i = from + 1; i < tape.size(); ++i) r[i] = reads(tape.node(i), r);
    return r;
}

// The named nodes whose definitions read node n (directly or through unnamed nodes).
std::vector<NodeIndex> named_readers(const Tape<Real>& tape, NodeIndex n) {
    std::vector<bool> via(tape.size(), false);
    via[n] = true;
    std::vector<NodeIndex> out;
    for (NodeIndex i = n + 1; i < tape.size(); ++i) {
        if (!reads(tape.node(i), via)) continue;
        if (tape.name(i).empty()) via[i] = true;
        else out.push_back(i);
    }
    return out;
}

}  // namespace

CarrySearch::CarrySearch(QuantityTruth& truth, const std::vector<EarlierClaim>& earlier) : truth_(truth) {
    for (const EarlierClaim& e : earlier)  // a later claim of the same quantity replaces an earlier one
        claims_[{key(e.quantity.kind), e.quantity.of, e.quantity.wrt}] = Candidate{e.value, {e.index}};
    // The search reads a claimed dX/dY only as the pair (X, Y) itself, and a claimed value
    // of N only in the local partials of the nodes that read N (and, conservatively, of N).
    for (const EarlierClaim& e : earlier) {
        const NodeIndex of = truth_.node(e.quantity.of);
        if (e.quantity.kind == ClaimQuantity::Kind::Derivative) add_gate(truth_.node(e.quantity.wrt), of);
        if (e.quantity.kind != ClaimQuantity::Kind::Value) continue;
        add_gate(of, of);
        for (NodeIndex c : named_readers(truth_.tape(), of)) add_gate(c, c);
    }
}

void CarrySearch::add_gate(NodeIndex lo, NodeIndex hi) {
    gates_.push_back({reaching(truth_.tape(), lo), reached_from(truth_.tape(), hi)});
}

// Every pair the routes of dA/dB visit, (A', B'), has B ⇝ B' and A' ⇝ A, and every local
// partial ∂C/∂P they use has B ⇝ C ⇝ A: a claim outside every such pair cannot enter.
bool CarrySearch::may_use_claims(const std::string& a, const std::string& b) const {
    const NodeIndex ia = truth_.node(a), ib = truth_.node(b);
    return std::any_of(gates_.begin(), gates_.end(), [&](const Gate& g) { return g.reaches_lo[ib] && g.from_hi[ia]; });
}

const Candidate* CarrySearch::claimed(ClaimQuantity::Kind kind, const std::string& of, const std::string& wrt) const {
    auto it = claims_.find({key(kind), of, wrt});
    return it == claims_.end() ? nullptr : &it->second;
}

std::vector<Candidate> CarrySearch::candidates(const ClaimQuantity& q) {
    switch (q.kind) {
        case ClaimQuantity::Kind::Value: return value(q.of);
        case ClaimQuantity::Kind::Derivative: return derivative(q.of, q.wrt);
        case ClaimQuantity::Kind::Update: {
            std::vector<Candidate> out;
            const Real p = truth_.value(q.of);
            for (const Candidate& g : derivative(q.wrt, q.of)) add(out, {p - *q.learning_rate * g.value, g.used});
            return out;
        }
        case ClaimQuantity::Kind::SecondDerivative: break;  // no right formula from earlier claims (yet)
    }
    return {};
}

std::vector<Candidate> CarrySearch::value(const std::string& n) {
    std::vector<Candidate> out;
    if (const Candidate* c = claimed(ClaimQuantity::Kind::Value, n, "")) add(out, *c);
    const NamedGraph& g = truth_.graph(n);
    for (const Candidate& c : at_claimed_values(g.nodes[g.output].definition)) add(out, c);
    add(out, {truth_.value(n), {}});
    return out;
}

std::vector<Candidate> CarrySearch::at_claimed_values(const symbolic::Expr& e) {
    std::map<std::string, Real> values;
    std::vector<std::size_t> used;
    for (const std::string& name : symbolic::free_symbols(e)) {
        const Candidate* c = claimed(ClaimQuantity::Kind::Value, name, "");
        values[name] = c ? c->value : truth_.value(name);
        if (c) used = merged(used, c->used);
    }
    if (used.empty()) return {};
    return {Candidate{symbolic::evaluate<Real>(e, values), used}};
}

const std::vector<Candidate>& CarrySearch::derivative(const std::string& a, const std::string& b) {
    const auto k = std::make_pair(a, b);
    if (auto it = derivatives_.find(k); it != derivatives_.end()) return it->second;
    std::vector<Candidate> out =
        a == b || may_use_claims(a, b) ? derivative_routes(a, b) : std::vector<Candidate>{{truth_.derivative(a, b), {}}};
    return derivatives_[k] = std::move(out);
}

std::vector<Candidate> CarrySearch::derivative_routes(const std::string& a, const std::string& b) {
    if (a == b) return {{Real(1), {}}};
    std::vector<Candidate> out;
    if (const Candidate* c = claimed(ClaimQuantity::Kind::Derivative, a, b)) add(out, *c);
    const NamedGraph& g = truth_.graph(a);
    const auto ib = g.find(b);
    if (!ib) {
        add(out, {Real(0), {}});
        return out;
    }
    // Σ over the consumers C of b: dA/dC · ∂C/∂B.
    std::vector<std::vector<Candidate>> terms;
    for (std::size_t c : g.nodes[*ib].consumers)
        terms.push_back(product(derivative(a, g.nodes[c].name), local(g.nodes[c].name, b)));
    for (const Candidate& c : sum(terms)) add(out, c);
    // Σ over the nodes P that A reads: ∂A/∂P · dP/dB.
    terms.clear();
    for (std::size_t p : g.nodes[g.output].reads) {
        const std::string& pn = g.nodes[p].name;
        if (pn == b || truth_.graph(pn).find(b)) terms.push_back(product(local(a, pn), derivative(pn, b)));
    }
    for (const Candidate& c : sum(terms)) add(out, c);
    add(out, {g.nodes[*ib].adjoint, {}});
    return out;
}

const std::vector<Candidate>& CarrySearch::local(const std::string& c, const std::string& b) {
    const auto k = std::make_pair(c, b);
    if (auto it = locals_.find(k); it != locals_.end()) return it->second;
    const NamedGraph& g = truth_.graph(c);
    const std::size_t ib = g.at(b);
    std::vector<Candidate> out;
    if (count_paths(g, g.output, ib) == 1.0)
        if (const Candidate* claim = claimed(ClaimQuantity::Kind::Derivative, c, b)) add(out, *claim);
    const LocalPartial p = local_partial(g, g.output, ib);
    for (const Candidate& v : at_claimed_values(p.formula)) add(out, v);
    add(out, {p.value, {}});
    return locals_[k] = std::move(out);
}

}  // namespace chainrule::derivations::detail
