#pragma once
// One picture through the classifier: the pre-processing of models/digit_image.hpp, the
// network's logits, their softmax. Shared by `serve` and `predict`.
#include "models/mlp.hpp"

#include <array>
#include <span>
#include <string>

namespace chainrule::mnist_cli {

struct Recognition {
    int digit = 0;                        ///< the most probable class
    std::array<double, 10> probabilities;  ///< softmax of the logits, summing to 1
    chainrule::Matrix<double> input;         ///< 1 × 784: the 28×28 grey levels the network saw
};

/// The network's answer for the PNG picture `png`. Throws models::DigitImageError for a
/// picture that is not a usable digit (digit_image.hpp).
Recognition recognise(const models::Mlp<double>& model, std::span<const unsigned char> png);

/// An error message without the library's "chainrule: " prefix (the commands add their own).
std::string without_prefix(std::string message);

/// The JSON answer of the server: {"digit": d, "probabilities": [10], "input": [784]}.
std::string recognition_json(const Recognition& r);

}  // namespace chainrule::mnist_cli
