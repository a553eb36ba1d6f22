// chainrule gradcheck MODEL.chain: the gradient of the model's output w.r.t. its params,
// reverse mode in double against 50-digit Richardson central differences
// (autodiff/gradcheck.hpp), as a table or as JSON.
#include "commands.hpp"
#include "model_input.hpp"
#include "output.hpp"

#include "../autodiff/gradcheck.hpp"
#include "../precision/number_format.hpp"
#include "../lang/model.hpp"
#include "../lang/text_table.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace chainrule::tools {

namespace {

// The report's numbers are in GradcheckReference<double>; they print through
// chainrule::format_number after an exact widening into chainrule::Real.
std::string format_number(const GradcheckReference<double>& x, int digits) {
    PrecisionScope scope(60);  // wider than cpp_bin_float_50's 168 bits: the conversion is exact
    return chainrule::format_number(chainrule::Real(x), digits);
}
using Json = nlohmann::ordered_json;
using Real = GradcheckReference<double>;  // cpp_bin_float_50
using Entry = GradcheckEntry<Real>;

struct Checked {
    std::string output;
    GradcheckReport<Real> report;
};

// The model is recorded in 50 digits; the check replays it in double (the type whose
// reverse mode is checked) and differentiates by the params the output depends on.
Checked check_model(const lang::Model& model) {
    if (!model.output) throw ToolError(model.source.name + ": the model has no definition to check");
    const std::vector<std::string> out_params = model.params_of(*model.output);
    GradcheckOptions options;
    for (const std::string& p : model.params())
        if (std::binary_search(out_params.begin(), out_params.end(), p)) options.wrt.push_back(model.at(p).node.index());
    if (options.wrt.empty())
        throw ToolError(model.source.name + ": '" + *model.output + "' depends on no param: nothing to check");
    const Tape<double> tape = replay<double>(model.tape);
    return {*model.output, gradcheck(tape, model.at(*model.output).node.index(), options)};
}

// A number of the report as the table shows it: ±∞ and NaN are printed as such.
std::string value_text(const Real& x, int digits) {
    if (boost::multiprecision::isnan(x)) return "NaN";
    if (!boost::multiprecision::isfinite(x)) return x > 0 ? "+∞" : "−∞";
    return format_number(x, digits);
}

// A numeric derivative by its kind: never a number that was not estimated.
std::string slope_text(const Real& x, Estimate kind, int digits) {
    switch (kind) {
        case Estimate::Finite: case Estimate::Infinite: return value_text(x, digits);
        case Estimate::Jump: return boost::multiprecision::isfinite(x) ? value_text(x, digits) : "-";
        case Estimate::Undefined: return "undefined";
        case Estimate::NotEstimated: break;
    }
    return "could not estimate";
}

std::string verdict_cell(const Entry& e, int digits) {
    const std::string sides =
        " (left " + slope_text(e.left, e.left_kind, digits) + ", right " + slope_text(e.right, e.right_kind, digits) + ")";
    switch (e.verdict) {
        case GradcheckVerdict::Kink: return e.note.substr(0, e.note.find(" (left")) + sides;  // "kink: convention …"
        case GradcheckVerdict::Undefined: return "undefined (NaN)";
        case GradcheckVerdict::Pass:
            return e.numeric_kind == Estimate::Infinite ? "pass (" + value_text(e.numeric, digits) + " = " +
                                                              value_text(e.analytic, digits) + ")"
                                                        : "pass";
        default: return std::string(verdict_text(e.verdict));
    }
}

std::string summary(const GradcheckReport<Real>& r) {
    using V = GradcheckVerdict;
    return std::to_string(r.count(V::Pass)) + " pass, " + std::to_string(r.count(V::Fail)) + " FAIL, " +
           std::to_string(r.count(V::Kink)) + " kink, " + std::to_string(r.count(V::Undefined)) + " undefined, " +
           std::to_string(r.count(V::NotEstimated)) + " could not estimate";
}

std::string text(const Checked& c, int digits) {
    const GradcheckReport<Real>& r = c.report;
    const std::string step = r.relative_step.str(3);
    std::string out = "gradcheck of " + c.output + ": reverse mode in double vs 50-digit central differences " +
                      "(Richardson, h = " + step + "*|x| (" + step + " at x = 0), h/2, h/4; h/1024 ... when needed)\n";
    std::vector<std::vector<std::string>> rows{
        {"param", "analytic", "numeric", "abs err", "rel err", "tolerance", "verdict"}};
    for (const Entry& e : r.entries) {
        // Without a finite numeric value (a kink: a central difference across it means
        // nothing; could not estimate) the error columns mean nothing either.
        const bool compared = e.numeric_kind == Estimate::Finite && e.verdict != GradcheckVerdict::Kink;
        const auto shown = [compared](const Real& x) { return compared ? value_text(x, 2) : std::string("-"); };
        rows.push_back({e.name, value_text(e.analytic, digits),
                        e.verdict == GradcheckVerdict::Kink ? "-" : slope_text(e.numeric, e.numeric_kind, digits),
                        shown(e.abs_error), shown(e.rel_error), shown(e.tolerance), verdict_cell(e, digits)});
    }
    out += lang::left_aligned_columns(rows);
    for (const Entry& e : r.entries)
        if (!e.note.empty()) out += "note: " + e.name + ": " + e.note + "\n";
    return out + "tolerance: " + r.policy + "\n" + summary(r) + "\n";
}

double number(const Real& x) { return x.convert_to<double>(); }  // JSON: ±inf, NaN become null

// "finite", "+inf", "-inf", "undefined", "jump", "could not estimate": JSON has no ±∞.
std::string kind_json(const Real& x, Estimate kind) {
    if (kind == Estimate::Infinite) return x > 0 ? "+inf" : "-inf";
    return std::string(estimate_text(kind));
}

std::string json(const Checked& c) {
    const GradcheckReport<Real>& r = c.report;
    Json params = Json::array();
    for (const Entry& e : r.entries) {
        Json singular = Json::array();
        for (const SingularPoint& p : e.singular) singular.push_back({{"node", p.node_text}, {"rule", p.rule}});
        params.push_back({{"name", e.name}, {"analytic", number(e.analytic)}, {"numeric", number(e.numeric)},
                          {"numeric_kind", kind_json(e.numeric, e.numeric_kind)}, {"abs_error", number(e.abs_error)},
                          {"rel_error", number(e.rel_error)}, {"tolerance", number(e.tolerance)},
                          {"verdict", std::string(verdict_text(e.verdict))}, {"left", number(e.left)},
                          {"left_kind", kind_json(e.left, e.left_kind)}, {"right", number(e.right)},
                          {"right_kind", kind_json(e.right, e.right_kind)}, {"step", number(e.step)},
                          {"singular", std::move(singular)}, {"note", e.note}});
    }
    Json j;
    j["output"] = c.output;
    j["type"] = "double";
    j["reference"] = "cpp_bin_float_50";
    j["tolerance"] = {{"epsilon", r.epsilon}, {"ulps_per_factor", r.ulps_per_factor},
                      {"relative_step", number(r.relative_step)}, {"richardson_levels", r.richardson_levels},
                      {"policy", r.policy}};
    j["parameters"] = std::move(params);
    j["passed"] = r.passed();
    return j.dump(2) + "\n";
}

}  // namespace

int run_gradcheck(const GradcheckArgs& args, Streams io) {
    const Checked c = check_model(load_model(args.model));
    emit(args.format == "json" ? json(c) : text(c, args.digits), args.output, io.out);
    if (c.report.passed()) return 0;
    io.err << "chainrule gradcheck: " << summary(c.report) << "\n";
    return 1;
}

}  // namespace chainrule::tools
