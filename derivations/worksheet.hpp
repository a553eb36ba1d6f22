#pragma once
/// \file worksheet.hpp
/// A derivation worksheet: for an output E of a recorded tape and the requested
/// parameters, the notation (every symbol the worksheet uses), the forward pass
/// (definition, substituted numbers, value of every named node), the chain-rule
/// derivation of each ∂E/∂p (paths and/or deltas style, each local partial as formula and
/// as number, cross-checked against the reverse-mode gradient), an optional
/// gradient-descent update w⁺ = w − η ∂E/∂w, and a summary table.
///
/// make_worksheet computes (in 50-digit arithmetic); worksheet_document lays the result
/// out as a Document for the Markdown and LaTeX renderers; render_json and render_dot
/// give the same worksheet for tools and as a picture.

#include "chain_rule.hpp"
#include "document.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chainrule::derivations {

enum class StyleChoice { Auto, Paths, Deltas, Both };

struct WorksheetOptions {
    /// Names to differentiate by: any named node the output depends on (a variable, a
    /// named constant, or an intermediate node: ∂E/∂out_h1); empty = every variable.
    std::vector<std::string> wrt;
    StyleChoice style = StyleChoice::Auto;
    int digits = 10;  ///< significant digits of every printed number (1–40)
    std::optional<Real> learning_rate;  ///< adds the update section w⁺ = w − η ∂E/∂w
    std::map<std::string, std::string, std::less<>> labels;  ///< name → LaTeX label (validated)
    std::string title;  ///< default: "Chain-rule derivation of the gradient of <output>"
};

struct Worksheet {
    NamedGraph graph;
    std::vector<GradientDerivation> derivations;  ///< one (or two, style Both) per parameter
    WorksheetOptions options;
};

/// Computes the worksheet of `output` (which must be named). Throws Error for a name in
/// options.wrt or options.labels that is not a named node the output depends on, for
/// the output itself or a duplicate in wrt; std::invalid_argument for bad digits or a
/// label that could inject LaTeX.
Worksheet make_worksheet(NamedGraph graph, WorksheetOptions options);

template <class T>
Worksheet make_worksheet(const Tape<T>& tape, const Var<T>& output, WorksheetOptions options = {}) {
    return make_worksheet(build_named_graph(tape, output), std::move(options));
}

/// The worksheet as a document (headings, aligned equations, tables).
Document worksheet_document(const Worksheet& w);

/// True when the derivation's result and the reverse-mode gradient agree in every digit
/// the worksheet prints (relative difference below 10^−(digits+2)).
bool agrees_with_reverse_mode(const GradientDerivation& d, int digits);

}  // namespace chainrule::derivations
