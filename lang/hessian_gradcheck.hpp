#pragma once
/// \file hessian_gradcheck.hpp
/// `chainrule gradcheck MODEL.chain --order 2`: the Hessian of a model's output by its
/// params, forward-over-reverse in double, against 50-digit central differences of the
/// gradient, and its symmetry (autodiff/hessian_check.hpp, docs/gradcheck.md), printed as
/// a table or as JSON.

#include "../autodiff/hessian_check.hpp"
#include "model.hpp"

#include <string>
#include <string_view>

namespace chainrule::lang {

struct ModelHessianCheck {
    std::string output;
    HessianCheck check;
};

/// The most params a Hessian check takes (each column replays the tape seven times in 50
/// digits): 60.
inline constexpr std::size_t kMaxHessianCheckParams = 60;

/// Records the model in 50 digits, replays it in double and checks the Hessian of its
/// output by every param the output depends on (file order). Throws LangError for a matrix
/// model, a model with no output or params, and more than kMaxHessianCheckParams params.
ModelHessianCheck gradcheck_model_hessian(const Model& model);

/// "9 pass, 0 FAIL, 0 kink, 0 undefined; symmetric".
std::string hessian_check_summary(const ModelHessianCheck& c);

/// text: a header line, a table (entry · analytic · numeric · abs err · tolerance ·
/// verdict; a kink's one-sided values), the symmetry and the summary; json: {"output",
/// "type", "reference", "entries": [{"row", "column", "analytic", "numeric", "left",
/// "right", "tolerance", "verdict"}], "asymmetry", "symmetric", "passed"}.
std::string hessian_check_output(const ModelHessianCheck& c, std::string_view format, int digits);

}  // namespace chainrule::lang
