#include "calculus.hpp"

#include "../autodiff/singular_ops.hpp"
#include "../derivations/named_graph.hpp"
#include "../precision/ladder.hpp"
#include "../symbolic/diff.hpp"
#include "../symbolic/exact_value.hpp"
#include "constants.hpp"
#include "descent_objective.hpp"
#include "descent_watch.hpp"
#include "recorder.hpp"
#include "to_symbolic.hpp"

#include "../models/training_loop.hpp"

#include <algorithm>
#include <cstdlib>
#include <cctype>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>

namespace chainrule::lang {

namespace {

std::string listed(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

std::string describe_point(const Point& p) {
    std::string out;
    for (std::size_t i = 0; i < p.names.size(); ++i)
        out += (i ? ", " : "") + p.names[i] + " = " + p.values[i].str(12);
    return out;
}

// A value that is undefined at the point (log of −1, 0/0) means the point is bad input —
// but not a NaN of arithmetic that left its range (0·∞ from exp(−x)·exp(x) at 1e30): that
// is a result that could not be established (Certainty::out_of_range), not bad input.
void require_defined(const Gradient& g, const Point& point, const Source& source) {
    if (!boost::multiprecision::isnan(g.value) || g.value_certainty.out_of_range) return;
    throw LangError(source.name, "the value is undefined at " + (point.names.empty() ? "this point" : describe_point(point)) +
                                     (g.singular.empty() ? "" : " (" + g.singular + ")") +
                                     ": outside the domain of a function, or 0/0");
}

}  // namespace

Var<Real> unknown_point_name(const ExprNode& n, const Source& source, const Point& point, std::string_view option) {
    throw LangError(source, n.offset, "unknown name '" + n.text + "'",
                    "a variable given a value in " + std::string(option) + " (" + listed(point.names) + ")",
                    "add " + n.text + "=… to " + std::string(option));
}

Point make_point(const std::vector<Binding>& bindings, const Source& source) {
    Point p;
    for (const Binding& b : bindings) {
        if (std::find(p.names.begin(), p.names.end(), b.name.text) != p.names.end())
            throw LangError(source, b.name.offset, "'" + b.name.text + "' is given twice");
        p.names.push_back(b.name.text);
        p.values.push_back(real_value(b.value.text));
        p.texts.push_back(b.value.text);
    }
    return p;
}

namespace {

// The point's values at the current precision: read again from their text when there is one.
std::vector<Real> values_now(const Point& point) {
    if (point.texts.size() != point.values.size()) return point.values;
    std::vector<Real> v;
    for (const std::string& t : point.texts) v.push_back(real_value(t));
    return v;
}

// f recorded on `tape` with the point's names as variables (at `values`).
template <class T>
Var<T> record_at(Tape<T>& tape, std::vector<Var<T>>& variables, const ExprNode& expression, const Source& source,
                 const Point& point, const std::vector<T>& values, std::string_view option) {
    for (std::size_t i = 0; i < point.names.size(); ++i) variables.push_back(tape.variable(values[i], point.names[i]));
    if constexpr (std::is_same_v<T, Real>) {
        return record_expression(tape, expression, source, [&](const ExprNode& n) {
            for (std::size_t i = 0; i < point.names.size(); ++i)
                if (point.names[i] == n.text) return variables[i];
            return unknown_point_name(n, source, point, option);
        });
    } else {  // recorded in Real, replayed in T: the expression's constants rounded to T once
        Tape<Real> exact;
        std::vector<Var<Real>> x;
        std::vector<Real> real_values;
        for (const T& v : values) real_values.push_back(Real(v));
        const Var<Real> f = record_at(exact, x, expression, source, point, real_values, option);
        tape = replay<T>(exact);
        variables.clear();
        for (const Var<Real>& v : x) variables.push_back(tape.var(v.index()));
        return tape.var(f.index());
    }
}

}  // namespace

Var<Real> record_at_point(Tape<Real>& tape, std::vector<Var<Real>>& variables, const ExprNode& expression,
                          const Source& source, const Point& point, std::string_view option) {
    return record_at(tape, variables, expression, source, point, values_now(point), option);
}

std::optional<Rational> agreeing_rational(const std::optional<Rational>& r, const Real& x) {
    if (!r || !boost::multiprecision::isfinite(x)) return std::nullopt;
    const Real exact = Real(numerator(*r).str()) / Real(denominator(*r).str());
    const Real scale = std::max(Real(1), Real(boost::multiprecision::abs(x)));
    if (boost::multiprecision::abs(exact - x) > scale * Real("1e-40")) return std::nullopt;
    return r;
}

void settle_by_exact_rational(Real& x, Certainty& c, const std::optional<Rational>& exact) {
    if (!exact || c.complete()) return;
    x = Real(numerator(*exact).str()) / Real(denominator(*exact).str());
    c = Certainty{};
    c.same_at_every_rung = true;
}

namespace {

// The results that are exact rationals at the point's decimals (Gradient::exact_value).
void add_exact_results(Gradient& g, const ExprNode& expression, const Source& source, const Point& point) {
    if (point.texts.size() != point.names.size()) return;
    std::map<std::string, Rational, std::less<>> at;
    for (std::size_t i = 0; i < point.names.size(); ++i) at.emplace(point.names[i], exact_value(point.texts[i]));
    const symbolic::Expr f = to_symbolic(expression, source);
    g.exact_value = agreeing_rational(symbolic::exact_rational_value(f, at), g.value);
    const symbolic::PartialDerivatives d(f);
    for (std::size_t i = 0; i < point.names.size(); ++i)
        g.exact_partials.push_back(
            agreeing_rational(symbolic::exact_rational_value(d(symbolic::Expr::symbol(point.names[i])), at), g.partials[i]));
}

void settle_exact_results(Gradient& g) {
    settle_by_exact_rational(g.value, g.value_certainty, g.exact_value);
    for (std::size_t i = 0; i < g.exact_partials.size() && i < g.partials.size(); ++i)
        settle_by_exact_rational(g.partials[i], g.partial_certainty[i], g.exact_partials[i]);
}

}  // namespace

Gradient gradient_at(const ExprNode& typed, const Source& source, const Point& point, std::string_view option,
                     int digits) {
    const ExprNode expression = bind_constants(typed, point.names);  // pi, e unless the point names them
    Gradient g;
    const auto evaluate = [&](std::vector<Real>& numbers) {
        Tape<Real> tape;
        std::vector<Var<Real>> variables;
        const Var<Real> f = record_at(tape, variables, expression, source, point, values_now(point), option);
        numbers.push_back(f.value());
        if (!variables.empty())
            for (Real& d : grad(f, variables)) numbers.push_back(std::move(d));
        if (!rounds_to_nearest()) return;  // a test of the ladder's zeros: not the point's ops
        if (const std::optional<SingularOp> s = first_singular_op(tape, f.index())) g.singular = s->description;
        if (const std::optional<std::string> k = first_kink_op(tape, f.index())) g.kink = *k;
    };
    int max_exponent = 0;
    {
        Tape<Real> tape;
        std::vector<Var<Real>> variables;
        record_at(tape, variables, expression, source, point, values_now(point), option);
        max_exponent = derivations::max_input_exponent(tape);
    }
    std::vector<Real> numbers;
    const std::vector<Certainty> c = run_ladder(evaluate, digits, numbers, ladder_cap(max_exponent));
    g.value = numbers.front();
    g.value_certainty = c.front();
    g.partials.assign(numbers.begin() + 1, numbers.end());
    g.partial_certainty.assign(c.begin() + 1, c.end());
    require_defined(g, point, source);
    add_exact_results(g, expression, source, point);
    settle_exact_results(g);
    return g;
}

Gradient plain_gradient_at(const ExprNode& typed, const Source& source, const Point& point, Arithmetic arithmetic) {
    const ExprNode expression = bind_constants(typed, point.names);
    const auto run = [&]<class T>(T) {
        std::vector<T> values;
        for (std::size_t i = 0; i < point.values.size(); ++i)
            values.push_back(point.texts.size() != point.values.size() ? point.values[i].template convert_to<T>()
                             : std::is_same_v<T, float> ? static_cast<T>(std::strtof(point.texts[i].c_str(), nullptr))
                                                        : static_cast<T>(std::strtod(point.texts[i].c_str(), nullptr)));
        Tape<T> tape;
        std::vector<Var<T>> variables;
        const Var<T> f = record_at(tape, variables, expression, source, point, values, "--at");
        Gradient g;
        g.value = Real(f.value());
        if (!variables.empty())
            for (const T& d : grad(f, variables)) g.partials.push_back(Real(d));
        g.partial_certainty.resize(g.partials.size());
        if (const std::optional<SingularOp> s = first_singular_op(tape, f.index())) g.singular = s->description;
        if (const std::optional<std::string> k = first_kink_op(tape, f.index())) g.kink = *k;
        return g;
    };
    return arithmetic == Arithmetic::Double ? run(0.0) : run(0.0F);
}

namespace {

void require_symbol_name(std::string_view wrt) {
    const auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    if (wrt.empty() || std::isdigit(static_cast<unsigned char>(wrt.front())) ||
        !std::all_of(wrt.begin(), wrt.end(), is_name_char))
        throw LangError("--wrt", "'" + std::string(wrt) + "' is not a name (letters, digits and _, not starting with a digit)");
}

}  // namespace

symbolic::Expr derivative(const ExprNode& expression, const Source& source, std::string_view wrt) {
    return derivative(expression, source, std::vector<std::string>{std::string(wrt)});
}

symbolic::Expr derivative(const ExprNode& expression, const Source& source, const std::vector<std::string>& wrt) {
    for (const std::string& name : wrt) require_symbol_name(name);
    symbolic::Expr d = to_symbolic(bind_constants(expression, wrt), source);
    for (const std::string& name : wrt) d = symbolic::diff(d, name);
    return d;
}

models::StoppingRule<Real> stopping_rule(const std::optional<Condition>& until, std::size_t max_steps) {
    models::StoppingRule<Real> rule;
    rule.max_steps = max_steps;
    if (!until) return rule;
    const Real bound = real_value(until->bound.text);
    if (until->quantity == Condition::Quantity::Value)
        rule.loss_below = bound;
    else
        rule.gradient_norm_below = bound;
    rule.or_equal = until->comparison == Condition::Comparison::LessEqual;
    return rule;
}

namespace {

// Thrown by on_step to end a run that failed; the rows kept so far stay in the Descent.
struct DescentStopped {
    DescentEnding ending;
};

}  // namespace

Descent descend(const ExprNode& typed, const Source& source, const Point& start, const DescentOptions& options) {
    const ExprNode expression = bind_constants(typed, start.names);  // pi, e unless --from names them
    const std::unique_ptr<models::Optimizer<Real>> optimizer = models::make_optimizer(options.optimizer);
    std::vector<Real> evaluating = start.values;  // the point of the step being computed, for a throw inside J
    const models::Objective<Real> objective = descent_objective(expression, source, start, evaluating);
    Descent run{start.names, {}, false, {}, {}};
    DescentWatch watch(expression, source, start.names);
    models::TrainingOptions<Real> training;
    training.stop = stopping_rule(options.until, options.max_steps);
    training.require_finite = false;  // the watch decides, and the rows computed so far are kept
    training.on_step = [&](const models::TrainingStep<Real>& s) {
        DescentStep row{s.step, s.parameters, s.loss, s.gradient, s.gradient_norm};
        if (std::optional<DescentEnding> end = watch.unusable(row)) throw DescentStopped{std::move(*end)};
        run.steps.push_back(std::move(row));
        if (std::optional<DescentEnding> end = watch.diverged(run.steps.back())) throw DescentStopped{std::move(*end)};
    };
    const auto minimize = [&] {
        try {
            const models::TrainingResult<Real> result = models::minimize<Real>(objective, start.values, *optimizer, training);
            run.reached = options.until && result.reason != models::StopReason::MaxSteps;
            run.ending = {run.reached ? DescentEnd::Reached : DescentEnd::MaxSteps, result.updates(), ""};
        } catch (const DescentStopped& stopped) {
            run.ending = stopped.ending;
        }
    };
    if (std::optional<DescentEnding> failed = watch.guarded(minimize, run.steps, evaluating)) run.ending = *failed;
    if (run.steps.empty()) refuse_start(run.ending, source);
    run.warning = watch.warning();
    return run;
}

}  // namespace chainrule::lang
