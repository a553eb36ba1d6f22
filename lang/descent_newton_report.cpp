#include "descent_newton_report.hpp"

#include "../derivations/render_markdown.hpp"
#include "../derivations/render_text.hpp"
#include "../precision/number_format.hpp"
#include "../symbolic/latex_names.hpp"

#include <nlohmann/json.hpp>

namespace chainrule::lang {

namespace {

using Json = nlohmann::ordered_json;

std::string step_length_text(const NewtonRow& r, int digits) {
    return r.step_length ? format_number(*r.step_length, digits) : "";
}

// The ending line: a failed run's, or the stationary point Newton's method stopped at.
bool has_ending_line(const Descent& run) {
    return run.ending.failed() || run.ending.kind == DescentEnd::Stationary || run.ending.kind == DescentEnd::Converged;
}

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

Json newton_named_numbers(const std::vector<std::string>& names, const std::vector<Real>& values) {
    Json out = Json::object();
    for (std::size_t i = 0; i < names.size(); ++i) out[names[i]] = values[i].convert_to<double>();
    return out;
}

}  // namespace

derivations::Document newton_document(const NewtonDescent& newton, int digits) {
    using derivations::Line;
    using derivations::Math;
    const Descent& run = newton.run;
    derivations::Table t;
    t.header.push_back(derivations::text("step"));
    for (const std::string& n : run.names) t.header.push_back(Line{Math{symbolic::latex_name(n), n}});
    t.header.push_back(derivations::text("J"));
    t.header.push_back(Line{Math{"\\lVert \\nabla J \\rVert", "|grad J|"}});
    t.header.push_back(derivations::text("t"));
    t.header.push_back(derivations::text("update"));
    t.align.assign(t.header.size() - 1, derivations::Align::Right);
    t.align.push_back(derivations::Align::Left);
    t.wrap_last_column = true;
    for (std::size_t k = 0; k < run.steps.size(); ++k) {
        const DescentStep& s = run.steps[k];
        std::vector<Line> cells{derivations::text(std::to_string(s.step))};
        for (const Real& x : s.point) cells.push_back(derivations::text(format_number(x, digits)));
        cells.push_back(derivations::text(format_number(s.value, digits)));
        cells.push_back(derivations::text(format_number(s.gradient_norm, digits)));
        cells.push_back(derivations::text(step_length_text(newton.rows[k], digits)));
        cells.push_back(derivations::text(newton.rows[k].update));
        t.rows.push_back(std::move(cells));
    }
    derivations::Document doc;
    doc.blocks.push_back(std::move(t));
    if (has_ending_line(run)) doc.blocks.push_back(derivations::Paragraph{derivations::text(run.ending.message)});
    return doc;
}

std::string newton_table(const NewtonDescent& newton, int digits) {
    return derivations::render_text(newton_document(newton, digits));
}

std::string newton_markdown(const NewtonDescent& newton, int digits) {
    return derivations::render_markdown(newton_document(newton, digits));
}

std::string newton_csv(const NewtonDescent& newton, int digits) {
    const Descent& run = newton.run;
    std::string out = "step";
    for (const std::string& n : run.names) out += "," + n;
    out += ",J";
    for (const std::string& n : run.names) out += ",dJ/d" + n;
    out += ",|grad|,t,update\n";
    for (std::size_t k = 0; k < run.steps.size(); ++k) {
        const DescentStep& s = run.steps[k];
        out += std::to_string(s.step);
        for (const Real& x : s.point) out += "," + format_number(x, digits);
        out += "," + format_number(s.value, digits);
        for (const Real& g : s.gradient) out += "," + format_number(g, digits);
        out += "," + format_number(s.gradient_norm, digits) + "," + step_length_text(newton.rows[k], digits) + "," +
               csv_cell(newton.rows[k].update) + "\n";
    }
    return has_ending_line(run) ? out + "# " + run.ending.message + "\n" : out;  // a comment line (comment='#')
}

std::string newton_json(const NewtonDescent& newton, const std::string& expression, const std::optional<std::string>& until) {
    const Descent& run = newton.run;
    Json steps = Json::array();
    for (std::size_t k = 0; k < run.steps.size(); ++k) {
        const DescentStep& s = run.steps[k];
        const NewtonRow& r = newton.rows[k];
        steps.push_back({{"step", s.step},
                         {"point", newton_named_numbers(run.names, s.point)},
                         {"J", s.value.convert_to<double>()},
                         {"gradient", newton_named_numbers(run.names, s.gradient)},
                         {"gradient_norm", s.gradient_norm.convert_to<double>()},
                         {"step_length", r.step_length ? Json(r.step_length->convert_to<double>()) : Json(nullptr)},
                         {"update", r.update.empty() ? Json(nullptr) : Json(r.update)}});
    }
    Json j;
    j["expression"] = expression;
    j["method"] = "newton";
    j["until"] = until ? Json(*until) : Json(nullptr);
    j["reached"] = run.reached;
    const DescentEnding& end = run.ending;
    j["ending"] = {{"reason", std::string(to_string(end.kind))},
                   {"step", end.step},
                   {"failed", end.failed()},
                   {"message", end.message.empty() ? Json(nullptr) : Json(end.message)}};
    j["gradient_steps"] = newton.gradient_steps();
    j["warning"] = run.warning.empty() ? Json(nullptr) : Json(run.warning);
    j["steps"] = std::move(steps);
    return j.dump(2) + "\n";
}

}  // namespace chainrule::lang
