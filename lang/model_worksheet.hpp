#pragma once
/// \file model_worksheet.hpp
/// The derivation worksheet of a Model: its output, its params (the `derive … wrt`
/// list, or what the command line asks for, or every param the output depends on), its
/// labels, its learning rate and its title, handed to derivations::make_worksheet.

#include "../derivations/worksheet.hpp"
#include "model.hpp"

#include <string>
#include <vector>

namespace chainrule::lang {

/// What the command line may change.
struct WorksheetRequest {
    std::vector<std::string> wrt;  ///< replaces `derive … wrt` when not empty
    derivations::StyleChoice style = derivations::StyleChoice::Auto;
    int digits = 10;
    std::string title;  ///< empty: the model's `title`, else the library's default title
    /// Matrix models: gradient entries to write out element by element, as "W[2,1]" (1-based).
    std::vector<std::string> elementwise = {};
    /// 2: add the second derivatives of the loss by the params (scalar models).
    int order = 1;
};

/// The worksheet, with the exact fractions of gradients that are rationals worth one
/// (GradientDerivation::exact_result, exact_after_update: exact_gradient.hpp). Throws LangError when the model has nothing to derive, or when a
/// requested name is not a param the output depends on (reported as coming from --wrt).
derivations::Worksheet model_worksheet(const Model& model, const WorksheetRequest& request = {});

}  // namespace chainrule::lang
