#pragma once
/// \file model_worksheet.hpp
/// The derivation worksheet of a Model: its output, its params (the `derive … wrt`
/// list, or what the command line asks for, or every param the output depends on), its
/// labels and its learning rate, handed to derivations::make_worksheet.

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
    std::string title;  ///< empty: the library's default title
};

/// The worksheet. Throws LangError when the model has nothing to derive, or when a
/// requested name is not a param the output depends on (reported as coming from --wrt).
derivations::Worksheet model_worksheet(const Model& model, const WorksheetRequest& request = {});

}  // namespace chainrule::lang
