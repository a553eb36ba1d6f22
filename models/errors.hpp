#pragma once
/// \file errors.hpp
/// Exceptions of the models layer.

#include "../graph/errors.hpp"

namespace chainrule::models {

/// A model-level misuse: an optimizer given a different block layout than on its first
/// step, a value and gradient of different sizes, a loss outside its domain, bad
/// hyper-parameters. The message names the optimizer or loss and the sizes or values.
class ModelError : public Error {
public:
    using Error::Error;
};

}  // namespace chainrule::models
