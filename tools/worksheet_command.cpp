// chainrule worksheet MODEL.chain: the model's derivation worksheet in one format.
#include "commands.hpp"
#include "html_output.hpp"
#include "model_input.hpp"
#include "output.hpp"
#include "pdf.hpp"

#include "../lang/matrix_model_worksheet.hpp"
#include "../lang/model_worksheet.hpp"
#include "../lang/outputs.hpp"
#include "../derivations/render_latex.hpp"
#include "../derivations/render_markdown.hpp"


namespace chainrule::tools {

namespace {

using derivations::StyleChoice;

StyleChoice style_of(const std::string& s) {
    if (s == "paths") return StyleChoice::Paths;
    if (s == "deltas") return StyleChoice::Deltas;
    if (s == "both") return StyleChoice::Both;
    return StyleChoice::Auto;
}

// The worksheet in its format; pdf is the tex through pdflatex, html a page (html_output.hpp).
std::string rendered(const derivations::Worksheet& w, const WorksheetArgs& args) {
    if (args.format == "pdf") return latex_to_pdf(lang::worksheet_output(w, "tex", args.language));
    if (args.format == "html") return worksheet_html(w, args.language);
    return lang::worksheet_output(w, args.format, args.language);
}

// "--wrt 'w5, w1'" is as good as "--wrt w5,w1".
std::vector<std::string> trimmed(std::vector<std::string> names) {
    for (std::string& n : names) {
        n.erase(0, n.find_first_not_of(" \t"));
        n.erase(n.find_last_not_of(" \t") + 1);
    }
    std::erase(names, std::string());
    return names;
}

// A matrix model's sheet: the derivation in matrix form (lang/matrix_model_worksheet.hpp).
std::string matrix_rendered(const lang::Model& model, const lang::WorksheetRequest& request,
                            const WorksheetArgs& args) {
    if (args.format == "dot")
        throw lang::LangError(model.source.name, "--format dot draws scalar graphs; a matrix model's worksheet is "
                                                 "md, tex, pdf, html or json");
    if (args.language != "en")
        throw lang::LangError(model.source.name, "matrix worksheets are in English only (--lang en)");
    if (args.format == "json") return lang::matrix_worksheet_json(lang::matrix_model_derivation(model, request), args.digits);
    const derivations::Document doc = lang::matrix_model_document(model, request);
    if (args.format == "md") return derivations::render_markdown(doc);
    if (args.format == "html") return document_html(doc);
    const std::string tex = derivations::render_latex(doc);
    return args.format == "pdf" ? latex_to_pdf(tex) : tex;
}

}  // namespace

int run_worksheet(const WorksheetArgs& args, Streams io) {
    const lang::Model model = load_model(args.model);
    const lang::WorksheetRequest request{trimmed(args.wrt), style_of(args.style), args.digits, args.title,
                                         args.elementwise, args.order};
    if (model.has_matrices()) {
        if (args.order == 2)
            throw lang::LangError(model.source.name, "--order 2 writes out second derivatives of scalar models; for a "
                                                     "matrix model, `chainrule hessian` gives the Hessian by its entries");
        emit(matrix_rendered(model, request, args), output_path(args.model, args.format, args.output), io.out);
        return 0;
    }
    const derivations::Worksheet w = lang::model_worksheet(model, request);
    emit(rendered(w, args), output_path(args.model, args.format, args.output), io.out);
    // Exit 1 when the chain rule and reverse mode provably disagree; a cross-check that
    // cannot confirm (a number not settled) is a note, not a failure (docs/cli.md).
    int status = 0;
    for (const derivations::GradientDerivation& d : w.derivations) {
        const derivations::ReverseModeCheck check = derivations::reverse_mode_check(d, args.digits);
        if (check == derivations::ReverseModeCheck::Agrees) continue;
        const std::string which = "d" + w.graph.nodes[d.output].name + "/d" + w.graph.nodes[d.wrt].name;
        if (check == derivations::ReverseModeCheck::CannotConfirm) {
            io.err << "chainrule worksheet: note: the cross-check cannot confirm " << which
                   << ": the numbers are not settled at " << derivations::unsettled_precision(d) << " digits\n";
            continue;
        }
        io.err << "chainrule worksheet: the chain rule and reverse mode disagree on " << which << "\n";
        status = 1;
    }
    for (const derivations::SecondDerivation& d : w.second_order.derivations)
        if (derivations::second_order_check(d, args.digits) == derivations::ReverseModeCheck::Disagrees) {
            io.err << "chainrule worksheet: the product rule and forward-over-reverse disagree on d2"
                   << w.graph.nodes[d.output].name << "/d" << w.graph.nodes[d.wrt].name << "^2\n";
            status = 1;
        }
    return status;
}

}  // namespace chainrule::tools
