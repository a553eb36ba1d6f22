#pragma once
/// \file descent_objective.hpp
/// J of `chainrule descend` as an objective of models/ (models::minimize, models::newton_minimize):
/// the typed expression recorded on a tape with the start's names as the variables.

#include "ast.hpp"
#include "calculus.hpp"
#include "diagnostic.hpp"
#include "numbers.hpp"

#include "../models/training_loop.hpp"

#include <vector>

namespace chainrule::lang {

/// J recorded from `expression` (its constants already bound: bind_constants) with the
/// names of `start` as the variables, in their order. Each call first copies the point it
/// records at into `evaluating`, so a throw inside J can say where (DescentWatch::
/// failed_evaluation). Throws LangError for a name that `start` does not give.
/// `expression`, `source`, `start` and `evaluating` must outlive the objective.
models::Objective<Real> descent_objective(const ExprNode& expression, const Source& source, const Point& start,
                                          std::vector<Real>& evaluating);

}  // namespace chainrule::lang
