#include "calculus.hpp"

#include "../symbolic/diff.hpp"
#include "recorder.hpp"
#include "to_symbolic.hpp"

#include "../models/training_loop.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <span>

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

void require_finite(const Gradient& g, const Point& point, const Source& source) {
    const bool finite = boost::multiprecision::isfinite(g.value) &&
                        std::all_of(g.partials.begin(), g.partials.end(),
                                    [](const Real& x) { return boost::multiprecision::isfinite(x); });
    if (finite) return;
    const std::string what = boost::multiprecision::isfinite(g.value) ? "the gradient" : "the value (" + g.value.str() + ")";
    throw LangError(source.name, what + " is not finite at " + (point.names.empty() ? "this point" : describe_point(point)) +
                                     ": outside the domain of a function, or a division by zero");
}

[[noreturn]] Var<Real> unknown_name(const ExprNode& n, const Source& source, const Point& point, std::string_view option) {
    throw LangError(source, n.offset, "unknown name '" + n.text + "'",
                    "a variable given a value in " + std::string(option) + " (" + listed(point.names) + ")",
                    "add " + n.text + "=… to " + std::string(option));
}

}  // namespace

Point make_point(const std::vector<Binding>& bindings, const Source& source) {
    Point p;
    for (const Binding& b : bindings) {
        if (std::find(p.names.begin(), p.names.end(), b.name.text) != p.names.end())
            throw LangError(source, b.name.offset, "'" + b.name.text + "' is given twice");
        p.names.push_back(b.name.text);
        p.values.push_back(real_value(b.value.text));
    }
    return p;
}

Gradient gradient_at(const ExprNode& expression, const Source& source, const Point& point, std::string_view option) {
    Tape<Real> tape;
    std::vector<Var<Real>> variables;
    for (std::size_t i = 0; i < point.names.size(); ++i)
        variables.push_back(tape.variable(point.values[i], point.names[i]));
    const NameResolver resolve = [&](const ExprNode& n) {
        for (std::size_t i = 0; i < point.names.size(); ++i)
            if (point.names[i] == n.text) return variables[i];
        return unknown_name(n, source, point, option);
    };
    const Var<Real> f = record_expression(tape, expression, source, resolve);
    Gradient g{f.value(), variables.empty() ? std::vector<Real>{} : grad(f, variables)};
    require_finite(g, point, source);
    return g;
}

symbolic::Expr derivative(const ExprNode& expression, const Source& source, std::string_view wrt) {
    const auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    if (wrt.empty() || std::isdigit(static_cast<unsigned char>(wrt.front())) ||
        !std::all_of(wrt.begin(), wrt.end(), is_name_char))
        throw LangError("--wrt", "'" + std::string(wrt) + "' is not a name (letters, digits and _, not starting with a digit)");
    return symbolic::diff(to_symbolic(expression, source), wrt);
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

Descent descend(const ExprNode& expression, const Source& source, const Point& start, const DescentOptions& options) {
    const std::unique_ptr<models::Optimizer<Real>> optimizer = models::make_optimizer(options.optimizer);
    const auto objective = [&](Tape<Real>& tape, std::span<const Var<Real>> x) {
        return record_expression(tape, expression, source, [&](const ExprNode& n) {
            for (std::size_t i = 0; i < start.names.size(); ++i)
                if (start.names[i] == n.text) return x[i];
            return unknown_name(n, source, start, "--from");
        });
    };
    models::TrainingOptions<Real> training;
    training.stop = stopping_rule(options.until, options.max_steps);
    training.require_finite = false;  // checked here instead, with the point's names in the message
    training.on_step = [&](const models::TrainingStep<Real>& s) {
        require_finite(Gradient{s.loss, s.gradient}, Point{start.names, s.parameters}, source);
    };
    const models::TrainingResult<Real> result = models::minimize<Real>(objective, start.values, *optimizer, training);
    Descent run{start.names, {}, options.until && result.reason != models::StopReason::MaxSteps};
    for (const models::TrainingStep<Real>& s : result.history)
        run.steps.push_back(DescentStep{s.step, s.parameters, s.loss, s.gradient, s.gradient_norm});
    return run;
}

}  // namespace chainrule::lang
