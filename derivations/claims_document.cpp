#include "claims_document.hpp"

#include "../precision/number_format.hpp"

#include <algorithm>
#include <map>

namespace chainrule::derivations {
namespace {

std::string ref(const ClaimReport& report, std::size_t i) {
    return "#" + std::to_string(i + 1) + " " + quantity_text(report.results[i].claim.quantity);
}

std::string refs(const ClaimReport& report, const std::vector<std::size_t>& list) {
    std::string out;
    for (std::size_t k = 0; k < list.size(); ++k)
        out += (k == 0 ? "" : k + 1 == list.size() ? " and " : ", ") + ref(report, list[k]);
    return out;
}

std::string agreement_note(const ClaimResult& r) {
    switch (*r.agreement) {
        case Agreement::Exact: return "exact";
        case Agreement::Rounded: return "correctly rounded";
        case Agreement::Truncated: return "truncated, not rounded";
        case Agreement::WithinOneUnit: return "within one unit of the last digit (neither rounded nor truncated)";
    }
    return {};
}

std::string carried_note(const ClaimReport& report, const ClaimResult& r) {
    if (!r.root_errors.empty()) return "carried forward from " + refs(report, r.root_errors);
    return "follows from " + refs(report, r.carried_from) + " (rounding carried forward)";
}

std::string wrong_note(const ClaimReport& report, const ClaimResult& r) {
    std::string note = r.first_error ? "first error" : "";
    if (!r.note.empty()) note += (note.empty() ? "" : "; ") + r.note;
    if (!r.diagnosis.empty()) note += (note.empty() ? "" : "; ") + r.diagnosis;
    note += note.empty() ? "" : "; ";
    note += r.carried_to.empty() ? "nothing later is carried forward from it"
                                 : "carried forward into " + refs(report, r.carried_to);
    return note;
}

std::string points_note(const ClaimResult& r) {
    return "holds at " + std::to_string(r.points_holding) + " of " + std::to_string(r.points_checked) + " random points";
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

std::string claim_note(const ClaimReport& report, std::size_t i) {
    const ClaimResult& r = report.results[i];
    switch (r.verdict) {
        case ClaimVerdict::Correct: return agreement_note(r) + (r.note.empty() ? "" : "; " + r.note);
        case ClaimVerdict::CarriedForward: return carried_note(report, r);
        case ClaimVerdict::Wrong:
            if (std::holds_alternative<symbolic::Expr>(r.claim.claimed))
                return (r.first_error ? "first error; " : "") + std::string("the formula gives ") +
                       format_number(*r.claimed, 10) + " here";
            return wrong_note(report, r);
        case ClaimVerdict::HoldsIdentically:
        case ClaimVerdict::HoldsAtThisPointOnly: return points_note(r);
    }
    return {};
}

std::string claims_summary(const ClaimReport& report) {
    std::map<ClaimVerdict, std::size_t> count;
    for (const ClaimResult& r : report.results) ++count[r.verdict];
    std::string s = std::to_string(report.results.size()) + (report.results.size() == 1 ? " claim" : " claims");
    const char* sep = ": ";
    for (const auto& [verdict, n] : count) {
        s += sep + std::to_string(n) + " " + std::string(verdict_name(verdict));
        sep = ", ";
    }
    if (report.first_error) s += "; first error: " + ref(report, *report.first_error);
    return s;
}

Document claims_document(const ClaimReport& report, int digits, std::string title) {
    Document doc;
    doc.title = std::move(title);
    doc.blocks.push_back(Paragraph{text(claims_summary(report))});
    Table t;
    t.wrap_last_column = true;
    t.header = {text("#"), text("claim"), text("verdict"), text("right value"), text("difference"), text("note")};
    for (std::size_t i = 0; i < report.results.size(); ++i) {
        const ClaimResult& r = report.results[i];
        const bool show_difference = std::holds_alternative<ClaimedNumber>(r.claim.claimed) &&
                                     !(r.verdict == ClaimVerdict::Correct && *r.agreement == Agreement::Exact);
        t.rows.push_back({text(std::to_string(i + 1)), text(r.claim.text), text(std::string(verdict_name(r.verdict))),
                          math(latex_number(r.right, r.right_certainty, right_value_digits(r, digits))), show_difference ? math(latex_number(r.difference, 3)) : text(""),
                          text(claim_note(report, i))});
    }
    doc.blocks.push_back(std::move(t));
    return doc;
}

}  // namespace chainrule::derivations
