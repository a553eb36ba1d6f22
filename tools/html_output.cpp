#include "html_output.hpp"

#include "katex_assets.hpp"
#include "output.hpp"
#include "subprocess.hpp"

#include "../derivations/claims_document.hpp"
#include "../derivations/prose.hpp"
#include "../derivations/render_dot.hpp"
#include "../derivations/render_html.hpp"
#include "../derivations/worksheet_html.hpp"
#include "../symbolic/latex_names.hpp"

#include <fstream>

namespace chainrule::tools {

namespace fs = std::filesystem;
using derivations::escape_html;
using derivations::Language;
using derivations::Phrase;

namespace {

Language language_of(std::string_view code) {
    if (const auto l = derivations::parse_language(code)) return *l;
    throw ToolError("unknown language '" + std::string(code) + "' (available: en, zh)");
}

// KaTeX is the same for every page of a run (a class set writes many): read once.
const std::string& katex() {
    static const std::string elements = katex_elements();
    return elements;
}

fs::path dot_program() {
    const std::optional<fs::path> dot = find_program("dot");
    if (!dot)
        throw ToolError("--format html draws the graph with Graphviz, which is not installed (Debian: apt-get "
                        "install graphviz)");
    return *dot;
}

// The graph as SVG from Graphviz's dot (render_dot's picture), without the XML prologue.
std::string graph_svg(const derivations::Worksheet& w) {
    const fs::path dot = dot_program();
    ScratchDirectory dir;
    std::ofstream(dir.path() / "graph.dot", std::ios::binary) << derivations::render_dot(w);
    // Tighter than dot's defaults (which suit a picture on its own): the graph of a small
    // network then fits a screen at a readable size. Defaults only: the file's own attributes win.
    const int status = run_quietly(dot,
                                   {"dot", "-Tsvg", "-Nfontsize=10", "-Efontsize=9", "-Nmargin=0.06,0.03", "-Gnodesep=0.15",
                                    "-Granksep=0.3", "-o", "graph.svg", "graph.dot"},
                                   dir.path(), dir.path() / "dot.log");
    const std::string svg = read_file(dir.path() / "graph.svg");
    const std::size_t start = svg.find("<svg");
    if (status != 0 || start == std::string::npos)
        throw ToolError("Graphviz's dot could not draw the graph: " +
                        symbolic::escape_text_for_message(read_file(dir.path() / "dot.log")));
    return svg.substr(start);
}

// The figure: a button per parameter (and per other node the sheet derives by), its
// symbol typeset as in the formulas; the picture; its caption.
std::string figure(const derivations::Worksheet& w, Language language) {
    const derivations::NamedGraph& g = w.graph;
    const std::vector<std::string> symbols = derivations::node_symbols(w);
    std::string buttons;
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        bool derived = false;
        for (const derivations::GradientDerivation& d : w.derivations) derived = derived || d.wrt == i;
        if (g.nodes[i].role != derivations::NodeRole::Variable && !derived) continue;
        buttons += "<button type=\"button\" data-node=\"" + std::to_string(i) + "\" aria-pressed=\"false\" aria-label=\"" +
                   escape_html(g.nodes[i].name) + "\"><span class=\"math\" data-tex=\"" + escape_html(symbols[i]) + "\">" +
                   escape_html(g.nodes[i].name) + "</span></button>";
    }
    const std::string controls = "<div class=\"controls\" role=\"group\"><span>" +
                                 escape_html(derivations::say_text(language, Phrase::GraphParameters)) + "</span>" + buttons +
                                 "</div>\n";
    if (!derivations::graph_is_drawn(w))
        return "<figure class=\"graph\">\n" + controls + "<figcaption>" +
               escape_html(derivations::say_text(language, Phrase::GraphNotDrawn,
                                                 {std::to_string(g.nodes.size()), std::to_string(derivations::kMaxGraphNodes)})) +
               "</figcaption>\n</figure>\n";
    return "<figure class=\"graph\">\n" + controls + "<div class=\"picture\">" + graph_svg(w) +
           "</div>\n<figcaption><span class=\"caption\">" +
           escape_html(derivations::say_text(language, Phrase::GraphCaption)) + "</span><span class=\"hint\">" +
           escape_html(derivations::say_text(language, Phrase::GraphHint)) + "</span></figcaption>\n</figure>\n";
}

std::string language_code(Language l) { return l == Language::Chinese ? "zh" : "en"; }

std::string page_with_graph(const derivations::Worksheet& w, const derivations::Document& doc, Language language) {
    derivations::HtmlPage page = derivations::worksheet_links(w, doc, language);
    page.language = language_code(language);
    page.katex = katex();
    page.figure = figure(w, language);
    return derivations::render_html(doc, page);
}

}  // namespace

void require_html_tools() {
    katex();
    dot_program();
}

std::string worksheet_html(const derivations::Worksheet& w, std::string_view language) {
    const Language l = language_of(language);
    return page_with_graph(w, derivations::worksheet_document(w, l), l);
}

std::string sheet_html(const derivations::Worksheet& w, derivations::SheetKind kind, const derivations::SheetParts& parts,
                       std::string_view language, std::vector<derivations::Blank>* blanks) {
    const Language l = language_of(language);
    derivations::ExerciseSheet sheet = derivations::exercise_sheet(w, kind, parts, l);
    if (blanks != nullptr) *blanks = sheet.blanks;
    if (kind != derivations::SheetKind::Blank) return page_with_graph(w, sheet.document, l);
    // The picture shows every value and adjoint: on a blank sheet it would give the answers.
    derivations::HtmlPage page;
    page.language = language_code(l);
    page.katex = katex();
    return derivations::render_html(sheet.document, page);
}

std::string claims_html(const derivations::ClaimReport& report, int digits, const std::string& title,
                        std::string_view language) {
    const Language l = language_of(language);
    derivations::HtmlPage page;
    page.language = language_code(l);
    page.katex = katex();
    return derivations::render_html(derivations::claims_document(report, digits, title, l), page);
}

std::string document_html(const derivations::Document& doc) {
    derivations::HtmlPage page;
    page.language = "en";
    page.katex = katex();
    return derivations::render_html(doc, page);
}

}  // namespace chainrule::tools
