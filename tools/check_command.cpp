// chainrule check MODEL.chain: the verdict on every `check` line of a model.
#include "commands.hpp"
#include "html_output.hpp"
#include "model_input.hpp"
#include "output.hpp"
#include "pdf.hpp"

#include "../lang/outputs.hpp"
#include "../lang/claim_reports.hpp"
#include "../lang/claims.hpp"
#include "../lang/matrix_claims.hpp"
#include "../derivations/render_latex.hpp"
#include "../derivations/render_markdown.hpp"
#include "../derivations/render_text.hpp"

namespace chainrule::tools {

namespace {

// --title, else the model's `title` line, else (empty) the library's default in the language.
std::string title_of(const lang::Model& model, const CheckArgs& args) {
    if (!args.title.empty()) return args.title;
    return model.title ? *model.title : std::string();
}

// The report in its format; pdf is the tex through pdflatex, html a page (html_output.hpp).
std::string rendered(const derivations::ClaimReport& report, const CheckArgs& args, const std::string& title) {
    if (args.format == "pdf") return latex_to_pdf(lang::claims_output(report, "tex", args.digits, title, args.language));
    if (args.format == "html") return claims_html(report, args.digits, title, args.language);
    return lang::claims_output(report, args.format, args.digits, title, args.language);
}

// A matrix model's report (lang/matrix_claims.hpp), in English.
std::string matrix_rendered(const lang::MatrixClaimReport& report, const CheckArgs& args, const std::string& title,
                            const std::string& model) {
    if (args.language != "en")
        throw lang::LangError(model, "claim reports of matrix models are in English only (--lang en)");
    if (args.format == "json") return lang::matrix_claims_json(report, args.digits);
    const derivations::Document doc = lang::matrix_claims_document(report, args.digits, title, args.format == "text");
    if (args.format == "md") return derivations::render_markdown(doc);
    if (args.format == "html") return document_html(doc);
    if (args.format == "text") return derivations::render_text(doc);
    const std::string tex = derivations::render_latex(doc);
    return args.format == "pdf" ? latex_to_pdf(tex) : tex;
}

}  // namespace

int run_check(const CheckArgs& args, Streams io) {
    const lang::Model model = load_model(args.model);
    if (model.has_matrices()) {
        const lang::MatrixClaimReport report = lang::check_matrix_claims(model, args.points);
        emit(matrix_rendered(report, args, title_of(model, args), model.source.name),
             output_path(args.model, args.format, args.output), io.out);
        return report.any_wrong() ? 1 : 0;
    }
    const derivations::ClaimReport report = lang::check_model_claims(model, args.points);
    emit(rendered(report, args, title_of(model, args)), output_path(args.model, args.format, args.output), io.out);
    return report.any_wrong() ? 1 : 0;
}

}  // namespace chainrule::tools
