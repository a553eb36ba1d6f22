#pragma once
/// \file symmetric_eigenvalues.hpp
/// The eigenvalues of a small symmetric matrix (the Hessians of `descend --method newton`),
/// for its messages and for telling a minimum from a saddle at a stationary point: Eigen's
/// SelfAdjointEigenSolver in double (it does not compile for the 50-digit Real, whose
/// NumTraits lack infinity(); double's 16 digits are plenty for a sign and a message).
/// Whether H is positive definite — which decides the Newton step — is decided by the LDLᵀ
/// pivots in T itself (newton.hpp), not here.

#include "../graph/matrix.hpp"
#include "../graph/scalar_traits.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <vector>

namespace chainrule::models {

/// The eigenvalues of the symmetric matrix `h`, ascending: of a diagonal `h` its diagonal,
/// exactly; otherwise computed in double and converted to T. Empty when an entry is not
/// finite.
template <class T>
std::vector<T> symmetric_eigenvalues(const Matrix<T>& h) {
    if (!std::all_of(h.data(), h.data() + h.size(), [](const T& x) { return is_finite(x); })) return {};
    bool diagonal_only = true;
    for (Eigen::Index i = 0; i < h.rows(); ++i)
        for (Eigen::Index j = 0; j < h.cols(); ++j) diagonal_only = diagonal_only && (i == j || h(i, j) == 0);
    if (diagonal_only) {  // exactly its diagonal, in T: J'' = -1.88 is -1.88, not a double's rounding
        std::vector<T> diagonal;
        for (Eigen::Index i = 0; i < h.rows(); ++i) diagonal.push_back(h(i, i));
        std::sort(diagonal.begin(), diagonal.end());
        return diagonal;
    }
    const Eigen::MatrixXd d = h.unaryExpr([](const T& x) { return scalar_cast<double>(x); });
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(d, Eigen::EigenvaluesOnly);
    std::vector<T> values;
    for (Eigen::Index i = 0; i < solver.eigenvalues().size(); ++i) values.push_back(T(solver.eigenvalues()(i)));
    return values;  // Eigen sorts them ascending
}

}  // namespace chainrule::models
