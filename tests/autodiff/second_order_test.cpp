// Second derivatives (autodiff/second_order.hpp, forward-over-reverse): Hessians of formulas
// against hand-written closed forms evaluated in cpp_bin_float_50 (1e-40 in 50 digits, 1e-13
// in double), Hessian–vector products against H·v, symmetry, Hessians with respect to a
// subset of the inputs, matrix parameters through the scalar expansion (closed forms computed
// here, independently), the errors, stationary points (gradient 0, Hessian not), and the
// seed 001 network against SymPy's 50-digit second derivatives.
#include "seed_network.hpp"

#include "chainrule.hpp"
#include "autodiff/second_order.hpp"  // not included by chainrule.hpp

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace second_order_test {

using namespace chainrule;
using boost::multiprecision::cpp_bin_float_50;
using Big = cpp_bin_float_50;

namespace {

/// A formula in 2 or 3 variables: recorded on a tape, and its Hessian in closed form.
struct Formula {
    std::string name;
    std::vector<double> at;  ///< the point (double inputs; the closed form is evaluated at them exactly)
    std::function<Var<double>(const std::vector<Var<double>>&)> record;
    std::function<Matrix<Big>(const std::vector<Big>&)> hessian;  ///< hand-written second derivatives
};

Big sigma(const Big& u) { return 1 / (1 + exp(-u)); }

Matrix<Big> sym2(const Big& xx, const Big& xy, const Big& yy) {
    Matrix<Big> h(2, 2);
    h << xx, xy, xy, yy;
    return h;
}

Matrix<Big> sym3(const Big& xx, const Big& xy, const Big& xz, const Big& yy, const Big& yz, const Big& zz) {
    Matrix<Big> h(3, 3);
    h << xx, xy, xz, xy, yy, yz, xz, yz, zz;
    return h;
}

std::vector<Formula> formulas() {
    std::vector<Formula> f;
    f.push_back({"x^2 y + sin y", {1.0, 2.0},
                 [](const auto& v) { return pow(v[0], 2) * v[1] + sin(v[1]); },
                 [](const auto& p) { return sym2(2 * p[1], 2 * p[0], -sin(p[1])); }});
    f.push_back({"x^3 y^2 z + x z^2", {1.5, -2.0, 0.5},
                 [](const auto& v) { return v[0] * v[0] * v[0] * v[1] * v[1] * v[2] + v[0] * v[2] * v[2]; },
                 [](const auto& p) {
                     const Big &x = p[0], &y = p[1], &z = p[2];
                     return sym3(6 * x * y * y * z, 6 * x * x * y * z, 3 * x * x * y * y + 2 * z, 2 * x * x * x * z,
                                 2 * x * x * x * y, 2 * x);
                 }});
    f.push_back({"exp(x y) - log(x + y^2)", {0.3, 0.7},
                 [](const auto& v) { return exp(v[0] * v[1]) - log(v[0] + v[1] * v[1]); },
                 [](const auto& p) {
                     const Big &x = p[0], &y = p[1], e = exp(x * y), u = x + y * y;
                     return sym2(y * y * e + 1 / (u * u), e * (1 + x * y) + 2 * y / (u * u),
                                 x * x * e - 2 / u + 4 * y * y / (u * u));
                 }});
    f.push_back({"sin x cos y z", {0.5, -1.0, 3.0},
                 [](const auto& v) { return sin(v[0]) * cos(v[1]) * v[2]; },
                 [](const auto& p) {
                     const Big &x = p[0], &y = p[1], &z = p[2];
                     return sym3(-sin(x) * cos(y) * z, -cos(x) * sin(y) * z, cos(x) * cos(y), -sin(x) * cos(y) * z,
                                 -sin(x) * sin(y), Big(0));
                 }});
    f.push_back({"sigmoid(2x - y)", {0.25, -0.5},
                 [](const auto& v) { return sigmoid(2.0 * v[0] - v[1]); },
                 [](const auto& p) {
                     const Big s = sigma(2 * p[0] - p[1]), s2 = s * (1 - s) * (1 - 2 * s);  // σ'' = σ'(1 − 2σ)
                     return sym2(4 * s2, -2 * s2, s2);
                 }});
    f.push_back({"tanh(x y + z)", {0.2, -0.3, 0.1},
                 [](const auto& v) { return tanh(v[0] * v[1] + v[2]); },
                 [](const auto& p) {
                     const Big &x = p[0], &y = p[1], t = tanh(x * y + p[2]);
                     const Big t1 = 1 - t * t, t2 = -2 * t * t1;  // tanh' and tanh''
                     return sym3(t2 * y * y, t2 * x * y + t1, t2 * y, t2 * x * x, t2 * x, t2);
                 }});
    f.push_back({"pow(x, y)", {1.3, 2.5},
                 [](const auto& v) { return pow(v[0], v[1]); },
                 [](const auto& p) {
                     const Big &x = p[0], &y = p[1], l = log(x);
                     return sym2(y * (y - 1) * pow(x, y - 2), pow(x, y - 1) * (1 + y * l), pow(x, y) * l * l);
                 }});
    f.push_back({"atan2(y, x)", {-0.5, 0.75},
                 [](const auto& v) { return atan2(v[1], v[0]); },
                 [](const auto& p) {
                     const Big &x = p[0], &y = p[1], r2 = x * x + y * y, r4 = r2 * r2;
                     return sym2(2 * x * y / r4, (y * y - x * x) / r4, -2 * x * y / r4);
                 }});
    f.push_back({"hypot(x, y) z", {3.0, 4.0, 0.5},
                 [](const auto& v) { return hypot(v[0], v[1]) * v[2]; },
                 [](const auto& p) {
                     const Big &x = p[0], &y = p[1], &z = p[2], r = sqrt(x * x + y * y), r3 = r * r * r;
                     return sym3(z * y * y / r3, -z * x * y / r3, x / r, z * x * x / r3, y / r, Big(0));
                 }});
    f.push_back({"x/y + sqrt(x) - acot(y)", {2.25, -1.5},
                 [](const auto& v) { return v[0] / v[1] + sqrt(v[0]) - acot(v[1]); },
                 [](const auto& p) {
                     const Big &x = p[0], &y = p[1], q = 1 + y * y;
                     return sym2(-1 / (4 * x * sqrt(x)), -1 / (y * y), 2 * x / (y * y * y) - 2 * y / (q * q));
                 }});
    return f;
}

/// The Hessian of formula f in U, with respect to all its variables.
template <class U = void>
auto hessian_of(const Formula& f) {
    Tape<double> t;
    std::vector<Var<double>> v;
    for (double a : f.at) v.push_back(t.variable(a));
    return hessian<U>(f.record(v), v);
}

std::vector<Big> exact(const std::vector<double>& at) { return {at.begin(), at.end()}; }

/// Entry by entry |got − want| ≤ rel·|want|; an entry that is 0 in the closed form within
/// rel·max|want| (the Hessian's scale).
template <class G>
bool close(const Matrix<G>& got, const Matrix<Big>& want, const Big& rel) {
    if (got.rows() != want.rows() || got.cols() != want.cols()) return false;
    Big scale = 0;
    for (Eigen::Index i = 0; i < want.size(); ++i) scale = std::max(scale, Big(abs(want(i))));
    for (Eigen::Index i = 0; i < want.size(); ++i) {
        const Big g = Big(got(i)), w = want(i);
        const Big tol = rel * (w == 0 ? scale : Big(abs(w)));
        if (!(abs(g - w) <= tol)) return false;
    }
    return true;
}

std::string text(const Matrix<Big>& m) {
    std::string s;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) s += m(i, j).str(25) + "  ";
        s += "\n";
    }
    return s;
}

template <class G>
Matrix<Big> to_big(const Matrix<G>& m) {
    Matrix<Big> b(m.rows(), m.cols());
    for (Eigen::Index i = 0; i < m.size(); ++i) b(i) = Big(m(i));
    return b;
}

const Big kRel50("1e-40");

}  // namespace

// ------------------------------------------------------------------ (a) Hessians of formulas

TEST_CASE("hessian of formulas in 2 and 3 variables equals the closed forms: 1e-40 in 50 digits, 1e-13 in double") {
    for (const Formula& f : formulas()) {
        INFO(f.name);
        const Matrix<Big> want = f.hessian(exact(f.at));
        const Matrix<Big> h50 = hessian_of<Big>(f);
        INFO("50 digits:\n" << text(h50) << "closed form:\n" << text(want));
        CHECK(close(h50, want, kRel50));
        const Matrix<double> h = hessian_of(f);
        INFO("double:\n" << text(to_big(h)));
        CHECK(close(h, want, Big("1e-13")));
    }
}

// ------------------------------------------------------------------ (b) HVPs

TEST_CASE("hvp equals H v for random directions, in double and in 50 digits") {
    std::mt19937 rng(19);
    std::uniform_real_distribution<double> u(-1, 1);
    for (const Formula& f : formulas()) {
        INFO(f.name);
        const Matrix<Big> H = f.hessian(exact(f.at));
        Tape<double> t;
        std::vector<Var<double>> x;
        for (double a : f.at) x.push_back(t.variable(a));
        const Var<double> y = f.record(x);
        const Matrix<double> hd = hessian(y, x);
        for (int k = 0; k < 4; ++k) {
            std::vector<double> v;
            for (std::size_t i = 0; i < x.size(); ++i) v.push_back(u(rng));
            CAPTURE(v);
            Matrix<Big> vb(static_cast<Eigen::Index>(v.size()), 1);
            for (std::size_t i = 0; i < v.size(); ++i) vb(static_cast<Eigen::Index>(i)) = Big(v[i]);
            const Matrix<Big> want = H * vb;  // the closed form times v
            const std::vector<Big> got50 = hvp<Big>(y, x, std::vector<Big>(v.begin(), v.end()));
            const std::vector<double> got = hvp(y, x, v);
            Big scale = 0;
            for (Eigen::Index i = 0; i < want.size(); ++i) scale = std::max(scale, Big(abs(want(i))));
            for (std::size_t i = 0; i < v.size(); ++i) {
                CAPTURE(i);
                const Big w = want(static_cast<Eigen::Index>(i));
                // cancellation in the sum Σ_j H_ij v_j: relative to the largest entry of H v
                CHECK(abs(got50[i] - w) <= kRel50 * std::max(Big(abs(w)), scale));
                CHECK(abs(Big(got[i]) - w) <= Big("1e-13") * std::max(Big(abs(w)), scale));
                // the HVP of one sweep and the Hessian's columns times v agree in double
                double hv = 0;
                for (std::size_t j = 0; j < v.size(); ++j) hv += hd(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) * v[j];
                CHECK(std::abs(got[i] - hv) <= 1e-14 * std::max(1.0, std::abs(hv)));
            }
        }
    }
}

// ------------------------------------------------------------------ (c) symmetry

TEST_CASE("the Hessian is symmetric: within 1e-14 of its largest entry in double, 1e-45 in 50 digits") {
    for (const Formula& f : formulas()) {
        INFO(f.name);
        const Matrix<double> h = hessian_of(f);
        const double scale = h.cwiseAbs().maxCoeff();
        CHECK((h - h.transpose()).cwiseAbs().maxCoeff() <= 1e-14 * scale);
        const Matrix<Big> h50 = hessian_of<Big>(f);
        Big worst = 0, big = 0;
        for (Eigen::Index i = 0; i < h50.rows(); ++i)
            for (Eigen::Index j = 0; j < h50.cols(); ++j) {
                worst = std::max(worst, Big(abs(h50(i, j) - h50(j, i))));
                big = std::max(big, Big(abs(h50(i, j))));
            }
        CHECK(worst <= Big("1e-45") * big);
    }
}

// ------------------------------------------------------------------ (d) a subset of the inputs

TEST_CASE("hessian with respect to a subset of the inputs holds the others fixed") {
    const Formula f = formulas()[1];  // x^3 y^2 z + x z^2
    const Matrix<Big> full = f.hessian(exact(f.at));
    Tape<double> t;
    std::vector<Var<double>> v;
    for (double a : f.at) v.push_back(t.variable(a));
    const Var<double> y = f.record(v);
    // (z, x) in this order: the submatrix of rows and columns 2, 0
    const Matrix<Big> h = hessian<Big>(y, {v[2], v[0]});
    REQUIRE(h.rows() == 2);
    Matrix<Big> want(2, 2);
    want << full(2, 2), full(2, 0), full(0, 2), full(0, 0);
    CHECK(close(h, want, kRel50));
    // one input: d²/dy² only
    const Matrix<double> hy = hessian(y, {v[1]});
    REQUIRE(hy.rows() == 1);
    CHECK(std::abs(hy(0, 0) - full(1, 1).convert_to<double>()) <= 1e-14 * std::abs(full(1, 1).convert_to<double>()));
    // an input the output does not depend on, and one recorded after it, add zero rows
    auto unused = t.variable(5.0);
    const Matrix<double> hu = hessian(y, {v[0], unused});
    CHECK(hu(0, 1) == 0.0);
    CHECK(hu(1, 0) == 0.0);
    CHECK(hu(1, 1) == 0.0);
    CHECK(std::abs(hu(0, 0) - full(0, 0).convert_to<double>()) <= 1e-14 * std::abs(full(0, 0).convert_to<double>()));
    // the same input twice: a 2 × 2 block of d²/dx²
    const Matrix<double> hxx = hessian(y, {v[0], v[0]});
    CHECK(hxx(0, 1) == hxx(0, 0));
    CHECK(hxx(1, 1) == hxx(0, 0));
    // hvp with respect to the subset (y, z): H_sub v
    const std::vector<double> hv = hvp(y, {v[1], v[2]}, std::vector<double>{1.0, -2.0});
    const double want_y = (full(1, 1) - 2 * full(1, 2)).convert_to<double>();
    const double want_z = (full(2, 1) - 2 * full(2, 2)).convert_to<double>();
    CHECK(std::abs(hv[0] - want_y) <= 1e-13 * std::abs(want_y));
    CHECK(std::abs(hv[1] - want_z) <= 1e-13 * std::abs(want_z));
}

// ------------------------------------------------------------------ (e) matrix parameters

namespace {

Matrix<double> random_matrix(std::mt19937& rng, Eigen::Index rows, Eigen::Index cols) {
    std::uniform_real_distribution<double> u(-1, 1);
    Matrix<double> m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m(i) = u(rng);
    return m;
}

/// |got − want| ≤ rel·max|want| entry by entry (want in 50 digits, from the double inputs).
bool close_matrix(const Matrix<double>& got, const Matrix<Big>& want, double rel) {
    if (got.rows() != want.rows() || got.cols() != want.cols()) return false;
    Big scale = 0;
    for (Eigen::Index i = 0; i < want.size(); ++i) scale = std::max(scale, Big(abs(want(i))));
    for (Eigen::Index i = 0; i < want.size(); ++i)
        if (!(abs(Big(got(i)) - want(i)) <= Big(rel) * scale)) return false;
    return true;
}

}  // namespace

TEST_CASE("hvp for matrix parameters: tr(W^T A W), with two matrices tr(W1^T A W2)") {
    std::mt19937 rng(7);
    const Matrix<double> a = random_matrix(rng, 3, 3), w = random_matrix(rng, 3, 2), v = random_matrix(rng, 3, 2);
    Tape<double> t;
    auto W = t.variable(w, "W");
    auto J = trace(transpose(W) * t.constant(a) * W);
    // ∂J/∂W = (A + Aᵀ)W, so the HVP is (A + Aᵀ)V
    const Matrix<Big> want = (to_big(a) + to_big(Matrix<double>(a.transpose()))) * to_big(v);
    const auto hv = hvp(J, std::vector<Mat<double>>{W}, std::vector<Matrix<double>>{v});
    REQUIRE(hv.size() == 1);
    CHECK(close_matrix(hv[0], want, 1e-14));
    const auto hv50 = hvp<Big>(J, std::vector<Mat<double>>{W}, std::vector<Matrix<Big>>{to_big(v)});
    CHECK(close(hv50[0], want, kRel50));

    // tr(W1ᵀ A W2): ∂J/∂W1 = A W2, ∂J/∂W2 = Aᵀ W1; the HVP along (V1, V2) is (A V2, Aᵀ V1)
    const Matrix<double> w2 = random_matrix(rng, 3, 2), v2 = random_matrix(rng, 3, 2);
    Tape<double> t2;
    auto W1 = t2.variable(w), W2 = t2.variable(w2);
    auto J2 = trace(transpose(W1) * t2.constant(a) * W2);
    const auto h2 = hvp(J2, std::vector<Mat<double>>{W1, W2}, std::vector<Matrix<double>>{v, v2});
    REQUIRE(h2.size() == 2);
    CHECK(close_matrix(h2[0], to_big(a) * to_big(v2), 1e-14));
    CHECK(close_matrix(h2[1], to_big(Matrix<double>(a.transpose())) * to_big(v), 1e-14));
}

TEST_CASE("hvp for matrix parameters: least squares 1/2 |XW - Y|^2 and mse_loss") {
    std::mt19937 rng(11);
    const Matrix<double> x = random_matrix(rng, 4, 3), y = random_matrix(rng, 4, 2), w = random_matrix(rng, 3, 2),
                         v = random_matrix(rng, 3, 2);
    const Matrix<Big> xtxv = to_big(Matrix<double>(x.transpose())) * to_big(x) * to_big(v);  // XᵀX V
    {
        Tape<double> t;
        auto W = t.variable(w);
        auto R = t.constant(x) * W - t.constant(y);
        auto J = 0.5 * sum(hadamard(R, R));
        const auto hv = hvp(J, std::vector<Mat<double>>{W}, std::vector<Matrix<double>>{v});
        CHECK(close_matrix(hv.at(0), xtxv, 1e-14));
        const auto hv50 = hvp<Big>(J, std::vector<Mat<double>>{W}, std::vector<Matrix<Big>>{to_big(v)});
        CHECK(close(hv50.at(0), xtxv, kRel50));
    }
    {
        // mse = (1/N)‖XW − Y‖², N = 8 entries: HVP = (2/N) XᵀX V
        Tape<double> t;
        auto W = t.variable(w);
        auto J = mse_loss(t.constant(x) * W, t.constant(y));
        const auto hv = hvp(J, std::vector<Mat<double>>{W}, std::vector<Matrix<double>>{v});
        CHECK(close_matrix(hv.at(0), Matrix<Big>(xtxv * Big(2) / Big(8)), 1e-14));
    }
}

TEST_CASE("hvp for matrix parameters: sum(sigmoid(XW))") {
    // J = Σ σ(Z), Z = XW: ∂J/∂W = Xᵀσ'(Z), so the HVP is Xᵀ(σ''(Z) ⊙ XV), σ'' = σ'(1 − 2σ)
    std::mt19937 rng(13);
    const Matrix<double> x = random_matrix(rng, 4, 3), w = random_matrix(rng, 3, 2), v = random_matrix(rng, 3, 2);
    Tape<double> t;
    auto W = t.variable(w);
    auto J = sum(sigmoid(t.constant(x) * W));
    const Matrix<Big> X = to_big(x), Z = X * to_big(w), XV = X * to_big(v);
    Matrix<Big> inner(Z.rows(), Z.cols());
    for (Eigen::Index i = 0; i < Z.size(); ++i) {
        const Big s = sigma(Z(i));
        inner(i) = s * (1 - s) * (1 - 2 * s) * XV(i);
    }
    const Matrix<Big> want = Matrix<Big>(X.transpose()) * inner;
    const auto hv = hvp(J, std::vector<Mat<double>>{W}, std::vector<Matrix<double>>{v});
    CHECK(close_matrix(hv.at(0), want, 1e-13));
    const auto hv50 = hvp<Big>(J, std::vector<Mat<double>>{W}, std::vector<Matrix<Big>>{to_big(v)});
    CHECK(close(hv50.at(0), want, kRel50));
}

TEST_CASE("hessian of a tape with scalar inputs and a matrix: through the scalar expansion") {
    // J = Σ σ(s·Z) + s t², Z = XW (W a matrix variable, s and t scalar inputs):
    // ∂²J/∂s² = Σ Z² σ''(sZ), ∂²J/∂s∂t = 2t, ∂²J/∂t² = 2s
    std::mt19937 rng(17);
    const Matrix<double> x = random_matrix(rng, 3, 2), w = random_matrix(rng, 2, 2);
    Tape<double> tape;
    auto s = tape.variable(0.75, "s");
    auto W = tape.variable(w, "W");
    auto t = tape.variable(-1.25, "t");
    auto J = sum(sigmoid(s * (tape.constant(x) * W))) + s * t * t;
    const Matrix<Big> Z = to_big(x) * to_big(w);
    Big ss = 0;
    for (Eigen::Index i = 0; i < Z.size(); ++i) {
        const Big g = sigma(Big("0.75") * Z(i));
        ss += Z(i) * Z(i) * g * (1 - g) * (1 - 2 * g);
    }
    const Matrix<Big> want = sym2(ss, Big(2) * Big("-1.25"), Big(2) * Big("0.75"));
    CHECK(close(hessian<Big>(J, {s, t}), want, kRel50));
    CHECK(close(hessian(J, {s, t}), want, Big("1e-14")));
    // and the mixed HVP: along (1, 0) for (s, t), the first column
    const std::vector<double> hv = hvp(J, {s, t}, std::vector<double>{1.0, 0.0});
    CHECK(std::abs(hv[0] - ss.convert_to<double>()) <= 1e-14 * std::abs(ss.convert_to<double>()));
    CHECK(hv[1] == -2.5);
}

// ------------------------------------------------------------------ (f) errors

TEST_CASE("second derivatives: wrong sizes, non-input nodes and nodes of another tape throw") {
    Tape<double> t;
    auto x = t.variable(1.5), z = t.variable(-0.5);
    auto y = x * x * z;
    // a direction of the wrong size
    CHECK_THROWS_AS(hvp(y, {x, z}, std::vector<double>{1.0}), Error);
    CHECK_THROWS_AS(hvp(y, {x}, std::vector<double>{1.0, 2.0}), Error);
    // a node that is not an input
    auto xx = x * x;
    CHECK_THROWS_AS(hessian(y, {xx}), Error);
    CHECK_THROWS_WITH(hessian(y, {x, xx}), Catch::Contains("not an input"));
    CHECK_THROWS_AS(hvp(y, {xx}, std::vector<double>{1.0}), Error);
    // a node of another tape
    Tape<double> other;
    auto w = other.variable(2.0);
    CHECK_THROWS_AS(hessian(y, {x, w}), TapeMismatchError);
    CHECK_THROWS_AS(hvp(y, {w}, std::vector<double>{1.0}), TapeMismatchError);
    // second_order_sweep with the wrong number of values or directions
    const std::vector<double> one{1.0};
    CHECK_THROWS_AS(second_order_sweep<double>(t, y.index(), std::span<const double>(one), std::span<const double>(one)),
                    Error);
    // matrices: a direction of the wrong shape, a matrix that is not a variable, another tape
    Tape<double> m;
    auto W = m.variable(Matrix<double>::Ones(2, 2));
    auto A = W * W;
    auto J = sum(A);
    CHECK_THROWS_AS(hvp(J, std::vector<Mat<double>>{W}, std::vector<Matrix<double>>{Matrix<double>::Ones(3, 2)}),
                    ShapeError);
    CHECK_THROWS_AS(hvp(J, std::vector<Mat<double>>{W}, std::vector<Matrix<double>>{}), Error);
    CHECK_THROWS_WITH(hvp(J, std::vector<Mat<double>>{A}, std::vector<Matrix<double>>{Matrix<double>::Ones(2, 2)}),
                      Catch::Contains("not a matrix variable"));
    Tape<double> m2;
    auto V = m2.variable(Matrix<double>::Ones(2, 2));
    CHECK_THROWS_AS(hvp(J, std::vector<Mat<double>>{V}, std::vector<Matrix<double>>{Matrix<double>::Ones(2, 2)}),
                    TapeMismatchError);
}

// ------------------------------------------------------------------ (g) stationary points

TEST_CASE("at a stationary point (gradient 0) the Hessian is still right") {
    // f = (x − 1)²(y + 2)² at x = 1: ∇f = 0 for every y, H = (2(y + 2)², 4(x − 1)(y + 2); …, 2(x − 1)²)
    Tape<double> t;
    auto x = t.variable(1.0), y = t.variable(0.5);
    auto f = pow(x - 1.0, 2) * pow(y + 2.0, 2);
    CHECK(grad(f, {x, y}) == std::vector{0.0, 0.0});
    const Matrix<double> h = hessian(f, {x, y});
    CHECK(h(0, 0) == 12.5);
    CHECK(h(0, 1) == 0.0);
    CHECK(h(1, 0) == 0.0);
    CHECK(h(1, 1) == 0.0);
    // every adjoint's value is 0 along the way; their tangents are not, and are not skipped
    const std::vector<double> at{1.0, 0.5}, along{1.0, 0.0};
    const auto s = second_order_sweep<double>(t, f.index(), std::span<const double>(at), std::span<const double>(along));
    CHECK(s.gradient == std::vector{0.0, 0.0});
    CHECK(s.hv == std::vector{12.5, 0.0});
    // also as a product x·x at 0 and through (x − 1)·(x − 1)
    Tape<double> t2;
    auto u = t2.variable(0.0), v = t2.variable(1.0);
    CHECK(hessian(u * u, {u})(0, 0) == 2.0);
    CHECK(hessian((v - 1.0) * (v - 1.0) * (v - 1.0) * (v - 1.0) + (v - 1.0) * (v - 1.0), {v})(0, 0) == 2.0);
}

TEST_CASE("E = cos x at x = 0: E' = 0, E'' = -1") {
    Tape<double> t;
    auto x = t.variable(0.0);
    auto E = cos(x);
    CHECK(grad(E, {x})[0] == 0.0);
    CHECK(hessian(E, {x})(0, 0) == -1.0);
    CHECK(hessian<Big>(E, {x})(0, 0) == -1);
    // and 1 − cos x, cos x · cos x (E = cos² x: E'' = −2 cos 2x = −2 at 0)
    CHECK(hessian(1.0 - cos(x), {x})(0, 0) == 1.0);
    CHECK(hessian(cos(x) * cos(x), {x})(0, 0) == -2.0);
}

// ------------------------------------------------------------------ (h) the seed 001 network

TEST_CASE("seed 001 network: d2E/dw5^2, d2E/dw1^2, d2E/dw1dw5 equal SymPy's to 1e-40 in 50 digits") {
    // one bias per layer (b_h = 0.55, b_o = 0.66), the seed's arithmetic (seed_network.hpp);
    // the tape in 50 digits (Real: the library's compiled Real-in-Real sweep), so that the
    // decimal parameters are 0.1 … 0.8 to 1e-50
    Tape<Real> tape;
    const auto net = seed_network::record_seed(tape, false);
    REQUIRE(net.biases.size() == 2);
    const Var<Real>& w1 = net.w[0];
    const Var<Real>& w5 = net.w[4];
    const Matrix<Real> hr = hessian(net.E, {w5, w1});
    const Matrix<Big> h = hr.unaryExpr([](const Real& x) { return Big(x.str(60)); });
    const Big d2_w5("-0.020807053250315590541890243376443031874438993876517");
    const Big d2_w1("-0.000030749039741969836211241420842034899276007490076977");
    const Big d2_w1w5("0.0025322526608227622680675200268045428692912007424619");
    const auto near = [](const Big& got, const Big& want) { return abs(got - want) <= kRel50 * abs(want); };
    INFO("d2E/dw5^2 = " << h(0, 0).str(50) << ", d2E/dw1^2 = " << h(1, 1).str(50) << ", d2E/dw1dw5 = "
                        << h(0, 1).str(50) << " and " << h(1, 0).str(50));
    CHECK(near(h(0, 0), d2_w5));
    CHECK(near(h(1, 1), d2_w1));
    CHECK(near(h(0, 1), d2_w1w5));
    CHECK(near(h(1, 0), d2_w1w5));
    // the double tape, to double precision
    Tape<double> td;
    const auto nd = seed_network::record_seed(td, false);
    const Matrix<double> hd = hessian(nd.E, {nd.w[4], nd.w[0]});
    CHECK(std::abs(hd(0, 0) - d2_w5.convert_to<double>()) <= 1e-13 * std::abs(d2_w5.convert_to<double>()));
    CHECK(std::abs(hd(1, 1) - d2_w1.convert_to<double>()) <= 1e-13 * std::abs(d2_w1.convert_to<double>()));
    CHECK(std::abs(hd(0, 1) - d2_w1w5.convert_to<double>()) <= 1e-13 * std::abs(d2_w1w5.convert_to<double>()));
    // the full 10 × 10 Hessian of E over w1..w8 and both biases is symmetric
    const Matrix<double> all = hessian(nd.E, nd.parameters());
    CHECK((all - all.transpose()).cwiseAbs().maxCoeff() <= 1e-14 * all.cwiseAbs().maxCoeff());
}

}  // namespace second_order_test
