#include "reports.hpp"

#include "../derivations/render_markdown.hpp"
#include "../derivations/render_text.hpp"
#include "../precision/number_format.hpp"
#include "../symbolic/latex_names.hpp"
#include "../symbolic/latex_printer.hpp"
#include "../symbolic/text_printer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace chainrule::lang {

namespace {

using chainrule::format_number;
using Json = nlohmann::ordered_json;

double to_double(const Real& x) { return x.convert_to<double>(); }

Json named_numbers(const std::vector<std::string>& names, const std::vector<Real>& values) {
    Json out = Json::object();
    for (std::size_t i = 0; i < names.size(); ++i) out[names[i]] = to_double(values[i]);
    return out;
}

// The header of the CSV form: step, the variables, J, dJ/d(each variable).
std::vector<std::string> plain_header(const Descent& run) {
    std::vector<std::string> header{"step"};
    header.insert(header.end(), run.names.begin(), run.names.end());
    header.emplace_back("J");
    for (const std::string& n : run.names) header.push_back("dJ/d" + n);
    return header;
}

// One row of cells per step: step, point, J, gradient.
std::vector<std::vector<std::string>> descent_rows(const Descent& run, int digits) {
    std::vector<std::vector<std::string>> rows;
    for (const DescentStep& s : run.steps) {
        std::vector<std::string> row{std::to_string(s.step)};
        for (const Real& x : s.point) row.push_back(format_number(x, digits));
        row.push_back(format_number(s.value, digits));
        for (const Real& g : s.gradient) row.push_back(format_number(g, digits));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string joined_row(const std::vector<std::string>& cells, std::string_view begin, std::string_view separator,
                       std::string_view end) {
    std::string out(begin);
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? std::string(separator) : "") + cells[i];
    return out + std::string(end) + "\n";
}

// After the rows of a failed run, the line saying how it ended (`prefix` first); nothing
// for a run that reached its condition or its most steps (their tables are unchanged).
std::string ending_line(const Descent& run, std::string_view prefix) {
    if (!run.ending.failed()) return {};
    return std::string(prefix) + run.ending.message + "\n";
}

}  // namespace

std::optional<std::string> short_fraction(const std::optional<Rational>& r) {
    if (!r || denominator(*r) == 1) return std::nullopt;
    const auto short_enough = [](const symbolic::Integer& i) { return abs(i) < kFractionLimit; };
    if (!short_enough(numerator(*r)) || !short_enough(denominator(*r))) return std::nullopt;
    return numerator(*r).str() + "/" + denominator(*r).str();
}

std::string gradient_text(const Point& point, const Gradient& g, int digits) {
    // "-6/125 = -0.048" where the result is an exact rational with a short fraction.
    const auto shown = [&](const Real& x, const Certainty& c, const std::optional<Rational>& exact) {
        const std::optional<std::string> f = short_fraction(exact);
        return (f ? *f + " = " : "") + format_number(x, c, digits);
    };
    derivations::Document doc;
    const auto line = [&doc](std::string s) { doc.blocks.push_back(derivations::Paragraph{derivations::text(std::move(s))}); };
    line("f = " + shown(g.value, g.value_certainty, g.exact_value));
    for (std::size_t i = 0; i < point.names.size(); ++i)
        line("∂f/∂" + point.names[i] + " = " +
             shown(g.partials[i], i < g.partial_certainty.size() ? g.partial_certainty[i] : Certainty{},
                   i < g.exact_partials.size() ? g.exact_partials[i] : std::nullopt));
    if (!g.singular.empty()) line("not finite here: " + g.singular);
    if (!g.kink.empty())
        line("at a kink here: " + g.kink + "; the partials follow its convention there (a worksheet gives both one-sided values)");
    return derivations::render_text(doc);
}

std::string gradient_json(const Point& point, const Gradient& g) {
    Json j;
    j["value"] = to_double(g.value);
    j["gradient"] = named_numbers(point.names, g.partials);  // a non-finite number is null
    // A number the arithmetic's range could not hold (an underflowed 0, an overflowed ∞) is
    // null too, never 0, and listed by name ("value" for f).
    Json out_of_range = Json::array();
    if (g.value_certainty.out_of_range) {
        j["value"] = nullptr;
        out_of_range.push_back("value");
    }
    for (std::size_t i = 0; i < point.names.size() && i < g.partial_certainty.size(); ++i)
        if (g.partial_certainty[i].out_of_range) {
            j["gradient"][point.names[i]] = nullptr;
            out_of_range.push_back(point.names[i]);
        }
    if (!out_of_range.empty()) j["out_of_range"] = std::move(out_of_range);
    if (!g.singular.empty()) j["singular"] = g.singular;
    if (!g.kink.empty()) j["kink"] = g.kink;
    // The short fractions of exact results, as the text form shows them (only when there is one).
    Json fractions = Json::object();
    if (auto f = short_fraction(g.exact_value)) fractions["value"] = *f;
    for (std::size_t i = 0; i < point.names.size() && i < g.exact_partials.size(); ++i)
        if (auto f = short_fraction(g.exact_partials[i])) fractions["gradient"][point.names[i]] = *f;
    if (!fractions.empty()) j["fractions"] = std::move(fractions);
    return j.dump(2) + "\n";
}

std::string derivative_text(const symbolic::Expr& d) { return symbolic::to_text(d) + "\n"; }

std::string derivative_latex(const symbolic::Expr& d) { return symbolic::to_latex(d) + "\n"; }

std::string derivative_json(const symbolic::Expr& f, std::string_view wrt, const symbolic::Expr& d) {
    Json j;
    j["expression"] = symbolic::to_text(f);
    j["wrt"] = std::string(wrt);
    j["derivative"] = symbolic::to_text(d);
    j["latex"] = symbolic::to_latex(d);
    return j.dump(2) + "\n";
}

derivations::Document descent_document(const Descent& run, int digits) {
    using derivations::Line;
    using derivations::Math;
    derivations::Table t;
    t.header.push_back(derivations::text("step"));
    for (const std::string& n : run.names) t.header.push_back(Line{Math{symbolic::latex_name(n), n}});
    t.header.push_back(derivations::text("J"));
    for (const std::string& n : run.names) t.header.push_back(Line{Math{"\\partial J/\\partial " + symbolic::latex_name(n), "dJ/d" + n}});
    t.align.assign(t.header.size(), derivations::Align::Right);
    for (const auto& row : descent_rows(run, digits)) {
        std::vector<Line> cells;
        for (const std::string& c : row) cells.push_back(derivations::text(c));
        t.rows.push_back(std::move(cells));
    }
    derivations::Document doc;
    doc.blocks.push_back(std::move(t));
    if (run.ending.failed()) doc.blocks.push_back(derivations::Paragraph{derivations::text(run.ending.message)});
    return doc;
}

std::string descent_table(const Descent& run, int digits) { return derivations::render_text(descent_document(run, digits)); }

std::string descent_markdown(const Descent& run, int digits) {
    return derivations::render_markdown(descent_document(run, digits));
}

std::string descent_csv(const Descent& run, int digits) {
    std::string out = joined_row(plain_header(run), "", ",", "");
    for (const auto& row : descent_rows(run, digits)) out += joined_row(row, "", ",", "");
    return out + ending_line(run, "# ");  // a comment line, which CSV readers can skip (comment='#')
}

std::string descent_json(const DescentReport& report) {
    Json steps = Json::array();
    for (const DescentStep& s : report.run.steps) {
        Json step;
        step["step"] = s.step;
        step["point"] = named_numbers(report.run.names, s.point);
        step["J"] = to_double(s.value);
        step["gradient"] = named_numbers(report.run.names, s.gradient);
        steps.push_back(std::move(step));
    }
    Json j;
    j["expression"] = report.expression;
    const models::OptimizerSettings<Real>& o = report.optimizer;
    j["optimizer"] = o.name;
    j["learning_rate"] = to_double(o.learning_rate);
    if (o.name == "momentum" || o.name == "nesterov") j["momentum"] = to_double(o.momentum);
    if (o.name == "adam") {
        j["beta1"] = to_double(o.beta1);
        j["beta2"] = to_double(o.beta2);
        j["epsilon"] = to_double(o.epsilon);
    }
    j["until"] = report.until ? Json(*report.until) : Json(nullptr);
    j["reached"] = report.run.reached;
    const DescentEnding& end = report.run.ending;
    j["ending"] = {{"reason", std::string(to_string(end.kind))},
                   {"step", end.step},
                   {"failed", end.failed()},
                   {"message", end.message.empty() ? Json(nullptr) : Json(end.message)}};
    j["warning"] = report.run.warning.empty() ? Json(nullptr) : Json(report.run.warning);
    j["steps"] = std::move(steps);
    return j.dump(2) + "\n";
}

}  // namespace chainrule::lang
