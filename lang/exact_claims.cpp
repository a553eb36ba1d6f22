#include "exact_claims.hpp"

#include "exact_gradient.hpp"
#include "numbers.hpp"
#include "parser.hpp"

#include <map>
#include <string>

namespace chainrule::lang {
namespace {

using derivations::ClaimQuantity;
using Values = std::map<std::string, Rational, std::less<>>;

class ExactTruths {
public:
    explicit ExactTruths(const Model& model) : model_(model), exact_(exact_model(model)) {}

    std::optional<Rational> of(const ClaimQuantity& q, const CheckDirective& line) {
        switch (q.kind) {
            case ClaimQuantity::Kind::Value: return value(q.of);
            case ClaimQuantity::Kind::Derivative: return derivative(q.of, q.wrt);
            case ClaimQuantity::Kind::Update: break;
            case ClaimQuantity::Kind::SecondDerivative: return std::nullopt;  // judged to 40 digits
        }
        const std::optional<Rational> p = value(q.of), g = derivative(q.wrt, q.of), eta = learning_rate(line);
        if (!p || !g || !eta) return std::nullopt;
        return *p - *eta * *g;
    }

private:
    std::optional<Rational> value(const std::string& name) const {
        const auto v = exact_.values.find(name);
        return v == exact_.values.end() ? std::nullopt : std::optional(v->second);
    }

    // dA/dB; the adjoints of A are computed once for all claims about A.
    std::optional<Rational> derivative(const std::string& of, const std::string& wrt) {
        auto a = adjoints_.find(of);
        if (a == adjoints_.end()) a = adjoints_.emplace(of, exact_adjoints(exact_, of)).first;
        const auto d = a->second.find(wrt);
        return d == a->second.end() ? std::nullopt : std::optional(d->second);
    }

    // The claim's own lr= (its text, exactly: 0.1 is 1/10), else the model's lr line.
    std::optional<Rational> learning_rate(const CheckDirective& line) const {
        const ClaimSyntax s = parse_claim(model_.source, line.text_offset, line.text.size());
        if (s.learning_rate) return exact_value(s.learning_rate->text);
        return exact_.learning_rate;
    }

    const Model& model_;
    ExactModel exact_;
    std::map<std::string, Values, std::less<>> adjoints_;
};

}  // namespace

std::vector<std::optional<Rational>> exact_claim_truths(const Model& model, std::span<const derivations::Claim> claims) {
    std::vector<std::optional<Rational>> out(claims.size());
    if (claims.size() != model.checks.size()) return out;  // not the model's own claims: nothing known
    std::optional<ExactTruths> truths;
    try {
        truths.emplace(model);
    } catch (const LangError&) {  // a divisor only simplification finds to be 0 (y − y): nothing exact
        return out;
    }
    for (std::size_t i = 0; i < claims.size(); ++i) out[i] = truths->of(claims[i].quantity, model.checks[i]);
    return out;
}

}  // namespace chainrule::lang
