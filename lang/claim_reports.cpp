#include "claim_reports.hpp"


#include "../derivations/claims_document.hpp"
#include "../derivations/render_text.hpp"
#include "../precision/number_format.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace chainrule::lang {
namespace {

using derivations::ClaimReport;
using derivations::ClaimResult;
using Json = nlohmann::ordered_json;

std::string slip_name(derivations::SecondOrderSlip::Kind k) {
    using K = derivations::SecondOrderSlip::Kind;
    switch (k) {
        case K::FirstDerivative: return "first derivative";
        case K::OtherEntry: return "other entry";
        case K::FirstProduct: return "product of first derivatives";
        case K::Sign: return "sign";
        case K::Twice: return "twice";
        case K::Half: return "half";
    }
    return "?";
}

Json numbers_from_one(const std::vector<std::size_t>& list) {
    Json out = Json::array();
    for (std::size_t i : list) out.push_back(i + 1);
    return out;
}

// A second derivative's own fields: its order, its leaves, its LaTeX, and the slip of a
// wrong number (null when none explains it).
void second_order_json(const ClaimResult& r, Json& j) {
    j["order"] = 2;
    j["wrt"] = Json::array({r.claim.quantity.wrt, r.claim.quantity.wrt2});
    j["quantity_latex"] = derivations::quantity_latex(r.claim.quantity);
    j["slip"] = r.slip ? Json(slip_name(r.slip->kind)) : Json(nullptr);
}

Json claim_json(const ClaimReport& report, std::size_t i, int digits) {
    const ClaimResult& r = report.results[i];
    const bool formula = std::holds_alternative<symbolic::Expr>(r.claim.claimed);
    Json j;
    j["number"] = i + 1;
    j["claim"] = r.claim.text;
    j["quantity"] = derivations::quantity_text(r.claim.quantity);
    j["kind"] = formula ? "formula" : "number";
    j["verdict"] = std::string(derivations::verdict_name(r.verdict));
    j["agreement"] = r.agreement ? Json(std::string(derivations::agreement_name(*r.agreement))) : Json(nullptr);
    j["claimed"] = r.claimed ? Json(r.claimed->convert_to<double>()) : Json(nullptr);
    j["right"] = r.right.convert_to<double>();
    j["right_digits"] = chainrule::format_number(r.right, r.right_certainty, derivations::right_value_digits(r, digits));
    j["difference"] = r.difference.convert_to<double>();
    j["first_error"] = r.first_error;
    j["carried_from"] = numbers_from_one(r.carried_from);
    j["root_errors"] = numbers_from_one(r.root_errors);
    j["carried_to"] = numbers_from_one(r.carried_to);
    j["diagnosis"] = r.diagnosis;
    j["note"] = derivations::claim_note(report, i);
    if (r.claim.quantity.kind == derivations::ClaimQuantity::Kind::SecondDerivative) second_order_json(r, j);
    if (formula) {
        j["points_checked"] = r.points_checked;
        j["points_holding"] = r.points_holding;
    }
    return j;
}

}  // namespace

std::string claims_text(const ClaimReport& report, int digits, derivations::Language language) {
    using derivations::Phrase;
    using derivations::text;
    const auto word = [&](Phrase p) { return text(derivations::say_text(language, p)); };
    derivations::Table t;
    t.header = {text("#"), word(Phrase::HeaderClaim), word(Phrase::HeaderVerdict), word(Phrase::HeaderRightValue),
                word(Phrase::HeaderNote)};
    for (std::size_t i = 0; i < report.results.size(); ++i) {
        const ClaimResult& r = report.results[i];
        t.rows.push_back({text(std::to_string(i + 1)), derivations::claim_cell(r), text(derivations::verdict_text(r.verdict, language)),
                          text(chainrule::format_number(r.right, r.right_certainty, derivations::right_value_digits(r, digits))),
                          text(derivations::claim_note(report, i, language))});
    }
    derivations::Document doc;
    doc.blocks.push_back(derivations::Paragraph{text(derivations::claims_summary(report, language))});
    doc.blocks.push_back(derivations::Paragraph{});  // a blank line
    doc.blocks.push_back(std::move(t));
    return derivations::render_text(doc);
}

std::string claims_json(const ClaimReport& report, int digits) {
    Json j;
    j["summary"] = derivations::claims_summary(report);
    j["first_error"] = report.first_error ? Json(*report.first_error + 1) : Json(nullptr);
    Json claims = Json::array();
    for (std::size_t i = 0; i < report.results.size(); ++i) claims.push_back(claim_json(report, i, digits));
    j["claims"] = std::move(claims);
    return j.dump(2) + "\n";
}

}  // namespace chainrule::lang
