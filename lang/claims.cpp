#include "claims.hpp"

#include "../precision/ladder.hpp"

#include "../symbolic/evaluate.hpp"
#include "../symbolic/text_printer.hpp"

#include "constants.hpp"
#include "exact_claims.hpp"
#include "numbers.hpp"
#include "parser.hpp"
#include "second_order_claims.hpp"
#include "to_symbolic.hpp"

namespace chainrule::lang {
namespace {

using derivations::Claim;
using derivations::ClaimQuantity;

class ClaimReader {
public:
    explicit ClaimReader(const Model& m) : model_(m) {}

    Claim read(const CheckDirective& c) const {
        const ClaimSyntax s = parse_claim(model_.source, c.text_offset, c.text.size());
        Claim claim;
        claim.text = c.text;
        claim.quantity.kind = kind(s.kind);
        claim.quantity.of = known(s.of);
        if (s.kind == ClaimSyntax::Kind::Derivative) claim.quantity.wrt = known(s.wrt);
        if (s.kind == ClaimSyntax::Kind::HigherDerivative) claim.quantity = second_order_quantity(model_, s);
        if (s.kind == ClaimSyntax::Kind::Update) resolve_update(s, claim.quantity);
        else if (s.learning_rate) fail(s.learning_rate->offset, "only an update (p+ = …) takes a learning rate");
        if (auto number = signed_number(s.claimed)) claim.claimed = derivations::ClaimedNumber{*number, std::nullopt};
        else claim.claimed = expression(s.claimed);
        return claim;
    }

private:
    [[noreturn]] void fail(std::size_t offset, std::string message, std::string expected = {}, std::string hint = {}) const {
        throw LangError(model_.source, offset, std::move(message), std::move(expected), std::move(hint));
    }

    static ClaimQuantity::Kind kind(ClaimSyntax::Kind k) {
        switch (k) {
            case ClaimSyntax::Kind::Derivative: return ClaimQuantity::Kind::Derivative;
            case ClaimSyntax::Kind::Update: return ClaimQuantity::Kind::Update;
            case ClaimSyntax::Kind::HigherDerivative: return ClaimQuantity::Kind::SecondDerivative;
            case ClaimSyntax::Kind::Value: break;
        }
        return ClaimQuantity::Kind::Value;
    }

    const std::string& known(const Name& n) const {
        if (model_.names.find(n.text) == model_.names.end())
            fail(n.offset, "unknown name '" + n.text + "'", "a name the model declares or defines",
                 did_you_mean(n.text, model_.order));
        return n.text;
    }

    void resolve_update(const ClaimSyntax& s, ClaimQuantity& q) const {
        if (model_.at(s.of.text).kind != NameKind::Param)
            fail(s.of.offset, "'" + s.of.text + "' is not a param, so it has no update", "a param (declared with param)");
        if (!model_.output) fail(s.of.offset, "the model has no output to descend");
        q.wrt = *model_.output;
        if (s.learning_rate) {
            q.learning_rate = real_value(s.learning_rate->text);
            if (*q.learning_rate <= 0) fail(s.learning_rate->offset, "the learning rate must be positive", "lr=0.5");
        }
        else if (model_.learning_rate) q.learning_rate = *model_.learning_rate;
        else fail(s.of.offset, "an update needs a learning rate", "lr=0.5 after the number, or an lr line in the model");
    }

    // "0.6", "-0.0145365614", "+2": a claimed number; anything else is a formula.
    static std::optional<std::string> signed_number(const ExprNode& e) {
        if (e.kind == ExprNode::Kind::Number) return e.text;
        if (e.kind == ExprNode::Kind::Negate && e.operands[0].kind == ExprNode::Kind::Number)
            return "-" + e.operands[0].text;
        return std::nullopt;
    }

    // A formula over the model's names; or, written without names, an exact constant
    // (151/125, (12/10), sqrt(2)/2): a number claimed exactly and judged as a number — as
    // a formula it would be checked at random points, where the truth moves and a right
    // constant "holds at this point only". pi and e are the constants unless the model
    // names a node so.
    std::variant<derivations::ClaimedNumber, symbolic::Expr> expression(const ExprNode& typed) const {
        const ExprNode e = bind_constants(typed, [this](std::string_view n) { return model_.names.contains(n); });
        const bool has_names = check_names(e);
        symbolic::Expr f = to_symbolic(e, model_.source);
        if (has_names) return f;
        if (!boost::multiprecision::isfinite(symbolic::evaluate<Real>(f, std::map<std::string, Real>{})))
            fail(e.offset, "the claimed value is not a finite number", "a number, e.g. 151/125 or sqrt(2)/2");
        return derivations::ClaimedNumber{symbolic::to_text(f), f};
    }
    // Checks that every name is the model's; true when there is one.
    bool check_names(const ExprNode& e) const {
        bool any = e.kind == ExprNode::Kind::Name;
        if (any) known(Name{e.text, e.offset});
        for (const ExprNode& o : e.operands) any = check_names(o) || any;
        return any;
    }

    const Model& model_;
};

}  // namespace

std::vector<Claim> model_claims(const Model& model) {
    const ClaimReader reader(model);
    std::vector<Claim> claims;
    for (const CheckDirective& c : model.checks) claims.push_back(reader.read(c));
    return claims;
}

namespace {
// Digits to which right values are certified: more than any report prints (10) and than a
// claim usually shows, so that verdicts rest on settled values.
constexpr int kClaimDigits = 20;
}  // namespace

derivations::ClaimReport check_model_claims(const Model& model, std::size_t points) {
    if (model.checks.empty())
        throw LangError(model.source.name, "the model has no check lines (write e.g. 'check dE/dw5 = 0.08')");
    const std::vector<Claim> claims = model_claims(model);
    derivations::ClaimCheckOptions options;
    options.output = model.output;
    options.learning_rate = model.learning_rate;
    options.identity_points = points;
    options.exact_truths = exact_claim_truths(model, claims);  // exact claims (151/125) compare as rationals
    for (const std::string& name : model.order)
        if (model.at(name).kind != NameKind::Definition && model.at(name).kind != NameKind::Const)
            options.perturbed.push_back(name);
    // The right values on the precision ladder (the model recorded again at each rung);
    // the claims are then judged at the precision where the last of them settled.
    const auto truths = [&](std::vector<Real>& numbers) {
        numbers = derivations::claim_truths(record_again(model).tape, claims, options);
    };
    std::vector<Real> numbers;
    const std::vector<Certainty> certainty =
        run_ladder(truths, kClaimDigits, numbers, ladder_cap(derivations::max_input_exponent(model.tape)));
    int precision = kWorkingDigits;
    for (const Certainty& c : certainty)
        if (!c.same_at_every_rung) precision = std::max(precision, c.precision);
    PrecisionScope scope(precision);
    derivations::ClaimReport report = derivations::check_claims(record_again(model).tape, claims, options);
    derivations::apply_right_certainty(report, certainty);  // unsettled right values: verdicts revised
    return report;
}

}  // namespace chainrule::lang
