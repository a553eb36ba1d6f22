// Lays a computed Worksheet out as a Document. Nothing here computes a number: every
// value comes from the Worksheet; this file only chooses what to show and in what order.
#include "../symbolic/latex_names.hpp"
#include "../symbolic/latex_printer.hpp"
#include "../symbolic/text_printer.hpp"
#include "../precision/number_format.hpp"
#include "prose.hpp"
#include "second_order_document.hpp"
#include "worksheet.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>

namespace chainrule::derivations {
namespace {

// Which parts of a sheet are asked (SheetParts), as the layout consults them.
enum class Part { Forward, Local, Paths, Update };

class Layout {
public:
    Layout(const Worksheet& w, Language language, SheetKind kind = SheetKind::Worked, SheetParts parts = {},
           std::vector<Blank>* blanks = nullptr)
        : w_(w), g_(w.graph), language_(language), kind_(kind), parts_(parts), blanks_(blanks) {
        options_.labels = w.options.labels;
        numeric_ = options_;
        for (const NamedNode& n : g_.nodes) numeric_.numeric_symbols[n.name] = num(n.value, n.value_certainty);
    }

    // A node's symbol as the printer shows it in formulas (its label, if it has one).
    std::string sym(std::size_t i) const { return formula(g_.symbol(i)); }
    std::string formula(const symbolic::Expr& e) const { return symbolic::to_latex(e, options_); }
    std::string substituted(const symbolic::Expr& e) const { return symbolic::to_latex(e, numeric_); }
    std::string num(const Real& x, const Certainty& c = {}) const { return latex_number(x, c, w_.options.digits); }
    // A result that is an exact rational worth showing (chain_rule.hpp, exact_result) as
    // the fraction and the decimal, "-\frac{6}{125} = -0.048"; `slash` writes 6/125 for
    // table cells. Otherwise the decimal alone.
    std::string exact(const Real& x, const Certainty& c, const std::optional<symbolic::Rational>& q, bool slash = false) const {
        if (!q) return num(x, c);
        const symbolic::Rational a = *q < 0 ? symbolic::Rational(-*q) : *q;
        const std::string n = numerator(a).str(), d = denominator(a).str();
        return std::string(*q < 0 ? "-" : "") + (slash ? n + "/" + d : "\\frac{" + n + "}{" + d + "}") + " = " + num(x, c);
    }
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
    // ∂of/∂wrt as a check claim names it: "dE/dw5".
    std::string claim(std::size_t of, std::size_t wrt) const { return "d" + g_.nodes[of].name + "/d" + g_.nodes[wrt].name; }
    // sym(i) with a superscript, the label braced when it has one of its own.
    std::string superscript(std::size_t i, const std::string& sup) const {
        return symbolic::superscript_base(sym(i)) + "^{" + sup + "}";
    }

    // "formula = numbers = value", dropping steps that would repeat the previous one. On an
    // exercise sheet, when `claim` names the quantity, the value is an answer of `part`
    // (answer()), and with SheetParts::formulas a local partial's formula is one too; a
    // blank sheet then leaves out the substituted numbers, which would give it away.
    std::string evaluation(const symbolic::Expr& e, const Real& value, const Certainty& c,
                           const std::optional<symbolic::Rational>& q = {}, Part part = Part::Forward,
                           const std::string& claim = {}, const std::string& kind = {}) const {
        const bool answer_here = exercise() && !claim.empty();
        const bool formula_asked = answer_here && part == Part::Local && selected(Part::Local) && parts_.formulas &&
                                   !symbolic::is_constant(e);
        std::string out = formula_asked ? answer_text(formula(e), symbolic::to_text(e), claim, "local partial formula")
                                        : formula(e);
        // Each step is shown only when it differs from the one before: a symbol needs no
        // substitution, a number (or π, e: no symbol to substitute) none either.
        if (symbolic::is_constant(e)) return out;
        std::string last = out;
        // Substituted numbers show forward values: hidden where they or this value are asked.
        const bool hide_steps = blank_sheet() && answer_here && (asks(part) || formula_asked || asks(Part::Forward));
        if (!symbolic::is_symbol(e) && !hide_steps) {
            const std::string numbers = substituted(e);
            if (numbers != last) out += " = " + numbers, last = numbers;
        }
        const std::string shown = exact(value, c, q);
        const std::string v = answer_here ? answer(shown, value, c, claim, kind, part) : shown;
        if (v != last || answer_here) out += " = " + v;
        return out;
    }

    // Exercise sheets. asks(part): the part's numbers are blanks (a blank sheet) or
    // answers with their blank's number (a key). hides(part): a blank sheet, which also
    // leaves out the steps that would give an asked number away.
    bool asks(Part part) const { return parts_.numbers && selected(part); }
    // The part is one --steps chose (its numbers, or formulas, may be asked).
    bool selected(Part part) const {
        if (kind_ == SheetKind::Worked) return false;
        switch (part) {
            case Part::Forward: return parts_.forward;
            case Part::Local: return parts_.local;
            case Part::Paths: return parts_.paths;
            case Part::Update: return parts_.update;
        }
        return false;
    }
    bool hides(Part part) const { return kind_ == SheetKind::Blank && asks(part); }
    // Whether a part's section is on the sheet: a blank sheet leaves out what it does not
    // ask (the forward pass excepted: later parts need its values).
    // An update needs its gradient: asking for updates alone shows the derivations worked.
    bool printed(Part part) const {
        if (kind_ != SheetKind::Blank || part == Part::Forward || selected(part)) return true;
        return part == Part::Paths && selected(Part::Update);
    }
    bool blank_sheet() const { return kind_ == SheetKind::Blank; }
    bool exercise() const { return kind_ != SheetKind::Worked; }
    // `shown` (the number as a worked sheet prints it) as an answer of `part`: a numbered
    // blank, or the number with its blank's number boxed after it.
    std::string answer(const std::string& shown, const Real& value, const Certainty& c, const std::string& claim,
                       const std::string& kind, Part part) const {
        if (!asks(part)) return shown;
        return answer_text(shown, format_number(value, c, w_.options.digits), claim, kind);
    }
    std::string answer_text(const std::string& shown, const std::string& answer, const std::string& claim,
                            const std::string& kind) const {
        // The same quantity asked again (a local partial on two paths) keeps its number.
        const auto same = std::find_if(blanks_->begin(), blanks_->end(),
                                       [&](const Blank& b) { return b.claim == claim && b.kind == kind; });
        const int k = same != blanks_->end() ? same->number : static_cast<int>(blanks_->size()) + 1;
        if (same == blanks_->end()) blanks_->push_back(Blank{k, claim, kind, answer});
        const std::string n = std::to_string(k);
        if (kind_ == SheetKind::Blank) return "\\underline{\\hspace{5em}}_{\\,(" + n + ")}";
        return shown + "\\quad\\boxed{\\scriptstyle " + n + "}";
    }

    const Worksheet& w() const { return w_; }
    const NamedGraph& g() const { return g_; }
    // The sheet's prose in its language (prose.hpp).
    Line say(Phrase p, const std::vector<Line>& args = {}) const { return derivations::say(language_, p, args); }
    std::string words(Phrase p, const std::vector<std::string>& args = {}) const { return say_text(language_, p, args); }
    Language language() const { return language_; }

private:
    const Worksheet& w_;
    const NamedGraph& g_;
    symbolic::LatexOptions options_;
    symbolic::LatexOptions numeric_;
    Language language_;
    SheetKind kind_;
    SheetParts parts_;
    std::vector<Blank>* blanks_;  // where an exercise sheet's blanks are numbered
};

Phrase role_phrase(NodeRole r) {
    switch (r) {
        case NodeRole::Variable: return Phrase::RoleVariable;
        case NodeRole::Constant: return Phrase::RoleConstant;
        case NodeRole::Defined: break;
    }
    return Phrase::RoleDefined;
}

// What the precision ladder established, in one sentence or two (after NotationIntro).
std::string precision_note(const Layout& L) {
    const LadderSummary s = ladder_summary(L.w());
    const auto n = [](auto x) { return std::to_string(x); };
    std::string note = s.precision <= 2 * kWorkingDigits
                           ? L.words(Phrase::PrecisionTwoRungs, {n(kWorkingDigits), n(2 * kWorkingDigits)})
                           : L.words(Phrase::PrecisionLadder, {n(kWorkingDigits), n(s.precision)});
    if (s.incomplete == 1) note += L.words(Phrase::PrecisionUnsettledOne, {n(kPrecisionCap)});
    if (s.incomplete > 1) note += L.words(Phrase::PrecisionUnsettledMany, {n(s.incomplete), n(kPrecisionCap)});
    if (s.out_of_range > 0) note += L.words(Phrase::PrecisionOutOfRange, {n(s.out_of_range), range_limit_text()});
    return note;
}

// Names as math, joined as a list: "E_1, E_2 and E_3".
Line names(const Layout& L, const std::vector<std::size_t>& nodes) {
    std::vector<Line> items;
    for (std::size_t n : nodes) items.push_back(math(L.sym(n)));
    return list_of(L.language(), items);
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
    Line line = L.say(Phrase::DerivativeNotation, {math(L.dfrac(d.output, d.wrt)), math(L.sym(d.output)), math(L.sym(d.wrt))});
    if (const LocalPartial* p = first_held_fixed(L.w())) {
        const Line more = L.say(Phrase::HeldFixedNotation, {math("\\left(\\frac{\\partial p}{\\partial T}\\right)_{V}"),
                                                           math(L.local(*p)), math(L.sym(p->of)), math(L.sym(p->wrt)),
                                                           names(L, p->held_fixed)});
        line.insert(line.end(), more.begin(), more.end());
    }
    return Paragraph{std::move(line)};
}

void notation(const Layout& L, Document& doc) {
    doc.blocks.push_back(Heading{2, text(L.words(Phrase::NotationHeading))});
    doc.blocks.push_back(Paragraph{text(L.words(Phrase::NotationIntro, {std::to_string(L.w().options.digits)}) + precision_note(L))});
    Table t{{text(L.words(Phrase::HeaderSymbol)), text(L.words(Phrase::HeaderKind)), text(L.words(Phrase::HeaderDefinition)),
             text(L.words(Phrase::HeaderValue))},
            {}};
    for (std::size_t i = 0; i < L.g().nodes.size(); ++i) {
        const NamedNode& n = L.g().nodes[i];
        Line def = n.role == NodeRole::Defined ? math(L.formula(n.definition)) : text(L.words(Phrase::Given));
        // A blank sheet asks for the forward values in the forward pass, not here.
        const bool asked = n.role == NodeRole::Defined && L.hides(Part::Forward);
        t.rows.push_back({math(L.sym(i)), text(L.words(role_phrase(n.role))), def,
                          asked ? text("") : math(L.num(n.value, n.value_certainty))});
    }
    doc.blocks.push_back(std::move(t));
    if (!L.w().derivations.empty()) doc.blocks.push_back(derivative_notation(L));
}

void forward_pass(const Layout& L, Document& doc) {
    doc.blocks.push_back(Heading{2, text(L.words(Phrase::ForwardPassHeading))});
    Equations eq;
    for (std::size_t i = 0; i < L.g().nodes.size(); ++i) {
        const NamedNode& n = L.g().nodes[i];
        if (n.role == NodeRole::Defined)
            eq.rows.push_back({L.sym(i), L.evaluation(n.definition, n.value, n.value_certainty, {}, Part::Forward, n.name, "value")});
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
    Line line;
    std::string rhs;
    if (f.through.empty()) {
        line = L.say(Phrase::SingleFactorDirect, {math(L.sym(d.output)), math(L.sym(d.wrt))});
    } else {  // E = E_1 + …: the steps above the last one are partials ≡ 1, merged away
        line = L.say(Phrase::SingleFactorThrough, {math(L.sym(d.output)), math(L.sym(d.wrt)), names(L, f.through)});
        rhs = L.dfrac(f.partial.of, d.wrt) + " = ";
    }
    doc.blocks.push_back(Paragraph{std::move(line)});
    Equations eq;
    eq.rows.push_back({L.dfrac(d.output, d.wrt), rhs + L.evaluation(f.partial.formula, f.partial.value, f.partial.certainty,
                                                                    d.exact_result, Part::Paths, L.claim(d.output, d.wrt),
                                                                    "gradient")});
    doc.blocks.push_back(std::move(eq));
}

Paragraph paths_intro(const Layout& L, const GradientDerivation& d) {
    const std::size_t n = d.paths.size();
    if (n == 1) return Paragraph{L.say(Phrase::PathsIntroOne, {math(L.sym(d.output)), math(L.sym(d.wrt))})};
    return Paragraph{L.say(Phrase::PathsIntroMany, {text(std::to_string(n)), math(L.sym(d.output)), math(L.sym(d.wrt))})};
}

void paths_style(const Layout& L, const GradientDerivation& d, Document& doc) {
    const std::size_t n = d.paths.size();
    if (n == 1 && d.paths[0].factors.size() == 1) return single_factor(L, d, doc);
    const std::string lhs = L.dfrac(d.output, d.wrt);
    doc.blocks.push_back(paths_intro(L, d));
    Equations general;
    add_path_rows(L, d, lhs, false, general);
    doc.blocks.push_back(std::move(general));
    doc.blocks.push_back(Paragraph{L.say(Phrase::LocalPartialsIntro)});
    Equations partials;
    std::set<std::pair<std::size_t, std::size_t>> shown;
    for (const ChainPath& p : d.paths)
        for (const PathFactor& f : p.factors)
            if (shown.insert({f.of, f.partial.wrt}).second)
                partials.rows.push_back({L.local(f.of, f.partial),
                                         L.evaluation(f.partial.formula, f.partial.value, f.partial.certainty, {}, Part::Local,
                                                      L.claim(f.of, f.partial.wrt), "local partial")});
    doc.blocks.push_back(std::move(partials));
    if (!L.printed(Part::Paths)) return;  // a blank sheet that asks the local partials only
    doc.blocks.push_back(Paragraph{L.say(n == 1 ? Phrase::ProductOne : Phrase::ProductsMany)});
    Equations result;
    const std::string value = L.answer(L.exact(d.result, d.result_certainty, d.exact_result), d.result, d.result_certainty,
                                       L.claim(d.output, d.wrt), "gradient", Part::Paths);
    if (L.hides(Part::Paths)) {  // a blank sheet: the products of numbers would give it away
        result.rows.push_back({lhs, value});
        doc.blocks.push_back(std::move(result));
        return;
    }
    add_path_rows(L, d, lhs, true, result);
    if (n > 1) {
        std::string sum;
        for (std::size_t k = 0; k < n; ++k) sum += (k ? " + " : "") + L.factor(d.paths[k].product, d.paths[k].product_certainty);
        result.rows.push_back({"", sum});
    }
    result.rows.push_back({"", value});
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

// The stages with the value last, unless a worked sheet's value repeats the stage before it
// (or lhs); an exercise sheet's value is an answer and always shown.
std::vector<std::string> with_value(const Layout& L, const std::string& lhs, std::vector<std::string> stages,
                                    const std::string& value) {
    const std::string& previous = stages.empty() ? lhs : stages.back();
    if (L.exercise() || value != previous) stages.push_back(value);
    return stages;
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
    const std::string dE = L.delta(ds.front()->output) + " = 1";
    doc.blocks.push_back(Heading{2, text(L.words(Phrase::DeltasHeading))});
    doc.blocks.push_back(Paragraph{L.say(Phrase::DeltasIntro,
                                         {math("\\delta_N = \\partial " + E + "/\\partial N"), math(E), math("N"), math(dE),
                                          math("\\delta_N = \\sum_C \\delta_C \\, \\partial C / \\partial N"), math("C"),
                                          math("C = " + E)})});
    if (!table.empty()) {
        Equations eq;
        for (std::size_t n : table) {
            const DeltaStep& s = *delta.at(n);
            const DeltaSum sum = delta_sum(L, s.terms, delta);
            const std::string value = L.answer(L.num(s.value, s.certainty), s.value, s.certainty,
                                               "delta_" + L.g().nodes[n].name, "delta", Part::Paths);
            std::vector<std::string> stages = {sum.symbols, sum.formulas};
            if (!L.blank_sheet()) stages.push_back(sum.numbers);
            stages = with_value(L, L.delta(n), distinct_stages(L.delta(n), stages), value);
            for (std::size_t k = 0; k < stages.size(); ++k) eq.rows.push_back({k == 0 ? L.delta(n) : "", stages[k]});
        }
        doc.blocks.push_back(std::move(eq));
    }
    doc.blocks.push_back(Paragraph{L.say(ds.size() == 1 ? Phrase::DeltasGradientOne : Phrase::DeltasGradientMany)});
    Equations lines;
    for (const GradientDerivation* d : ds) {
        const DeltaStep& s = *delta.at(d->wrt);
        const DeltaSum sum = delta_sum(L, s.terms, delta);
        const std::string lhs = L.dfrac(d->output, d->wrt);
        std::string rhs;
        std::vector<std::string> stages = {sum.symbols, sum.formulas};
        if (!L.blank_sheet()) stages.push_back(sum.numbers);
        stages = with_value(L, lhs, distinct_stages(lhs, stages),
                            L.answer(L.exact(d->result, d->result_certainty, d->exact_result), d->result, d->result_certainty,
                                     L.claim(d->output, d->wrt), "gradient", Part::Paths));
        for (const std::string& st : stages) rhs += (rhs.empty() ? "" : " = ") + st;
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
    if (p.function == "hypot" || p.function == "atan2")  // both arguments 0: "z = c = 0", or "z = 0" when c is the number 0
        at = L.formula(p.argument) + (symbolic::is_constant(p.other) ? "" : " = " + L.formula(p.other)) + " = 0";
    return L.say(Phrase::SingularWhere, {text(p.function), math(at), math(L.sym(p.node))});
}

void singular_points(const Layout& L, Document& doc) {
    if (L.w().singular_points.empty()) return;
    doc.blocks.push_back(Heading{2, text(L.words(Phrase::SingularHeading))});
    for (const SingularPoint& p : L.w().singular_points) {
        const Line where = singular_where(L, p);
        const Line convention = text(convention_text(p, L.language()));
        if (p.kind == SingularKind::Kink && *p.left == *p.right)  // step, sign: a jump, flat on both sides
            doc.blocks.push_back(Paragraph{L.say(Phrase::SingularJump, {where, text(p.function), convention})});
        else if (p.kind == SingularKind::Kink)
            doc.blocks.push_back(Paragraph{L.say(Phrase::SingularKink, {where, text(p.function), math(L.num(*p.left)),
                                                                        math(L.num(*p.right)), convention})});
        else
            doc.blocks.push_back(Paragraph{L.say(p.kind == SingularKind::InfiniteDerivative ? Phrase::SingularInfiniteDerivative
                                                                                            : Phrase::SingularOther,
                                                 {where, convention})});
    }
}

void one_sided(const Layout& L, const GradientDerivation& d, Document& doc) {
    if (!d.from_left || !d.from_right) return;
    const int digits = L.w().options.digits;
    if (format_number(*d.from_left, digits) == format_number(*d.from_right, digits)) {
        if (format_number(*d.from_left, digits) == format_number(d.result, digits)) return;
        doc.blocks.push_back(Paragraph{L.say(Phrase::BothSidesAgree, {math(L.dfrac(d.output, d.wrt) + " = " + L.num(*d.from_left))})});
        return;
    }
    doc.blocks.push_back(Paragraph{L.say(Phrase::TwoOneSidedValues, {math(L.dfrac(d.output, d.wrt) + " = " + L.num(*d.from_left)),
                                                                     math(L.sym(d.wrt)), math(L.num(*d.from_right))})});
}

// `named`: several gradients share one section (deltas), so the sentence says which.
void cross_check(const Layout& L, const GradientDerivation& d, Document& doc, bool named = false) {
    const ReverseModeCheck check = reverse_mode_check(d, L.w().options.digits);
    const Line what = named ? L.say(Phrase::CrossCheckOf, {math(L.dfrac(d.output, d.wrt))}) : L.say(Phrase::CrossCheck);
    if (check != ReverseModeCheck::Agrees && boost::multiprecision::isnan(d.reverse_mode) &&
        !boost::multiprecision::isnan(d.result)) {
        doc.blocks.push_back(Paragraph{L.say(Phrase::CrossCheckUndefined, {what})});
        return;
    }
    const Line value = math(L.num(d.reverse_mode, d.reverse_mode_certainty));
    if (check == ReverseModeCheck::CannotConfirm) {
        doc.blocks.push_back(
            Paragraph{L.say(Phrase::CrossCheckCannotConfirm, {what, value, text(std::to_string(unsettled_precision(d)))})});
        return;
    }
    doc.blocks.push_back(
        Paragraph{L.say(check == ReverseModeCheck::Agrees ? Phrase::CrossCheckAgrees : Phrase::CrossCheckDisagrees, {what, value})});
}

// After the deltas section: one sentence when every gradient agrees with reverse mode,
// else a sentence for each one that does not; then the one-sided values at a kink.
void deltas_checks(const Layout& L, const std::vector<const GradientDerivation*>& ds, Document& doc) {
    const int digits = L.w().options.digits;
    const bool all = std::all_of(ds.begin(), ds.end(), [&](const GradientDerivation* d) { return agrees_with_reverse_mode(*d, digits); });
    if (all)
        doc.blocks.push_back(Paragraph{L.say(ds.size() == 1 ? Phrase::CrossCheckAllOne : Phrase::CrossCheckAllMany)});
    for (const GradientDerivation* d : ds) {
        if (!all && !agrees_with_reverse_mode(*d, digits)) cross_check(L, *d, doc, true);
        one_sided(L, *d, doc);
    }
}

void derivations(const Layout& L, Document& doc) {
    if (!L.printed(Part::Local) && !L.printed(Part::Paths)) return;
    std::vector<const GradientDerivation*> deltas;
    for (const GradientDerivation& d : L.w().derivations) {
        if (d.style == ChainStyle::Deltas) {
            deltas.push_back(&d);
            continue;
        }
        doc.blocks.push_back(Heading{2, math(L.dfrac(d.output, d.wrt))});
        paths_style(L, d, doc);
        if (L.blank_sheet()) continue;  // the cross-check would give the gradient away
        cross_check(L, d, doc);
        one_sided(L, d, doc);
    }
    if (deltas.empty()) return;
    deltas_section(L, deltas, doc);
    if (!L.blank_sheet()) deltas_checks(L, deltas, doc);
}

void update(const Layout& L, Document& doc) {
    if (!L.w().options.learning_rate || !L.printed(Part::Update)) return;
    const Real eta = *L.w().options.learning_rate;
    doc.blocks.push_back(Heading{2, text(L.words(Phrase::UpdateHeading))});
    doc.blocks.push_back(Paragraph{L.say(Phrase::UpdateIntro, {math("\\eta = " + L.num(eta))})});
    Equations eq;
    std::set<std::size_t> done;
    for (const GradientDerivation& d : L.w().derivations) {
        if (!done.insert(d.wrt).second) continue;
        const NamedNode& p = L.g().nodes[d.wrt];
        const std::string general = L.sym(d.wrt) + " - \\eta " + L.dfrac(d.output, d.wrt) + " = ";
        const std::string value = L.answer(L.exact(*d.after_update, d.after_update_certainty, d.exact_after_update),
                                           *d.after_update, d.after_update_certainty, p.name + "+", "update", Part::Update);
        if (L.hides(Part::Update)) {  // a blank sheet: the gradient's number would be one of the answers
            eq.rows.push_back({L.superscript(d.wrt, "+"), general + value});
            continue;
        }
        eq.rows.push_back({L.superscript(d.wrt, "+"), general + L.num(p.value, p.value_certainty) + " - " + L.num(eta) +
                                                         " \\cdot " + L.factor(d.result, d.result_certainty) + " = " + value});
    }
    doc.blocks.push_back(std::move(eq));
}

Phrase check_word(ReverseModeCheck c) {
    switch (c) {
        case ReverseModeCheck::Agrees: return Phrase::AgreesWithReverseMode;
        case ReverseModeCheck::Disagrees: return Phrase::Disagrees;
        case ReverseModeCheck::CannotConfirm: break;
    }
    return Phrase::CannotConfirm;
}

void summary(const Layout& L, Document& doc) {
    doc.blocks.push_back(Heading{2, text(L.words(Phrase::SummaryHeading))});
    const bool lr = L.w().options.learning_rate.has_value();
    Table t{{text(L.words(Phrase::HeaderParameter)), text(L.words(Phrase::HeaderValue)), text(L.words(Phrase::HeaderGradient)),
             text(L.words(Phrase::HeaderCheck))},
            {}};
    if (lr) t.header.push_back(text(L.words(Phrase::HeaderAfterStep)));
    std::set<std::size_t> done;
    for (const GradientDerivation& d : L.w().derivations) {
        if (!done.insert(d.wrt).second) continue;
        const NamedNode& p = L.g().nodes[d.wrt];
        std::vector<Line> row{math(L.sym(d.wrt)), math(L.num(p.value, p.value_certainty)),
                              math(L.slash_dfrac(d.output, d.wrt) + " = " + L.exact(d.result, d.result_certainty, d.exact_result, true)),
                              text(L.words(check_word(reverse_mode_check(d, L.w().options.digits))))};
        if (lr) row.push_back(math(L.num(*d.after_update, d.after_update_certainty)));
        t.rows.push_back(std::move(row));
    }
    doc.blocks.push_back(std::move(t));
}

std::string default_title(const Layout& L) { return L.words(Phrase::DefaultTitle, {L.g().nodes[L.g().output].name}); }

Document layout(const Layout& L) {
    Document doc;
    doc.title = L.w().options.title.empty() ? default_title(L) : L.w().options.title;
    if (L.blank_sheet()) doc.blocks.push_back(Paragraph{L.say(Phrase::SheetNameLine, {math("\\underline{\\hspace{12em}}")})});
    if (L.exercise() && !L.blank_sheet()) doc.blocks.push_back(Paragraph{L.say(Phrase::KeyLegend)});
    notation(L, doc);
    forward_pass(L, doc);
    singular_points(L, doc);
    derivations(L, doc);
    if (!L.exercise()) second_order_document(L.w(), L.language(), doc);
    update(L, doc);
    if (!L.blank_sheet()) summary(L, doc);  // its gradients and updates are the answers
    return doc;
}

}  // namespace

Document worksheet_document(const Worksheet& w, Language language) { return layout(Layout(w, language)); }

std::vector<std::string> node_symbols(const Worksheet& w) {
    const Layout layout(w, Language::English);
    std::vector<std::string> symbols;
    for (std::size_t i = 0; i < w.graph.nodes.size(); ++i) symbols.push_back(layout.sym(i));
    return symbols;
}

ExerciseSheet exercise_sheet(const Worksheet& w, SheetKind kind, const SheetParts& parts, Language language) {
    ExerciseSheet sheet;
    sheet.document = layout(Layout(w, language, kind, parts, &sheet.blanks));
    return sheet;
}

}  // namespace chainrule::derivations
