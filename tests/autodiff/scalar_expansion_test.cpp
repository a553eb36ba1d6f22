// The scalar expansion of matrix tapes (autodiff/scalar_expansion.hpp): for every matrix
// op at a random point its scalar nodes compute the matrix tape's value, entry by entry, to
// 1e-40 in 50 digits (and again when the expansion is replayed); the leaves are the
// tape's Input and MatInput nodes in creation order, each matrix row-major with MATLAB's
// names W[1,2]; the elimination of det at a column of zeros still records the cofactors;
// and an expansion too large for gradcheck is an Error with its size.
#include "matrix_op_cases.hpp"

#include "autodiff/gradcheck.hpp"
#include "autodiff/scalar_expansion.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace scalar_expansion_test {

using namespace chainrule;
using matrix_op_cases::rnd;
using Catch::Contains;

namespace {

// |got − expected| ≤ 1e-40·max(1, |expected|).
bool close(const Real& got, const Real& expected) {
    return abs(Real(got - expected)) <= Real("1e-40") * std::max(Real(1), Real(abs(expected)));
}

// The value of each entry of node `out` of the matrix tape (row-major), in 50 digits.
std::vector<Real> entries_of(const Tape<Real>& t, NodeIndex out) {
    if (!is_matrix_valued(t.node(out).op)) return {t.value(out)};
    const Matrix<Real> m = t.matrix_value(out);
    std::vector<Real> v;
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j) v.push_back(m(i, j));
    return v;
}

}  // namespace

TEST_CASE("scalar expansion: every matrix op's entries equal the matrix tape's to 1e-40 in 50 digits") {
    for (const auto& c : matrix_op_cases::cases<Real>()) {
        INFO(c.name);
        Tape<Real> t;
        const NodeIndex out = c.record(t);
        const ScalarExpansion<Real> x = expand_to_scalars(t, out);
        CHECK_FALSE(x.tape.has_matrices());
        const std::vector<Real> expected = entries_of(t, out);
        REQUIRE(x.output_entries.size() == expected.size());
        CHECK(x.output == x.output_entries.front());
        CHECK(x.output_shape == t.shape(out));
        CHECK(x.tape.size() <= scalar_expansion_size(t, out));
        // the values recorded, and the expansion replayed at its recorded inputs
        const std::vector<Real> inputs = recorded_inputs<Real>(x.tape);
        const std::vector<Real> replayed = replay_values<Real>(x.tape, std::span<const Real>(inputs));
        for (std::size_t k = 0; k < expected.size(); ++k) {
            INFO("entry " << k << ": matrix tape " << expected[k].str(45) << ", expansion "
                          << x.tape.value(x.output_entries[k]).str(45));
            CHECK(close(x.tape.value(x.output_entries[k]), expected[k]));
            CHECK(close(replayed[x.output_entries[k]], expected[k]));
        }
    }
}

TEST_CASE("scalar expansion: leaves in creation order, row-major, named W[1,2], constants no inputs") {
    Tape<double> t;
    const auto s = t.variable(0.5, "s");
    Matrix<double> w(2, 3);
    w << 1, 2, 3, 4, 5, 6;
    const auto W = t.variable(w, "W");
    const auto X = t.constant(rnd<double>(3, 2, 1));
    const auto v = t.variable(Matrix<double>::Constant(1, 2, 7.0));  // unnamed
    const auto J = sum(hadamard(W * X, v)) * s;
    const ScalarExpansion<double> x = expand_to_scalars(t, J.index());

    REQUIRE(x.leaves.size() == 3);
    CHECK(x.leaves[0].node == s.index());
    CHECK_FALSE(x.leaves[0].matrix);
    CHECK(x.leaves[0].names == std::vector<std::string>{"s"});
    CHECK(x.leaves[1].node == W.index());
    CHECK(x.leaves[1].shape == Shape{2, 3});
    CHECK(x.leaves[1].names == std::vector<std::string>{"W[1,1]", "W[1,2]", "W[1,3]", "W[2,1]", "W[2,2]", "W[2,3]"});
    const std::string v_name = "#" + std::to_string(v.index());
    CHECK(x.leaves[2].names == std::vector<std::string>{v_name + "[1,1]", v_name + "[1,2]"});
    CHECK(x.leaf(X.index()) == nullptr);

    // the expansion's inputs are the leaves' entries in this order, with W's values row-major
    std::vector<NodeIndex> entries;
    for (const auto& l : x.leaves) entries.insert(entries.end(), l.entries.begin(), l.entries.end());
    CHECK(x.tape.inputs() == entries);
    for (int k = 0; k < 6; ++k) CHECK(x.tape.value(x.leaves[1].entries[k]) == k + 1);
    CHECK(x.tape.name(x.leaves[0].entries[0]) == "s");
    CHECK(x.describe(x.leaves[1].entries[5]) == "#" + std::to_string(W.index()) + " 'W'[2,3]");
    CHECK(x.tape.value(x.output) == Approx(J.value()).epsilon(1e-14));
}

TEST_CASE("scalar expansion: det through a column of zeros keeps the cofactors, ln det of det < 0 is NaN") {
    // 5×5 (elimination): the first column is 0 at the point, so det = 0 there, and the
    // expansion along the column still depends on its entries with the cofactors as slopes.
    Matrix<double> a = matrix_op_cases::dominant<double>(5, 3);
    a.col(0).setZero();
    Tape<double> t;
    const auto A = t.variable(a, "A");
    const auto d = det(A);
    const ScalarExpansion<double> x = expand_to_scalars(t, d.index());
    CHECK(x.tape.value(x.output) == 0);
    Tape<double> copy = replay<double>(x.tape);
    backward(copy.var(x.output));
    for (Eigen::Index i = 0; i < 5; ++i) {
        Matrix<double> minor(4, 4);
        for (Eigen::Index r = 0, mr = 0; r < 5; ++r) {
            if (r == i) continue;
            minor.row(mr++) = a.row(r).tail(4);
        }
        const double cofactor = (i % 2 == 0 ? 1 : -1) * minor.determinant();
        CHECK(copy.adjoint(x.leaves[0].entries[static_cast<std::size_t>(i * 5)]) ==
              Approx(cofactor).epsilon(1e-12));
    }
    // ln det of a matrix with det < 0 is NaN, as the tape's
    Tape<double> n;
    Matrix<double> b = matrix_op_cases::dominant<double>(3, 4);
    b.row(0).swap(b.row(1));
    const auto l = logdet(n.variable(b, "B"));
    CHECK(std::isnan(l.value()));
    const ScalarExpansion<double> y = expand_to_scalars(n, l.index());
    CHECK(std::isnan(y.tape.value(y.output)));
}

TEST_CASE("scalar expansion: a tape too large for gradcheck is an Error with its size") {
    // 200×200 times 200×200: 200² entries of 200 products and 199 sums, about 16 million nodes
    Tape<double> t;
    const auto X = t.constant(rnd<double>(200, 200, 1));
    const auto W = t.variable(rnd<double>(200, 200, 2), "W");
    const auto J = sum(X * W);
    const std::size_t n = scalar_expansion_size(t, J.index());
    CHECK(n >= 40000u + 40000u + 200u * 200u * 399u);
    CHECK(n <= 40000u + 40000u + 200u * 200u * 399u + 40000u + 10u);
    CHECK_THROWS_WITH(expand_to_scalars(t, J.index()),
                      Contains("too large for gradcheck: about " + std::to_string(n) + " scalar nodes") &&
                          Contains("check a smaller batch"));
    CHECK_THROWS_WITH(gradcheck(t, J.index()), Contains("too large for gradcheck") && Contains("check a smaller batch"));
    // the bound is a parameter
    Tape<double> small;
    const auto A = small.variable(rnd<double>(3, 3, 3), "A");
    const auto y = det(A);
    CHECK_THROWS_WITH(expand_to_scalars(small, y.index(), 20), Contains("at most 20"));
    CHECK_NOTHROW(expand_to_scalars(small, y.index(), 200));
}

}  // namespace scalar_expansion_test
