#pragma once
/// \file newton.hpp
/// Demo 8: Newton's method on the seed 004 functions, next to their gradient descent, and
/// demo 3's learning-rate verdicts explained by the curvature J″. Newton's method is
/// models::newton_minimize (the loop behind `chainrule descend --method newton`): the
/// Hessian from the tape, the full step t = 1 first, halved until J falls enough (Armijo),
/// a gradient step where H is not positive definite.

#include "descent.hpp"

#include "models/newton.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace chainrule::demos {

using NewtonRun = models::NewtonResult<double>;

/// Newton's method on `objective` from `start`, stopping as soon as J < loss_below or
/// after max_steps updates (or at a point where ∇J = 0).
NewtonRun newton_method(const models::Objective<double>& objective, const std::vector<double>& start, double loss_below,
                        std::size_t max_steps = 100);

/// J = x² from x0 until J < loss_below: one update, x₁ = x₀ − J′/J″ = x₀ − 2x₀/2 = 0.
NewtonRun square_newton(double x0 = 1.2, double loss_below = 0.01);

/// J = x² + sin²(y) from (3, 1) until J < loss_below. H = diag(2, 2 cos 2y) is not positive
/// definite at y = 1 (cos 2 < 0), so the first update is a gradient step; from there
/// Newton's steps x → 0, y → y − tan(2y)/2.
NewtonRun square_sin_newton(double x0 = 3, double y0 = 1, double loss_below = 0.01);

/// A learning rate's verdict (demo 3) next to what the curvature predicts: for J = x²,
/// x_{k+1} = x_k − η J′(x_k) = (1 − η J″) x_k, so η·J″ decides.
struct CurvatureVerdict {
    RateRun rate;               ///< the run and its verdict, read off the iterates
    double curvature = 0;       ///< J″ at the start, from the tape's Hessian
    double eta_curvature = 0;   ///< η·J″
    std::string prediction;     ///< what η·J″ says ("η·J″ = 2: x → −x, oscillates forever", …)
};

/// What η·J″ predicts for a quadratic: > 2 diverges, = 2 oscillates, in (1, 2) overshoots
/// and converges, = 1 one step (Newton's step), in (0, 1) converges from one side.
std::string curvature_prediction(double eta_curvature);

/// Demo 3's x² descent from x0 for each η (`steps` updates), with J″ from the tape.
std::vector<CurvatureVerdict> learning_rates_by_curvature(std::span<const double> rates, double x0 = 1.2,
                                                          std::size_t steps = 10, double target = 0.01);

}  // namespace chainrule::demos
