#include "calculus.hpp"

#include "../symbolic/diff.hpp"
#include "recorder.hpp"
#include "to_symbolic.hpp"

#include <algorithm>
#include <cctype>

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
        throw LangError(source, n.offset, "unknown name '" + n.text + "'",
                        "a variable given a value in " + std::string(option) + " (" + listed(point.names) + ")",
                        "add " + n.text + "=… to " + std::string(option));
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

bool satisfies(const Condition& condition, const DescentStep& step) {
    const Real bound = real_value(condition.bound.text);
    const Real& x = condition.quantity == Condition::Quantity::Value ? step.value : step.gradient_norm;
    return condition.comparison == Condition::Comparison::Less ? x < bound : x <= bound;
}

Descent descend(const ExprNode& expression, const Source& source, const Point& start, const DescentOptions& options) {
    Descent run{start.names, {}, false};
    Point p = start;
    for (std::size_t k = 0;; ++k) {
        const Gradient g = gradient_at(expression, source, p, "--from");
        Real norm2 = 0;
        for (const Real& d : g.partials) norm2 += d * d;
        run.steps.push_back(DescentStep{k, p.values, g.value, g.partials, sqrt(norm2)});
        run.reached = options.until && satisfies(*options.until, run.steps.back());
        if (run.reached || k == options.max_steps) break;
        for (std::size_t i = 0; i < p.values.size(); ++i) p.values[i] -= options.learning_rate * g.partials[i];
    }
    return run;
}

}  // namespace chainrule::lang
