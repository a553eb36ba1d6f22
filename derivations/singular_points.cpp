#include "singular_points.hpp"

#include "chain_rule.hpp"

#include "../ops/rules.hpp"

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

// The singular point of one function application at the graph's values, if it is on one.
std::optional<SingularPoint> function_point(const NamedGraph& g, std::size_t node, const Expr& e) {
    if (e.operands().empty()) return std::nullopt;  // the constants pi and e
    const Real a = evaluate_formula(g, e[0]);
    const auto is = [&](int v) { return a == v; };
    switch (e.function()) {
        case Function::relu:
            if (is(0)) return kink(node, "relu", e[0], 0, 1, Real(0), Phrase::ConventionRelu);
            break;
        case Function::abs:
            if (is(0)) return kink(node, "abs", e[0], -1, 1, Real(0), Phrase::ConventionAbs);
            break;
        case Function::step:
        case Function::sign:
            if (is(0))
                return kink(node, std::string(symbolic::function_name(e.function())), e[0], 0, 0, Real(0),
                            Phrase::ConventionJump);
            break;
        case Function::leaky_relu:
            if (is(0)) {
                const Real slope = evaluate_formula(g, e[1]);
                SingularPoint p = kink(node, "leaky_relu", e[0], 0, 1, slope, Phrase::ConventionLeakyRelu);
                p.left = slope;
                return p;
            }
            break;
        case Function::selu:
            if (is(0)) {  // λα from the left, λ from the right; the rule takes the left branch
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
            if (is(0) && evaluate_formula(g, e[1]) == 0) {
                const bool h = e.function() == Function::hypot;
                SingularPoint p = h ? kink(node, "hypot", e[0], -1, 1, Real(0), Phrase::ConventionHypot)
                                    : infinite(node, SingularKind::InfiniteValue, "atan2", e[0],
                                               Phrase::ConventionAtan2);
                p.other = e[1];
                return p;
            }
            break;
        case Function::cbrt:
            if (is(0)) return infinite(node, SingularKind::InfiniteDerivative, "cbrt", e[0], Phrase::ConventionCbrt);
            break;
        case Function::asin:
        case Function::acos:
            if (is(1) || is(-1))
                return infinite(node, SingularKind::InfiniteDerivative, std::string(symbolic::function_name(e.function())),
                                e[0], Phrase::ConventionAsinAcos);
            break;
        case Function::log:
            if (is(0)) return infinite(node, SingularKind::InfiniteValue, "log", e[0], Phrase::ConventionLogZero);
            if (a < 0) return infinite(node, SingularKind::InfiniteValue, "log", e[0], Phrase::ConventionLogNegative);
            break;
        default: break;
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
