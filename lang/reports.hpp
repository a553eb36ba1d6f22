#pragma once
/// \file reports.hpp
/// The printed forms of what calculus.hpp computes. Text forms print every number with
/// `digits` significant digits, each of them correct (derivations/number_format.hpp);
/// JSON forms give the nearest double of the 50-digit value.

#include "../derivations/document.hpp"
#include "../symbolic/expr.hpp"
#include "calculus.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace chainrule::lang {

/// Numerators and denominators below this are short enough to show as a fraction.
inline const symbolic::Integer kFractionLimit = 1000000;

/// "p/q" for an exact rational that is not an integer and whose numerator and
/// denominator have at most 6 digits (−6/125, 1/3); nothing otherwise.
std::optional<std::string> short_fraction(const std::optional<Rational>& r);

/// "f = 9.708073418\n∂f/∂x = 6\n∂f/∂y = 0.9092974268\n"; an exact rational result with a
/// short fraction shows it first: "∂f/∂x = -6/125 = -0.048".
std::string gradient_text(const Point& point, const Gradient& g, int digits);
/// {"value": 9.708073418273571, "gradient": {"x": 6.0, "y": 0.9092974268256817}}, and
/// when some result has a short fraction "fractions": {"value": "1/3", "gradient": {"x": "-6/125"}}
/// (only the results that have one).
std::string gradient_json(const Point& point, const Gradient& g);

/// The derivative as text ("2*x") or LaTeX ("2 x"), one line.
std::string derivative_text(const symbolic::Expr& d);
std::string derivative_latex(const symbolic::Expr& d);
/// {"expression": …, "wrt": …, "derivative": text, "latex": …}
std::string derivative_json(const symbolic::Expr& f, std::string_view wrt, const symbolic::Expr& d);

/// A descent run and how it was asked for (for the JSON form).
struct DescentReport {
    const Descent& run;
    std::string expression;
    models::OptimizerSettings<Real> optimizer;
    std::optional<std::string> until;
};

/// The run as a document: a table (step, the variables, J, ∂J/∂ each variable; numbers
/// right-aligned), then for a failed run the paragraph saying how it ended ("overflow at
/// step 4: …").
derivations::Document descent_document(const Descent& run, int digits);
/// That document as aligned text columns, and as a Markdown pipe table.
std::string descent_table(const Descent& run, int digits);
std::string descent_markdown(const Descent& run, int digits);
/// The same as CSV (header row, then one row per step; a failed run's ending as a last
/// line starting with "# ").
std::string descent_csv(const Descent& run, int digits);
/// {"expression", "optimizer", "learning_rate", ["momentum" | "beta1", "beta2", "epsilon"],
/// "until", "reached", "ending": {"reason", "step", "failed", "message"}, "warning",
/// "steps": [{"step", "point": {name: value}, "J", "gradient": {name: value}}]}
/// (the hyper-parameters of the optimizer used: momentum for momentum and nesterov, the
/// betas and epsilon for adam; reason as to_string(DescentEnd); message and warning null
/// when there is none).
std::string descent_json(const DescentReport& report);

}  // namespace chainrule::lang
