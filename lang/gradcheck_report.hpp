#pragma once
/// \file gradcheck_report.hpp
/// `chainrule gradcheck`: a model's reverse-mode gradient in double against 50-digit
/// Richardson central differences (autodiff/gradcheck.hpp, docs/gradcheck.md), and its
/// printed forms — a document (a table per parameter, notes, the tolerance policy, a
/// summary line) for the terminal, and JSON for tools.

#include "../autodiff/gradcheck.hpp"
#include "../derivations/document.hpp"
#include "model.hpp"

#include <string>

namespace chainrule::lang {

/// The gradient check of a model's output by every param it depends on.
struct ModelGradcheck {
    std::string output;
    GradcheckReport<GradcheckReference<double>> report;
};

/// Most work (scalar-expansion nodes × checked entries) gradcheck takes on a matrix model:
/// about a minute here.
inline constexpr std::size_t kMaxGradcheckWork = 4'000'000;

/// Records the model in 50 digits, replays it in double (the type whose reverse mode is
/// checked) and checks ∂output/∂p for each param p the output depends on. Throws
/// LangError when the model defines nothing or its output depends on no param.
ModelGradcheck gradcheck_model(const Model& model);

/// The header line, a table (param · analytic · numeric · abs err · rel err · tolerance ·
/// verdict; numbers with `digits` significant digits, ±∞ as such, "-" where an error
/// means nothing), a note per entry that has one, the tolerance policy and the summary.
derivations::Document gradcheck_document(const ModelGradcheck& c, int digits);

/// "3 pass, 0 FAIL, 0 kink, 0 undefined, 0 could not estimate".
std::string gradcheck_summary(const ModelGradcheck& c);

/// {"output", "type": "double", "reference": "cpp_bin_float_50", "tolerance": {…},
/// "parameters": [{"name", "analytic", "numeric", "numeric_kind", "abs_error", "rel_error",
/// "tolerance", "verdict", "left", "left_kind", "right", "right_kind", "step", "singular",
/// "note"}], "passed"} (±∞ and NaN as null; kinds "finite", "+inf", "-inf", …).
std::string gradcheck_json(const ModelGradcheck& c);

}  // namespace chainrule::lang
