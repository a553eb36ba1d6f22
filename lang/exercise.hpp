#pragma once
/// \file exercise.hpp
/// Exercise sets from a model whose numbers vary (`param w5 = 0.4 vary 0.1..0.9 step
/// 0.05`, variation.hpp): one variant per student, each a complete .chain model with the
/// student's own numbers, drawn from the grids with a seed (the same seed gives the same
/// class set), and the answers a student can check with `chainrule check`.
///
/// Only well-posed variants are kept. A draw is rejected, and drawn again, when its model
/// cannot be recorded (a value leaves a function's domain or is not finite), sits on or
/// within 1e-6 of a kink or jump (relu, abs, sign, step, leaky_relu, selu at 0; a tie of
/// max or min), saturates a sigmoid or tanh (local slope below 1e-3, where a student's
/// rounded numbers lose the gradient), makes a requested gradient vanish (|∂E/∂p| below
/// 1e-9), has an infinite or undefined derivative or a number that is exactly 0, repeats an
/// earlier draw, or gives the same numbers as an earlier variant (different values with the
/// same product, or a varied value that does not reach the output). The reasons are counted.

#include "model.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace chainrule::lang {

struct ExerciseOptions {
    std::size_t variants = 30;
    std::uint64_t seed = 1;
    int digits = 10;               ///< significant digits of the answers (as the worksheet's)
    std::size_t max_draws = 0;     ///< 0: 100 per variant
};

/// One student's numbers: the varied names' values (decimal text, in file order) and the
/// model with them.
struct Variant {
    std::size_t number = 0;              ///< 1-based
    std::vector<std::string> values;     ///< per Exercise::varied
    std::string text;                    ///< the .chain model, check lines removed
};

struct Exercise {
    std::vector<std::string> varied;     ///< the names that vary, in file order
    std::vector<Variant> variants;
    std::size_t draws = 0;               ///< draws made (kept + rejected)
    std::map<std::string, std::size_t> rejected;  ///< reason → count
};

/// Draws `options.variants` well-posed variants of `model` (loaded from its .chain text).
/// Throws LangError when the model varies nothing, Error when fewer well-posed variants
/// than asked for were found within the draws (the message gives the reasons).
Exercise make_exercise(const Model& model, const ExerciseOptions& options);

/// Why a recorded variant is not well-posed ("" when it is): see the file comment; also an
/// infinite or undefined local partial or gradient, and a number that is exactly 0 or
/// cannot be settled at the sheet's digits (it would not print as a plain answer).
std::string ill_posed(const Model& variant, int digits);

/// A claim a student can check on a model, with its right value: `out_h1` (a value),
/// `dE/dw5` (a gradient), `dout_h1/dnet_h1` (a local partial), `w5+ … lr=0.5` (an update).
struct Answer {
    std::string claim;   ///< the left side of the check line: out_h1, dE/dw5, w5+
    std::string value;   ///< the right value at the worksheet's digits
    std::string kind;    ///< "value", "local partial", "gradient", "update"
    std::string suffix;  ///< after the value: " lr=0.5" for an update, else empty
};

/// Every claim a blank of the model's sheet asks for (forward values, local partials,
/// gradients, updates; not the deltas), in the sheet's order. Throws LangError as
/// model_worksheet does.
std::vector<Answer> answers(const Model& model, int digits);

/// The .chain text of `model` with each varied value replaced by `values` (in file order),
/// the vary clauses and check lines removed, and a first comment line naming the variant.
std::string variant_text(const Model& model, const std::vector<std::string>& values, std::size_t number,
                         std::uint64_t seed);

}  // namespace chainrule::lang
