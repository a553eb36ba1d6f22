#pragma once
/// \file claims.hpp
/// Checking a hand derivation: claims about a recorded model (node values, derivatives,
/// values after a descent step), each judged against the 50-digit truth and against the
/// claimant's *own* earlier numbers, so that the first wrong step is found and every later
/// line that merely carries it forward is recognised as such.
///
/// A claim is about one quantity Q:
///   - a value:       \f$N\f$                         (`out_h1 = 0.6456563062`)
///   - a derivative:  \f$\mathrm{d}A/\mathrm{d}B\f$   (`dE/dw5 = 0.0818667051`): the total
///     derivative of A with respect to node B, all other paths included — the adjoint of B
///     in a reverse sweep from A. For B read directly and only by A this is the local
///     partial \f$\partial A/\partial B\f$.
///   - an update:     \f$p^{+} = p - \eta\,\mathrm{d}E/\mathrm{d}p\f$ for the model's
///     output E (`w5+ = 0.45906664745 lr=0.5`).
///   - a second derivative: \f$\partial^2 A/\partial B\,\partial C\f$ by two named leaves
///     (`d2E/dw5^2 = -0.0208070533`, `d2E/dw1dw5 = 0.0025322527`), by one
///     forward-over-reverse sweep (claim_second_order.hpp).
/// and claims either a number (a decimal, as precise as its digits, or an exact constant
/// such as 151/125) or a formula over named nodes.
///
/// Verdicts, in file order (the algorithm is described in docs/claims.md):
///   - **correct**: |claimed − true| ≤ one unit of the claim's last shown digit
///     (and whether the claim is exact, correctly rounded, truncated, or only within one unit);
///     an exact claim (an integer, an exact constant such as 151/125) only when it is equal;
///   - **carried forward**: not correct, but within one unit of what the chain rule over the
///     named graph (or the update rule) gives from the claimant's earlier claimed numbers;
///   - **wrong**: neither. The first wrong claim is the first error; each wrong claim lists
///     the later claims carried forward from it, and gets a diagnosis when a simple slip
///     explains it (another named quantity, the negative, double or half, one factor of
///     the right product replaced by another named value).
///   - **cannot be checked**: the right value is not settled (the precision ladder gave it
///     fewer digits, zero within a bound, ? or out of range: Certainty) and what is known of
///     it neither confirms nor refutes the claim (apply_right_certainty);
///   - formula claims: **holds identically** (at the model's point and at every random
///     point, parameters, inputs and targets perturbed, 50-digit arithmetic), **holds at
///     this point only**, or **wrong**.

#include "named_graph.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace chainrule::derivations {

/// What a claim is about.
struct ClaimQuantity {
    enum class Kind { Value, Derivative, Update, SecondDerivative };
    Kind kind = Kind::Value;
    std::string of;   ///< N, A (of dA/dB and of ∂²A/∂B∂C), or the updated parameter p
    std::string wrt;  ///< B of dA/dB and of ∂²A/∂B∂C; for an update the output E (empty: the check's output)
    std::optional<Real> learning_rate;  ///< an update's η (empty: the check's default)
    /// C of ∂²A/∂B∂C (= B for ∂²A/∂B²). B and C are named leaves (params, inputs, targets,
    /// consts); check_claims puts them in the tape's order (the derivative is symmetric).
    std::string wrt2 = {};
};

/// A claimed number: a decimal literal, kept as written so that its last shown digit is
/// known (it is as precise as its digits: docs/claims.md), or an exact constant.
struct ClaimedNumber {
    std::string text;  ///< "0.6456563062", "-1.5e-3"; an exact constant as symbolic::to_text prints it ("151/125")
    /// An exact constant: an expression without symbols whose value is claimed exactly —
    /// a fraction (151/125, -6/125, 12/10) or an irrational constant (sqrt(2)/2, pi/4).
    /// Empty: `text` is a decimal literal. Like an integer, an exact constant is right
    /// only when it equals the true value (no unit of a last digit).
    std::optional<symbolic::Expr> exact;
};

/// One claim. `text` is the claim as the user wrote it (reports quote it).
struct Claim {
    ClaimQuantity quantity;
    std::variant<ClaimedNumber, symbolic::Expr> claimed;  ///< a number or a formula over named nodes
    std::string text;
};

enum class ClaimVerdict { Correct, CarriedForward, Wrong, HoldsIdentically, HoldsAtThisPointOnly, CannotBeChecked };

/// How a correct (or carried-forward) number agrees with the value it is compared with.
enum class Agreement {
    Exact,          ///< equal
    Rounded,        ///< correctly rounded: |claimed − value| ≤ ½ unit
    Truncated,      ///< the value cut after the last shown digit (towards zero)
    WithinOneUnit,  ///< within one unit of the last digit, neither rounded nor truncated
};

/// "correct", "carried forward", "wrong", "holds identically", "holds at this point only",
/// "cannot be checked".
std::string_view verdict_name(ClaimVerdict v);
/// "exact", "rounded", "truncated", "within one unit".
std::string_view agreement_name(Agreement a);

/// What a claim at a kink is: the one-sided value from the left or right, the convention's
/// value, neither, or — where the one-sided values agree — the derivative of a function that
/// is differentiable although one of its ops has a kink.
struct KinkNote {
    /// SecondOrder: a second derivative at a kink, which the rules' conventions give
    /// (relu″ = 0); `convention` is its value, `left` and `right` are unused.
    enum class Kind { Left, Right, Convention, Neither, Differentiable, SecondOrder };
    Kind kind = Kind::Neither;
    std::string function;  ///< "relu"
    std::string argument;  ///< "z": relu at z = 0
    Real left, right;      ///< the one-sided values
    Real convention;       ///< what the ops' conventions give
};

/// What a wrong second-derivative number is, as data so that a report says it in its own
/// language (claim_notes.hpp): the first derivative ∂A/∂B (`quantity`), another entry of
/// the Hessian (`quantity`), the product of the first derivatives ∂A/∂B·∂A/∂C, or the
/// negative, twice or half of the right value. `value` is the value the claim matched
/// (Sign, Twice, Half: the right value).
struct SecondOrderSlip {
    enum class Kind { FirstDerivative, OtherEntry, FirstProduct, Sign, Twice, Half };
    Kind kind = Kind::Sign;
    ClaimQuantity quantity;
    Real value;
};

struct ClaimResult {
    Claim claim;
    ClaimVerdict verdict = ClaimVerdict::Wrong;
    std::optional<Real> claimed;             ///< the claimed number (formula: its value at the point)
    Real right;                               ///< the true value
    Certainty right_certainty;                ///< what the precision ladder established about it
    Real difference;                          ///< claimed − right
    /// The right value as an exact rational (ClaimCheckOptions::exact_truths), when the
    /// verdict rests on it: an exact claim compared as rationals. The precision ladder's
    /// certainty of `right` does not change such a verdict.
    std::optional<symbolic::Rational> exact_right;
    std::optional<Agreement> agreement;       ///< for correct and carried-forward numbers
    bool first_error = false;                 ///< the first wrong claim of the list
    std::vector<std::size_t> carried_from;    ///< carried forward: the earlier claims it used
    std::vector<std::size_t> root_errors;     ///< carried forward: the wrong claims behind it
    std::vector<std::size_t> carried_to;      ///< wrong: later claims carried forward from it
    std::string diagnosis;                    ///< plain text; empty when nothing simple explains it
    /// A fact about the point that a correct or wrong verdict needs: the quantity is
    /// infinite or undefined here (and which op makes it so), or the point is a kink and
    /// the claim is a one-sided value (singular_points.hpp). Empty otherwise.
    std::string note;
    /// At a kink, the note as data, so that a report says it in its own language
    /// (claims_document.hpp; `note` is its English text).
    std::optional<KinkNote> kink;
    /// A wrong second derivative's slip (`diagnosis` is its English text).
    std::optional<SecondOrderSlip> slip;
    std::size_t points_checked = 0;           ///< formula claims: random points tried
    std::size_t points_holding = 0;           ///< … and where the formula held
};

struct ClaimReport {
    std::vector<ClaimResult> results;  ///< in claim order
    std::optional<std::size_t> first_error;
    /// True when any claim is wrong or a formula holds at this point only.
    bool any_wrong() const;
};

struct ClaimCheckOptions {
    /// The output E of update claims without their own (and the default wrt of nothing
    /// else). Required when there are update claims.
    std::optional<std::string> output;
    /// η of update claims without their own.
    std::optional<Real> learning_rate;
    /// The named leaves perturbed for formula identity checks (empty: every named leaf).
    std::vector<std::string> perturbed;
    std::size_t identity_points = 24;  ///< random points per formula (≥ 20)
    /// Per claim (claim order; shorter or nullopt: unknown) the true value as an exact
    /// rational, when the caller can compute it (lang: from the model's decimals). An exact
    /// claim (an integer or an exact constant) whose value is rational is then judged by
    /// comparing rationals; without it, by the 50-digit truth to 40 significant digits.
    /// A value that disagrees with the tape's truth beyond 40 digits is ignored.
    std::vector<std::optional<symbolic::Rational>> exact_truths;
    std::uint64_t seed = 20261129;     ///< of the random points (the same seed, the same points)
};

/// Checks `claims` in order against the recording on `tape`. Throws Error naming the
/// claim when it refers to a node the tape does not have, a derivative of a node with
/// respect to one it does not depend on is fine (its value is 0), an update of a node that
/// is not an independent variable, or an update without a learning rate or output.
ClaimReport check_claims(const Tape<Real>& tape, std::span<const Claim> claims, const ClaimCheckOptions& options = {});

/// Sets each result's right_certainty (what the precision ladder established about its
/// right value; one per claim, in claim order) and judges again every numeric claim whose
/// right value is not settled (Certainty::complete false): the truth is then only known
/// to lie in an interval (enclosure: 0 ± 10^-1598 for a rounding artefact), or not at
/// all (?, out of range). The claim is correct when every value of the interval is within
/// one unit of its last digit ("correctly rounded" when within half a unit, else "within
/// one unit" — never "exact"), keeps its verdict wrong or carried forward when none is,
/// and otherwise cannot be checked: `E = 0` against 0 ± 10^-1598 is neither confirmed nor
/// refuted, nor is the true value 1.135483865e-4343. The first error and the links
/// between wrong and carried-forward claims are worked out again. Throws
/// std::invalid_argument when the counts differ.
void apply_right_certainty(ClaimReport& report, std::span<const Certainty> certainty);

/// The true value of every claim's quantity, in claim order, at the current precision: the
/// numbers the precision ladder certifies (lang/claims.cpp) before the claims are judged.
std::vector<Real> claim_truths(const Tape<Real>& tape, std::span<const Claim> claims, const ClaimCheckOptions& options = {});

/// check_claims for a tape recorded in another scalar type (replayed in 50 digits first).
template <class T>
ClaimReport check_claims(const Tape<T>& tape, std::span<const Claim> claims, const ClaimCheckOptions& options = {}) {
    return check_claims(replay<Real>(tape), claims, options);
}

/// "dE/dw5", "out_h1", "w5+" — the quantity as claims write it; a second derivative as
/// "∂²E/∂w5²", "∂²E/∂w1∂w5".
std::string quantity_text(const ClaimQuantity& q);

/// The quantity in LaTeX (names by symbolic::latex_name): \frac{\partial E}{\partial w_{5}},
/// \frac{\partial^2 E}{\partial w_{5}^2}, \frac{\partial^2 E}{\partial w_{1}\,\partial w_{5}},
/// \mathrm{out}_{h_{1}}, w_{5}^{+}.
std::string quantity_latex(const ClaimQuantity& q);

/// Claims as a person writes them (`text` is set to "out_h1 = 0.6456563062" etc.).
/// `number` is a decimal literal ("0.6456563062", "-1.5e-3"); it is validated when checked.
Claim value_claim(std::string of, std::string number);
Claim derivative_claim(std::string of, std::string wrt, std::string number);
/// dA/dB claimed as a formula over named nodes.
Claim derivative_formula_claim(std::string of, std::string wrt, symbolic::Expr formula);
/// ∂²A/∂B∂C claimed as a decimal number (B = C: ∂²A/∂B²).
Claim second_derivative_claim(std::string of, std::string wrt, std::string wrt2, std::string number);
/// p⁺ = p − η·dE/dp; the output E comes from ClaimCheckOptions::output.
Claim update_claim(std::string param, std::string number, Real learning_rate);
/// Any quantity claimed to be exactly `value`, an expression without symbols
/// (ClaimedNumber::exact): `exact_claim({Kind::Derivative, "E", "w"}, Expr(Rational(151, 125)))`.
/// Throws Error when `value` has a symbol (a formula claim is claimed as a formula).
Claim exact_claim(ClaimQuantity quantity, symbolic::Expr value);

}  // namespace chainrule::derivations
