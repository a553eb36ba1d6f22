// gradcheck of tapes with matrix nodes (autodiff/gradcheck_matrix.hpp): the matrix rules'
// gradients pass for every matrix op and for the seed models (logistic regression, a
// 2-3-1 sigmoid network, tr(XᵀAX), ln det(AAᵀ + I), det, inv(A)B, softmax cross-entropy
// with labels, kron), with analytic values equal to the closed forms; a relu pre-activation
// exactly 0 is a kink of exactly the entries that reach it; a wrong claimed gradient
// (transposed, or without its 1/m) fails exactly the wrong entries; options.wrt picks
// leaves; and the errors.
#include "matrix_op_cases.hpp"

#include "autodiff/gradcheck.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace matrix_gradcheck_test {

using namespace chainrule;
using matrix_op_cases::dominant;
using matrix_op_cases::rnd;
using Catch::Contains;
using M = Matrix<double>;
using R = GradcheckReference<double>;  // cpp_bin_float_50
using Report = GradcheckReport<R>;
using Verdict = GradcheckVerdict;

namespace {

std::string describe(const GradcheckEntry<R>& e) {
    return e.name + ": " + std::string(verdict_text(e.verdict)) + " (" + e.note + "), analytic " + e.analytic.str(17) +
           ", numeric " + e.numeric.str(17) + ", tolerance " + e.tolerance.str(3);
}

// Every entry of r passes.
void require_pass(const Report& r, const std::string& label) {
    CHECK(r.passed());
    for (const auto& e : r.entries) {
        INFO(label << ": " << describe(e));
        CHECK(e.verdict == Verdict::Pass);
    }
}

// The entries of r named after leaf `name` are the entries of `expected` (row-major), each
// within 1e-13 relative of its closed form.
void check_analytic(const Report& r, const std::string& name, const M& expected) {
    std::size_t k = 0;
    for (const auto& e : r.entries) {
        if (e.name.rfind(name + "[", 0) != 0) continue;
        const double want = expected(static_cast<Eigen::Index>(k) / expected.cols(), static_cast<Eigen::Index>(k) % expected.cols());
        INFO(describe(e) << "; closed form " << want);
        CHECK(e.analytic.convert_to<double>() == Approx(want).epsilon(1e-13).margin(1e-15));
        ++k;
    }
    CHECK(k == static_cast<std::size_t>(expected.size()));
}

M sigmoid_of(const M& z) { return z.unaryExpr([](double v) { return 1 / (1 + std::exp(-v)); }); }

// Seed 004's logistic regression on 5 samples of 3 features: Z = XW + b.
struct Logistic {
    M x = rnd<double>(5, 3, 31), y = (M(5, 1) << 1, 0, 0, 1, 1).finished(), w = rnd<double>(3, 1, 32, -1, 1);
    M b = M::Constant(1, 1, 0.2);
    Tape<double> t;
    Mat<double> X = t.constant(x, "X"), Y = t.constant(y, "Y"), W = t.variable(w, "W"), B = t.variable(b, "b");
    Mat<double> Z = X * W + B;
    M z() const { return ((x * w).array() + b(0, 0)).matrix(); }
};

}  // namespace

TEST_CASE("gradcheck of matrix tapes: every matrix op passes at random points, one entry per leaf entry") {
    for (const auto& c : matrix_op_cases::cases<double>()) {
        Tape<double> t;
        NodeIndex out = c.record(t);
        if (is_matrix_valued(t.node(out).op)) out = matrix_check::probe(t.mat(out)).index();
        const Report r = gradcheck(t, out);
        require_pass(r, c.name);
        std::size_t entries = t.inputs().size();
        for (NodeIndex m : matrix_inputs(t)) entries += static_cast<std::size_t>(t.shape(m).size());
        CHECK(r.entries.size() == entries);
        CHECK(r.output == out);
    }
}

TEST_CASE("gradcheck of matrix tapes: logistic regression, J = bce and J = mean((A − Y)^2)") {
    Logistic m;
    const auto J = bce_with_logits(m.Z, m.Y);
    const Report r = gradcheck(m.t, J.index());
    require_pass(r, "bce");
    REQUIRE(r.entries.size() == 4);
    CHECK(r.entries[0].name == "W[1,1]");
    CHECK(r.entries[0].input == m.W.index());
    CHECK(r.entries[3].name == "b[1,1]");
    const M g = sigmoid_of(m.z()) - m.y;  // ∂J/∂Z·m
    check_analytic(r, "W", m.x.transpose() * g / 5);
    check_analytic(r, "b", M::Constant(1, 1, g.sum() / 5));

    const auto A = sigmoid(m.Z);
    const auto J2 = mean(pow(A - m.Y, 2));
    const Report r2 = gradcheck(m.t, J2.index());
    require_pass(r2, "mse");
    const M a = sigmoid_of(m.z());
    const M dz = (2 * (a - m.y).array() * a.array() * (1 - a.array())).matrix() / 5;
    check_analytic(r2, "W", m.x.transpose() * dz);
}

TEST_CASE("gradcheck of matrix tapes: a 2-3-1 sigmoid network") {
    Tape<double> t;
    const auto X = t.constant(rnd<double>(4, 2, 41), "X");
    const auto Y = t.constant(rnd<double>(4, 1, 42, 0, 1), "Y");
    const auto W1 = t.variable(rnd<double>(2, 3, 43), "W1");
    const auto b1 = t.variable(rnd<double>(1, 3, 44), "b1");
    const auto W2 = t.variable(rnd<double>(3, 1, 45), "W2");
    const auto b2 = t.variable(rnd<double>(1, 1, 46), "b2");
    const auto J = mse_loss(sigmoid(sigmoid(X * W1 + b1) * W2 + b2), Y);
    const Report r = gradcheck(t, J.index());
    require_pass(r, "2-3-1");
    CHECK(r.entries.size() == 6 + 3 + 3 + 1);
}

TEST_CASE("gradcheck of matrix tapes: tr(XᵀAX), ln det(AAᵀ + I), det 3×3 and 5×5, inv(A)B, kron") {
    SECTION("tr(XᵀAX): ∂/∂X = (A + Aᵀ)X, ∂/∂A = XXᵀ") {
        Tape<double> t;
        const M x = rnd<double>(3, 2, 51), a = rnd<double>(3, 3, 52);
        const auto X = t.variable(x, "X"), A = t.variable(a, "A");
        const Report r = gradcheck(t, trace(transpose(X) * A * X).index());
        require_pass(r, "trace");
        check_analytic(r, "X", (a + a.transpose()) * x);
        check_analytic(r, "A", x * x.transpose());
    }
    SECTION("ln det(AAᵀ + I): ∂/∂A = 2(AAᵀ + I)⁻¹A") {
        Tape<double> t;
        const M a = rnd<double>(3, 3, 53);
        const auto A = t.variable(a, "A");
        const Report r = gradcheck(t, logdet(A * transpose(A) + t.constant(M::Identity(3, 3))).index());
        require_pass(r, "logdet");
        check_analytic(r, "A", 2 * (a * a.transpose() + M::Identity(3, 3)).inverse() * a);
    }
    for (int n : {3, 5}) {
        INFO("det " << n << "×" << n << ": ∂/∂A = det(A) A⁻ᵀ");
        Tape<double> t;
        const M a = rnd<double>(n, n, 54);
        const Report r = gradcheck(t, det(t.variable(a, "A")).index());
        require_pass(r, "det");
        check_analytic(r, "A", a.determinant() * a.inverse().transpose());
    }
    SECTION("inv(A)B") {
        Tape<double> t;
        const auto A = t.variable(dominant<double>(3, 55), "A"), B = t.variable(rnd<double>(3, 2, 56), "B");
        require_pass(gradcheck(t, matrix_check::probe(inv(A) * B).index()), "inv(A)B");
    }
    SECTION("kron") {
        Tape<double> t;
        const auto A = t.variable(rnd<double>(2, 2, 57), "A"), B = t.variable(rnd<double>(3, 2, 58), "B");
        require_pass(gradcheck(t, matrix_check::probe(kron(A, B)).index()), "kron");
    }
}

TEST_CASE("gradcheck of matrix tapes: softmax cross-entropy with labels, ∂/∂W = Xᵀ(softmax(Z) − Y)/n") {
    Tape<double> t;
    const M x = rnd<double>(4, 3, 61), w = rnd<double>(3, 3, 62), b = rnd<double>(1, 3, 63);
    const std::vector<int> labels{0, 2, 1, 2};
    const auto W = t.variable(w, "W"), B = t.variable(b, "b");
    const auto Z = t.constant(x, "X") * W + B;
    const Report r = gradcheck(t, softmax_cross_entropy(Z, std::span<const int>(labels)).index());
    require_pass(r, "softmax_cross_entropy");
    M z = x * w;
    z.rowwise() += b.row(0);
    M p = z.array().exp();
    for (Eigen::Index i = 0; i < 4; ++i) p.row(i) /= p.row(i).sum();
    for (Eigen::Index i = 0; i < 4; ++i) p(i, labels[static_cast<std::size_t>(i)]) -= 1;
    check_analytic(r, "W", x.transpose() * p / 4);
    check_analytic(r, "b", p.colwise().sum() / 4);
}

// (float and long double work as well; their matrix instances are not compiled in the
// library, and compiling them here would add ~40 s to the clean build.)
TEST_CASE("gradcheck of matrix tapes: a 50-digit tape") {
    const M x = rnd<double>(4, 2, 71), w = rnd<double>(2, 2, 72);
    const auto check = [&]<class T>(T) {
        Tape<T> t;
        const auto W = t.variable(w.unaryExpr([](double v) { return T(v); }).eval(), "W");
        const auto J = mean(tanh(t.constant(x.unaryExpr([](double v) { return T(v); }).eval()) * W)) + det(W);
        const auto r = gradcheck(t, J.index());
        CHECK(r.passed());
        CHECK(r.count(Verdict::Pass) == 4);
    };
    check(R{});
}

TEST_CASE("gradcheck of matrix tapes: a relu pre-activation exactly 0 is a kink of the entries that reach it") {
    // Z = XW + b = [0.375 0.725; 0 1.85; −0.5 0.725]: Z[2,1] = 1·0.5 + 2·(−0.25) + 0 = 0
    // exactly (every number a dyadic fraction). J = Σ relu(Z): ∂J/∂W_kj = Σ_i X_ik relu′(Z_ij).
    Tape<double> t;
    M x(3, 2), w(2, 2), b(1, 2);
    x << 1, 0.5, 1, 2, -0.5, 1;
    w << 0.5, 0.25, -0.25, 0.75;
    b << 0, 0.1;
    const auto W = t.variable(w, "W"), B = t.variable(b, "b");
    const auto H = relu(t.constant(x, "X") * W + B);
    t.set_name(H.index(), "H");
    const Report r = gradcheck(t, sum(H).index());
    // Column 1 has Z > 0 in row 1, Z = 0 in row 2 and Z < 0 in row 3: left of the kink only
    // row 1 counts, right of it rows 1 and 2; relu′(0) = 0, the convention, is the left one.
    struct Expected {
        const char* name;
        Verdict verdict;
        double analytic, left, right;
    };
    const Expected expected[] = {
        {"W[1,1]", Verdict::Kink, 1, 1, 1 + 1},      // X11 (+ X21 on the right)
        {"W[1,2]", Verdict::Pass, 1.5, 1.5, 1.5},    // X11 + X21 + X31
        {"W[2,1]", Verdict::Kink, 0.5, 0.5, 0.5 + 2},  // X12 (+ X22 on the right)
        {"W[2,2]", Verdict::Pass, 3.5, 3.5, 3.5},    // X12 + X22 + X32
        {"b[1,1]", Verdict::Kink, 1, 1, 2},
        {"b[1,2]", Verdict::Pass, 3, 3, 3},
    };
    REQUIRE(r.entries.size() == 6);
    for (std::size_t k = 0; k < 6; ++k) {
        const auto& e = r.entries[k];
        const Expected& want = expected[k];
        INFO(describe(e) << ", left " << e.left.str(17) << ", right " << e.right.str(17));
        CHECK(e.name == want.name);
        CHECK(e.verdict == want.verdict);
        CHECK(e.analytic == R(want.analytic));
        CHECK(abs(e.left - R(want.left)) <= R(1e-20));
        CHECK(abs(e.right - R(want.right)) <= R(1e-20));
        if (want.verdict == Verdict::Kink) {
            CHECK_THAT(e.note, Contains("kink: convention relu′(0) = 0 at node #" + std::to_string(H.index()) + " 'H'[2,1]"));
            REQUIRE(e.singular.size() == 1);
            CHECK(e.singular[0].node_text == "#" + std::to_string(H.index()) + " 'H'[2,1]");
        } else {
            CHECK(e.singular.empty());
        }
    }
}

TEST_CASE("gradcheck of matrix tapes: a claimed gradient transposed, or without its 1/m, fails exactly the wrong entries") {
    SECTION("J = tr(AB): ∂J/∂A = Bᵀ, ∂J/∂B = Aᵀ; claimed B for A") {
        Tape<double> t;
        const M a = rnd<double>(3, 3, 81), b = rnd<double>(3, 3, 82);
        const auto A = t.variable(a, "A"), B = t.variable(b, "B");
        const auto J = trace(A * B);
        std::vector<double> claim;
        for (Eigen::Index i = 0; i < 3; ++i)
            for (Eigen::Index j = 0; j < 3; ++j) claim.push_back(b(i, j));  // wrong: Bᵀ is right
        for (Eigen::Index i = 0; i < 3; ++i)
            for (Eigen::Index j = 0; j < 3; ++j) claim.push_back(a(j, i));  // right: Aᵀ
        const Report r = gradcheck(t, J.index(), std::span<const double>(claim));
        REQUIRE(r.entries.size() == 18);
        for (std::size_t k = 0; k < 18; ++k) {
            const auto& e = r.entries[k];
            INFO(describe(e));
            const bool wrong = k < 9 && k / 3 != k % 3;  // A's off-diagonal entries
            CHECK(e.verdict == (wrong ? Verdict::Fail : Verdict::Pass));
            if (wrong) CHECK_THAT(e.note, Contains("the checked value, not a derivative rule, is off"));
            // the reverse reference is the matrix tape's rule in 50 digits: Bᵀ, Aᵀ
            const double rule = k < 9 ? b(k % 3, k / 3) : a((k - 9) % 3, (k - 9) / 3);
            CHECK(e.reverse_reference.convert_to<double>() == Approx(rule).epsilon(1e-14));
        }
        CHECK(r.count(Verdict::Fail) == 6);
    }
    SECTION("logistic regression: ∂J/∂W claimed as Xᵀ(σ(Z) − Y) instead of Xᵀ(σ(Z) − Y)/m") {
        Logistic m;
        const auto J = bce_with_logits(m.Z, m.Y);
        const M g = sigmoid_of(m.z()) - m.y;
        const M dw = m.x.transpose() * g;  // the 1/m forgotten
        const std::vector<double> claim{dw(0), dw(1), dw(2), g.sum() / 5};
        const Report r = gradcheck(m.t, J.index(), std::span<const double>(claim));
        REQUIRE(r.entries.size() == 4);
        for (std::size_t k = 0; k < 3; ++k) {
            INFO(describe(r.entries[k]));
            CHECK(r.entries[k].verdict == Verdict::Fail);
            CHECK(r.entries[k].analytic == R(dw(static_cast<Eigen::Index>(k))));
            CHECK(abs(r.entries[k].numeric * 5 - r.entries[k].analytic) <= R(1e-12) * abs(r.entries[k].analytic));
        }
        INFO(describe(r.entries[3]));
        CHECK(r.entries[3].verdict == Verdict::Pass);
    }
}

TEST_CASE("gradcheck of matrix tapes: options.wrt with a MatInput checks its entries, in the order asked") {
    Tape<double> t;
    const auto s = t.variable(0.3, "s");
    const auto W1 = t.variable(rnd<double>(2, 3, 91), "W1");
    const auto W2 = t.variable(rnd<double>(3, 1, 92), "W2");
    const auto X = t.constant(rnd<double>(4, 2, 93), "X");
    const auto J = mean(sigmoid(tanh(X * W1) * W2)) * s;

    const Report r = gradcheck(t, J.index(), {.wrt = {W2.index()}});
    require_pass(r, "wrt W2");
    REQUIRE(r.entries.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
        CHECK(r.entries[k].name == "W2[" + std::to_string(k + 1) + ",1]");
        CHECK(r.entries[k].input == W2.index());
    }
    const Report both = gradcheck(t, J.index(), {.wrt = {W2.index(), s.index(), W1.index()}});
    require_pass(both, "wrt W2, s, W1");
    REQUIRE(both.entries.size() == 3 + 1 + 6);
    CHECK(both.entries[3].name == "s");
    CHECK(both.entries[3].input == s.index());
    CHECK(both.entries[4].name == "W1[1,1]");
    CHECK(both.entries[5].name == "W1[1,2]");
    CHECK(both.entries[9].name == "W1[2,3]");
    // a claim for W2 alone: three values
    const std::vector<double> claim(3, 0.0);
    CHECK(gradcheck(t, J.index(), std::span<const double>(claim), {.wrt = {W2.index()}}).count(Verdict::Fail) == 3);
}

TEST_CASE("gradcheck of matrix tapes: errors, and a tape whose matrix nodes follow the output") {
    Tape<double> t;
    const auto A = t.variable(rnd<double>(2, 2, 95), "A");
    const auto Y = exp(A);
    const auto J = sum(Y);
    CHECK_THROWS_WITH(gradcheck(t, Y.index()), Contains("is a matrix; gradcheck checks a scalar output"));
    CHECK_THROWS_WITH(gradcheck(t, J.index(), {.wrt = {Y.index()}}), Contains("is not an Input or MatInput node"));
    const std::vector<double> short_claim(3, 0.0);
    CHECK_THROWS_WITH(gradcheck(t, J.index(), std::span<const double>(short_claim)),
                      Contains("the claimed gradient has 3 components for 4 checked entries"));
    // ln det of a matrix with det < 0 is NaN: the error names the matrix tape's output
    Matrix<double> b = dominant<double>(3, 97);
    b.row(0).swap(b.row(1));
    const auto L = logdet(t.variable(b, "B"));
    CHECK_THROWS_WITH(gradcheck(t, L.index()), Contains("the output node #" + std::to_string(L.index()) + " (op 'logdet'") &&
                                                    Contains("is not finite at the point"));

    // matrix nodes recorded after a scalar output: the scalar check, as before
    Tape<double> u;
    const auto x = u.variable(0.7, "x");
    const auto f = sin(x) * x;
    static_cast<void>(sum(u.variable(rnd<double>(2, 2, 96), "B") * x));
    const Report r = gradcheck(u, f.index());
    REQUIRE(r.entries.size() == 1);
    CHECK(r.entries[0].name == "x");
    CHECK(r.entries[0].verdict == Verdict::Pass);
}

}  // namespace matrix_gradcheck_test
