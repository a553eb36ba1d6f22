// Every matrix op's gradient against 50-digit central differences (matrix_check.hpp), on
// small random shapes, including the broadcast shapes: the double reverse mode to 1e-10
// and the 50-digit replay's reverse mode to 1e-25, relative to max(1, max |gradient|).
#include "matrix_check.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace matrix_gradients_test {

using namespace chainrule;
using namespace matrix_check;

namespace {

constexpr double kDoubleTol = 1e-10;
constexpr double kExactTol = 1e-25;

struct Case {
    std::string label;
    std::vector<M> matrices;
    std::vector<double> scalars;
    Builder build;
};

void run(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        const Report r = check_gradient(c.matrices, c.scalars, c.build);
        INFO(c.label << ": double error " << r.double_error << ", 50-digit error " << r.exact_error << "; "
                     << r.detail);
        CHECK(r.double_error <= kDoubleTol);
        CHECK(r.exact_error <= kExactTol);
    }
}

M rnd(Eigen::Index r, Eigen::Index c, unsigned seed, double lo = -2, double hi = 2) {
    return random_matrix(r, c, lo, hi, seed);
}

/// An elementwise function f(A) of a 3×4 matrix with entries in [lo, hi], probed.
Case map_case(std::string label, double lo, double hi, Mat<double> (*f)(const Mat<double>&)) {
    return {std::move(label), {rnd(3, 4, 7, lo, hi)}, {}, [f](const Mats& m, const Vars&) { return probe(f(m[0])); }};
}

}  // namespace

TEST_CASE("matrix gradients: matmul, transpose, reshape, slice_rows") {
    run({
        {"matmul 3x4 * 4x2", {rnd(3, 4, 1), rnd(4, 2, 2)}, {}, [](const Mats& m, const Vars&) { return probe(m[0] * m[1]); }},
        {"matmul 1x3 * 3x1", {rnd(1, 3, 3), rnd(3, 1, 4)}, {}, [](const Mats& m, const Vars&) { return probe(matmul(m[0], m[1])); }},
        {"matmul A * A^T", {rnd(3, 2, 5)}, {}, [](const Mats& m, const Vars&) { return probe(m[0] * transpose(m[0])); }},
        {"transpose 3x4", {rnd(3, 4, 6)}, {}, [](const Mats& m, const Vars&) { return probe(transpose(m[0])); }},
        {"reshape 3x4 -> 2x6", {rnd(3, 4, 7)}, {}, [](const Mats& m, const Vars&) { return probe(reshape(m[0], 2, 6)); }},
        {"slice_rows 1..2 of 4x3", {rnd(4, 3, 8)}, {}, [](const Mats& m, const Vars&) { return probe(slice_rows(m[0], 1, 2)); }},
        {"two slices of one matrix", {rnd(4, 3, 9)}, {}, [](const Mats& m, const Vars&) {
             return probe(hadamard(slice_rows(m[0], 0, 2), slice_rows(m[0], 1, 2)));
         }},
    });
}

TEST_CASE("matrix gradients: + − ⊙ ÷ with row, column and scalar broadcasting") {
    // [3,4] op [1,4] (a bias row), [3,4] op [3,1] (a column), [1,4] op [3,4], [3,1] op [1,4]
    // (outer broadcast), and a scalar Var as the 1×1 operand, each op kind.
    std::vector<Case> cases;
    using Op = Mat<double> (*)(const Mat<double>&, const Mat<double>&);
    const std::vector<std::pair<std::string, Op>> ops{
        {"add", [](const Mat<double>& a, const Mat<double>& b) { return a + b; }},
        {"sub", [](const Mat<double>& a, const Mat<double>& b) { return a - b; }},
        {"hadamard", [](const Mat<double>& a, const Mat<double>& b) { return hadamard(a, b); }},
        {"div", [](const Mat<double>& a, const Mat<double>& b) { return a / b; }},
    };
    const std::vector<std::pair<Shape, Shape>> shapes{
        {{3, 4}, {3, 4}}, {{3, 4}, {1, 4}}, {{3, 4}, {3, 1}}, {{1, 4}, {3, 4}}, {{3, 1}, {1, 4}}, {{3, 4}, {1, 1}}};
    unsigned seed = 20;
    for (const auto& [name, op] : ops)
        for (const auto& [sa, sb] : shapes)
            cases.push_back({name + " " + shape_text(sa) + " " + shape_text(sb),
                             {rnd(sa.rows, sa.cols, seed++), rnd(sb.rows, sb.cols, seed++, 0.5, 2)},
                             {},
                             [op](const Mats& m, const Vars&) { return probe(op(m[0], m[1])); }});
    run(cases);
}

TEST_CASE("matrix gradients: the gradient of a broadcast operand has the operand's shape") {
    const Report row = check_gradient({rnd(3, 4, 40), rnd(1, 4, 41)}, {},
                                      [](const Mats& m, const Vars&) { return probe(m[0] + m[1]); });
    REQUIRE(row.gradient_shapes.size() == 2);
    CHECK(row.gradient_shapes[1] == Shape{1, 4});
    const Report column = check_gradient({rnd(3, 4, 42), rnd(3, 1, 43)}, {},
                                         [](const Mats& m, const Vars&) { return probe(m[0] + m[1]); });
    CHECK(column.gradient_shapes[1] == Shape{3, 1});
    // and the values: for Y = A + b with J = Σ C ⊙ Y, ∂J/∂b = column sums of C
    Tape<double> t;
    auto a = t.variable(rnd(3, 4, 44));
    auto b = t.variable(rnd(1, 4, 45));
    const M c = rnd(3, 4, 46);
    auto J = sum(hadamard(t.constant(c), a + b));
    const M gb = grad(J, b);
    CHECK((gb - c.colwise().sum()).cwiseAbs().maxCoeff() < 1e-15);
}

TEST_CASE("matrix gradients: scalar Var and plain numbers with matrices") {
    run({
        {"Var * Mat", {rnd(3, 4, 50)}, {0.7}, [](const Mats& m, const Vars& s) { return probe(s[0] * m[0]); }},
        {"Mat * Var", {rnd(3, 4, 51)}, {-1.3}, [](const Mats& m, const Vars& s) { return probe(m[0] * s[0]); }},
        {"Mat / Var", {rnd(3, 4, 52)}, {1.9}, [](const Mats& m, const Vars& s) { return probe(m[0] / s[0]); }},
        {"Var / Mat", {rnd(3, 4, 53, 0.5, 2)}, {1.9}, [](const Mats& m, const Vars& s) { return probe(s[0] / m[0]); }},
        {"Mat + Var, Var - Mat", {rnd(3, 4, 54)}, {0.4}, [](const Mats& m, const Vars& s) {
             return probe(hadamard(m[0] + s[0], s[0] - m[0]));
         }},
        {"numbers: 2.5*A + 1, 3 - A/4, 2/A, A*0.5 - 1.5", {rnd(3, 4, 55, 0.5, 2)}, {}, [](const Mats& m, const Vars&) {
             return probe(hadamard(2.5 * m[0] + 1.0, 3.0 - m[0] / 4.0) + 2.0 / m[0] + (m[0] * 0.5 - 1.5));
         }},
    });
}

TEST_CASE("matrix gradients: every elementwise function of the core") {
    run({
        map_case("neg", -2, 2, [](const Mat<double>& x) { return -x; }),
        map_case("exp", -3, 3, exp<double>),
        map_case("log", 0.1, 5, log<double>),
        map_case("sin", -3, 3, sin<double>),
        map_case("cos", -3, 3, cos<double>),
        map_case("tan", -1.2, 1.2, tan<double>),
        map_case("cot", 0.2, 2.9, cot<double>),
        map_case("asin", -0.9, 0.9, asin<double>),
        map_case("acos", -0.9, 0.9, acos<double>),
        map_case("atan", -3, 3, atan<double>),
        map_case("acot", -3, 3, acot<double>),
        map_case("sinh", -3, 3, sinh<double>),
        map_case("cosh", -3, 3, cosh<double>),
        map_case("tanh", -3, 3, tanh<double>),
        map_case("coth", 0.2, 3, coth<double>),
        map_case("sech", -3, 3, sech<double>),
        map_case("csch", 0.2, 3, csch<double>),
        map_case("sqrt", 0.1, 5, sqrt<double>),
        map_case("cbrt", 0.1, 5, cbrt<double>),
        map_case("abs", 0.1, 3, abs<double>),
        map_case("sign", 0.1, 3, sign<double>),
        map_case("expm1", -3, 3, expm1<double>),
        map_case("log1p", -0.9, 3, log1p<double>),
        map_case("sigmoid", -5, 5, sigmoid<double>),
        map_case("relu", 0.1, 3, relu<double>),
        map_case("softplus", -5, 5, softplus<double>),
        map_case("log_sigmoid", -5, 5, log_sigmoid<double>),
        map_case("step", 0.1, 3, step<double>),
        map_case("pow(A, 2.5)", 0.1, 3, [](const Mat<double>& x) { return pow(x, 2.5); }),
        map_case("pow(2, A)", -2, 2, [](const Mat<double>& x) { return pow(2.0, x); }),
        map_case("log(A, 3)", 0.1, 3, [](const Mat<double>& x) { return log(x, 3.0); }),
        map_case("leaky_relu(A, 0.2) on both sides", -2, 2, [](const Mat<double>& x) { return leaky_relu(x, 0.2); }),
    });
}

TEST_CASE("matrix gradients: pow, atan2, hypot, min, max of two matrices") {
    run({
        {"pow(A, B)", {rnd(3, 4, 60, 0.5, 2), rnd(3, 4, 61)}, {}, [](const Mats& m, const Vars&) { return probe(pow(m[0], m[1])); }},
        {"atan2(A, B)", {rnd(3, 4, 62), rnd(1, 4, 63, 0.5, 2)}, {}, [](const Mats& m, const Vars&) { return probe(atan2(m[0], m[1])); }},
        {"hypot(A, B)", {rnd(3, 4, 64), rnd(3, 1, 65)}, {}, [](const Mats& m, const Vars&) { return probe(hypot(m[0], m[1])); }},
        {"min(A, B)", {rnd(3, 4, 66), rnd(3, 4, 67)}, {}, [](const Mats& m, const Vars&) { return probe(min(m[0], m[1])); }},
        {"max(A, s)", {rnd(3, 4, 68)}, {0.3}, [](const Mats& m, const Vars& s) { return probe(max(m[0], s[0])); }},
    });
}

TEST_CASE("matrix gradients: sum and mean of all, of each row, of each column") {
    run({
        {"sum", {rnd(3, 4, 70)}, {}, [](const Mats& m, const Vars&) { return sum(m[0]) * sum(m[0]); }},
        {"mean", {rnd(3, 4, 71)}, {}, [](const Mats& m, const Vars&) { return exp(mean(m[0])); }},
        {"row_sums", {rnd(3, 4, 72)}, {}, [](const Mats& m, const Vars&) { return probe(row_sums(m[0])); }},
        {"col_sums", {rnd(3, 4, 73)}, {}, [](const Mats& m, const Vars&) { return probe(col_sums(m[0])); }},
        {"row_means", {rnd(3, 4, 74)}, {}, [](const Mats& m, const Vars&) { return probe(row_means(m[0])); }},
        {"col_means", {rnd(3, 4, 75)}, {}, [](const Mats& m, const Vars&) { return probe(col_means(m[0])); }},
    });
}

TEST_CASE("matrix gradients: softmax and log-softmax of rows, and the losses") {
    const M one_hot = (M(3, 4) << 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1).finished();
    run({
        {"softmax", {rnd(3, 4, 80, -4, 4)}, {}, [](const Mats& m, const Vars&) { return probe(softmax(m[0])); }},
        {"log_softmax", {rnd(3, 4, 81, -4, 4)}, {}, [](const Mats& m, const Vars&) { return probe(log_softmax(m[0])); }},
        {"mse_loss (both operands)", {rnd(3, 4, 82), rnd(3, 4, 83)}, {}, [](const Mats& m, const Vars&) { return mse_loss(m[0], m[1]); }},
        {"bce_with_logits (both operands)", {rnd(3, 4, 84, -4, 4), rnd(3, 4, 85, 0, 1)}, {}, [](const Mats& m, const Vars&) {
             return bce_with_logits(m[0], m[1]);
         }},
        {"softmax_cross_entropy, targets a variable too", {rnd(3, 4, 86, -4, 4), rnd(3, 4, 87, 0, 1)}, {}, [](const Mats& m, const Vars&) {
             return softmax_cross_entropy(m[0], m[1]);
         }},
        {"softmax_cross_entropy, one-hot constant", {rnd(3, 4, 88, -4, 4)}, {}, [one_hot](const Mats& m, const Vars&) {
             return softmax_cross_entropy(m[0], m[0].tape().constant(one_hot));
         }},
        {"softmax_cross_entropy, integer labels", {rnd(3, 4, 89, -4, 4)}, {}, [](const Mats& m, const Vars&) {
             return softmax_cross_entropy(m[0], std::vector<int>{1, 0, 3});
         }},
    });
}

TEST_CASE("matrix gradients: mixed scalar and matrix graphs") {
    run({
        {"sum -> scalar ops -> scale a matrix -> loss", {rnd(3, 4, 90), rnd(4, 2, 91)}, {0.8},
         [](const Mats& m, const Vars& s) {
             const Var<double> t = sin(sum(m[0])) * s[0] + pow(mean(m[1]), 2);
             return mean(sigmoid(t * (m[0] * m[1]))) + t * s[0];
         }},
        {"2-layer MLP with a bias row and softmax cross-entropy", {rnd(3, 5, 93), rnd(1, 5, 94), rnd(5, 3, 95)}, {},
         [](const Mats& m, const Vars&) {
             const Mat<double> x = m[0].tape().constant(rnd(6, 3, 96));
             const Mat<double> h = tanh(x * m[0] + m[1]);
             return softmax_cross_entropy(h * m[2], std::vector<int>{0, 1, 2, 2, 1, 0});
         }},
    });
}

}  // namespace matrix_gradients_test
