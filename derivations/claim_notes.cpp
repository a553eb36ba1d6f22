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
    }
    return {};
}

}  // namespace chainrule::derivations
