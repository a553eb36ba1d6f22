#pragma once
/// \file worksheet.hpp
/// A derivation worksheet: for an output E of a recorded tape and the requested
/// parameters, the notation (every symbol the worksheet uses), the forward pass
/// (definition, substituted numbers, value of every named node), the chain-rule
/// derivation of each ∂E/∂p (paths and/or deltas style, each local partial as formula and
/// as number, cross-checked against the reverse-mode gradient), an optional
/// gradient-descent update w⁺ = w − η ∂E/∂w, and a summary table.
///
/// make_worksheet computes the structure once and the numbers on the precision ladder
/// (precision/ladder.hpp): at 50 digits, then 100, 200, … until every printed number is
/// certified (or the cap is reached: the number then prints with fewer digits, marked);
/// worksheet_document lays the result out as a Document for the Markdown and LaTeX
/// renderers; render_json and render_dot give the same worksheet for tools and as a
/// picture.

#include "chain_rule.hpp"
#include "document.hpp"
#include "second_order_derivation.hpp"
#include "singular_points.hpp"

#include <functional>
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
    /// 2 adds the second derivatives ∂²E/∂p² of the variables among wrt, derived by the
    /// chain rule from the first-order products (second_order_derivation.hpp), and their
    /// Hessian; 1 (the default) only the gradient.
    int order = 1;
    std::optional<Real> learning_rate;  ///< adds the update section w⁺ = w − η ∂E/∂w
    std::map<std::string, std::string, std::less<>> labels;  ///< name → LaTeX label (validated)
    std::string title;  ///< default: "Chain-rule derivation of the gradient of <output>"
};

struct Worksheet {
    NamedGraph graph;
    std::vector<GradientDerivation> derivations;  ///< one (or two, style Both) per parameter
    /// Every local partial ∂N/∂M of the graph (the edges of its picture, render_dot).
    std::vector<LocalPartial> edges;
    /// Kinks, infinite derivatives and infinite values the model sits on exactly.
    std::vector<SingularPoint> singular_points;
    SecondOrderSection second_order;  ///< empty unless options.order is 2
    WorksheetOptions options;
};

/// A recording of the computation at the current precision: a tape and its output node.
/// The ladder asks for one recording per rung, so a model whose numbers are decimal text
/// is recorded anew at each precision (lang/), a tape of doubles is replayed exactly.
struct Recording {
    Tape<Real> tape;
    NodeIndex output = 0;
};
using Recorder = std::function<Recording()>;

/// Computes the worksheet of the recording's output (which must be named) with certified
/// numbers: the structure from the first recording, the numbers at each rung of the
/// precision ladder until the `options.digits` printed digits of every number are
/// certified (precision/ladder.hpp; each number's Certainty says what was established).
/// Throws Error for a name in options.wrt or options.labels that is not a named node the
/// output depends on, for the output itself or a duplicate in wrt; std::invalid_argument
/// for bad digits or a label that could inject LaTeX.
Worksheet make_worksheet(const Recorder& record, WorksheetOptions options);

/// The worksheet of a tape recorded in any scalar type (replayed exactly in Real).
template <class T>
Worksheet make_worksheet(const Tape<T>& tape, const Var<T>& output, WorksheetOptions options = {}) {
    const NodeIndex out = tape.check(output, OpKind::Input);
    return make_worksheet([&tape, out] { return Recording{replay<Real>(tape), out}; }, std::move(options));
}

/// Calls f(value, certainty) for every number of the worksheet that a renderer prints,
/// in a fixed order (the ladder compares the same list at two precisions).
void for_each_number(Worksheet& w, const std::function<void(Real&, Certainty&)>& f);
void for_each_number(const Worksheet& w, const std::function<void(const Real&, const Certainty&)>& f);

/// The highest precision (decimal digits) the ladder needed for any number, and how many
/// numbers have fewer certain digits than asked for (see Certainty).
struct LadderSummary {
    int precision = kWorkingDigits;
    std::size_t incomplete = 0;    ///< numbers not settled at the cap (cancellation)
    std::size_t out_of_range = 0;  ///< numbers whose computation left MPFR's exponent range (printed ?)
};
LadderSummary ladder_summary(const Worksheet& w);

/// The worksheet as a document (headings, aligned equations, tables), its prose in
/// `language` (prose.hpp); formulas and numbers are the same in every language.
Document worksheet_document(const Worksheet& w, Language language = Language::English);

/// Each named node's symbol as the worksheet's formulas write it (its label, if it has
/// one), in graph order: the LaTeX the documents use for it.
std::vector<std::string> node_symbols(const Worksheet& w);

/// Exercise sheets from a worksheet (lang/exercise.hpp, docs/exercises.md). On a blank
/// sheet every number a student must compute in the chosen parts is a numbered blank
/// (the steps that would give it away — substituted numbers, products of numbers, the
/// reverse-mode cross-check, the summary — are left out); with `formulas` the formulas of
/// the local partials are blanks too. The key is the worked sheet with each blank's number
/// boxed after its answer. Blanks are numbered in reading order, the same on both.
enum class SheetKind { Worked, Blank, Key };

struct SheetParts {
    bool forward = true;   ///< the forward pass values
    bool local = true;     ///< the local partials
    bool paths = true;     ///< the gradients (path products, deltas)
    bool update = true;    ///< the updated parameters
    bool numbers = true;   ///< blank the numbers of those parts
    bool formulas = false; ///< blank the formulas of the local partials
};

/// One blank: its number, what it asks for as a claim name (`out_h1`, `dE/dw5`,
/// `dout_h1/din_h1`, `w5+`, `delta_out_h1`) and kind, and its answer.
struct Blank {
    int number = 0;
    std::string claim;
    std::string kind;     ///< "value", "local partial", "local partial formula", "gradient", "delta", "update"
    std::string answer;   ///< the number at the sheet's digits, or a formula's text
};

struct ExerciseSheet {
    Document document;
    std::vector<Blank> blanks;
};

/// The blank sheet or the key (kind Blank or Key) of a worksheet; kind Worked gives
/// worksheet_document's document and no blanks.
ExerciseSheet exercise_sheet(const Worksheet& w, SheetKind kind, const SheetParts& parts = {},
                             Language language = Language::English);

/// What comparing a derivation's result with the reverse-mode gradient of the same tape
/// establishes.
enum class ReverseModeCheck {
    Agrees,         ///< both settled, and the same in every printed digit
    Disagrees,      ///< provably different
    CannotConfirm,  ///< one is not settled (Certainty not complete) and may be the other
};

/// Agrees when the derivation's result and the reverse-mode gradient are both settled
/// (Certainty::complete) and agree in every digit the worksheet prints (relative
/// difference below 10^−(digits+2)), or are the same infinity, or are both undefined
/// (NaN); Disagrees when both are settled and do not. When either is not settled (fewer
/// digits, zero within a bound, ?, out of range), Disagrees only when what each is known
/// to lie in (enclosure) cannot hold the same number, else CannotConfirm: 2·? = ? next
/// to a reverse-mode 2.6e-1303 confirms nothing.
ReverseModeCheck reverse_mode_check(const GradientDerivation& d, int digits);

/// reverse_mode_check(d, digits) == ReverseModeCheck::Agrees.
bool agrees_with_reverse_mode(const GradientDerivation& d, int digits);

/// The precision (decimal digits) at which the derivation's result or the reverse-mode
/// gradient was still not settled (the larger of the two); 0 when both are settled.
int unsettled_precision(const GradientDerivation& d);

}  // namespace chainrule::derivations
