// The LaTeX of matrix expressions (symbolic/matrix_latex_printer.hpp): the forms of
// matrix-calculus textbooks (The Matrix Cookbook; Goodfellow et al. §6.5), parentheses
// exactly where the meaning needs them, names and numbers as the scalar printer gives them.
#include "symbolic/matrix_expr.hpp"
#include "symbolic/matrix_latex_printer.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace matrix_printer_test {

using namespace chainrule::symbolic;

namespace {
const MatExpr X = mat_symbol("X", {3, 2}), W = mat_symbol("W1", {2, 4}), A = mat_symbol("A", {3, 4}),
              B = mat_symbol("B", {3, 4}), C = mat_symbol("C", {4, 4}), Y = mat_symbol("Y", {3, 4});
MatExpr num(int p, int q = 1) { return mat_scalar(Expr(Rational(p, q))); }
}  // namespace

TEST_CASE("matrix printer: names and shapes", "[matrix-printer]") {
    CHECK(to_latex(X * W) == "X W_{1}");
    CHECK(to_latex(X * W, {.shapes = true}) == "(3{\\times}2) (2{\\times}4)");
    CHECK(to_latex(mat_symbol("out_h1", {1, 1})) == "\\mathrm{out}_{h_{1}}");  // as latex_name gives it
    CHECK(to_latex(mat_adjoint("J", "W1")) == "\\frac{\\partial J}{\\partial W_{1}}");
    CHECK(to_latex(transpose(mat_ones()) * A) == "\\mathbf{1}^{\\top} A");
}

TEST_CASE("matrix printer: different products never share a level", "[matrix-printer]") {
    // (A ⊙ B) C and A ⊙ (B C) differ; so do (A B) ⊙ … and A (B ⊙ …).
    CHECK(to_latex(hadamard(A, B) * C) == "\\left(A \\odot B\\right) C");
    CHECK(to_latex(hadamard(A, B * C)) == "A \\odot \\left(B C\\right)");
    // The same product is associative: no parentheses, and one flat product.
    CHECK(to_latex(hadamard(A, hadamard(B, Y))) == "A \\odot B \\odot Y");
    CHECK(to_latex((X * W) * C) == "X W_{1} C");
    CHECK(to_latex(X * (W * C)) == "X W_{1} C");
    // ⊘ is not associative: a product on either side is parenthesised.
    CHECK(to_latex(hadamard_quotient(hadamard(A, B), Y)) == "\\left(A \\odot B\\right) \\oslash Y");
    CHECK(to_latex(hadamard_quotient(A, hadamard_quotient(B, Y))) == "A \\oslash \\left(B \\oslash Y\\right)");
}

TEST_CASE("matrix printer: sums, negations and scalar factors", "[matrix-printer]") {
    CHECK(to_latex(A - (B - Y)) == "A - \\left(B - Y\\right)");
    CHECK(to_latex((A - B) - Y) == "A - B - Y");
    CHECK(to_latex(-A + B) == "-A + B");
    CHECK(to_latex(-(A + B)) == "-\\left(A + B\\right)");
    CHECK(to_latex(num(1, 3) * (A - Y)) == "\\frac{1}{3} \\left(A - Y\\right)");
    CHECK(to_latex(A * mat_number(Expr(0.5))) == "A \\cdot 0.5");     // a number after a factor takes \cdot
    CHECK(to_latex(mat_number(Expr(0.25)) * A) == "0.25 A");           // a tape's number as its decimal
    CHECK(to_latex(mat_number(Expr(1) / 3) * A) == "\\frac{1}{3} A");  // it has none: a fraction
    CHECK(to_latex(num(1, 4) * A) == "\\frac{1}{4} A");                // exact scalars stay fractions
    CHECK(to_latex(num(1) * A) == "A");                  // 1·A = A, A·1 = A
    CHECK(to_latex(A * num(1)) == "A");
    CHECK(to_latex(num(-2) * A) == "\\left(-2\\right) A");
    CHECK(to_latex(transpose(A - B)) == "\\left(A - B\\right)^{\\top}");
}

TEST_CASE("matrix printer: signs, transposed adjoints, trivial powers", "[matrix-printer]") {
    CHECK(to_latex(A + mat_number(Expr(-0.5))) == "A - 0.5");  // not "A + -0.5"
    CHECK(to_latex(A - mat_number(Expr(-0.5))) == "A - \\left(-0.5\\right)");
    CHECK(to_latex(transpose(mat_adjoint("J", "Z"))) == "\\left(\\frac{\\partial J}{\\partial Z}\\right)^{\\top}");
    CHECK(to_latex(hadamard_power(A, 1)) == "A");
    CHECK(to_latex(hadamard_power(A, Expr(-0.75), true)) == "A^{\\circ -0.75}");  // a tape's exponent
}

TEST_CASE("matrix printer: elementwise functions and their derivatives", "[matrix-printer]") {
    CHECK(to_latex(elementwise(Function::sigmoid, X * W)) == "\\sigma\\left(X W_{1}\\right)");
    CHECK(to_latex(elementwise(Function::tanh, A, true)) == "\\tanh'\\left(A\\right)");
    CHECK(to_latex(elementwise(Function::gelu, A)) ==
          "\\operatorname{gelu}\\left(A\\right)");
    CHECK(to_latex(hadamard(mat_adjoint("J", "A"), hadamard(A, num(1) - A))) ==
          "\\frac{\\partial J}{\\partial A} \\odot A \\odot \\left(1 - A\\right)");
    CHECK(to_latex(num(1) - hadamard_power(A, 2)) == "1 - A^{\\circ 2}");
    CHECK(to_latex(hadamard_power(A + B, Expr(Rational(1, 2)))) == "\\left(A + B\\right)^{\\circ \\frac{1}{2}}");
    CHECK(to_latex(positive_indicator(X * W)) == "\\left[X W_{1} > 0\\right]");
}

TEST_CASE("matrix printer: functions of whole matrices", "[matrix-printer]") {
    CHECK(to_latex(apply(MatFunction::softmax, {A})) == "\\operatorname{softmax}\\left(A\\right)");
    CHECK(to_latex(apply(MatFunction::mse, {A, Y})) == "\\operatorname{MSE}\\left(A,\\, Y\\right)");
    CHECK(to_latex(apply(MatFunction::log_softmax, {A - B})) == "\\log\\operatorname{softmax}\\left(A - B\\right)");
    CHECK_THROWS_AS(apply(MatFunction::sum, {}), std::invalid_argument);
}

}  // namespace matrix_printer_test
