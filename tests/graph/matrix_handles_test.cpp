// Matrix nodes on the tape: shape errors (every binary op kind names the op and both
// shapes), handle misuse as for Var (two tapes, cleared or destroyed tapes, empty
// handles, a Var of a matrix node), failed recordings that leave the tape unchanged,
// storage reuse after clear(), names and anomaly mode.
#include "chainrule.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace matrix_handles_test {

using namespace chainrule;
using M = Matrix<double>;

namespace {

M filled(Eigen::Index r, Eigen::Index c, double v = 1) { return M::Constant(r, c, v); }

using BinaryOp = std::function<void(const Mat<double>&, const Mat<double>&)>;

}  // namespace

TEST_CASE("every binary matrix op throws ShapeError naming the op and both shapes") {
    const std::vector<std::pair<std::string, BinaryOp>> ops{
        {"matmul", [](const Mat<double>& a, const Mat<double>& b) { (void)(a * b); }},
        {"add", [](const Mat<double>& a, const Mat<double>& b) { (void)(a + b); }},
        {"sub", [](const Mat<double>& a, const Mat<double>& b) { (void)(a - b); }},
        {"mul", [](const Mat<double>& a, const Mat<double>& b) { (void)hadamard(a, b); }},
        {"div", [](const Mat<double>& a, const Mat<double>& b) { (void)(a / b); }},
        {"pow", [](const Mat<double>& a, const Mat<double>& b) { (void)pow(a, b); }},
        {"atan2", [](const Mat<double>& a, const Mat<double>& b) { (void)atan2(a, b); }},
        {"hypot", [](const Mat<double>& a, const Mat<double>& b) { (void)hypot(a, b); }},
        {"min", [](const Mat<double>& a, const Mat<double>& b) { (void)min(a, b); }},
        {"max", [](const Mat<double>& a, const Mat<double>& b) { (void)max(a, b); }},
        {"mse_loss", [](const Mat<double>& a, const Mat<double>& b) { (void)mse_loss(a, b); }},
        {"bce_with_logits", [](const Mat<double>& a, const Mat<double>& b) { (void)bce_with_logits(a, b); }},
        {"softmax_cross_entropy", [](const Mat<double>& a, const Mat<double>& b) { (void)softmax_cross_entropy(a, b); }},
    };
    for (const auto& [name, op] : ops) {
        Tape<double> t;
        auto a = t.variable(filled(3, 4));
        auto b = t.variable(filled(2, 5));  // fits none of them (not even broadcasting)
        const std::size_t before = t.size();
        INFO(name);
        REQUIRE_THROWS_AS(op(a, b), ShapeError);
        REQUIRE_THROWS_WITH(op(a, b), Catch::Contains(name) && Catch::Contains("3×4") && Catch::Contains("2×5"));
        CHECK(t.size() == before);  // nothing recorded
        CHECK(t.matrix_store()->size() == 2);
    }
}

TEST_CASE("matmul needs inner dimensions to agree, broadcasting needs extents equal or 1") {
    Tape<double> t;
    auto a = t.variable(filled(3, 4));
    REQUIRE_THROWS_WITH(a * a, Catch::Contains("matmul") && Catch::Contains("columns of the left (4)"));
    CHECK((a * transpose(a)).shape() == Shape{3, 3});
    CHECK((a + t.constant(filled(1, 4))).shape() == Shape{3, 4});
    CHECK((a + t.constant(filled(3, 1))).shape() == Shape{3, 4});
    CHECK((t.constant(filled(3, 1)) + t.constant(filled(1, 4))).shape() == Shape{3, 4});
    REQUIRE_THROWS_AS(a + t.constant(filled(2, 4)), ShapeError);
    REQUIRE_THROWS_AS(a + t.constant(filled(1, 3)), ShapeError);
}

TEST_CASE("reshape, slice_rows and integer labels check their arguments") {
    Tape<double> t;
    auto a = t.variable(filled(3, 4));
    REQUIRE_THROWS_WITH(reshape(a, 5, 2), Catch::Contains("reshape") && Catch::Contains("3×4") && Catch::Contains("5×2"));
    CHECK(reshape(a, 6, 2).shape() == Shape{6, 2});
    REQUIRE_THROWS_WITH(slice_rows(a, 2, 2), Catch::Contains("slice_rows") && Catch::Contains("3×4"));
    REQUIRE_THROWS_AS(slice_rows(a, -1, 1), ShapeError);
    CHECK(slice_rows(a, 1, 2).shape() == Shape{2, 4});
    REQUIRE_THROWS_WITH(softmax_cross_entropy(a, std::vector<int>{0, 1}), Catch::Contains("2 labels") && Catch::Contains("3×4"));
    REQUIRE_THROWS_WITH(softmax_cross_entropy(a, std::vector<int>{0, 1, 4}), Catch::Contains("label 4 of row 2"));
}

TEST_CASE("Mat handles of two tapes in one op throw TapeMismatchError naming the op") {
    Tape<double> t1, t2;
    auto a = t1.variable(filled(2, 2));
    auto b = t2.variable(filled(2, 2));
    auto s = t2.variable(1.0);
    REQUIRE_THROWS_AS(a * b, TapeMismatchError);
    REQUIRE_THROWS_WITH(a + b, Catch::Contains("add") && Catch::Contains("two different tapes"));
    REQUIRE_THROWS_WITH(s * a, Catch::Contains("mul") && Catch::Contains("two different tapes"));
    REQUIRE_THROWS_AS(mse_loss(a, b), TapeMismatchError);
    REQUIRE_THROWS_AS(grad(sum(a), b), TapeMismatchError);
}

TEST_CASE("Mat handles of a cleared or destroyed tape throw StaleHandleError, an empty one TapeMismatchError") {
    Tape<double> t;
    auto a = t.variable(filled(2, 3));
    t.clear();
    REQUIRE_THROWS_AS(a.value(), StaleHandleError);
    REQUIRE_THROWS_AS(sigmoid(a), StaleHandleError);
    auto b = t.variable(filled(2, 3, 2));  // the tape itself is usable again
    CHECK(b.value() == filled(2, 3, 2));
    REQUIRE_THROWS_WITH(a + b, Catch::Contains("cleared or destroyed"));
    Mat<double> gone;
    {
        Tape<double> u;
        gone = u.variable(filled(1, 1));
    }
    REQUIRE_THROWS_AS(sum(gone), StaleHandleError);
    REQUIRE_THROWS_AS(Mat<double>().value(), TapeMismatchError);
    REQUIRE_THROWS_AS(transpose(Mat<double>()), TapeMismatchError);
}

TEST_CASE("a Var handle is never made for a matrix node, nor a Mat handle for a scalar") {
    Tape<double> t;
    auto a = t.variable(filled(2, 3));
    auto s = t.variable(1.0);
    REQUIRE_THROWS_AS(t.var(a.index()), ShapeError);
    REQUIRE_THROWS_WITH(t.var(a.index()), Catch::Contains("matrix of shape 2×3"));
    REQUIRE_THROWS_AS(t.mat(s.index()), ShapeError);
    REQUIRE_THROWS_AS(t.adjoint_matrix(s.index()), ShapeError);
    CHECK(t.mat(a.index()).same_node(a));
    CHECK(t.var(sum(a).index()).value() == 6.0);  // sum is a scalar node
    CHECK(t.shape(s.index()) == Shape{1, 1});
}

TEST_CASE("a moved tape keeps its Mat handles valid") {
    Tape<double> t;
    auto a = t.variable(filled(2, 2, 3));
    Tape<double> u = std::move(t);
    auto y = sum(a * a);
    CHECK(y.value() == 4 * 18.0);
    CHECK(u.has_matrices());
    CHECK_FALSE(t.has_matrices());  // NOLINT(bugprone-use-after-move): documented state
}

TEST_CASE("a cleared tape records the same shapes again with the right values and gradients") {
    Tape<double> t;
    for (int round = 1; round <= 3; ++round) {
        t.clear();
        auto w = t.variable(filled(3, 2, round));
        auto x = t.constant(filled(4, 3, 1));
        auto J = sum(x * w);
        CHECK(J.value() == 4 * 2 * 3 * round);
        CHECK(grad(J, w) == filled(3, 2, 4));
        CHECK(t.adjoint_matrix(x.index()) == M::Zero(4, 3));  // constants receive no gradient
    }
}

TEST_CASE("matrix nodes carry names, and anomaly mode names the first non-finite matrix") {
    Tape<double> t;
    auto w = t.variable(filled(2, 2), "W");
    CHECK(w.name() == "W");
    CHECK(t.find("W") == w.index());
    REQUIRE_THROWS_AS(t.variable(filled(1, 1), "W"), NameError);
    CHECK(t.matrix_store()->size() == 1);  // the failed leaf left no entry
    t.set_anomaly_detection(true);
    auto z = t.constant(M::Zero(2, 2));
    REQUIRE_THROWS_WITH(log(z), Catch::Contains("anomaly") && Catch::Contains("log (elementwise)") &&
                                     Catch::Contains("2×2"));
    CHECK(t.matrix_store()->size() == 2);
    auto y = sum(sqrt(w - 1.0));  // sqrt(0) = 0, but its partial is +∞
    REQUIRE_THROWS_AS(backward(y), AnomalyError);
}

TEST_CASE("backward twice accumulates matrix adjoints as the scalar sweep does (2×, not 4×)") {
    Tape<double> t;
    auto w = t.variable(filled(2, 2, 0.5));
    auto J = sum(w * w);
    backward(J);
    backward(J);
    const M twice = w.adjoint();
    CHECK(twice == 2.0 * grad(J, w));
}

}  // namespace matrix_handles_test
