#include "claims_document.hpp"

#include "../precision/number_format.hpp"
#include "prose.hpp"

#include <algorithm>
#include <map>

namespace chainrule::derivations {
namespace {

std::string ref(const ClaimReport& report, std::size_t i) {
    return "#" + std::to_string(i + 1) + " " + quantity_text(report.results[i].claim.quantity);
}

std::string refs(const ClaimReport& report, const std::vector<std::size_t>& list, Language language) {
    std::vector<Line> items;
    for (std::size_t i : list) items.push_back(text(ref(report, i)));
    std::string out;
    for (const Inline& piece : list_of(language, items)) out += std::get<Text>(piece).text;
    return out;
}

Phrase agreement_phrase(Agreement a) {
    switch (a) {
        case Agreement::Exact: return Phrase::AgreementExact;
        case Agreement::Rounded: return Phrase::AgreementRounded;
        case Agreement::Truncated: return Phrase::AgreementTruncated;
        case Agreement::WithinOneUnit: break;
    }
    return Phrase::AgreementWithinOneUnit;
}

Phrase verdict_phrase(ClaimVerdict v) {
    switch (v) {
        case ClaimVerdict::Correct: return Phrase::VerdictCorrect;
        case ClaimVerdict::CarriedForward: return Phrase::VerdictCarriedForward;
        case ClaimVerdict::Wrong: return Phrase::VerdictWrong;
        case ClaimVerdict::HoldsIdentically: return Phrase::VerdictHoldsIdentically;
        case ClaimVerdict::HoldsAtThisPointOnly: break;
    }
    return Phrase::VerdictHoldsAtThisPointOnly;
}

std::string carried_note(const ClaimReport& report, const ClaimResult& r, Language language) {
    if (!r.root_errors.empty()) return say_text(language, Phrase::CarriedFrom, {refs(report, r.root_errors, language)});
    return say_text(language, Phrase::FollowsFrom, {refs(report, r.carried_from, language)});
}

// The sentence parts are joined by "; " — the diagnosis and r.note come from the claim
// checker, in English (claims.hpp).
std::string wrong_note(const ClaimReport& report, const ClaimResult& r, Language language) {
    std::vector<std::string> parts;
    if (r.first_error) parts.push_back(say_text(language, Phrase::FirstError));
    if (!r.note.empty()) parts.push_back(r.note);
    if (!r.diagnosis.empty()) parts.push_back(r.diagnosis);
    parts.push_back(r.carried_to.empty() ? say_text(language, Phrase::NothingCarried)
                                         : say_text(language, Phrase::CarriedInto, {refs(report, r.carried_to, language)}));
    std::string note;
    for (const std::string& p : parts) note += (note.empty() ? "" : "; ") + p;
    return note;
}

// Significant digits of a decimal literal ("0.0011362635" → 8, "-1.50e-3" → 3).
int significant_digits(const std::string& text) {
    const std::string mantissa = text.substr(0, text.find_first_of("eE"));
    int n = 0;
    bool leading = true;
    for (char c : mantissa) {
        if (c < '0' || c > '9') continue;
        if (c != '0') leading = false;
        if (!leading) ++n;
    }
    return std::max(n, 1);
}

}  // namespace

int right_value_digits(const ClaimResult& r, int digits) {
    const auto* number = std::get_if<ClaimedNumber>(&r.claim.claimed);
    const int shown = number ? significant_digits(number->text) + 1 : 0;
    return std::min(40, std::max(digits, shown));
}

std::string verdict_text(ClaimVerdict v, Language language) { return say_text(language, verdict_phrase(v)); }

std::string claim_note(const ClaimReport& report, std::size_t i, Language language) {
    const ClaimResult& r = report.results[i];
    switch (r.verdict) {
        case ClaimVerdict::Correct:
            return say_text(language, agreement_phrase(*r.agreement)) + (r.note.empty() ? "" : "; " + r.note);
        case ClaimVerdict::CarriedForward: return carried_note(report, r, language);
        case ClaimVerdict::Wrong:
            if (std::holds_alternative<symbolic::Expr>(r.claim.claimed))
                return (r.first_error ? say_text(language, Phrase::FirstError) + "; " : "") +
                       say_text(language, Phrase::FormulaGives, {format_number(*r.claimed, 10)});
            return wrong_note(report, r, language);
        case ClaimVerdict::HoldsIdentically:
        case ClaimVerdict::HoldsAtThisPointOnly:
            return say_text(language, Phrase::HoldsAtPoints, {std::to_string(r.points_holding), std::to_string(r.points_checked)});
    }
    return {};
}

std::string claims_summary(const ClaimReport& report, Language language) {
    std::map<ClaimVerdict, std::size_t> count;
    for (const ClaimResult& r : report.results) ++count[r.verdict];
    const std::size_t n = report.results.size();
    std::string s = n == 1 ? say_text(language, Phrase::ClaimCountOne) : say_text(language, Phrase::ClaimCountMany, {std::to_string(n)});
    std::vector<std::string> parts;
    for (const auto& [verdict, k] : count) parts.push_back(std::to_string(k) + " " + verdict_text(verdict, language));
    for (std::size_t k = 0; k < parts.size(); ++k) s += (k == 0 ? ": " : ", ") + parts[k];
    if (report.first_error) s += "; " + say_text(language, Phrase::FirstErrorIs, {ref(report, *report.first_error)});
    return s;
}

Document claims_document(const ClaimReport& report, int digits, std::string title, Language language) {
    Document doc;
    doc.title = title.empty() ? say_text(language, Phrase::ClaimTitle) : std::move(title);
    doc.blocks.push_back(Paragraph{text(claims_summary(report, language))});
    Table t;
    t.wrap_last_column = true;
    const auto word = [&](Phrase p) { return text(say_text(language, p)); };
    t.header = {text("#"), word(Phrase::HeaderClaim), word(Phrase::HeaderVerdict), word(Phrase::HeaderRightValue),
                word(Phrase::HeaderDifference), word(Phrase::HeaderNote)};
    for (std::size_t i = 0; i < report.results.size(); ++i) {
        const ClaimResult& r = report.results[i];
        const bool show_difference = std::holds_alternative<ClaimedNumber>(r.claim.claimed) &&
                                     !(r.verdict == ClaimVerdict::Correct && *r.agreement == Agreement::Exact);
        t.rows.push_back({text(std::to_string(i + 1)), text(r.claim.text), text(verdict_text(r.verdict, language)),
                          math(latex_number(r.right, r.right_certainty, right_value_digits(r, digits))),
                          show_difference ? math(latex_number(r.difference, 3)) : text(""),
                          text(claim_note(report, i, language))});
    }
    doc.blocks.push_back(std::move(t));
    return doc;
}

}  // namespace chainrule::derivations
