#include "gradcheck_report.hpp"

#include "../precision/number_format.hpp"
#include "diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace chainrule::lang {
namespace {

using Json = nlohmann::ordered_json;
using Reference = GradcheckReference<double>;  // cpp_bin_float_50
using Entry = GradcheckEntry<Reference>;

// The report's numbers are in GradcheckReference<double>; they print through
// chainrule::format_number after an exact widening into chainrule::Real.
std::string format_number(const Reference& x, int digits) {
    PrecisionScope scope(60);  // wider than cpp_bin_float_50's 168 bits: the conversion is exact
    return chainrule::format_number(chainrule::Real(x), digits);
}

// A number of the report as the table shows it: ±∞ and NaN are printed as such.
std::string value_text(const Reference& x, int digits) {
    if (boost::multiprecision::isnan(x)) return "NaN";
    if (!boost::multiprecision::isfinite(x)) return x > 0 ? "+∞" : "−∞";
    return format_number(x, digits);
}

// A numeric derivative by its kind: never a number that was not estimated.
std::string slope_text(const Reference& x, Estimate kind, int digits) {
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

std::vector<derivations::Line> cells(const std::vector<std::string>& texts) {
    std::vector<derivations::Line> out;
    for (const std::string& t : texts) out.push_back(derivations::text(t));
    return out;
}

double number(const Reference& x) { return x.convert_to<double>(); }  // JSON: ±inf, NaN become null

// "finite", "+inf", "-inf", "undefined", "jump", "could not estimate": JSON has no ±∞.
std::string kind_json(const Reference& x, Estimate kind) {
    if (kind == Estimate::Infinite) return x > 0 ? "+inf" : "-inf";
    return std::string(estimate_text(kind));
}

}  // namespace

ModelGradcheck gradcheck_model(const Model& model) {
    if (!model.output) throw LangError(model.source.name, "the model has no definition to check");
    const std::vector<std::string> out_params = model.params_of(*model.output);
    GradcheckOptions options;
    for (const std::string& p : model.params())
        if (std::binary_search(out_params.begin(), out_params.end(), p)) options.wrt.push_back(model.at(p).index());
    if (options.wrt.empty())
        throw LangError(model.source.name, "'" + *model.output + "' depends on no param: nothing to check");
    if (const ModelName& out = model.at(*model.output); out.matrix)
        throw LangError(model.source, out.offset,
                        "'" + *model.output + "' is a " + shape_text(out.matrix->shape()) + " matrix: gradcheck checks "
                        "the gradient of a scalar", {}, "check a loss: sum(…), mean(…), mse(P, Y), …");
    // A matrix model is checked entry by entry on its scalar expansion (autodiff/gradcheck_matrix.hpp):
    // each entry replays the expansion ~60 times, so the work is its size times the entries.
    const Tape<double> tape = replay<double>(model.tape);
    if (model.has_matrices()) {
        std::size_t entries = 0;
        for (NodeIndex p : options.wrt) entries += static_cast<std::size_t>(tape.shape(p).size());
        const std::size_t work = scalar_expansion_size(tape, model.at(*model.output).index()) * entries;
        if (work > kMaxGradcheckWork)
            throw LangError(model.source.name, "too large for gradcheck: " + std::to_string(entries) +
                                                   " entries, each replaying a scalar expansion of about " +
                                                   std::to_string(work / std::max<std::size_t>(entries, 1)) +
                                                   " nodes; check a smaller batch or fewer parameters");
    }
    return {*model.output, gradcheck(tape, model.at(*model.output).node.index(), options)};
}

std::string gradcheck_summary(const ModelGradcheck& c) {
    using V = GradcheckVerdict;
    const GradcheckReport<Reference>& r = c.report;
    return std::to_string(r.count(V::Pass)) + " pass, " + std::to_string(r.count(V::Fail)) + " FAIL, " +
           std::to_string(r.count(V::Kink)) + " kink, " + std::to_string(r.count(V::Undefined)) + " undefined, " +
           std::to_string(r.count(V::NotEstimated)) + " could not estimate";
}

derivations::Document gradcheck_document(const ModelGradcheck& c, int digits) {
    using derivations::Paragraph;
    using derivations::text;
    const GradcheckReport<Reference>& r = c.report;
    const std::string step = r.relative_step.str(3);
    derivations::Document doc;
    doc.blocks.push_back(Paragraph{text("gradcheck of " + c.output + ": reverse mode in double vs 50-digit central "
                                        "differences (Richardson, h = " + step + "*|x| (" + step +
                                        " at x = 0), h/2, h/4; h/1024 ... when needed)")});
    derivations::Table t;
    t.header = cells({"param", "analytic", "numeric", "abs err", "rel err", "tolerance", "verdict"});
    for (const Entry& e : r.entries) {
        // Without a finite numeric value (a kink: a central difference across it means
        // nothing; could not estimate) the error columns mean nothing either.
        const bool compared = e.numeric_kind == Estimate::Finite && e.verdict != GradcheckVerdict::Kink;
        const auto shown = [compared](const Reference& x) { return compared ? value_text(x, 2) : std::string("-"); };
        t.rows.push_back(cells({e.name, value_text(e.analytic, digits),
                                e.verdict == GradcheckVerdict::Kink ? "-" : slope_text(e.numeric, e.numeric_kind, digits),
                                shown(e.abs_error), shown(e.rel_error), shown(e.tolerance), verdict_cell(e, digits)}));
    }
    doc.blocks.push_back(std::move(t));
    for (const Entry& e : r.entries)
        if (!e.note.empty()) doc.blocks.push_back(Paragraph{text("note: " + e.name + ": " + e.note)});
    doc.blocks.push_back(Paragraph{text("tolerance: " + r.policy)});
    doc.blocks.push_back(Paragraph{text(gradcheck_summary(c))});
    return doc;
}

std::string gradcheck_json(const ModelGradcheck& c) {
    const GradcheckReport<Reference>& r = c.report;
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

}  // namespace chainrule::lang
