#include "exact_gradient.hpp"

#include "../symbolic/diff.hpp"
#include "../symbolic/exact_value.hpp"
#include "constants.hpp"
#include "reports.hpp"
#include "to_symbolic.hpp"

#include <utility>
#include <vector>

namespace chainrule::lang {

namespace {

using symbolic::Expr;
using Values = std::map<std::string, Rational, std::less<>>;

unsigned bits(const symbolic::Integer& i) {
    return i == 0 ? 0u : static_cast<unsigned>(boost::multiprecision::msb(abs(i))) + 1u;
}

bool small_enough(const Rational& r) {
    return bits(numerator(r)) <= kExactGradientBits && bits(denominator(r)) <= kExactGradientBits;
}

}  // namespace

// The text parsed again: a built model's text parses, and to_symbolic accepts what the
// recorder accepted (the same functions and arities), but for a divisor that simplifies
// to 0 (x/(y − y)), which it refuses with a LangError.
ExactModel exact_model(const Model& model) {
    const Program program = parse_program(model.source);
    // pi and e are the constants unless the file names a node so (as build_model reads them).
    const IsUserName is_node = [&model](std::string_view name) { return model.names.contains(name); };
    ExactModel m;
    for (const Statement& s : program.statements) {
        if (const auto* d = std::get_if<Declaration>(&s)) {
            m.values.emplace(d->name.text, exact_value(d->value.text));
        } else if (const auto* d = std::get_if<Definition>(&s)) {
            Expr f = to_symbolic(bind_constants(d->expression, is_node), model.source);
            if (std::optional<Rational> v = symbolic::exact_rational_value(f, m.values, kExactGradientBits))
                m.values.emplace(d->name.text, std::move(*v));
            m.definitions.emplace_back(d->name.text, std::move(f));
        } else if (const auto* lr = std::get_if<LearningRateDirective>(&s)) {
            m.learning_rate = exact_value(lr->value.text);
        }
    }
    return m;
}

// Reverse accumulation over the definitions (file order is topological). An adjoint
// that is nullopt is unknown: some term of it is not rational.
Values exact_adjoints(const ExactModel& m, std::string_view output) {
    std::map<std::string, std::optional<Rational>, std::less<>> adjoint;
    adjoint.emplace(std::string(output), Rational(1));
    for (auto it = m.definitions.rbegin(); it != m.definitions.rend(); ++it) {
        const auto a = adjoint.find(it->first);
        if (a == adjoint.end()) continue;  // the output does not read this definition
        const symbolic::PartialDerivatives partial(it->second);
        for (const std::string& read : symbolic::free_symbols(it->second)) {
            std::optional<Rational> term;
            if (a->second)
                if (std::optional<Rational> p =
                        symbolic::exact_rational_value(partial(Expr::symbol(read)), m.values, kExactGradientBits))
                    term = *a->second * *p;
            const auto [b, fresh] = adjoint.try_emplace(read, term);
            if (!fresh) b->second = b->second && term ? std::optional<Rational>(*b->second + *term) : std::nullopt;
            if (b->second && !small_enough(*b->second)) b->second.reset();
        }
    }
    Values out;
    for (auto& [name, value] : adjoint)
        if (value) out.emplace(name, std::move(*value));
    return out;
}

namespace {

// r is the number the ladder certified x as (within 10⁻⁴⁰ relative: x has at least 50
// correct digits), so that a fraction never stands next to a different decimal.
bool agrees(const Rational& r, const Real& x) {
    if (!boost::multiprecision::isfinite(x)) return false;
    const Real exact = Real(numerator(r).str()) / Real(denominator(r).str());
    const Real scale = std::max(Real(1), Real(boost::multiprecision::abs(x)));
    return boost::multiprecision::abs(exact - x) <= scale * Real("1e-40");
}

bool is_power_of_ten(symbolic::Integer n) {
    while (n > 1 && n % 10 == 0) n /= 10;
    return n == 1;
}

}  // namespace

std::map<std::string, Rational, std::less<>> exact_adjoints(const Model& model, std::string_view output) {
    if (model.at(output).kind != NameKind::Definition)
        throw std::out_of_range("chainrule::lang: '" + std::string(output) + "' is not a definition of the model");
    return exact_adjoints(exact_model(model), output);
}

bool fraction_worth_showing(const Rational& r) {
    return short_fraction(r).has_value() && !is_power_of_ten(denominator(r));
}

void add_exact_results(const Model& model, derivations::Worksheet& w) {
    if (w.derivations.empty()) return;
    ExactModel m;
    try {
        m = exact_model(model);
    } catch (const LangError&) {  // a divisor only simplification finds to be 0 (y − y): no fractions
        return;
    }
    const Values adjoint = exact_adjoints(m, w.graph.nodes[w.graph.output].name);
    for (derivations::GradientDerivation& d : w.derivations) {
        const std::string& wrt = w.graph.nodes[d.wrt].name;
        const auto g = adjoint.find(wrt);
        if (g == adjoint.end() || !agrees(g->second, d.result)) continue;
        if (fraction_worth_showing(g->second)) d.exact_result = g->second;
        const auto value = m.values.find(wrt);
        if (!d.after_update || !m.learning_rate || value == m.values.end()) continue;
        const Rational after = value->second - *m.learning_rate * g->second;
        if (fraction_worth_showing(after) && agrees(after, *d.after_update)) d.exact_after_update = after;
    }
}

}  // namespace chainrule::lang
