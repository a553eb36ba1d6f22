#include "claims.hpp"

#include "claim_carry.hpp"
#include "claim_diagnosis.hpp"
#include "claim_identity.hpp"
#include "claim_notes.hpp"
#include "claim_second_order.hpp"

#include "../autodiff/one_sided.hpp"
#include "../autodiff/singular_ops.hpp"
#include "../precision/number_format.hpp"
#include "../symbolic/latex_names.hpp"
#include "../symbolic/text_printer.hpp"
#include "singular_points.hpp"

#include <algorithm>
#include <stdexcept>

namespace chainrule::derivations {

std::string_view verdict_name(ClaimVerdict v) {
    switch (v) {
        case ClaimVerdict::Correct: return "correct";
        case ClaimVerdict::CarriedForward: return "carried forward";
        case ClaimVerdict::Wrong: return "wrong";
        case ClaimVerdict::HoldsIdentically: return "holds identically";
        case ClaimVerdict::HoldsAtThisPointOnly: return "holds at this point only";
        case ClaimVerdict::CannotBeChecked: return "cannot be checked";
    }
    return "?";
}

std::string_view agreement_name(Agreement a) {
    switch (a) {
        case Agreement::Exact: return "exact";
        case Agreement::Rounded: return "rounded";
        case Agreement::Truncated: return "truncated";
        case Agreement::WithinOneUnit: return "within one unit";
    }
    return "?";
}

std::string quantity_text(const ClaimQuantity& q) {
    switch (q.kind) {
        case ClaimQuantity::Kind::Value: return q.of;
        case ClaimQuantity::Kind::Derivative: return "d" + q.of + "/d" + q.wrt;
        case ClaimQuantity::Kind::Update: return q.of + "+";
        case ClaimQuantity::Kind::SecondDerivative:
            return "∂²" + q.of + "/∂" + q.wrt + (q.wrt2 == q.wrt ? "²" : "∂" + q.wrt2);
    }
    return q.of;
}

std::string quantity_latex(const ClaimQuantity& q) {
    using symbolic::latex_name;
    switch (q.kind) {
        case ClaimQuantity::Kind::Value: return latex_name(q.of);
        case ClaimQuantity::Kind::Derivative:
            return "\\frac{\\partial " + latex_name(q.of) + "}{\\partial " + latex_name(q.wrt) + "}";
        case ClaimQuantity::Kind::Update: return latex_name(q.of) + "^{+}";
        case ClaimQuantity::Kind::SecondDerivative:
            return "\\frac{\\partial^2 " + latex_name(q.of) + "}{\\partial " + latex_name(q.wrt) +
                   (q.wrt2 == q.wrt ? "^2" : "\\,\\partial " + latex_name(q.wrt2)) + "}";
    }
    return latex_name(q.of);
}

Claim value_claim(std::string of, std::string number) {
    std::string text = of + " = " + number;
    return Claim{{ClaimQuantity::Kind::Value, std::move(of), "", {}}, ClaimedNumber{std::move(number), std::nullopt},
                 std::move(text)};
}

Claim derivative_claim(std::string of, std::string wrt, std::string number) {
    std::string text = "d" + of + "/d" + wrt + " = " + number;
    return Claim{{ClaimQuantity::Kind::Derivative, std::move(of), std::move(wrt), {}},
                 ClaimedNumber{std::move(number), std::nullopt}, std::move(text)};
}

Claim derivative_formula_claim(std::string of, std::string wrt, symbolic::Expr formula) {
    std::string text = "d" + of + "/d" + wrt + " = " + symbolic::to_text(formula);
    return Claim{{ClaimQuantity::Kind::Derivative, std::move(of), std::move(wrt), {}}, std::move(formula), std::move(text)};
}

Claim second_derivative_claim(std::string of, std::string wrt, std::string wrt2, std::string number) {
    std::string text = "d2" + of + "/d" + wrt + (wrt2 == wrt ? "^2" : " d" + wrt2) + " = " + number;
    return Claim{{ClaimQuantity::Kind::SecondDerivative, std::move(of), std::move(wrt), {}, std::move(wrt2)},
                 ClaimedNumber{std::move(number), std::nullopt}, std::move(text)};
}

Claim update_claim(std::string param, std::string number, Real learning_rate) {
    std::string text = param + "+ = " + number;
    return Claim{{ClaimQuantity::Kind::Update, std::move(param), "", std::move(learning_rate)},
                 ClaimedNumber{std::move(number), std::nullopt}, std::move(text)};
}

Claim exact_claim(ClaimQuantity quantity, symbolic::Expr value) {
    std::string number = symbolic::to_text(value);
    if (!symbolic::free_symbols(value).empty())
        throw Error("chainrule: the exact value " + number + " of a claim has a symbol (claim a formula instead)");
    std::string text = quantity_text(quantity) + " = " + number;
    return Claim{std::move(quantity), ClaimedNumber{std::move(number), std::move(value)}, std::move(text)};
}

bool ClaimReport::any_wrong() const {
    return std::any_of(results.begin(), results.end(), [](const ClaimResult& r) {
        return r.verdict == ClaimVerdict::Wrong || r.verdict == ClaimVerdict::HoldsAtThisPointOnly;
    });
}

namespace {

using detail::QuantityTruth;

// ∂²A/∂B∂C: B and C named leaves, in the tape's order (the same quantity either way).
void resolve_second_order(ClaimQuantity& q, const QuantityTruth& truth) {
    if (q.wrt2.empty()) q.wrt2 = q.wrt;
    for (const std::string* name : {&q.wrt, &q.wrt2})
        if (!detail::is_second_order_leaf(truth.tape(), truth.node(*name)))
            throw Error("chainrule: second derivatives are by the model's params, inputs, targets and consts; " + *name +
                        " is computed from other nodes");
    if (truth.node(q.wrt2) < truth.node(q.wrt)) std::swap(q.wrt, q.wrt2);
}

// The claim with its update's output and η filled in; Error when a name is unknown.
Claim resolved(const Claim& c, const ClaimCheckOptions& o, const QuantityTruth& truth) {
    Claim r = c;
    ClaimQuantity& q = r.quantity;
    const std::string where = "chainrule: in the claim '" + c.text + "': ";
    if (q.kind == ClaimQuantity::Kind::Update) {
        if (q.wrt.empty() && o.output) q.wrt = *o.output;
        if (q.wrt.empty()) throw Error(where + "an update needs the output it descends (no output was given)");
        if (!q.learning_rate) q.learning_rate = o.learning_rate;
        if (!q.learning_rate) throw Error(where + "an update needs a learning rate (write lr=0.5 after the number)");
    }
    try {
        const NodeIndex i = truth.node(q.of);
        if (!q.wrt.empty()) truth.node(q.wrt);
        if (q.kind == ClaimQuantity::Kind::Update && truth.tape().node(i).op != OpKind::Input)
            throw Error("chainrule: " + q.of + " is not a parameter, so it has no update");
        if (q.kind == ClaimQuantity::Kind::SecondDerivative) resolve_second_order(q, truth);
    } catch (const Error& e) {
        throw Error(where + std::string(e.what()).substr(std::string("chainrule: ").size()));
    }
    return r;
}

bool is_number(const Claim& c) { return std::holds_alternative<ClaimedNumber>(c.claimed); }

// "dy/dw is +∞ here (sqrt′ at 0)": why no finite number can be right.
std::string non_finite_note(const QuantityTruth& truth, const ClaimQuantity& q, const Real& right) {
    const std::string what = boost::multiprecision::isnan(right) ? " is undefined here"
                             : right > 0                         ? " is +infinity here"
                                                                 : " is -infinity here";
    std::string note = quantity_text(q) + what;
    const std::string& of = q.kind == ClaimQuantity::Kind::Update ? q.wrt : q.of;
    if (const std::optional<SingularOp> op = first_singular_op(truth.tape(), truth.node(of)))
        note += " (" + op->description + ")";
    return note + ": no finite number is right";
}

struct OneSided {
    Real left, right;
    std::string function, argument;  // relu at z = 0
};

// Records what a claim at a kink is (r.kink) and says it in English (r.note).
void note_kink(ClaimResult& r, KinkNote::Kind kind, const OneSided& s, const Real& convention) {
    r.kink = KinkNote{kind, s.function, s.argument, s.left, s.right, convention};
    r.note = kink_note_text(*r.kink, Language::English);
}

// The one-sided values of dA/dB when A's graph sits on a kink: B a variable (moved by
// ∓10⁻²⁰·max(1, |B|) in 50 digits), or B the argument of the kink in A's own definition.
std::optional<OneSided> one_sided(QuantityTruth& truth, const ClaimQuantity& q) {
    if (q.kind != ClaimQuantity::Kind::Derivative) return std::nullopt;
    const NamedGraph& g = truth.graph(q.of);
    for (const SingularPoint& p : find_singular_points(g)) {
        if (p.kind != SingularKind::Kink) continue;
        const std::string argument = symbolic::to_text(p.argument);
        const NodeIndex b = truth.node(q.wrt);
        if (truth.tape().node(b).op == OpKind::Input) {
            const Real x = boost::multiprecision::abs(truth.tape().value(b));
            const Real h = (x > 1 ? x : Real(1)) * Real("1e-20");
            const NodeIndex a = truth.node(q.of);
            // At 50 digits the extrapolated limit is right to far more than 18 digits.
            const auto limit = [&](const Real& shift) { return Real(one_sided_limit(truth.tape(), a, b, shift).str(18)); };
            return OneSided{limit(-h), limit(h), p.function, argument};
        }
        if (g.nodes[p.node].name == q.of && p.argument == g.symbol(g.at(q.wrt)))
            return OneSided{*p.left, *p.right, p.function, argument};
    }
    return std::nullopt;
}

// A claim of a one-sided value at a kink is correct, with a note saying so.
bool judge_one_sided(QuantityTruth& truth, ClaimResult& r, const Real& unit) {
    const std::optional<OneSided> s = one_sided(truth, r.claim.quantity);
    if (!s) return false;
    const Real convention = r.right;
    for (const auto& [value, side] : {std::pair{s->left, KinkNote::Kind::Left}, std::pair{s->right, KinkNote::Kind::Right}}) {
        if (!detail::matches(*r.claimed, value, unit)) continue;
        r.verdict = ClaimVerdict::Correct;
        r.agreement = detail::agreement(*r.claimed, value, unit);
        note_kink(r, side, *s, convention);
        // The right value the claim is compared with is the side it matched, so that the
        // report never shows "correct" beside a different number and a large difference.
        r.right = value;
        r.difference = *r.claimed - value;
        return true;
    }
    note_kink(r, KinkNote::Kind::Neither, *s, convention);
    return false;
}

// The exact truth the caller gave for claim i, when it is the tape's truth to 40 digits
// (relative, absolute below 1: an exact 0 is the truth of a cancellation that left 10⁻⁵⁰
// on the tape); a disagreement would mean the two computations differ: not trusted.
std::optional<symbolic::Rational> exact_truth(const ClaimCheckOptions& o, std::size_t i, const Real& right) {
    using boost::multiprecision::abs;
    if (i >= o.exact_truths.size() || !o.exact_truths[i] || !boost::multiprecision::isfinite(right)) return std::nullopt;
    const symbolic::Rational& q = *o.exact_truths[i];
    const Real value = Real(numerator(q).str()) / Real(denominator(q).str());
    if (abs(value - right) > Real("1e-40") * std::max(Real(1), Real(abs(right)))) return std::nullopt;
    return q;
}

// An exact claim (unit 0: an integer, 151/125) whose value and truth are both known
// rationals agrees only when they are equal — not when they agree to 40 digits; r then
// keeps the exact truth (exact_right). Every other claim: detail::agreement at its unit.
std::optional<Agreement> agreement_with_truth(ClaimResult& r, const Real& unit,
                                              const std::optional<symbolic::Rational>& exact) {
    if (unit == 0 && exact)
        if (const auto claimed = detail::claimed_rational(std::get<ClaimedNumber>(r.claim.claimed))) {
            r.exact_right = exact;
            return *claimed == *exact ? std::optional(Agreement::Exact) : std::nullopt;
        }
    if (exact)
        if (const auto decimal = detail::exact_decimal(std::get<ClaimedNumber>(r.claim.claimed)))
            return detail::exact_agreement(*decimal, *exact);
    return detail::agreement(*r.claimed, r.right, unit);
}

// A second derivative is correct or wrong (no right formula from earlier claims is
// searched); at a kink the note says the conventions give it (relu″ = 0).
void judge_second_order(QuantityTruth& truth, ClaimResult& r) {
    r.verdict = r.agreement ? ClaimVerdict::Correct : ClaimVerdict::Wrong;
    if (const std::optional<KinkNote> k = detail::second_order_kink(truth, r.claim.quantity, r.right)) {
        r.kink = k;
        r.note = kink_note_text(*k, Language::English);
    }
}

// Correct, carried forward from earlier claims, or wrong (a numeric claim).
void judge_number(QuantityTruth& truth, const std::vector<ClaimResult>& earlier, ClaimResult& r,
                  const std::optional<symbolic::Rational>& exact) {
    const ClaimedNumber& number = std::get<ClaimedNumber>(r.claim.claimed);
    const Real unit = detail::claimed_unit(number);
    r.claimed = detail::claimed_value(number);
    r.difference = *r.claimed - r.right;
    if (!boost::multiprecision::isfinite(r.right)) {
        r.verdict = ClaimVerdict::Wrong;
        r.note = non_finite_note(truth, r.claim.quantity, r.right);
        return;
    }
    const std::optional<OneSided> sides = one_sided(truth, r.claim.quantity);
    if (sides && format_number(sides->left, 18) == format_number(sides->right, 18) &&
        format_number(sides->left, 18) != format_number(r.right, 18)) {
        // Both sides agree: the function is differentiable here, whatever the ops' conventions say.
        note_kink(r, KinkNote::Kind::Differentiable, *sides, r.right);
        r.right = sides->left;
        r.difference = *r.claimed - r.right;
        r.agreement = detail::agreement(*r.claimed, r.right, unit);
        r.verdict = r.agreement ? ClaimVerdict::Correct : ClaimVerdict::Wrong;
        return;
    }
    r.agreement = agreement_with_truth(r, unit, exact);
    r.verdict = ClaimVerdict::Correct;
    if (r.claim.quantity.kind == ClaimQuantity::Kind::SecondDerivative) return judge_second_order(truth, r);
    if (r.agreement) {
        if (const std::optional<OneSided>& s = sides)
            note_kink(r, KinkNote::Kind::Convention, *s, r.right);
        return;
    }
    if (judge_one_sided(truth, r, unit)) return;
    std::vector<detail::EarlierClaim> known;
    const std::string self = quantity_text(r.claim.quantity);  // a restatement is not a derivation
    for (std::size_t k = 0; k < earlier.size(); ++k)
        if (earlier[k].claimed && is_number(earlier[k].claim) && quantity_text(earlier[k].claim.quantity) != self)
            known.push_back({k, earlier[k].claim.quantity, *earlier[k].claimed});
    detail::CarrySearch search(truth, known);
    r.verdict = ClaimVerdict::Wrong;
    for (const detail::Candidate& c : search.candidates(r.claim.quantity)) {
        if (c.used.empty() || !detail::matches(*r.claimed, c.value, unit)) continue;
        r.verdict = ClaimVerdict::CarriedForward;
        r.carried_from = c.used;
        r.agreement = detail::agreement(*r.claimed, c.value, unit);
        return;
    }
}

void judge_formula(QuantityTruth& truth, const ClaimCheckOptions& o, ClaimResult& r) {
    const auto check = detail::check_identity(truth, r.claim.quantity, std::get<symbolic::Expr>(r.claim.claimed), o.perturbed,
                                              std::max<std::size_t>(o.identity_points, 1), o.seed);
    r.claimed = check.at_point;
    r.difference = check.at_point - r.right;
    r.points_checked = check.checked;
    r.points_holding = check.holding;
    r.verdict = !check.holds_at_point ? ClaimVerdict::Wrong
                : check.holding == check.checked ? ClaimVerdict::HoldsIdentically
                                                 : ClaimVerdict::HoldsAtThisPointOnly;
}

// The wrong claims a carried-forward claim goes back to, through the claims it used.
void link_errors(ClaimReport& report) {
    auto& rs = report.results;
    for (std::size_t i = 0; i < rs.size(); ++i) {
        if (rs[i].verdict == ClaimVerdict::Wrong && !report.first_error) report.first_error = i;
        if (rs[i].verdict != ClaimVerdict::CarriedForward) continue;
        std::vector<std::size_t> roots;
        for (std::size_t j : rs[i].carried_from) {
            if (rs[j].verdict == ClaimVerdict::Wrong) roots.push_back(j);
            if (rs[j].verdict == ClaimVerdict::CarriedForward) roots.insert(roots.end(), rs[j].root_errors.begin(), rs[j].root_errors.end());
        }
        std::sort(roots.begin(), roots.end());
        roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
        rs[i].root_errors = roots;
        for (std::size_t j : roots) rs[j].carried_to.push_back(i);
    }
    if (report.first_error) rs[*report.first_error].first_error = true;
}

// The values a claim stands for (detail::agreement): within one unit of it, and for a
// nonzero claim not below half a unit in size (its leading digit is significant).
Enclosure accepted_values(const Real& claimed, const Real& unit) {
    Enclosure a{claimed - unit, claimed + unit};
    if (claimed > 0) a.lo = std::max(a.lo, Real(unit / 2));
    if (claimed < 0) a.hi = std::min(a.hi, Real(-unit / 2));
    return a;
}

// The verdict on a numeric claim whose right value is only known to lie in `known`
// (nothing: not known at all). The values a claim stands for form an interval, so its
// ends decide whether all of `known` is within it, or none.
void judge_against_interval(ClaimResult& r, const std::optional<Enclosure>& known) {
    const Real unit = detail::claimed_unit(std::get<ClaimedNumber>(r.claim.claimed));
    const Real& claimed = *r.claimed;
    if (known && detail::matches(claimed, known->lo, unit) && detail::matches(claimed, known->hi, unit)) {
        r.verdict = ClaimVerdict::Correct;
        r.agreement = detail::within(claimed, known->lo, unit / 2) && detail::within(claimed, known->hi, unit / 2)
                          ? Agreement::Rounded
                          : Agreement::WithinOneUnit;
        return;
    }
    const Enclosure accepted = accepted_values(claimed, unit);
    const bool none = known && (known->hi < accepted.lo || known->lo > accepted.hi);
    if (none && (r.verdict == ClaimVerdict::Wrong || r.verdict == ClaimVerdict::CarriedForward)) return;
    r.verdict = ClaimVerdict::CannotBeChecked;
    r.agreement.reset();
}

// A wrong number's diagnosis: a second derivative's slip (as data too), else a slip of
// claim_diagnosis.
void diagnose(QuantityTruth& truth, std::vector<ClaimResult>& results, std::size_t i) {
    ClaimResult& r = results[i];
    r.slip = detail::second_order_slip(truth, r);
    r.diagnosis = r.slip ? second_order_slip_text(*r.slip, Language::English) : detail::diagnose(truth, results, i);
}

}  // namespace

void apply_right_certainty(ClaimReport& report, std::span<const Certainty> certainty) {
    if (certainty.size() != report.results.size())
        throw std::invalid_argument("chainrule: apply_right_certainty needs one certainty per claim");
    for (std::size_t i = 0; i < certainty.size(); ++i) {
        ClaimResult& r = report.results[i];
        r.right_certainty = certainty[i];
        if (certainty[i].complete() || !is_number(r.claim) || !r.claimed || r.exact_right) continue;
        judge_against_interval(r, enclosure(r.right, certainty[i]));
    }
    report.first_error.reset();
    for (ClaimResult& r : report.results) {
        r.first_error = false;
        r.root_errors.clear();
        r.carried_to.clear();
        if (r.verdict != ClaimVerdict::Wrong) {
            r.diagnosis.clear();
            r.slip.reset();
        }
    }
    link_errors(report);
}

std::vector<Real> claim_truths(const Tape<Real>& tape, std::span<const Claim> claims, const ClaimCheckOptions& options) {
    QuantityTruth truth(tape);
    std::vector<Real> out;
    for (const Claim& c : claims) out.push_back(truth.quantity(resolved(c, options, truth).quantity));
    return out;
}

ClaimReport check_claims(const Tape<Real>& tape, std::span<const Claim> claims, const ClaimCheckOptions& options) {
    QuantityTruth truth(tape);
    ClaimReport report;
    for (const Claim& c : claims) {
        ClaimResult r;
        r.claim = resolved(c, options, truth);
        r.right = truth.quantity(r.claim.quantity);
        if (is_number(r.claim))
            judge_number(truth, report.results, r, exact_truth(options, report.results.size(), r.right));
        else judge_formula(truth, options, r);
        report.results.push_back(std::move(r));
    }
    link_errors(report);
    for (std::size_t i = 0; i < report.results.size(); ++i)
        // A kink or an infinity is the real explanation; a coincidence of values is not.
        if (report.results[i].verdict == ClaimVerdict::Wrong && report.results[i].note.empty())
            diagnose(truth, report.results, i);
    return report;
}

}  // namespace chainrule::derivations
