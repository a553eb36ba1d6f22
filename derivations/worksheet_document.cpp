// Lays a computed Worksheet out as a Document. Nothing here computes a number: every
// value comes from the Worksheet; this file only chooses what to show and in what order.
#include "../symbolic/latex_printer.hpp"
#include "../precision/number_format.hpp"
#include "worksheet.hpp"

#include <map>
#include <set>

namespace chainrule::derivations {
namespace {

class Layout {
public:
    explicit Layout(const Worksheet& w) : w_(w), g_(w.graph) {
        options_.labels = w.options.labels;
        numeric_ = options_;
        for (const NamedNode& n : g_.nodes) numeric_.numeric_symbols[n.name] = num(n.value, n.value_certainty);
    }

    // A node's symbol as the printer shows it in formulas (its label, if it has one).
    std::string sym(std::size_t i) const { return formula(g_.symbol(i)); }
    std::string formula(const symbolic::Expr& e) const { return symbolic::to_latex(e, options_); }
    std::string substituted(const symbolic::Expr& e) const { return symbolic::to_latex(e, numeric_); }
    std::string num(const Real& x, const Certainty& c = {}) const { return latex_number(x, c, w_.options.digits); }
    std::string factor(const Real& x, const Certainty& c = {}) const {
        std::string s = num(x, c);
        return x < 0 ? "\\left(" + s + "\\right)" : s;
    }
    // A formula used as a factor: parenthesised when it is a sum or has a leading sign.
    std::string factor_formula(const symbolic::Expr& e) const {
        std::string s = formula(e);
        const bool compound = e.kind() == symbolic::Kind::sum || (!s.empty() && s.front() == '-');
        return compound ? "\\left(" + s + "\\right)" : s;
    }
    std::string dfrac(std::size_t of, std::size_t wrt) const {
        return "\\frac{\\partial " + sym(of) + "}{\\partial " + sym(wrt) + "}";
    }
    std::string delta(std::size_t n) const { return "\\delta_{" + sym(n) + "}"; }

    // "formula = numbers = value", dropping steps that would repeat the previous one.
    std::string evaluation(const symbolic::Expr& e, const Real& value, const Certainty& c) const {
        std::string out = formula(e);
        if (!symbolic::is_constant(e)) {
            if (!symbolic::is_symbol(e)) out += " = " + substituted(e);
            out += " = " + num(value, c);
        }
        return out;
    }

    const Worksheet& w() const { return w_; }
    const NamedGraph& g() const { return g_; }

private:
    const Worksheet& w_;
    const NamedGraph& g_;
    symbolic::LatexOptions options_;
    symbolic::LatexOptions numeric_;
};

std::string role_text(NodeRole r) {
    switch (r) {
        case NodeRole::Variable: return "variable";
        case NodeRole::Constant: return "constant";
        case NodeRole::Defined: return "defined";
    }
    return "";
}

// What the precision ladder established, in one sentence or two.
std::string precision_note(const Worksheet& w) {
    const LadderSummary s = ladder_summary(w);
    const std::string digits = std::to_string(w.options.digits);
    std::string note = "Numbers are printed with " + digits + " significant digits, each of them correct: ";
    if (s.precision <= 2 * kWorkingDigits)
        note += "every number was computed at " + std::to_string(kWorkingDigits) + " digits and again at " +
                std::to_string(2 * kWorkingDigits) + ", and the two agree in every printed digit.";
    else
        note += "every number was computed at " + std::to_string(kWorkingDigits) +
                " digits and again at doubled precision, up to " + std::to_string(s.precision) +
                " digits where a subtraction cancelled leading digits, until two consecutive precisions agreed in "
                "every printed digit.";
    if (s.incomplete == 0) return note;
    return note.substr(0, note.size() - 1) + ", except for " + std::to_string(s.incomplete) +
           (s.incomplete == 1 ? " number" : " numbers") + " still not settled at " + std::to_string(kPrecisionCap) +
           " digits (cancellation): those print only their certain digits, marked with a dagger, a zero within a bound "
           "as 0 with the bound, and a number with no certain digit as ?.";
}

void notation(const Layout& L, Document& doc) {
    doc.blocks.push_back(Heading{2, text("Notation")});
    doc.blocks.push_back(Paragraph{text("Every symbol used below. " + precision_note(L.w()))});
    Table t{{text("symbol"), text("kind"), text("definition"), text("value")}, {}};
    for (std::size_t i = 0; i < L.g().nodes.size(); ++i) {
        const NamedNode& n = L.g().nodes[i];
        Line def = n.role == NodeRole::Defined ? math(L.formula(n.definition)) : text("given");
        t.rows.push_back({math(L.sym(i)), text(role_text(n.role)), def, math(L.num(n.value, n.value_certainty))});
    }
    doc.blocks.push_back(std::move(t));
}

void forward_pass(const Layout& L, Document& doc) {
    doc.blocks.push_back(Heading{2, text("Forward pass")});
    Equations eq;
    for (std::size_t i = 0; i < L.g().nodes.size(); ++i) {
        const NamedNode& n = L.g().nodes[i];
        if (n.role == NodeRole::Defined) eq.rows.push_back({L.sym(i), L.evaluation(n.definition, n.value, n.value_certainty)});
    }
    doc.blocks.push_back(std::move(eq));
}

std::string path_product(const Layout& L, const ChainPath& p, bool numbers) {
    std::string s;
    for (std::size_t k = 0; k < p.factors.size(); ++k) {
        if (k) s += " \\cdot ";
        const PathFactor& f = p.factors[k];
        s += numbers ? L.factor(f.partial.value, f.partial.certainty) : L.dfrac(f.of, f.partial.wrt);
    }
    return s;
}

// One aligned row per path: "lhs = path₁", then "+ path₂", … so that long sums of
// products stay readable.
void add_path_rows(const Layout& L, const GradientDerivation& d, const std::string& lhs, bool numbers, Equations& eq) {
    for (std::size_t k = 0; k < d.paths.size(); ++k) {
        std::string product = path_product(L, d.paths[k], numbers);
        if (numbers && d.paths.size() > 1) product = "\\left(" + product + "\\right)";
        eq.rows.push_back({k == 0 ? lhs : "", (k == 0 ? "" : "+ ") + product, k > 0});
    }
}

void paths_style(const Layout& L, const GradientDerivation& d, Document& doc) {
    const std::string lhs = L.dfrac(d.output, d.wrt);
    const std::size_t n = d.paths.size();
    doc.blocks.push_back(Paragraph{Line{
        Text{"Chain rule over the " + std::to_string(n) + (n == 1 ? " path" : " paths") + " from "}, Math{L.sym(d.output)},
        Text{" down to "}, Math{L.sym(d.wrt)}, Text{" (the sum over paths of the product of local partials):"}}});
    // A single direct factor (E reads p itself) has no general form worth showing:
    // "∂E/∂p = ∂E/∂p" would only repeat the left side.
    const bool direct = n == 1 && d.paths[0].factors.size() == 1;
    if (!direct) {
        Equations general;
        add_path_rows(L, d, lhs, false, general);
        doc.blocks.push_back(std::move(general));
    }
    doc.blocks.push_back(Paragraph{text("Local partials, as formula and as number:")});
    Equations partials;
    std::set<std::pair<std::size_t, std::size_t>> shown;
    for (const ChainPath& p : d.paths)
        for (const PathFactor& f : p.factors)
            if (shown.insert({f.of, f.partial.wrt}).second)
                partials.rows.push_back({L.dfrac(f.of, f.partial.wrt), L.evaluation(f.partial.formula, f.partial.value, f.partial.certainty)});
    doc.blocks.push_back(std::move(partials));
    doc.blocks.push_back(Paragraph{text(n == 1 ? "Product:" : "Products, one per path, and their sum:")});
    Equations result;
    add_path_rows(L, d, lhs, true, result);
    if (n > 1) {
        std::string sum;
        for (std::size_t k = 0; k < n; ++k) sum += (k ? " + " : "") + L.factor(d.paths[k].product, d.paths[k].product_certainty);
        result.rows.push_back({"", sum});
    }
    result.rows.push_back({"", L.num(d.result, d.result_certainty)});
    doc.blocks.push_back(std::move(result));
}

void deltas_style(const Layout& L, const GradientDerivation& d, Document& doc) {
    doc.blocks.push_back(Paragraph{Line{
        Text{"Deltas: "}, Math{"\\delta_N = \\partial " + L.sym(d.output) + "/\\partial N"},
        Text{", computed once per named node from "}, Math{L.sym(d.output)}, Text{" down to "}, Math{L.sym(d.wrt)},
        Text{": "}, Math{L.delta(d.output) + " = 1"}, Text{", and "},
        Math{"\\delta_N = \\sum_C \\delta_C \\, \\partial C / \\partial N"},
        Text{" over the named nodes C that read N."}}});
    std::map<std::size_t, const DeltaStep*> delta;
    Equations eq;
    for (const DeltaStep& s : d.deltas) {
        delta[s.node] = &s;
        if (s.node == d.output) {
            eq.rows.push_back({L.delta(s.node), "1"});
            continue;
        }
        std::string general, formulas, numbers;
        for (std::size_t k = 0; k < s.terms.size(); ++k) {
            const auto& [c, p] = s.terms[k];
            const std::string plus = k ? " + " : "";
            general += plus + L.delta(c) + " \\cdot " + L.dfrac(c, s.node);
            formulas += plus + L.delta(c) + " \\cdot " + L.factor_formula(p.formula);
            numbers += plus + L.factor(delta.at(c)->value, delta.at(c)->certainty) + " \\cdot " + L.factor(p.value, p.certainty);
        }
        eq.rows.push_back({L.delta(s.node), general});
        eq.rows.push_back({"", formulas});
        eq.rows.push_back({"", numbers});
        eq.rows.push_back({"", L.num(s.value, s.certainty)});
    }
    doc.blocks.push_back(std::move(eq));
}

// "relu(in_h1)" at "in_h1 = 0": where the function meets its singular point.
Line singular_where(const Layout& L, const SingularPoint& p) {
    const std::string value = L.num(evaluate_formula(L.g(), p.argument));
    std::string at = L.formula(p.argument) + " = " + value;
    if (p.function == "max" || p.function == "min")  // a tie: both arguments, and their value unless it is shown
        at = L.formula(p.argument) + " = " + L.formula(p.other) +
             (symbolic::is_constant(p.other) ? "" : " = " + value);
    if (p.function == "hypot" || p.function == "atan2") at = L.formula(p.argument) + " = " + L.formula(p.other) + " = 0";
    return Line{Text{p.function + " at "}, Math{at}, Text{" (in the definition of "}, Math{L.sym(p.node)}, Text{")"}};
}

void singular_points(const Layout& L, Document& doc) {
    if (L.w().singular_points.empty()) return;
    doc.blocks.push_back(Heading{2, text("Points where a function is not differentiable")});
    for (const SingularPoint& p : L.w().singular_points) {
        Line line = singular_where(L, p);
        if (p.kind == SingularKind::Kink) {
            line.push_back(Text{" is a kink: the derivative of " + p.function + " is "});
            line.push_back(Math{L.num(*p.left)});
            line.push_back(Text{" from the left and "});
            line.push_back(Math{L.num(*p.right)});
            line.push_back(Text{" from the right. This worksheet uses the convention: " + p.convention +
                                " (docs/conventions.md); either one-sided value is as good an answer as the convention's."});
        } else if (p.kind == SingularKind::InfiniteDerivative) {
            line.push_back(Text{": " + p.convention + ", so every derivative through this step is infinite here."});
        } else {
            line.push_back(Text{": " + p.convention + "."});
        }
        doc.blocks.push_back(Paragraph{std::move(line)});
    }
}

void one_sided(const Layout& L, const GradientDerivation& d, Document& doc) {
    if (!d.from_left || !d.from_right) return;
    const int digits = L.w().options.digits;
    if (format_number(*d.from_left, digits) == format_number(*d.from_right, digits)) {
        if (format_number(*d.from_left, digits) == format_number(d.result, digits)) return;
        doc.blocks.push_back(Paragraph{Line{
            Text{"From both sides the gradient is "}, Math{L.dfrac(d.output, d.wrt) + " = " + L.num(*d.from_left)},
            Text{": the function is differentiable here, and that is its derivative. The value above follows the "
                 "ops' conventions at the kink (as PyTorch's reverse mode would) and is not the derivative."}}});
        return;
    }
    doc.blocks.push_back(Paragraph{Line{
        Text{"At this kink the gradient has two one-sided values: "}, Math{L.dfrac(d.output, d.wrt) + " = " + L.num(*d.from_left)},
        Text{" from the left (" }, Math{L.sym(d.wrt)}, Text{" slightly smaller) and "}, Math{L.num(*d.from_right)},
        Text{" from the right; the value above is the convention's."}}});
}

void cross_check(const Layout& L, const GradientDerivation& d, Document& doc) {
    const bool ok = agrees_with_reverse_mode(d, L.w().options.digits);
    if (!ok && boost::multiprecision::isnan(d.reverse_mode) && !boost::multiprecision::isnan(d.result)) {
        doc.blocks.push_back(Paragraph{Line{
            Text{"Cross-check: the reverse-mode gradient of the same tape is undefined here (an infinite local "
                 "partial met a zero or an opposite infinity in the sweep: see the points where a function is not "
                 "differentiable), so it cannot confirm the derivation above, whose simplified formula is finite."}}});
        return;
    }
    doc.blocks.push_back(Paragraph{Line{
        Text{"Cross-check: the reverse-mode gradient of the same tape is "}, Math{L.num(d.reverse_mode, d.reverse_mode_certainty)},
        Text{ok ? " — it agrees in every printed digit." : " — it DISAGREES with the derivation above."}}});
}

void derivations(const Layout& L, Document& doc) {
    for (const GradientDerivation& d : L.w().derivations) {
        doc.blocks.push_back(Heading{2, math(L.dfrac(d.output, d.wrt))});
        if (d.style == ChainStyle::Paths)
            paths_style(L, d, doc);
        else
            deltas_style(L, d, doc);
        cross_check(L, d, doc);
        one_sided(L, d, doc);
    }
}

void update(const Layout& L, Document& doc) {
    if (!L.w().options.learning_rate) return;
    const Real eta = *L.w().options.learning_rate;
    doc.blocks.push_back(Heading{2, text("Gradient-descent update")});
    doc.blocks.push_back(Paragraph{Line{Text{"One step with learning rate "}, Math{"\\eta = " + L.num(eta)}, Text{":"}}});
    Equations eq;
    std::set<std::size_t> done;
    for (const GradientDerivation& d : L.w().derivations) {
        if (!done.insert(d.wrt).second) continue;
        const NamedNode& p = L.g().nodes[d.wrt];
        eq.rows.push_back({L.sym(d.wrt) + "^{+}", L.sym(d.wrt) + " - \\eta " + L.dfrac(d.output, d.wrt) + " = " +
                                                     L.num(p.value, p.value_certainty) + " - " + L.num(eta) + " \\cdot " +
                                                     L.factor(d.result, d.result_certainty) + " = " +
                                                     L.num(*d.after_update, d.after_update_certainty)});
    }
    doc.blocks.push_back(std::move(eq));
}

void summary(const Layout& L, Document& doc) {
    doc.blocks.push_back(Heading{2, text("Summary")});
    const bool lr = L.w().options.learning_rate.has_value();
    Table t{{text("parameter"), text("value"), text("gradient"), text("check")}, {}};
    if (lr) t.header.push_back(text("after one step"));
    std::set<std::size_t> done;
    for (const GradientDerivation& d : L.w().derivations) {
        if (!done.insert(d.wrt).second) continue;
        const NamedNode& p = L.g().nodes[d.wrt];
        std::vector<Line> row{math(L.sym(d.wrt)), math(L.num(p.value, p.value_certainty)),
                              math(L.dfrac(d.output, d.wrt) + " = " + L.num(d.result, d.result_certainty)),
                              text(agrees_with_reverse_mode(d, L.w().options.digits) ? "agrees with reverse mode" : "DISAGREES")};
        if (lr) row.push_back(math(L.num(*d.after_update, d.after_update_certainty)));
        t.rows.push_back(std::move(row));
    }
    doc.blocks.push_back(std::move(t));
}

std::string default_title(const Layout& L) {
    std::string s = "Chain-rule derivation of the gradient of " + L.g().nodes[L.g().output].name;
    return s;
}

}  // namespace

Document worksheet_document(const Worksheet& w) {
    Layout L(w);
    Document doc;
    doc.title = w.options.title.empty() ? default_title(L) : w.options.title;
    notation(L, doc);
    forward_pass(L, doc);
    singular_points(L, doc);
    derivations(L, doc);
    update(L, doc);
    summary(L, doc);
    return doc;
}

}  // namespace chainrule::derivations
