// What explains a wrong second derivative, and the note at a kink (claim_second_order.hpp).
#include "claim_second_order.hpp"

#include "singular_points.hpp"

#include "../symbolic/text_printer.hpp"

namespace chainrule::derivations::detail {
namespace {

using Kind = SecondOrderSlip::Kind;

// The claim's leaves and every named variable: the entries a slip may have taken instead.
std::vector<NodeIndex> slip_leaves(const Tape<Real>& tape, NodeIndex b, NodeIndex c) {
    std::vector<NodeIndex> out{b, c};
    for (NodeIndex i : tape.inputs())
        if (!tape.name(i).empty() && i != b && i != c) out.push_back(i);
    return out;
}

ClaimQuantity second(const std::string& of, const Tape<Real>& tape, NodeIndex x, NodeIndex y) {
    if (x > y) std::swap(x, y);  // the model's order, as resolved claims have it
    return {ClaimQuantity::Kind::SecondDerivative, of, std::string(tape.name(x)), {}, std::string(tape.name(y))};
}

class SlipSearch {
public:
    SlipSearch(const QuantityTruth& truth, const ClaimResult& r)
        : truth_(truth), r_(r), unit_(claimed_unit(std::get<ClaimedNumber>(r.claim.claimed))) {}

    std::optional<SecondOrderSlip> find() const {
        const ClaimQuantity& q = r_.claim.quantity;
        const Tape<Real>& tape = truth_.tape();
        const NodeIndex b = truth_.node(q.wrt), c = truth_.node(q.wrt2);
        const SecondOrderPoint point(tape, truth_.node(q.of), slip_leaves(tape, b, c));
        const SecondOrderPoint::Column cb = point.column(b), cc = b == c ? cb : point.column(c);
        for (const auto& [leaf, col] : {std::pair{b, &cb}, std::pair{c, &cc}})
            if (fits(col->first)) return SecondOrderSlip{Kind::FirstDerivative, first(leaf), col->first};
        for (const auto& [leaf, col] : {std::pair{b, &cb}, std::pair{c, &cc}})
            for (const auto& [x, h] : col->second)
                if (!tape.name(x).empty() && !same_entry(x, leaf, b, c) && fits(h))
                    return SecondOrderSlip{Kind::OtherEntry, second(q.of, tape, x, leaf), h};
        if (fits(cb.first * cc.first)) return SecondOrderSlip{Kind::FirstProduct, q, cb.first * cc.first};
        if (fits(-r_.right)) return SecondOrderSlip{Kind::Sign, q, r_.right};
        if (fits(2 * r_.right)) return SecondOrderSlip{Kind::Twice, q, r_.right};
        if (fits(r_.right / 2)) return SecondOrderSlip{Kind::Half, q, r_.right};
        return std::nullopt;
    }

private:
    // The claim stands for v, and v is not the right value at the claim's precision. A value
    // that is 0 explains nothing (entries such as ∂²E/∂w5∂w7 are 0 wherever the point is).
    bool fits(const Real& v) const {
        return v != 0 && matches(*r_.claimed, v, unit_) && !within(r_.right, v, unit_);
    }
    static bool same_entry(NodeIndex x, NodeIndex y, NodeIndex b, NodeIndex c) {
        return (x == b && y == c) || (x == c && y == b);
    }
    ClaimQuantity first(NodeIndex leaf) const {
        return {ClaimQuantity::Kind::Derivative, r_.claim.quantity.of, std::string(truth_.tape().name(leaf)), {}, {}};
    }

    const QuantityTruth& truth_;
    const ClaimResult& r_;
    Real unit_;
};

}  // namespace

std::optional<SecondOrderSlip> second_order_slip(const QuantityTruth& truth, const ClaimResult& r) {
    if (r.claim.quantity.kind != ClaimQuantity::Kind::SecondDerivative || !r.claimed ||
        !std::holds_alternative<ClaimedNumber>(r.claim.claimed) || !boost::multiprecision::isfinite(r.right))
        return std::nullopt;
    return SlipSearch(truth, r).find();
}

std::optional<KinkNote> second_order_kink(QuantityTruth& truth, const ClaimQuantity& q, const Real& right) {
    if (q.kind != ClaimQuantity::Kind::SecondDerivative) return std::nullopt;
    const NamedGraph& g = truth.graph(q.of);
    for (const SingularPoint& p : find_singular_points(g)) {
        if (p.kind != SingularKind::Kink) continue;
        for (const std::string* leaf : {&q.wrt, &q.wrt2})
            if (const auto i = g.find(*leaf); i && depends_on(g, p.node, *i))
                return KinkNote{KinkNote::Kind::SecondOrder, p.function, symbolic::to_text(p.argument), Real(0), Real(0), right};
    }
    return std::nullopt;
}

}  // namespace chainrule::derivations::detail
