// chainrule worksheet MODEL.chain: the model's derivation worksheet in one format.
#include "commands.hpp"
#include "model_input.hpp"
#include "output.hpp"
#include "pdf.hpp"

#include "../derivations/render_dot.hpp"
#include "../derivations/render_json.hpp"
#include "../derivations/render_latex.hpp"
#include "../derivations/render_markdown.hpp"
#include "../lang/model_worksheet.hpp"


namespace chainrule::tools {

namespace {

using derivations::StyleChoice;

StyleChoice style_of(const std::string& s) {
    if (s == "paths") return StyleChoice::Paths;
    if (s == "deltas") return StyleChoice::Deltas;
    if (s == "both") return StyleChoice::Both;
    return StyleChoice::Auto;
}

std::string rendered(const derivations::Worksheet& w, const WorksheetArgs& args) {
    const derivations::Language language = *derivations::parse_language(args.language);  // checked by the CLI
    if (args.format == "json") return derivations::render_json(w);
    if (args.format == "dot") return derivations::render_dot(w);
    const derivations::Document doc = derivations::worksheet_document(w, language);
    if (args.format == "tex") return derivations::render_latex(doc);
    if (args.format == "pdf") return latex_to_pdf(derivations::render_latex(doc));
    return derivations::render_markdown(doc);
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

}  // namespace

int run_worksheet(const WorksheetArgs& args, Streams io) {
    const lang::Model model = load_model(args.model);
    const lang::WorksheetRequest request{trimmed(args.wrt), style_of(args.style), args.digits, args.title};
    const derivations::Worksheet w = lang::model_worksheet(model, request);
    emit(rendered(w, args), output_path(args.model, args.format, args.output), io.out);
    int status = 0;
    for (const derivations::GradientDerivation& d : w.derivations) {
        if (derivations::agrees_with_reverse_mode(d, args.digits)) continue;
        io.err << "chainrule worksheet: the chain rule and reverse mode disagree on d" << w.graph.nodes[d.output].name
               << "/d" << w.graph.nodes[d.wrt].name << "\n";
        status = 1;
    }
    return status;
}

}  // namespace chainrule::tools
