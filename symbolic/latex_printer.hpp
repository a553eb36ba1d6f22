// to_latex: LaTeX (math mode, amsmath assumed for \operatorname) of an Expr.
//
//   \frac{a + b}{c}        a - \left(b - c\right)        \left(a b\right)^{2}
//   -\left(o_{1} - \mathrm{out}\right)     \mathrm{out} \left(1 - \mathrm{out}\right)
//   \frac{1}{2} \left(t - y\right)^{2}     \frac{\mathrm{e}^{-x}}{\left(1 + \mathrm{e}^{-x}\right)^{2}}
//   \sigma\left(x\right)   \sqrt{x}   \frac{1}{2 \sqrt{x}}   x^{3/2}
//
// Conventions: products by juxtaposition with a space, "\cdot" only before a
// factor that starts with a digit and around numbers substituted for symbols
// (LatexOptions::numeric_symbols); a product with reciprocal factors becomes
// one \frac (numeric coefficient included); a rational coefficient of a
// product without denominator is a leading \frac{p}{q}; rational exponents
// are inline (x^{3/2}); \left( \right) only where precedence needs them and
// around function arguments.  Constants upright where the fonts allow (ISO
// 80000-2): \mathrm{e}, \pi.  Function notation: \mathrm{e}^{x}, \ln, \sin ... \arcsin,
// \operatorname{arccot}, \sqrt[3]{x}, \left|x\right|, \sigma(x) for sigmoid,
// \operatorname{relu}, \operatorname{softplus}, \operatorname{step},
// \operatorname{sign}, \min, \max, \operatorname{atan2},
// \operatorname{hypot}, \operatorname{leaky\_relu},
// \operatorname{logsumexp}\left(a, b, c\right); xlogy(a, b) as a \ln b;
// expm1(x) prints as \mathrm{e}^{x} - 1, log1p(x) as \ln\left(1 + x\right) and
// log_sigmoid(x) as \ln\left(\sigma\left(x\right)\right).
#pragma once

#include <functional>
#include <map>
#include <string>

#include "expr.hpp"

namespace chainrule::symbolic {

struct LatexOptions {
    /// Explicit LaTeX per symbol name, instead of latex_name(name), e.g.
    /// {"out_o1", "\\hat{y}"}.  Each label used is checked with
    /// validate_latex_label, so to_latex throws std::invalid_argument for a
    /// label that could inject commands, and printed as label_latex gives it
    /// (typed Greek letters as their commands: "θ_1" -> \theta_1).
    std::map<std::string, std::string, std::less<>> labels;
    /// Numbers printed *instead of* symbols, as LaTeX number text ("0.5933",
    /// "-0.0145", "1.5 \\times 10^{-12}"), for the "numbers substituted" step of
    /// a derivation:  w_{5} \mathrm{out}_{h_{1}} -> 0.4 \cdot 0.5933.  Takes
    /// precedence over `labels`.  The text is treated as a number: products
    /// join it with \cdot, a negative one is parenthesised inside products and
    /// as a power base and follows a sum as " - 0.0145".  Each text used is
    /// checked with validate_latex_number (to_latex throws
    /// std::invalid_argument otherwise).
    std::map<std::string, std::string, std::less<>> numeric_symbols;
    /// Print constants with a terminating decimal expansion (at most 12
    /// fractional digits) as decimals: 11/20 -> 0.55.  Others stay \frac, but for
    /// long_fraction_as_decimal (rational.hpp): selu's λ prints as its decimal.
    bool decimal_constants = false;
    /// \mathrm{e}^{x} (true) or \exp\left(x\right) (false).  An exponent holding a
    /// function call (the softmax e^{a - logsumexp(a, b)}, e^{\sin x}) prints as
    /// \exp(...) either way.
    bool exp_as_power = true;
};

/// LaTeX for e (math mode, without surrounding $).  Throws
/// std::invalid_argument if a label from `options` is rejected by
/// validate_latex_label.
std::string to_latex(const Expr& e, const LatexOptions& options = {});

}  // namespace chainrule::symbolic
