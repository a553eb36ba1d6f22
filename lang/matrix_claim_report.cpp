// The printed forms of a matrix claim report (matrix_claims.hpp): a document for md, tex,
// html and the terminal, and JSON.
#include "matrix_claims.hpp"

#include "../precision/number_format.hpp"

#include <nlohmann/json.hpp>

namespace chainrule::lang {

namespace {

using derivations::Line;
using derivations::Math;
using derivations::Text;
using Verdict = MatrixClaimResult::Verdict;

std::string verdict_text(const MatrixClaimResult& r) {
    switch (r.verdict) {
        case Verdict::Correct: return "correct";
        case Verdict::HoldsIdentically: return "holds identically";
        case Verdict::HoldsAtThisPointOnly: return "holds at this point only";
        case Verdict::Wrong: break;
    }
    return r.first_error ? "wrong (first error)" : "wrong";
}

std::string note(const MatrixClaimResult& r) {
    std::string out;
    if (r.formula && r.points_checked != 0)
        out = "checked at " + std::to_string(r.points_checked) + " points, held at " + std::to_string(r.points_holding);
    else if (r.wrong_entries != 0 && r.right.size() > 1)
        out = std::to_string(r.wrong_entries) + " of " + std::to_string(r.claimed.size()) + " entries wrong";
    if (!r.diagnosis.empty()) out += (out.empty() ? "" : "; ") + r.diagnosis;
    return out;
}

// [a, b; c, d] for the terminal.
std::string plain_matrix(const Matrix<Real>& m, int digits) {
    if (m.size() == 1) return chainrule::format_number(m(0, 0), digits);
    std::string out = "[";
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            out += (j ? ", " : i ? "; " : "") + chainrule::format_number(m(i, j), digits);
    return out + "]";
}

std::string bmatrix(const Matrix<Real>& m, int digits) {
    if (m.size() == 1) return latex_number(m(0, 0), digits);
    std::string out = "\\begin{bmatrix}";
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) out += (j ? " & " : " ") + latex_number(m(i, j), digits);
        out += i + 1 < m.rows() ? " \\\\" : " ";
    }
    return out + "\\end{bmatrix}";
}

nlohmann::ordered_json values_json(const Matrix<Real>& m, int digits) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        nlohmann::ordered_json row = nlohmann::ordered_json::array();
        for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(chainrule::format_number(m(i, j), digits));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

derivations::Document matrix_claims_document(const MatrixClaimReport& report, int digits, const std::string& title,
                                             bool plain) {
    derivations::Document doc;
    doc.title = title.empty() ? "Claim check" : title;
    derivations::Table t;
    t.header = {Line{Text{"#"}}, Line{Text{"claim"}}, Line{Text{"verdict"}}, Line{Text{"note"}}};
    t.wrap_last_column = true;
    for (std::size_t k = 0; k < report.results.size(); ++k) {
        const MatrixClaimResult& r = report.results[k];
        t.rows.push_back({Line{Text{std::to_string(k + 1)}}, Line{Text{r.text}}, Line{Text{verdict_text(r)}},
                          Line{Text{note(r)}}});
    }
    doc.blocks.push_back(std::move(t));
    for (std::size_t k = 0; k < report.results.size(); ++k) {
        const MatrixClaimResult& r = report.results[k];
        if (r.verdict != Verdict::Wrong && r.verdict != Verdict::HoldsAtThisPointOnly) continue;
        doc.blocks.push_back(derivations::Paragraph{Line{Text{"Claim " + std::to_string(k + 1) + ": " + r.text}}});
        // The right value with a digit more than the claim shows, so that the difference is seen.
        const int right_digits = std::min(40, std::max(digits, r.claimed_digits + 1));
        if (plain) {
            if (r.claimed.size() != 0)
                doc.blocks.push_back(derivations::Paragraph{Line{Text{"  claimed " + plain_matrix(r.claimed, std::min(40, std::max(digits, r.claimed_digits)))}}});
            doc.blocks.push_back(derivations::Paragraph{Line{Text{"  right   " + plain_matrix(r.right, right_digits)}}});
            continue;
        }
        derivations::Equations eq;
        if (r.claimed.size() != 0)
            eq.rows.push_back({"\\text{claimed}", bmatrix(r.claimed, std::min(40, std::max(digits, r.claimed_digits)))});
        eq.rows.push_back({"\\text{right}", bmatrix(r.right, right_digits)});
        doc.blocks.push_back(std::move(eq));
    }
    const std::string summary = report.first_error
                                    ? "First error: claim " + std::to_string(*report.first_error + 1) + "."
                                    : std::string(report.any_wrong() ? "No claim is wrong at this point, but a formula "
                                                                       "holds at this point only."
                                                                     : "Every claim is right.");
    doc.blocks.push_back(derivations::Paragraph{Line{Text{summary}}});
    doc.blocks.push_back(derivations::Paragraph{Line{
        Text{"Gradients have the shape of the parameter. Numbers are right within one unit of their last digit; "
             "formulas are evaluated with matrix shapes at the model's point and at points where every param and "
             "input is moved, in 50-digit arithmetic."}}});
    return doc;
}

std::string matrix_claims_json(const MatrixClaimReport& report, int digits) {
    nlohmann::ordered_json claims = nlohmann::ordered_json::array();
    for (const MatrixClaimResult& r : report.results)
        claims.push_back({{"claim", r.text},
                          {"formula", r.formula},
                          {"verdict", r.verdict == Verdict::Wrong ? "wrong" : verdict_text(r)},
                          {"first_error", r.first_error},
                          {"diagnosis", r.diagnosis},
                          {"wrong_entries", r.wrong_entries},
                          {"points_checked", r.points_checked},
                          {"points_holding", r.points_holding},
                          {"claimed", values_json(r.claimed, digits)},
                          {"right", values_json(r.right, digits)}});
    nlohmann::ordered_json j;
    j["claims"] = std::move(claims);
    j["first_error"] = report.first_error ? nlohmann::ordered_json(*report.first_error + 1) : nlohmann::ordered_json();
    return j.dump(2) + "\n";
}

}  // namespace chainrule::lang
