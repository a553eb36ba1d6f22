// Lays a computed Worksheet out as a Document. Nothing here computes a number: every
// value comes from the Worksheet; this file only chooses what to show and in what order.
#include "../symbolic/latex_names.hpp"
#include "../symbolic/latex_printer.hpp"
#include "../precision/number_format.hpp"
#include "worksheet.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>

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
    // ∂of/∂wrt: the derivative through the graph (every path from `of` down to `wrt`), or
    // a local partial that equals it.
    std::string dfrac(std::size_t of, std::size_t wrt) const {
        return "\\frac{\\partial " + sym(of) + "}{\\partial " + sym(wrt) + "}";
    }
    // The same derivative in a slash form for table cells, where an inline \frac is set
    // at script size and crowds the rows.
    std::string slash_dfrac(std::size_t of, std::size_t wrt) const {
        return "\\partial " + sym(of) + "/\\partial " + sym(wrt);
    }
    // A local partial as the sheet writes it (chain_rule.hpp, LocalPartial): ∂of/∂wrt, or
    // (∂of/∂wrt)_{y, z} with the reads it holds fixed when those also depend on wrt.
    // `of` is the upper node of a (merged) factor, which may lie above p.of.
    std::string local(std::size_t of, const LocalPartial& p) const {
        if (p.held_fixed.empty()) return dfrac(of, p.wrt);
        std::string fixed;
        for (std::size_t k = 0; k < p.held_fixed.size(); ++k) fixed += (k ? ", " : "") + sym(p.held_fixed[k]);
        return "\\left(" + dfrac(of, p.wrt) + "\\right)_{" + fixed + "}";
    }
    std::string local(const LocalPartial& p) const { return local(p.of, p); }
    std::string delta(std::size_t n) const { return "\\delta_{" + sym(n) + "}"; }
    // sym(i) with a superscript, the label braced when it has one of its own.
    std::string superscript(std::size_t i, const std::string& sup) const {
        return symbolic::superscript_base(sym(i)) + "^{" + sup + "}";
    }

    // "formula = numbers = value", dropping steps that would repeat the previous one.
    std::string evaluation(const symbolic::Expr& e, const Real& value, const Certainty& c) const {
        // Each step is shown only when it differs from the one before: a symbol needs no
        // substitution, a number (or π, e: no symbol to substitute) none either.
        std::string out = formula(e);
        if (symbolic::is_constant(e)) return out;
        std::string last = out;
        if (!symbolic::is_symbol(e)) {
            const std::string numbers = substituted(e);
            if (numbers != last) out += " = " + numbers, last = numbers;
        }
        const std::string v = num(value, c);
        if (v != last) out += " = " + v;
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

// Names as math, joined with commas and "and": "E_1, E_2 and E_3".
void append_names(const Layout& L, const std::vector<std::size_t>& nodes, Line& line) {
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        if (k > 0) line.push_back(Text{k + 1 == nodes.size() ? " and " : ", "});
        line.push_back(Math{L.sym(nodes[k])});
    }
}

// The first local partial of the sheet that holds other reads fixed, if any: the example
// the notation section gives.
const LocalPartial* first_held_fixed(const Worksheet& w) {
    for (const GradientDerivation& d : w.derivations) {
        for (const ChainPath& p : d.paths)
            for (const PathFactor& f : p.factors)
                if (!f.partial.held_fixed.empty()) return &f.partial;
        for (const DeltaStep& s : d.deltas)
            for (const auto& [c, p] : s.terms)
                if (!p.held_fixed.empty()) return &p;
    }
    return nullptr;
}

// The sheet's notation for derivatives, stated once: ∂E/∂w through the graph, and a local
// partial with what it holds fixed where the two differ (chain_rule.hpp, LocalPartial).
Paragraph derivative_notation(const Layout& L) {
    const GradientDerivation& d = L.w().derivations.front();
    const std::string E = L.sym(d.output), w = L.sym(d.wrt);
    Line line{Text{"Derivatives: "}, Math{L.dfrac(d.output, d.wrt)}, Text{" is the derivative of "}, Math{E},
              Text{" by "}, Math{w}, Text{" through the graph (every node between them changes with "}, Math{w},
              Text{"; the chain rule sums it over the paths from "}, Math{E}, Text{" down to "}, Math{w},
              Text{", reverse mode computes it). A local partial differentiates one node's formula by one node it "
                   "reads, its other reads held fixed, and is written the same way where it is the same number."}};
    if (const LocalPartial* p = first_held_fixed(L.w())) {
        line.insert(line.end(), {Text{" Where it is not, because the node also depends on that node through its other "
                                      "reads, the reads held fixed are a subscript, as thermodynamics writes "},
                                 Math{"\\left(\\frac{\\partial p}{\\partial T}\\right)_{V}"}, Text{": "},
                                 Math{L.local(*p)}, Text{" is the formula of "}, Math{L.sym(p->of)},
                                 Text{" differentiated by "}, Math{L.sym(p->wrt)}, Text{" with "}});
        append_names(L, p->held_fixed, line);
        line.push_back(Text{" held fixed."});
    }
    return Paragraph{std::move(line)};
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
    if (!L.w().derivations.empty()) doc.blocks.push_back(derivative_notation(L));
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
        s += numbers ? L.factor(f.partial.value, f.partial.certainty) : L.local(f.of, f.partial);
    }
    return s;
}

// One aligned row per path: "lhs = path₁", then "+ path₂", … so that long sums of
// products stay readable. A product of several numbers in a sum is parenthesised.
void add_path_rows(const Layout& L, const GradientDerivation& d, const std::string& lhs, bool numbers, Equations& eq) {
    for (std::size_t k = 0; k < d.paths.size(); ++k) {
        std::string product = path_product(L, d.paths[k], numbers);
        if (numbers && d.paths.size() > 1 && d.paths[k].factors.size() > 1) product = "\\left(" + product + "\\right)";
        eq.rows.push_back({k == 0 ? lhs : "", (k == 0 ? "" : "+ ") + product, k > 0});
    }
}

// One path of one factor: the gradient is a local partial, said in words and shown once.
void single_factor(const Layout& L, const GradientDerivation& d, Document& doc) {
    const PathFactor& f = d.paths[0].factors[0];
    Line line{Math{L.sym(d.output)}};
    std::string rhs;
    if (f.through.empty()) {
        line.insert(line.end(), {Text{" reads "}, Math{L.sym(d.wrt)},
                                 Text{" directly and through no other node, so the gradient is the local partial:"}});
    } else {  // E = E_1 + …: the steps above the last one are partials ≡ 1, merged away
        line.insert(line.end(), {Text{" depends on "}, Math{L.sym(d.wrt)}, Text{" only through "}});
        append_names(L, f.through, line);
        line.push_back(Text{", and each step down to the last has partial 1, so the gradient is one local partial:"});
        rhs = L.dfrac(f.partial.of, d.wrt) + " = ";
    }
    doc.blocks.push_back(Paragraph{std::move(line)});
    Equations eq;
    eq.rows.push_back({L.dfrac(d.output, d.wrt), rhs + L.evaluation(f.partial.formula, f.partial.value, f.partial.certainty)});
    doc.blocks.push_back(std::move(eq));
}

Paragraph paths_intro(const Layout& L, const GradientDerivation& d) {
    const std::size_t n = d.paths.size();
    if (n == 1)
        return Paragraph{Line{Text{"Chain rule along the one path from "}, Math{L.sym(d.output)}, Text{" down to "},
                              Math{L.sym(d.wrt)}, Text{" (the product of the local partials on it):"}}};
    return Paragraph{Line{Text{"Chain rule over the " + std::to_string(n) + " paths from "}, Math{L.sym(d.output)},
                          Text{" down to "}, Math{L.sym(d.wrt)},
                          Text{" (the sum over paths of the product of local partials):"}}};
}

void paths_style(const Layout& L, const GradientDerivation& d, Document& doc) {
    const std::size_t n = d.paths.size();
    if (n == 1 && d.paths[0].factors.size() == 1) return single_factor(L, d, doc);
    const std::string lhs = L.dfrac(d.output, d.wrt);
    doc.blocks.push_back(paths_intro(L, d));
    Equations general;
    add_path_rows(L, d, lhs, false, general);
    doc.blocks.push_back(std::move(general));
    doc.blocks.push_back(Paragraph{text("Local partials, as formula and as number:")});
    Equations partials;
    std::set<std::pair<std::size_t, std::size_t>> shown;
    for (const ChainPath& p : d.paths)
        for (const PathFactor& f : p.factors)
            if (shown.insert({f.of, f.partial.wrt}).second)
                partials.rows.push_back({L.local(f.of, f.partial), L.evaluation(f.partial.formula, f.partial.value, f.partial.certainty)});
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

// δ_N = Σ_C δ_C ∂C/∂N as the stages of one equation: the symbols, the formulas, the
// numbers. A term from the output itself (δ_E = 1) is its local partial alone.
struct DeltaSum {
    std::string symbols, formulas, numbers;
};

DeltaSum delta_sum(const Layout& L, const std::vector<std::pair<std::size_t, LocalPartial>>& terms,
                   const std::map<std::size_t, const DeltaStep*>& delta) {
    DeltaSum s;
    const bool alone = terms.size() == 1;
    for (std::size_t k = 0; k < terms.size(); ++k) {
        const auto& [c, p] = terms[k];
        const std::string plus = k ? " + " : "";
        if (c == L.g().output) {
            s.symbols += plus + L.local(p);
            s.formulas += plus + (alone ? L.formula(p.formula) : L.factor_formula(p.formula));
            s.numbers += plus + (alone && !symbolic::is_constant(p.formula) ? L.substituted(p.formula) : L.factor(p.value, p.certainty));
            continue;
        }
        const DeltaStep& dc = *delta.at(c);
        s.symbols += plus + L.delta(c) + " \\cdot " + L.local(p);
        s.formulas += plus + L.delta(c) + " \\cdot " + L.factor_formula(p.formula);
        s.numbers += plus + L.factor(dc.value, dc.certainty) + " \\cdot " + L.factor(p.value, p.certainty);
    }
    return s;
}

// "lhs = a = b = c", leaving out a stage equal to the one before it (or to lhs).
std::vector<std::string> distinct_stages(const std::string& lhs, const std::vector<std::string>& stages) {
    std::vector<std::string> out;
    for (const std::string& st : stages)
        if (st != lhs && (out.empty() || out.back() != st)) out.push_back(st);
    return out;
}

// The deltas style for every parameter that uses it: the table of δ once, from the
// output down, then one line per parameter from the deltas of the nodes that read it.
void deltas_section(const Layout& L, const std::vector<const GradientDerivation*>& ds, Document& doc) {
    std::map<std::size_t, const DeltaStep*> delta;  // every node's δ, once (the same in each derivation)
    std::set<std::size_t, std::greater<>> table;    // nodes whose δ some other node's δ needs
    for (const GradientDerivation* d : ds)
        for (const DeltaStep& s : d->deltas) {
            delta.emplace(s.node, &s);
            if (s.node != d->wrt && s.node != d->output) table.insert(s.node);
        }
    const std::string E = L.sym(ds.front()->output);
    doc.blocks.push_back(Heading{2, text("Backpropagation with deltas")});
    doc.blocks.push_back(Paragraph{Line{
        Text{"Deltas: "}, Math{"\\delta_N = \\partial " + E + "/\\partial N"},
        Text{", the derivative of "}, Math{E}, Text{" by "}, Math{"N"},
        Text{" through the graph, computed once per named node from "}, Math{E}, Text{" down: "},
        Math{L.delta(ds.front()->output) + " = 1"}, Text{", and "},
        Math{"\\delta_N = \\sum_C \\delta_C \\, \\partial C / \\partial N"}, Text{" over the named nodes "},
        Math{"C"}, Text{" that read "}, Math{"N"}, Text{", each with its local partial (for "}, Math{"C = " + E},
        Text{" the term is the local partial alone, as "}, Math{L.delta(ds.front()->output) + " = 1"}, Text{")."}}});
    if (!table.empty()) {
        Equations eq;
        for (std::size_t n : table) {
            const DeltaStep& s = *delta.at(n);
            const DeltaSum sum = delta_sum(L, s.terms, delta);
            const auto stages = distinct_stages(L.delta(n), {sum.symbols, sum.formulas, sum.numbers, L.num(s.value, s.certainty)});
            for (std::size_t k = 0; k < stages.size(); ++k) eq.rows.push_back({k == 0 ? L.delta(n) : "", stages[k]});
        }
        doc.blocks.push_back(std::move(eq));
    }
    doc.blocks.push_back(Paragraph{text(ds.size() == 1 ? "The gradient, from the nodes that read the parameter:"
                                                       : "Each gradient, from the nodes that read its parameter:")});
    Equations lines;
    for (const GradientDerivation* d : ds) {
        const DeltaStep& s = *delta.at(d->wrt);
        const DeltaSum sum = delta_sum(L, s.terms, delta);
        const std::string lhs = L.dfrac(d->output, d->wrt);
        std::string rhs;
        for (const std::string& st : distinct_stages(lhs, {sum.symbols, sum.formulas, sum.numbers, L.num(d->result, d->result_certainty)}))
            rhs += (rhs.empty() ? "" : " = ") + st;
        lines.rows.push_back({lhs, rhs});
    }
    doc.blocks.push_back(std::move(lines));
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

// `named`: several gradients share one section (deltas), so the sentence says which.
void cross_check(const Layout& L, const GradientDerivation& d, Document& doc, bool named = false) {
    const bool ok = agrees_with_reverse_mode(d, L.w().options.digits);
    Line line{Text{"Cross-check"}};
    if (named) line.insert(line.end(), {Text{" of "}, Math{L.dfrac(d.output, d.wrt)}});
    if (!ok && boost::multiprecision::isnan(d.reverse_mode) && !boost::multiprecision::isnan(d.result)) {
        line.push_back(Text{": the reverse-mode gradient of the same tape is undefined here (an infinite local "
                            "partial met a zero or an opposite infinity in the sweep: see the points where a function is not "
                            "differentiable), so it cannot confirm the derivation above, whose simplified formula is finite."});
        doc.blocks.push_back(Paragraph{std::move(line)});
        return;
    }
    line.insert(line.end(), {Text{": the reverse-mode gradient of the same tape is "},
                             Math{L.num(d.reverse_mode, d.reverse_mode_certainty)},
                             Text{ok ? " — it agrees in every printed digit." : " — it DISAGREES with the derivation above."}});
    doc.blocks.push_back(Paragraph{std::move(line)});
}

// After the deltas section: one sentence when every gradient agrees with reverse mode,
// else a sentence for each one that does not; then the one-sided values at a kink.
void deltas_checks(const Layout& L, const std::vector<const GradientDerivation*>& ds, Document& doc) {
    const int digits = L.w().options.digits;
    const bool all = std::all_of(ds.begin(), ds.end(), [&](const GradientDerivation* d) { return agrees_with_reverse_mode(*d, digits); });
    if (all)
        doc.blocks.push_back(Paragraph{text(ds.size() == 1 ? "Cross-check: the reverse-mode gradient of the same tape agrees with it in every printed digit."
                                                           : "Cross-check: the reverse-mode gradients of the same tape agree with each of these in every printed digit.")});
    for (const GradientDerivation* d : ds) {
        if (!all && !agrees_with_reverse_mode(*d, digits)) cross_check(L, *d, doc, true);
        one_sided(L, *d, doc);
    }
}

void derivations(const Layout& L, Document& doc) {
    std::vector<const GradientDerivation*> deltas;
    for (const GradientDerivation& d : L.w().derivations) {
        if (d.style == ChainStyle::Deltas) {
            deltas.push_back(&d);
            continue;
        }
        doc.blocks.push_back(Heading{2, math(L.dfrac(d.output, d.wrt))});
        paths_style(L, d, doc);
        cross_check(L, d, doc);
        one_sided(L, d, doc);
    }
    if (deltas.empty()) return;
    deltas_section(L, deltas, doc);
    deltas_checks(L, deltas, doc);
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
        eq.rows.push_back({L.superscript(d.wrt, "+"), L.sym(d.wrt) + " - \\eta " + L.dfrac(d.output, d.wrt) + " = " +
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
                              math(L.slash_dfrac(d.output, d.wrt) + " = " + L.num(d.result, d.result_certainty)),
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
