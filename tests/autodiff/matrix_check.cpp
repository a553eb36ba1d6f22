#include "matrix_check.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <algorithm>
#include <cmath>

namespace matrix_check {

using namespace chainrule;
using R = boost::multiprecision::cpp_bin_float_50;

M random_matrix(Eigen::Index rows, Eigen::Index cols, double lo, double hi, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(lo, hi);
    M m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m(i) = u(rng);
    return m;
}

Var<double> probe(const Mat<double>& y, unsigned seed) {
    const M c = random_matrix(y.rows(), y.cols(), -1, 1, seed);
    return sum(hadamard(y.tape().constant(c), y));
}

namespace {

struct Scale {
    double reference = 1;  // max(1, max |fd|)
    double double_error = 0;
    double exact_error = 0;
    std::string where;
    void add(double ad, const R& exact, const R& fd, const std::string& what) {
        const double err = std::abs(ad - fd.convert_to<double>());
        if (err > double_error) {
            double_error = err;
            where = what + ": reverse " + std::to_string(ad) + ", difference " + fd.str(20);
        }
        exact_error = std::max(exact_error, abs(R(exact - fd)).convert_to<double>());
    }
};

}  // namespace

Report check_gradient(const std::vector<M>& matrices, const std::vector<double>& scalars, const Builder& build) {
    Tape<double> tape;
    Mats mats;
    Vars vars;
    for (const M& m : matrices) mats.push_back(tape.variable(m));
    for (double s : scalars) vars.push_back(tape.variable(s));
    const Var<double> y = build(mats, vars);
    const std::vector<M> g = grad(y, mats);
    const std::vector<double> gs = grad(y, vars);

    Tape<R> exact = replay<R>(tape);
    backward(exact.var(y.index()));
    const R h("1e-20");
    const std::vector<R> fd_scalars = central_difference_gradient<R>(tape, y.index(), h);

    Report report;
    Scale scale;
    for (std::size_t q = 0; q < mats.size(); ++q) {
        const Matrix<R> fd = central_difference_matrix_gradient<R>(tape, y.index(), mats[q].index(), h);
        scale.reference = std::max(scale.reference, fd.cwiseAbs().maxCoeff().convert_to<double>());
        report.gradient_shapes.push_back(shape_of(g[q]));
        if (!(shape_of(g[q]) == shape_of(fd))) {
            scale.double_error = scale.exact_error = INFINITY;
            scale.where = "gradient " + std::to_string(q) + " has shape " + shape_text(shape_of(g[q]));
            continue;
        }
        const Matrix<R> ex = exact.adjoint_matrix(mats[q].index());
        for (Eigen::Index i = 0; i < fd.size(); ++i)
            scale.add(g[q](i), ex(i), fd(i), "matrix " + std::to_string(q) + " entry " + std::to_string(i));
    }
    for (std::size_t q = 0; q < vars.size(); ++q) {
        scale.reference = std::max(scale.reference, abs(fd_scalars[q]).convert_to<double>());
        scale.add(gs[q], exact.adjoint(vars[q].index()), fd_scalars[q], "scalar " + std::to_string(q));
    }
    report.double_error = scale.double_error / scale.reference;
    report.exact_error = scale.exact_error / scale.reference;
    report.detail = scale.where;
    return report;
}

}  // namespace matrix_check
