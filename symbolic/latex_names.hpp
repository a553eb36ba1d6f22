// Symbol names -> LaTeX, and safety checks for user-supplied LaTeX.
#pragma once

#include <string>
#include <string_view>

namespace chainrule::symbolic {

/// LaTeX (math mode) for a symbol name, following the usual conventions of
/// hand-written derivations:
///
///   x       -> x                   w5      -> w_{5}
///   b_h     -> b_{h}               E_o1    -> E_{o_{1}}
///   out_h1  -> \mathrm{out}_{h_{1}}   in_o1 -> \mathrm{in}_{o_{1}}
///   eta     -> \eta                eta2    -> \eta_{2}
///   Delta   -> \Delta              Alpha   -> A   (no \Alpha in LaTeX)
///   E_total -> E_{\mathrm{total}}  w_5_2   -> w_{5,2}
///
/// A name is split at the first '_': the head is rendered (single letter as
/// is, Greek name as the Greek letter, other words upright with \mathrm,
/// trailing digits as a subscript) and the rest becomes the subscript.
/// Names that are not identifiers ([A-Za-z][A-Za-z0-9_]*, no "__", no
/// trailing '_') are printed verbatim but escaped, as \mbox{...}, so that no
/// name can inject LaTeX.
std::string latex_name(std::string_view name);

/// Checks a user-supplied LaTeX label (printer option mapping a symbol to
/// explicit LaTeX).  Allowed: ASCII letters, digits, spaces, the characters
/// _ ^ { } , ' + - ( ) and the commands of a whitelist — Greek letters
/// (\alpha ... \omega, \varepsilon, \vartheta, \varphi, ..., \Gamma ... \Omega)
/// and \mathrm \mathbf \mathit \hat \bar \tilde \vec \dot \ddot \prime \partial
/// \ell — and, typed as UTF-8, the Greek letters themselves (α, θ, Σ, ϕ, µ) and
/// ∂, ℓ.  Braces must balance; "^^" (TeX's character-code escape) is refused.
/// Throws std::invalid_argument naming the offending part for anything
/// else, e.g. \input, \write18, \def, \catcode, \include, $, %, #, &, é;
/// the message quotes the label through escape_text_for_message.
void validate_latex_label(std::string_view label);

/// The LaTeX a valid label prints as: the label with typed Greek letters
/// replaced by their commands (α -> \alpha, "θ_1" -> "\theta_1", Σ -> \Sigma,
/// Α -> A; ε and φ -> \varepsilon and \varphi, ϵ and ϕ -> \epsilon and \phi, as
/// their glyphs look), so pdflatex needs no Unicode setup in math mode.  Throws
/// as validate_latex_label.
std::string label_latex(std::string_view label);

/// Checks the LaTeX text of a number (LatexOptions::numeric_symbols):
/// optional sign, digits, at most one '.', optionally followed by
/// " \\times 10^{<integer>}" or " \\cdot 10^{<integer>}".  Throws
/// std::invalid_argument otherwise.
void validate_latex_number(std::string_view text);

/// Escapes arbitrary user text for a LaTeX *text-mode* context (captions,
/// headings): \ { } $ & # ^ _ % ~ < > | become \textbackslash{} \{ \} \$ \& \#
/// \textasciicircum{} \_ \% \textasciitilde{} \textless{} \textgreater{}
/// \textbar{}; newlines and tabs become spaces; other control characters are
/// dropped.  Everything else (including UTF-8 bytes) is kept.
std::string escape_text_for_latex(std::string_view text);

/// User text (names, labels, file names, command-line arguments) as an error
/// message quotes it, so that no input can drive the terminal that shows the
/// message or cut it short: control characters (C0 with NUL, DEL) and bytes
/// that are not valid UTF-8 become \xHH; C1 controls, the bidirectional
/// overrides and isolates, zero-width and line/paragraph separators and
/// U+FEFF become \uHHHH.  Printable text, Greek letters included, and tabs
/// (a caret line keeps them to line up) are kept; a backslash is not doubled,
/// so escaping twice changes nothing.
std::string escape_text_for_message(std::string_view text);

/// A symbol's LaTeX made safe to carry a superscript (`^{+}`, a power, a prime): a symbol
/// with a superscript or prime of its own is braced, {w^{(1)}}^{+}, which TeX would
/// otherwise reject as a double superscript. TeX unwraps a group holding one accent atom
/// (TeXbook, ch. 17: {\hat{w}^{(2)}} is the accent atom again, superscript included), so
/// an accented symbol also gets an empty atom inside the braces: {\hat{w}^{(2)}{}}.
/// Any other symbol is returned unchanged.
std::string superscript_base(std::string_view latex);

}  // namespace chainrule::symbolic
