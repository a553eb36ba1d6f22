#pragma once
/// \file descent_newton_report.hpp
/// The printed forms of a Newton run (descent_newton.hpp): the descent table with |∇J|, the
/// step length t and the update in place of the partials (which the CSV and JSON keep).

#include "../derivations/document.hpp"
#include "descent_newton.hpp"

#include <optional>
#include <string>

namespace chainrule::lang {

/// A table (step, the variables, J, |∇J|, t, update: "Newton", "Newton, damped", "gradient
/// step: H not positive definite at step 0 (eigenvalues …)"; t and update empty at step 0),
/// then the line saying how the run ended when it failed or stopped at a stationary point.
derivations::Document newton_document(const NewtonDescent& newton, int digits);
std::string newton_table(const NewtonDescent& newton, int digits);
std::string newton_markdown(const NewtonDescent& newton, int digits);
/// step, the variables, J, dJ/d each variable, |grad|, t, update; the ending as a last line
/// starting with "# ".
std::string newton_csv(const NewtonDescent& newton, int digits);
/// {"expression", "method": "newton", "until", "reached", "ending": {"reason", "step",
/// "failed", "message"}, "gradient_steps", "warning", "steps": [{"step", "point", "J",
/// "gradient", "gradient_norm", "step_length", "update"}]} (step_length and update null at
/// step 0).
std::string newton_json(const NewtonDescent& newton, const std::string& expression,
                        const std::optional<std::string>& until);

}  // namespace chainrule::lang
