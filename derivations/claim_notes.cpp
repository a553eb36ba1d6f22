#include "claim_notes.hpp"

#include "../precision/number_format.hpp"

namespace chainrule::derivations {

std::string kink_note_text(const KinkNote& k, Language language) {
    const std::string where = say_text(language, Phrase::ClaimKinkWhere, {k.function, k.argument});
    const auto n = [](const Real& x) { return format_number(x, 10); };
    switch (k.kind) {
        case KinkNote::Kind::Left: return say_text(language, Phrase::ClaimKinkLeft, {where, n(k.convention)});
        case KinkNote::Kind::Right: return say_text(language, Phrase::ClaimKinkRight, {where, n(k.convention)});
        case KinkNote::Kind::Convention:
            return say_text(language, Phrase::ClaimKinkConvention, {where, n(k.left), n(k.right)});
        case KinkNote::Kind::Neither:
            return say_text(language, Phrase::ClaimKinkNeither, {where, n(k.left), n(k.right), n(k.convention)});
        case KinkNote::Kind::Differentiable:
            return say_text(language, Phrase::ClaimKinkDifferentiable, {where, n(k.left), n(k.convention)});
        case KinkNote::Kind::SecondOrder: return say_text(language, Phrase::ClaimKinkSecondOrder, {where, k.function});
    }
    return {};
}

namespace {

// ∂E/∂w5 (a first derivative, as slips name it), else the quantity's own text.
std::string slip_quantity(const ClaimQuantity& q) {
    if (q.kind == ClaimQuantity::Kind::Derivative) return "∂" + q.of + "/∂" + q.wrt;
    return quantity_text(q);
}

// (∂E/∂w5)², ∂E/∂w1·∂E/∂w5: the product of the first derivatives by a second derivative's leaves.
std::string first_product(const ClaimQuantity& q) {
    const auto first = [&](const std::string& x) { return "∂" + q.of + "/∂" + x; };
    return q.wrt == q.wrt2 ? "(" + first(q.wrt) + ")²" : first(q.wrt) + "·" + first(q.wrt2);
}

}  // namespace

std::string second_order_slip_text(const SecondOrderSlip& s, Language language) {
    const std::string value = format_number(s.value, 10);
    switch (s.kind) {
        case SecondOrderSlip::Kind::FirstDerivative:
            return say_text(language, Phrase::SlipFirstDerivative, {slip_quantity(s.quantity), value});
        case SecondOrderSlip::Kind::OtherEntry:
            return say_text(language, Phrase::SlipOtherEntry, {slip_quantity(s.quantity), value});
        case SecondOrderSlip::Kind::FirstProduct:
            return say_text(language, Phrase::SlipFirstProduct, {first_product(s.quantity), value});
        case SecondOrderSlip::Kind::Sign: return say_text(language, Phrase::SlipSign, {value});
        case SecondOrderSlip::Kind::Twice: return say_text(language, Phrase::SlipTwice, {value});
        case SecondOrderSlip::Kind::Half: return say_text(language, Phrase::SlipHalf, {value});
    }
    return {};
}

}  // namespace chainrule::derivations
