// The matrix derivation as a document: shapes and forward pass, then the reverse sweep,
// each matrix shown with its numbers when it is small enough to read.
#include "matrix_derivation.hpp"
#include "../precision/number_format.hpp"
#include "../symbolic/latex_names.hpp"
#include "../symbolic/matrix_latex_printer.hpp"

namespace chainrule::derivations {
namespace {

using symbolic::to_latex;

std::string shape_text_tex(const Shape& s) {
    return std::to_string(s.rows) + "{\\times}" + std::to_string(s.cols);
}

// A bmatrix of the values, or "" when the matrix is too large to print.
std::string numbers(const Matrix<Real>& m, int digits, Eigen::Index max_entries) {
    if (m.size() == 0 || m.rows() > max_entries || m.cols() > max_entries) return {};
    if (m.size() == 1) return latex_number(m(0, 0), digits);
    std::string out = "\\begin{bmatrix}";
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        for (Eigen::Index c = 0; c < m.cols(); ++c) out += (c ? " & " : " ") + latex_number(m(r, c), digits);
        out += r + 1 < m.rows() ? " \\\\" : " ";
    }
    return out + "\\end{bmatrix}";
}

void given(Document& doc, const MatrixDerivation& d, int digits, Eigen::Index max_entries) {
    Equations eq;
    for (const MatrixForwardStep& s : d.forward) {
        if (!s.leaf) continue;
        const std::string v = numbers(s.value, digits, max_entries);
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
        if (const std::string v = numbers(s.value, digits, max_entries); !v.empty()) eq.rows.push_back({"", v});
    }
    doc.blocks.push_back(std::move(eq));
}

void backward(Document& doc, const MatrixDerivation& d, int digits, Eigen::Index max_entries) {
    const std::string loss = symbolic::latex_name(d.loss);
    doc.blocks.push_back(Heading{2, text("Reverse sweep in matrix form")});
    doc.blocks.push_back(Paragraph{Line{Text{"Each adjoint "}, Math{"\\partial " + loss + "/\\partial N"},
                                        Text{" has the shape of N. For C = AB: "},
                                        Math{"\\bar A = \\bar C B^{\\top},\\ \\bar B = A^{\\top} \\bar C"},
                                        Text{"; a bias row broadcast to every row: "},
                                        Math{"\\bar b = \\mathbf{1}^{\\top} \\bar C"},
                                        Text{"; an elementwise function A = f(Z): "},
                                        Math{"\\bar Z = \\bar A \\odot f'(Z)"},
                                        Text{", where "}, Math{"\\sigma'(Z) = A \\odot (1 - A)"}, Text{"."}}});
    Equations eq;
    bool any_reduced = false;
    for (const MatrixGradientStep& s : d.backward) {
        eq.rows.push_back({to_latex(symbolic::mat_adjoint(d.loss, s.name)), to_latex(s.formula)});
        if (const std::string v = numbers(s.value, digits, max_entries); !v.empty()) eq.rows.push_back({"", v});
        any_reduced = any_reduced || s.reduced;
    }
    doc.blocks.push_back(std::move(eq));
    if (any_reduced)
        doc.blocks.push_back(Paragraph{Line{Math{"\\mathbf{1}"},
                                            Text{" is a column of ones: an operand broadcast to every row (a bias row) "
                                                 "receives the sum of the adjoints of those rows."}}});
    if (d.backward.empty() || d.backward.front().value.size() == 0) return;  // formulas and shapes only
    doc.blocks.push_back(Paragraph{text("Every number is computed in 50-digit arithmetic (the reverse sweep of the "
                                        "replayed tape) and printed with " + std::to_string(digits) +
                                        " significant digits.")});
}

}  // namespace

Document matrix_worksheet_document(const MatrixDerivation& d, int digits, Eigen::Index max_entries_shown,
                                   std::string title) {
    Document doc;
    if (title.empty()) {
        title = "Gradient of " + d.loss + " in matrix form";
    }
    doc.title = std::move(title);
    given(doc, d, digits, max_entries_shown);
    forward(doc, d, digits, max_entries_shown);
    backward(doc, d, digits, max_entries_shown);
    return doc;
}

}  // namespace chainrule::derivations
