#include "matrix_latex_printer.hpp"

#include "arithmetic.hpp"
#include "function_rules.hpp"
#include "latex_names.hpp"
#include "latex_printer.hpp"
#include "print_support.hpp"

namespace chainrule::symbolic {
namespace {

using namespace detail;
using K = MatExpr::Kind;

std::string parens(const std::string& s) { return "\\left(" + s + "\\right)"; }

std::string shape_latex(MatShape s) {
    return "(" + std::to_string(s.rows) + "{\\times}" + std::to_string(s.cols) + ")";
}

std::string function_latex(MatFunction f) {
    switch (f) {
        case MatFunction::sum: return "\\operatorname{sum}";
        case MatFunction::mean: return "\\operatorname{mean}";
        case MatFunction::softmax: return "\\operatorname{softmax}";
        case MatFunction::log_softmax: return "\\log\\operatorname{softmax}";
        case MatFunction::mse: return "\\operatorname{MSE}";
        case MatFunction::bce_with_logits: return "\\operatorname{BCE}";
        case MatFunction::softmax_cross_entropy: return "\\operatorname{CE}";
        case MatFunction::trace: return "\\operatorname{tr}";
        case MatFunction::det: return "\\det";
        case MatFunction::logdet: return "\\ln\\det";
        case MatFunction::diag: return "\\operatorname{diag}";
        case MatFunction::frobenius_norm:
        case MatFunction::inverse:
        case MatFunction::inverse_transpose:
        case MatFunction::normalized:
        case MatFunction::kron:
        case MatFunction::kron_left_adjoint:
        case MatFunction::kron_right_adjoint:
        case MatFunction::identity: break;  // written around their arguments (MatLatexPrinter::apply)
    }
    return "\\operatorname{?}";
}

// A scalar part; a number from a tape as its decimal (0.5), as numbers on a sheet.
std::string scalar_latex(const Expr& e, bool decimal) {
    LatexOptions o;
    o.decimal_constants = decimal;
    return to_latex(e, o);
}

bool is_product_kind(K k) { return k == K::product || k == K::hadamard || k == K::quotient; }

class MatLatexPrinter {
public:
    explicit MatLatexPrinter(const MatLatexOptions& options) : options_(options) {}

    std::string print(const MatExpr& e, int min_prec) {
        const std::string s = body(e);
        return precedence(e) < min_prec ? parens(s) : s;
    }

private:
    static int precedence(const MatExpr& e) {
        switch (e.kind()) {
            case K::scalar: {
                const Expr& x = e.scalar();
                if (is_constant(x)) return x.value() < 0 ? prec_negation : prec_atom;
                if (is_symbol(x) || x.kind() == Kind::function) return prec_atom;
                return x.kind() == Kind::sum ? prec_sum : prec_product;
            }
            case K::sum: return prec_sum;
            case K::negation: return prec_negation;
            case K::product:
            case K::hadamard:
            case K::quotient: return prec_product;
            case K::transpose:
            case K::power: return prec_power;
            case K::apply:
                switch (e.matrix_function()) {
                    case MatFunction::inverse:
                    case MatFunction::inverse_transpose: return prec_power;
                    case MatFunction::kron: return prec_product;
                    case MatFunction::kron_right_adjoint: return prec_sum;
                    default: return prec_atom;
                }
            default: return prec_atom;
        }
    }

    // A factor of a product of kind `outer`: another kind of product is parenthesised, and
    // so is any product inside ⊘.
    std::string factor(const MatExpr& f, K outer) {
        if (is_product_kind(f.kind()) && (f.kind() != outer || outer == K::quotient)) return parens(body(f));
        return print(f, prec_product);
    }

    static bool numeric(const MatExpr& f) { return f.kind() == K::scalar && is_constant(f.scalar()); }
    static bool negative_number(const MatExpr& f) { return numeric(f) && f.scalar().value() < 0; }

    // The base of a transpose or an elementwise power: an adjoint's fraction is
    // parenthesised too, so that ^{\top} cannot be read as applying to its denominator.
    std::string base(const MatExpr& b) {
        return b.kind() == K::adjoint ? parens(body(b)) : print(b, prec_atom);
    }

    std::string product(const MatExpr& e, const std::string& op) {
        std::string out;
        const auto& fs = e.operands();
        for (std::size_t i = 0; i < fs.size(); ++i) {
            if (i > 0) out += op.empty() ? (numeric(fs[i]) ? " \\cdot " : " ") : " " + op + " ";
            out += factor(fs[i], e.kind());
        }
        return out;
    }

    std::string sum(const MatExpr& e) {
        std::string out;
        for (std::size_t i = 0; i < e.operands().size(); ++i) {
            const MatExpr& t = e.operands()[i];
            if (i == 0) out += print(t, prec_sum);
            else if (t.kind() == K::negation) out += " - " + print(t.operands()[0], prec_product);
            else if (negative_number(t)) out += " - " + scalar_latex(-t.scalar(), t.decimal());
            else out += " + " + print(t, prec_sum + 1);
        }
        return out;
    }

    std::string arguments(const MatExpr& e) {
        std::string out;
        for (std::size_t i = 0; i < e.operands().size(); ++i) out += (i ? ",\\, " : "") + print(e.operands()[i], prec_none);
        return parens(out);
    }

    // A matrix function: f(A, B), or its own notation (‖A‖_F, A⁻¹, A ⊗ B, I).
    std::string apply(const MatExpr& e) {
        const auto& args = e.operands();
        switch (e.matrix_function()) {
            case MatFunction::frobenius_norm: return "\\left\\lVert " + print(args[0], prec_none) + " \\right\\rVert_{F}";
            case MatFunction::inverse: return base(args[0]) + "^{-1}";
            case MatFunction::inverse_transpose: return base(args[0]) + "^{-\\top}";
            case MatFunction::normalized: {
                const std::string a = print(args[0], prec_none);
                return "\\frac{" + a + "}{\\left\\lVert " + a + " \\right\\rVert_{F}}";
            }
            case MatFunction::kron: return print(args[0], prec_product + 1) + " \\otimes " + print(args[1], prec_product + 1);
            // The blocks of the adjoint G of A ⊗ B, G_{[ij]} (each of B's shape), give
            // Ā_ij = tr(G_{[ij]}ᵀ B) and B̄ = Σ_ij A_ij G_{[ij]}.
            case MatFunction::kron_left_adjoint:
                return "\\left[\\operatorname{tr}\\left({" + base(args[0]) + "}_{[ij]}^{\\top} " + print(args[1], prec_product) +
                       "\\right)\\right]_{ij}";
            case MatFunction::kron_right_adjoint:  // braced: a symbol W_{1} takes a second subscript
                return "\\sum_{i,j} {" + base(args[1]) + "}_{ij} {" + base(args[0]) + "}_{[ij]}";
            case MatFunction::identity: return "I";
            default: return function_latex(e.matrix_function()) + arguments(e);
        }
    }

    std::string body(const MatExpr& e) {
        switch (e.kind()) {
            case K::scalar: return scalar_latex(e.scalar(), e.decimal());
            case K::symbol: return options_.shapes ? shape_latex(e.shape()) : latex_name(e.name());
            case K::adjoint:
                return "\\frac{\\partial " + latex_name(e.loss_name()) + "}{\\partial " + latex_name(e.name()) + "}";
            case K::ones: return "\\mathbf{1}";
            case K::sum: return sum(e);
            case K::negation: return "-" + print(e.operands()[0], prec_product);
            case K::product: return product(e, "");
            case K::hadamard: return product(e, "\\odot");
            case K::quotient: return product(e, "\\oslash");
            case K::transpose: return base(e.operands()[0]) + "^{\\top}";
            case K::power: return base(e.operands()[0]) + "^{\\circ " + scalar_latex(e.scalar(), e.decimal()) + "}";
            case K::map:
                return latex_function_name(e.function()) + (e.derivative() ? "'" : "") + parens(print(e.operands()[0], prec_none));
            case K::apply: return apply(e);
            // The Iverson bracket [Z > 0] (Knuth): \mathbb{1} has no glyph in LaTeX's amssymb.
            case K::positive: return "\\left[" + print(e.operands()[0], prec_none) + " > 0\\right]";
        }
        return {};
    }

    const MatLatexOptions& options_;
};

}  // namespace

std::string definition_latex(MatFunction f) {
    switch (f) {
        case MatFunction::sum: return "\\operatorname{sum}(A) = \\sum_{i,j} A_{ij}";
        case MatFunction::mean: return "\\operatorname{mean}(A) = \\frac{1}{mn} \\sum_{i,j} A_{ij}";
        case MatFunction::softmax:
            return "\\operatorname{softmax}(Z)_{ij} = \\frac{\\mathrm{e}^{Z_{ij}}}{\\sum_{l} \\mathrm{e}^{Z_{il}}}";
        case MatFunction::log_softmax:
            return "\\log\\operatorname{softmax}(Z)_{ij} = Z_{ij} - \\ln \\sum_{l} \\mathrm{e}^{Z_{il}}";
        case MatFunction::mse: return "\\operatorname{MSE}(P, Y) = \\frac{1}{mn} \\sum_{i,j} \\left(P_{ij} - Y_{ij}\\right)^{2}";
        case MatFunction::bce_with_logits:
            return "\\operatorname{BCE}(Z, Y) = \\frac{1}{mn} \\sum_{i,j} \\left(\\ln\\left(1 + \\mathrm{e}^{Z_{ij}}\\right) - Y_{ij} Z_{ij}\\right)";
        case MatFunction::softmax_cross_entropy:
            return "\\operatorname{CE}(Z, Y) = -\\frac{1}{m} \\sum_{i,j} Y_{ij} \\log\\operatorname{softmax}(Z)_{ij}";
        case MatFunction::trace: return "\\operatorname{tr}(A) = \\sum_{i} A_{ii}";
        case MatFunction::frobenius_norm: return "\\left\\lVert A \\right\\rVert_{F} = \\Bigl(\\sum_{i,j} A_{ij}^{2}\\Bigr)^{1/2}";
        case MatFunction::diag:
            return "\\operatorname{diag}(A) = \\left(A_{11}, A_{22}, \\ldots\\right)^{\\top}";
        case MatFunction::kron: return "A \\otimes B = \\left[A_{ij} B\\right]_{ij}";
        case MatFunction::kron_left_adjoint:
        case MatFunction::kron_right_adjoint: break;
        case MatFunction::det:
        case MatFunction::logdet:
        case MatFunction::inverse:
        case MatFunction::inverse_transpose:
        case MatFunction::normalized:
        case MatFunction::identity: break;  // standard notation: nothing to define
    }
    return {};
}

std::string to_latex(const MatExpr& e, const MatLatexOptions& options) {
    return MatLatexPrinter(options).print(e, prec_none);
}

}  // namespace chainrule::symbolic
