#pragma once
/// \file mlp_json.hpp
/// Saving and loading the parameters of an Mlp<double> as JSON:
///
///     {"format": "chainrule-mlp", "version": 1, "sizes": [784, 64, 16, 10],
///      "activation": "sigmoid",
///      "layers": [{"weight": [[W_00, W_01, …], [W_10, …], …], "bias": [b_0, …]}, …]}
///
/// "weight" is the in × out matrix W row by row (Z = X W + b), "bias" the 1 × out row.
/// Numbers are written with 17 significant digits, so a save/load round trip gives the
/// same doubles bit for bit.

#include "mlp.hpp"

#include <filesystem>
#include <string>

namespace chainrule::models {

/// Malformed or mismatched parameter files. The message names the file and what is wrong.
class ParameterFileError : public ModelError {
public:
    using ModelError::ModelError;
};

/// The JSON text of the model (format above).
std::string mlp_to_json(const Mlp<double>& model);

/// Writes mlp_to_json(model) to `path` atomically: a temporary file in the same folder,
/// renamed over `path` once complete, so `path` is either the old file or the whole new
/// one. Throws ParameterFileError naming the path when it cannot be written.
void save_mlp(const Mlp<double>& model, const std::filesystem::path& path);

/// The model saved in `path` (sizes and activation from the file). Throws
/// ParameterFileError naming the file when it is missing, not JSON, not of this format,
/// or when a matrix has the wrong shape or a non-finite or non-numeric entry.
Mlp<double> load_mlp(const std::filesystem::path& path);

/// Loads the parameters saved in `path` into `model`, which must have the same sizes
/// (else ParameterFileError naming both layouts); the activation is the model's own.
void load_parameters(Mlp<double>& model, const std::filesystem::path& path);

}  // namespace chainrule::models
