// chainrule check MODEL.chain: the verdict on every `check` line of a model.
#include "commands.hpp"
#include "model_input.hpp"
#include "output.hpp"
#include "pdf.hpp"

#include "../derivations/claims_document.hpp"
#include "../derivations/render_latex.hpp"
#include "../derivations/render_markdown.hpp"
#include "../lang/claim_reports.hpp"
#include "../lang/claims.hpp"

namespace chainrule::tools {

namespace {

// --title, else the model's `title` line, else (empty) the library's default in the language.
std::string title_of(const lang::Model& model, const CheckArgs& args) {
    if (!args.title.empty()) return args.title;
    return model.title ? *model.title : std::string();
}

std::string rendered(const derivations::ClaimReport& report, const CheckArgs& args, const std::string& title) {
    if (args.format == "json") return lang::claims_json(report, args.digits);
    const derivations::Language language = *derivations::parse_language(args.language);  // checked by the CLI
    if (args.format == "text") return lang::claims_text(report, args.digits, language);
    const derivations::Document doc = derivations::claims_document(report, args.digits, title, language);
    if (args.format == "md") return derivations::render_markdown(doc);
    const std::string latex = derivations::render_latex(doc);
    return args.format == "pdf" ? latex_to_pdf(latex) : latex;
}

}  // namespace

int run_check(const CheckArgs& args, Streams io) {
    const lang::Model model = load_model(args.model);
    const derivations::ClaimReport report = lang::check_model_claims(model, args.points);
    emit(rendered(report, args, title_of(model, args)), output_path(args.model, args.format, args.output), io.out);
    return report.any_wrong() ? 1 : 0;
}

}  // namespace chainrule::tools
