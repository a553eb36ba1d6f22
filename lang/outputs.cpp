#include "outputs.hpp"

#include "../derivations/claims_document.hpp"
#include "../derivations/render_dot.hpp"
#include "../derivations/render_json.hpp"
#include "../derivations/render_latex.hpp"
#include "../derivations/render_markdown.hpp"
#include "../derivations/render_text.hpp"
#include "claim_reports.hpp"

#include <stdexcept>

namespace chainrule::lang {
namespace {

derivations::Language language_of(std::string_view code) {
    if (const auto l = derivations::parse_language(code)) return *l;
    throw std::invalid_argument("unknown language '" + std::string(code) + "' (available: en, zh)");
}

[[noreturn]] void unknown_format(std::string_view format) {
    throw std::invalid_argument("unknown output format '" + std::string(format) + "'");
}

// A document in one of the formats every document has.
std::string rendered(const derivations::Document& doc, std::string_view format) {
    if (format == "md") return derivations::render_markdown(doc);
    if (format == "tex") return derivations::render_latex(doc);
    if (format == "text") return derivations::render_text(doc);
    unknown_format(format);
}

}  // namespace

bool is_language(std::string_view code) { return derivations::parse_language(code).has_value(); }

std::string worksheet_output(const derivations::Worksheet& w, std::string_view format, std::string_view language) {
    if (format == "json") return derivations::render_json(w);
    if (format == "dot") return derivations::render_dot(w);
    return rendered(derivations::worksheet_document(w, language_of(language)), format);
}

std::string sheet_output(const derivations::Worksheet& w, derivations::SheetKind kind, const derivations::SheetParts& parts,
                         std::string_view format, std::string_view language, std::vector<derivations::Blank>* blanks) {
    derivations::ExerciseSheet sheet = derivations::exercise_sheet(w, kind, parts, language_of(language));
    if (blanks != nullptr) *blanks = std::move(sheet.blanks);
    return rendered(sheet.document, format);
}

std::string claims_output(const derivations::ClaimReport& report, std::string_view format, int digits,
                          const std::string& title, std::string_view language) {
    if (format == "json") return claims_json(report, digits);
    if (format == "text") return claims_text(report, digits, language_of(language));
    return rendered(derivations::claims_document(report, digits, title, language_of(language)), format);
}

std::string gradcheck_output(const ModelGradcheck& c, std::string_view format, int digits) {
    if (format == "json") return gradcheck_json(c);
    return rendered(gradcheck_document(c, digits), format);
}

}  // namespace chainrule::lang
