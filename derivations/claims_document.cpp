#include "claims_document.hpp"

#include "claim_notes.hpp"

#include "../precision/number_format.hpp"
#include "claim_truth.hpp"
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
        case ClaimVerdict::CannotBeChecked: return Phrase::VerdictCannotBeChecked;
        case ClaimVerdict::HoldsAtThisPointOnly: break;
    }
    return Phrase::VerdictHoldsAtThisPointOnly;
}

// r.note in the report's language: the kink notes are data (KinkNote); the others, from
// the claim checker, are English.
std::string note_in(const ClaimResult& r, Language language) {
    return r.kink ? kink_note_text(*r.kink, language) : r.note;
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
    if (!r.note.empty()) parts.push_back(note_in(r, language));
    if (r.slip) parts.push_back(second_order_slip_text(*r.slip, language));
    else if (!r.diagnosis.empty()) parts.push_back(r.diagnosis);
    parts.push_back(r.carried_to.empty() ? say_text(language, Phrase::NothingCarried)
                                         : say_text(language, Phrase::CarriedInto, {refs(report, r.carried_to, language)}));
    std::string note;
    for (const std::string& p : parts) note += (note.empty() ? "" : say_text(language, Phrase::SummarySemicolon)) + p;
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

// An exact claim (151/125, an integer) has no last digit to show one more than; a
// wrong one is printed down to the first digit where the right value differs from it,
// and one more (1/3 against 0.33333333333333333334: 21 digits).
int digits_to_difference(const ClaimResult& r) {
    using boost::multiprecision::abs;
    if (r.verdict == ClaimVerdict::Correct || r.difference == 0 || r.right == 0 ||
        !boost::multiprecision::isfinite(r.difference) || !boost::multiprecision::isfinite(r.right))
        return 0;
    const Real places = boost::multiprecision::floor(boost::multiprecision::log10(abs(r.right) / abs(r.difference)));
    return places < 0 ? 1 : places > 40 ? 40 : places.convert_to<int>() + 2;
}

}  // namespace

int right_value_digits(const ClaimResult& r, int digits) {
    const auto* number = std::get_if<ClaimedNumber>(&r.claim.claimed);
    if (!number) return std::min(40, digits);
    const int shown = detail::claimed_unit(*number) == 0 ? digits_to_difference(r) : significant_digits(number->text) + 1;
    return std::min(40, std::max(digits, shown));
}

std::string verdict_text(ClaimVerdict v, Language language) { return say_text(language, verdict_phrase(v)); }

Line claim_cell(const ClaimResult& r) {
    const ClaimQuantity& q = r.claim.quantity;
    const std::size_t equals = r.claim.text.find('=');
    if (q.kind != ClaimQuantity::Kind::SecondDerivative || equals == std::string::npos) return text(r.claim.text);
    std::string rhs = r.claim.text.substr(equals + 1);
    rhs.erase(0, rhs.find_first_not_of(" \t"));
    return Line{Math{quantity_latex(q), quantity_text(q)}, Text{" = " + rhs}};
}

std::string claim_note(const ClaimReport& report, std::size_t i, Language language) {
    const ClaimResult& r = report.results[i];
    switch (r.verdict) {
        case ClaimVerdict::Correct:
            return say_text(language, agreement_phrase(*r.agreement)) +
                   (r.note.empty() ? "" : say_text(language, Phrase::SummarySemicolon) + note_in(r, language));
        case ClaimVerdict::CarriedForward: return carried_note(report, r, language);
        case ClaimVerdict::Wrong:
            if (std::holds_alternative<symbolic::Expr>(r.claim.claimed))
                return (r.first_error ? say_text(language, Phrase::FirstError) + say_text(language, Phrase::SummarySemicolon) : "") +
                       say_text(language, Phrase::FormulaGives, {format_number(*r.claimed, 10)});
            return wrong_note(report, r, language);
        case ClaimVerdict::HoldsIdentically:
        case ClaimVerdict::HoldsAtThisPointOnly:
            return say_text(language, Phrase::HoldsAtPoints, {std::to_string(r.points_holding), std::to_string(r.points_checked)});
        case ClaimVerdict::CannotBeChecked:
            return say_text(language, Phrase::RightValueUnsettled, {format_number(r.right, r.right_certainty, 10)});
    }
    return {};
}

std::string claims_summary(const ClaimReport& report, Language language) {
    std::map<ClaimVerdict, std::size_t> count;
    for (const ClaimResult& r : report.results) ++count[r.verdict];
    const std::size_t n = report.results.size();
    std::string s = n == 1 ? say_text(language, Phrase::ClaimCountOne) : say_text(language, Phrase::ClaimCountMany, {std::to_string(n)});
    const char* sep = nullptr;
    for (const auto& [verdict, k] : count) {
        s += say_text(language, sep ? Phrase::SummaryComma : Phrase::SummaryColon);
        s += say_text(language, Phrase::VerdictCount, {std::to_string(k), verdict_text(verdict, language)});
        sep = ",";
    }
    if (report.first_error)
        s += say_text(language, Phrase::SummarySemicolon) +
             say_text(language, Phrase::FirstErrorIs, {ref(report, *report.first_error)});
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
        // No difference from a right value that is not settled: it would be noise.
        const bool show_difference = std::holds_alternative<ClaimedNumber>(r.claim.claimed) && r.right_certainty.complete() &&
                                     !(r.verdict == ClaimVerdict::Correct && *r.agreement == Agreement::Exact);
        t.rows.push_back({text(std::to_string(i + 1)), claim_cell(r), text(verdict_text(r.verdict, language)),
                          math(latex_number(r.right, r.right_certainty, right_value_digits(r, digits))),
                          show_difference ? math(latex_number(r.difference, 3)) : text(""),
                          text(claim_note(report, i, language))});
    }
    doc.blocks.push_back(std::move(t));
    return doc;
}

}  // namespace chainrule::derivations
