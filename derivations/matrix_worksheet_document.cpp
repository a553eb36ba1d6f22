// The matrix derivation as a document: shapes and forward pass, then the reverse sweep,
// each matrix shown with its numbers when it is small enough to read.
#include "matrix_derivation.hpp"
#include "matrix_entry.hpp"
#include "../precision/number_format.hpp"
#include "../symbolic/latex_names.hpp"
#include "../symbolic/matrix_latex_printer.hpp"

#include <algorithm>
#include <vector>

namespace chainrule::derivations {
namespace {

using symbolic::to_latex;

std::string shape_text_tex(const Shape& s) {
    return std::to_string(s.rows) + "{\\times}" + std::to_string(s.cols);
}

// One entry: certified when the step carries certainties (certified_matrix_derivation).
std::string entry(const Matrix<Real>& m, const std::vector<Certainty>& certainty, Eigen::Index r, Eigen::Index c,
                  int digits) {
    if (certainty.empty()) return latex_number(m(r, c), digits);
    return latex_number(m(r, c), certainty[static_cast<std::size_t>(c * m.rows() + r)], digits);  // column-major
}

// A bmatrix of the values, or "" when the matrix is too large to print.
std::string numbers(const Matrix<Real>& m, const std::vector<Certainty>& certainty, int digits, Eigen::Index max_entries) {
    if (m.size() == 0 || m.rows() > max_entries || m.cols() > max_entries) return {};
    if (m.size() == 1) return entry(m, certainty, 0, 0, digits);
    std::string out = "\\begin{bmatrix}";
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        for (Eigen::Index c = 0; c < m.cols(); ++c) out += (c ? " & " : " ") + entry(m, certainty, r, c, digits);
        out += r + 1 < m.rows() ? " \\\\" : " ";
    }
    return out + "\\end{bmatrix}";
}

void given(Document& doc, const MatrixDerivation& d, int digits, Eigen::Index max_entries) {
    Equations eq;
    for (const MatrixForwardStep& s : d.forward) {
        if (!s.leaf) continue;
        const std::string v = numbers(s.value, s.certainty, digits, max_entries);
        eq.rows.push_back({to_latex(s.symbol), (v.empty() ? "" : v + " \\quad ") + "(" + shape_text_tex(s.shape) + (s.variable ? ",\\ \\text{parameter})" : ")")});
    }
    if (eq.rows.empty()) return;
    doc.blocks.push_back(Heading{2, text("Given")});
    doc.blocks.push_back(std::move(eq));
}

void forward(Document& doc, const MatrixDerivation& d, int digits, Eigen::Index max_entries) {
    doc.blocks.push_back(Heading{2, text("Forward pass, with shapes")});
    Equations eq;
    for (const MatrixForwardStep& s : d.forward) {
        if (s.leaf) continue;
        eq.rows.push_back({to_latex(s.symbol), to_latex(s.definition)});
        eq.rows.push_back({"", to_latex(s.symbol, {.shapes = true}) + " = " + to_latex(s.definition, {.shapes = true}), true});
        if (const std::string v = numbers(s.value, s.certainty, digits, max_entries); !v.empty()) eq.rows.push_back({"", v});
    }
    doc.blocks.push_back(std::move(eq));
}

// The matrix functions a definition applies (sum, softmax, the losses), in order of use.
void functions_in(const symbolic::MatExpr& e, std::vector<symbolic::MatFunction>& out) {
    if (e.kind() == symbolic::MatExpr::Kind::apply && std::find(out.begin(), out.end(), e.matrix_function()) == out.end())
        out.push_back(e.matrix_function());
    for (const symbolic::MatExpr& o : e.operands()) functions_in(o, out);
}

// "where …": the definition of every matrix function the forward pass uses, so that the
// factors 1/m, 1/(mn) of the reverse sweep have a visible source.
void definitions(Document& doc, const MatrixDerivation& d) {
    std::vector<symbolic::MatFunction> used;
    for (const MatrixForwardStep& s : d.forward) functions_in(s.definition, used);
    std::erase_if(used, [](symbolic::MatFunction f) { return symbolic::definition_latex(f).empty(); });
    if (used.empty()) return;
    Line where{Text{"For an "}, Math{"m \\times n"}, Text{" argument: "}};
    for (std::size_t k = 0; k < used.size(); ++k) {
        if (k > 0) where.push_back(Text{"; "});
        where.push_back(Math{symbolic::definition_latex(used[k])});
        if (used[k] == symbolic::MatFunction::softmax_cross_entropy)
            where.push_back(Text{" (each row of Y sums to 1, as one-hot labels do)"});
    }
    where.push_back(Text{"."});
    doc.blocks.push_back(Paragraph{std::move(where)});
}

// The identities of the matrix-algebra ops the sheet uses (The Matrix Cookbook, eqs. 49,
// 51, 59, 103; Giles 2008), in the rules' letters, so that each step has a visible source.
void algebra_rules(Document& doc, const MatrixDerivation& d) {
    using F = symbolic::MatFunction;
    static const std::vector<std::pair<F, std::string>> rules{
        {F::trace, "t = \\operatorname{tr} P:\\ \\bar P = \\bar t\\, I"},
        {F::det, "d = \\det P:\\ \\bar P = \\bar d \\det(P)\\, P^{-\\top}"},
        {F::logdet, "\\ell = \\ln\\det P:\\ \\bar P = \\bar \\ell\\, P^{-\\top}"},
        {F::inverse, "Q = P^{-1}:\\ \\bar P = -Q^{\\top} \\bar Q\\, Q^{\\top}"},
        {F::frobenius_norm, "n = \\lVert P \\rVert_{F}:\\ \\bar P = \\bar n\\, P / \\lVert P \\rVert_{F}"},
        {F::diag, "Q = \\operatorname{diag}(P):\\ \\bar P = \\operatorname{diag}(\\bar Q)"},
        {F::kron, "Q = P \\otimes R:\\ \\bar P_{ij} = \\operatorname{tr}\\bigl(\\bar Q_{[ij]}^{\\top} R\\bigr),\\ "
                  "\\bar R = \\sum_{i,j} P_{ij} \\bar Q_{[ij]}\\ (\\bar Q_{[ij]} \\text{ the blocks of } \\bar Q)"},
    };
    std::vector<F> used;
    for (const MatrixForwardStep& s : d.forward) functions_in(s.definition, used);
    Line line{Text{"Matrix algebra (The Matrix Cookbook): "}};
    bool any = false;
    for (const auto& [f, rule] : rules) {
        if (std::find(used.begin(), used.end(), f) == used.end()) continue;
        if (any) line.push_back(Text{"; "});
        line.push_back(Math{rule});
        any = true;
    }
    line.push_back(Text{"."});
    if (any) doc.blocks.push_back(Paragraph{std::move(line)});
}

void backward(Document& doc, const MatrixDerivation& d, int digits, Eigen::Index max_entries) {
    const std::string loss = symbolic::latex_name(d.loss);
    doc.blocks.push_back(Heading{2, text("Reverse sweep in matrix form")});
    // The rules with letters of their own (P, Q, R, F, G), not the sheet's A, B, W, Z.
    doc.blocks.push_back(Paragraph{Line{
        Text{"Each adjoint "}, Math{"\\partial " + loss + "/\\partial N"}, Text{", written "}, Math{"\\bar N"},
        Text{" in the rules, has the shape of "}, Math{"N"}, Text{". For a product "}, Math{"P = Q R"}, Text{": "},
        Math{"\\bar Q = \\bar P R^{\\top},\\ \\bar R = Q^{\\top} \\bar P"}, Text{"; a row "}, Math{"b"},
        Text{" added to every row of "}, Math{"P"}, Text{": "}, Math{"\\bar b = \\mathbf{1}^{\\top} \\bar P"},
        Text{", where "}, Math{"\\mathbf{1}"}, Text{" is a column of ones; an elementwise function "},
        Math{"F = f(G)"}, Text{": "}, Math{"\\bar G = \\bar F \\odot f'(G)"}, Text{", where "},
        Math{"\\sigma'(G) = F \\odot (1 - F)"}, Text{" for "}, Math{"F = \\sigma(G)"}, Text{"."}}});
    algebra_rules(doc, d);
    Equations eq;
    for (const MatrixGradientStep& s : d.backward) {
        eq.rows.push_back({to_latex(symbolic::mat_adjoint(d.loss, s.name)), to_latex(s.formula)});
        // A formula that is a number (∂J/∂f = 1 for a summand f) is its value: no "= 1 = 1".
        if (s.formula.kind() == symbolic::MatExpr::Kind::scalar) continue;
        if (const std::string v = numbers(s.value, s.certainty, digits, max_entries); !v.empty()) eq.rows.push_back({"", v});
    }
    doc.blocks.push_back(std::move(eq));
    if (d.backward.empty()) return;
    if (d.backward.front().value.size() == 0) {
        doc.blocks.push_back(Paragraph{text("Formulas and shapes only: the matrices of this model are too large to "
                                            "print their numbers.")});
        return;
    }
    if (!d.backward.front().certainty.empty()) {
        doc.blocks.push_back(Paragraph{text("Every number is computed in 50-digit arithmetic (the reverse sweep of the "
                                            "replayed tape) and again at 100, 200, … digits until its " +
                                            std::to_string(digits) + " printed significant digits agree; a value that "
                                            "cannot be told from 0 prints as 0 with its bound.")});
        return;
    }
    doc.blocks.push_back(Paragraph{text("Every number is computed in 50-digit arithmetic (the reverse sweep of the "
                                        "replayed tape) and printed with " + std::to_string(digits) +
                                        " significant digits.")});
}

// "21" for entry (2, 1); "12,3" when an index has two digits.
std::string indices(Eigen::Index row, Eigen::Index col) {
    const std::string r = std::to_string(row + 1), c = std::to_string(col + 1);
    return r.size() == 1 && c.size() == 1 ? r + c : r + "," + c;
}

// X_{21}; (W_{1})_{21} when the name has a subscript of its own; b for a 1×1 node.
std::string subscripted(const std::string& name, Eigen::Index row, Eigen::Index col, bool scalar = false) {
    const std::string n = symbolic::latex_name(name);
    if (scalar) return n;
    const std::string base = n.find('_') == std::string::npos ? n : "\\left(" + n + "\\right)";
    return base + "_{" + indices(row, col) + "}";
}

// An entry as the scalar chain rule writes it: X_{k2}, ∂J/∂Z_{k1}, [σ(Z)]_{k1}.
std::string factor_latex(const EntryFactor& f) {
    using K = symbolic::MatExpr::Kind;
    if (f.matrix.kind() == K::symbol) return subscripted(f.matrix.name(), f.row, f.col, f.scalar);
    if (f.matrix.kind() == K::adjoint)
        return "\\frac{\\partial " + symbolic::latex_name(f.matrix.loss_name()) + "}{\\partial " +
               subscripted(f.matrix.name(), f.row, f.col, f.scalar) + "}";
    return "\\left[" + to_latex(f.matrix) + "\\right]_{" + indices(f.row, f.col) + "}";
}

// c·x·y as one term of a sum: its sign in front, 1 left out; `numbers` shows the values.
std::string term_latex(const EntryTerm& t, bool first, bool numbers, int digits) {
    const bool negative = t.coefficient < 0;
    std::string out = first ? (negative ? "-" : "") : (negative ? " - " : " + ");
    std::vector<std::string> parts;
    if (abs(t.coefficient) != 1 || t.factors.empty()) parts.push_back(latex_number(abs(t.coefficient), digits));
    for (const EntryFactor& f : t.factors) {
        if (!numbers) {
            parts.push_back(factor_latex(f));
            continue;
        }
        const std::string v = latex_number(*f.value, digits);
        parts.push_back(*f.value < 0 ? "\\left(" + v + "\\right)" : v);
    }
    for (std::size_t k = 0; k < parts.size(); ++k) out += (k ? (numbers ? " \\cdot " : " ") : "") + parts[k];
    return out;
}

// The terms of a sum, the first three and the last two of a long one.
std::string terms_latex(const std::vector<EntryTerm>& ts, bool numbers, int digits) {
    if (ts.empty()) return "0";
    std::string out;
    for (std::size_t k = 0; k < ts.size(); ++k) {
        if (ts.size() > 6 && k == 3) {
            out += " + \\cdots";
            k = ts.size() - 3;
            continue;
        }
        out += term_latex(ts[k], k == 0, numbers, digits);
    }
    return out;
}

void entries_section(Document& doc, const MatrixDerivation& d, const std::vector<EntryExpansion>& entries, int digits) {
    if (entries.empty()) return;
    doc.blocks.push_back(Heading{2, text("One entry, element by element")});
    doc.blocks.push_back(Paragraph{Line{
        Text{"An entry of a matrix formula, written out with "}, Math{"(PQ)_{ij} = \\sum_k P_{ik} Q_{kj}"}, Text{", "},
        Math{"(P^{\\top})_{ij} = P_{ji}"}, Text{", "}, Math{"(P \\odot Q)_{ij} = P_{ij} Q_{ij}"},
        Text{" and "}, Math{"(\\mathbf{1})_{i} = 1"},
        Text{": each term is the scalar chain rule along one path, and the sum runs over the rows of the batch."}}});
    for (const EntryExpansion& x : entries) {
        Equations eq;
        const std::string lhs = "\\frac{\\partial " + symbolic::latex_name(d.loss) + "}{\\partial " +
                                subscripted(x.name, x.row, x.col, x.shape == Shape{1, 1}) + "}";
        eq.rows.push_back({lhs, "\\left(" + to_latex(x.formula) + "\\right)_{" + indices(x.row, x.col) + "}"});
        eq.rows.push_back({"", terms_latex(x.terms, false, digits)});
        bool known = true;
        for (const EntryTerm& t : x.terms) known = known && term_value(t).has_value();
        if (known && !x.terms.empty()) eq.rows.push_back({"", terms_latex(x.terms, true, digits)});
        eq.rows.push_back({"", x.certainty ? latex_number(x.value, *x.certainty, digits) : latex_number(x.value, digits)});
        doc.blocks.push_back(std::move(eq));
    }
}

}  // namespace

Document matrix_worksheet_document(const MatrixDerivation& d, int digits, Eigen::Index max_entries_shown,
                                   std::string title, const std::vector<EntryExpansion>& entries) {
    Document doc;
    if (title.empty()) {
        title = "Gradient of " + d.loss + " in matrix form";
    }
    doc.title = std::move(title);
    given(doc, d, digits, max_entries_shown);
    forward(doc, d, digits, max_entries_shown);
    definitions(doc, d);
    backward(doc, d, digits, max_entries_shown);
    entries_section(doc, d, entries, digits);
    return doc;
}

Document matrix_worksheet_document(const MatrixDerivation& d, int digits, Eigen::Index max_entries_shown,
                                   std::string title) {
    return matrix_worksheet_document(d, digits, max_entries_shown, std::move(title), {});
}

}  // namespace chainrule::derivations
