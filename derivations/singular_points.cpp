#include "singular_points.hpp"

#include "chain_rule.hpp"

#include "../ops/rules.hpp"
#include "../precision/number_format.hpp"
#include "../symbolic/function_rules.hpp"

#include <unordered_set>

namespace chainrule::derivations {

namespace {

using symbolic::Expr;
using symbolic::Function;

SingularPoint kink(std::size_t node, std::string f, const Expr& arg, int left, int right, const Real& conv,
                   Phrase convention) {
    return SingularPoint{node, SingularKind::Kink, std::move(f), arg, Expr(0), Real(left), Real(right), conv, convention, {}};
}

SingularPoint infinite(std::size_t node, SingularKind kind, std::string f, const Expr& arg, Phrase convention,
                       std::string subject = {}) {
    return SingularPoint{node, kind, std::move(f), arg, Expr(0), {}, {}, {}, convention, std::move(subject)};
}

// What the rule of unary catalogue function f takes for f′ at 0: the convention.
Real rule_partial_at_zero(Function f) {
    return symbolic::visit_unary_rule(f, []<class Rule>() {
        return Real(Rule::template partial<Real>(Real(0), Rule::template value<Real>(Real(0))));
    });
}

// The phrase naming a function's convention at its singular point: its own, or the generic
// "f'(0) = v, the value its rule takes there" (subject "f'(0) = v").
Phrase unary_phrase(Function f, ops::Singularity s) {
    switch (f) {
        case Function::relu: return Phrase::ConventionRelu;
        case Function::abs: return Phrase::ConventionAbs;
        case Function::cbrt: return Phrase::ConventionCbrt;
        default: break;
    }
    switch (s) {
        case ops::Singularity::jump_at_zero: return Phrase::ConventionJump;
        case ops::Singularity::infinite_slope_at_zero: return Phrase::ConventionPowerInfiniteDerivative;
        case ops::Singularity::infinite_slope_at_unit: return Phrase::ConventionAsinAcos;
        default: return Phrase::ConventionRuleValue;
    }
}

// The singular point of a unary catalogue function at argument value a, from its facts
// (ops/facts.hpp): where it is singular, its one-sided slopes, and its rule's value there.
std::optional<SingularPoint> unary_point(std::size_t node, const Expr& e, const Real& a) {
    const Function f = e.function();
    const ops::Facts facts = symbolic::function_facts(f);
    const std::string name(symbolic::function_name(f));
    const Phrase phrase = unary_phrase(f, facts.singular);
    switch (facts.singular) {
        case ops::Singularity::kink_at_zero:
        case ops::Singularity::jump_at_zero: {
            if (a != 0) break;
            const Real convention = rule_partial_at_zero(f);
            SingularPoint p = kink(node, name, e[0], 0, 0, convention, phrase);
            if (facts.left_slope && facts.right_slope) {
                p.left = Real(facts.left_slope->num) / facts.left_slope->den;
                p.right = Real(facts.right_slope->num) / facts.right_slope->den;
            }
            if (phrase == Phrase::ConventionRuleValue) p.convention_subject = name + "'(0) = " + format_number(convention, 10);
            return p;
        }
        case ops::Singularity::infinite_slope_at_zero:
            if (a == 0) return infinite(node, SingularKind::InfiniteDerivative, name, e[0], phrase, name);
            break;
        case ops::Singularity::infinite_slope_at_unit:
            if (a == 1 || a == -1) return infinite(node, SingularKind::InfiniteDerivative, name, e[0], phrase, name);
            break;
        case ops::Singularity::log_pole:
            if (a == 0) return infinite(node, SingularKind::InfiniteValue, name, e[0], Phrase::ConventionLogZero);
            if (a < 0) return infinite(node, SingularKind::InfiniteValue, name, e[0], Phrase::ConventionLogNegative);
            break;
        case ops::Singularity::none: break;
    }
    return std::nullopt;
}

// The singular point of one function application at the graph's values, if it is on one:
// a unary catalogue function by its facts; selu (irrational one-sided slopes), leaky_relu
// (its slope a second argument) and the binary functions here.
std::optional<SingularPoint> function_point(const NamedGraph& g, std::size_t node, const Expr& e) {
    if (e.operands().empty()) return std::nullopt;  // the constants pi and e
    const Real a = evaluate_formula(g, e[0]);
    switch (e.function()) {
        case Function::leaky_relu:
            if (a == 0) {
                const Real slope = evaluate_formula(g, e[1]);
                SingularPoint p = kink(node, "leaky_relu", e[0], 0, 1, slope, Phrase::ConventionLeakyRelu);
                p.left = slope;
                return p;
            }
            break;
        case Function::selu:
            if (a == 0) {  // λα from the left, λ from the right; the rule takes the left branch
                const Real lambda = ops::Selu::lambda<Real>(), lambda_alpha = lambda * ops::Selu::alpha<Real>();
                SingularPoint p = kink(node, "selu", e[0], 0, 1, lambda_alpha, Phrase::ConventionSelu);
                p.left = lambda_alpha;
                p.right = lambda;
                return p;
            }
            break;
        case Function::max:
        case Function::min:
            if (a == evaluate_formula(g, e[1])) {
                const bool mx = e.function() == Function::max;
                SingularPoint p = kink(node, mx ? "max" : "min", e[0], mx ? 0 : 1, mx ? 1 : 0, Real("0.5"),
                                       Phrase::ConventionTie);
                p.other = e[1];
                return p;
            }
            break;
        case Function::hypot:
        case Function::atan2:
            if (a == 0 && evaluate_formula(g, e[1]) == 0) {
                const bool h = e.function() == Function::hypot;
                SingularPoint p = h ? kink(node, "hypot", e[0], -1, 1, Real(0), Phrase::ConventionHypot)
                                    : infinite(node, SingularKind::InfiniteValue, "atan2", e[0],
                                               Phrase::ConventionAtan2);
                p.other = e[1];
                return p;
            }
            break;
        default:
            if (symbolic::is_unary_rule(e.function())) return unary_point(node, e, a);
            break;
    }
    return std::nullopt;
}

// x^p at x = 0: an infinite derivative for 0 < p < 1 (sqrt), an infinite value for p < 0.
std::optional<SingularPoint> power_point(const NamedGraph& g, std::size_t node, const Expr& e) {
    const std::optional<symbolic::Rational> p = symbolic::constant_value(e[1]);
    if (!p) return std::nullopt;
    const Real base = evaluate_formula(g, e[0]);
    const std::string name = *p == symbolic::Rational(1, 2) ? "sqrt" : "x^" + p->str();
    if (base < 0 && denominator(*p) != 1)
        return infinite(node, SingularKind::InfiniteValue, name, e[0], Phrase::ConventionFractionalPowerOfNegative);
    if (*p >= 1 || *p == 0 || base != 0) return std::nullopt;
    if (*p > 0) return infinite(node, SingularKind::InfiniteDerivative, name, e[0], Phrase::ConventionPowerInfiniteDerivative, name);
    return infinite(node, SingularKind::InfiniteValue, name, e[0], Phrase::ConventionPowerInfiniteValue, name);
}

}  // namespace

std::string convention_text(const SingularPoint& p, Language language) {
    return say_text(language, p.convention, {p.convention_subject});
}

std::vector<SingularPoint> find_singular_points(const NamedGraph& g) {
    std::vector<SingularPoint> out;
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        if (g.nodes[i].role != NodeRole::Defined) continue;
        std::unordered_set<const void*> seen;  // definitions are DAGs: visit each sub-expression once
        std::vector<Expr> stack{g.nodes[i].definition};
        while (!stack.empty()) {
            const Expr e = std::move(stack.back());
            stack.pop_back();
            if (!seen.insert(e.id()).second) continue;
            std::optional<SingularPoint> p;
            if (e.kind() == symbolic::Kind::function) p = function_point(g, i, e);
            if (e.kind() == symbolic::Kind::power) p = power_point(g, i, e);
            if (p) out.push_back(std::move(*p));
            for (const Expr& o : e.operands()) stack.push_back(o);
        }
    }
    return out;
}

}  // namespace chainrule::derivations
