// chainrule gradcheck MODEL.chain: the gradient of the model's output w.r.t. its params,
// reverse mode in double against 50-digit Richardson central differences
// (autodiff/gradcheck.hpp), as a table or as JSON.
#include "commands.hpp"
#include "model_input.hpp"
#include "output.hpp"

#include "../autodiff/gradcheck.hpp"
#include "../derivations/number_format.hpp"
#include "../lang/model.hpp"
#include "../lang/text_table.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace chainrule::tools {

namespace {

using derivations::format_number;
using Json = nlohmann::ordered_json;
using Real = lang::Real;  // cpp_bin_float_50 = GradcheckReference<double>
using Entry = GradcheckEntry<Real>;

struct Checked {
    std::string output;
    GradcheckReport<Real> report;
};

// The model is recorded in 50 digits; the check replays it in double (the type whose
// reverse mode is checked) and differentiates by the params the output depends on.
Checked check_model(const lang::Model& model) {
    if (!model.output) throw ToolError(model.source.name + ": the model has no definition to check");
    const lang::ModelName& out = model.at(*model.output);
    GradcheckOptions options;
    for (const std::string& p : model.params())
        if (std::binary_search(out.params.begin(), out.params.end(), p)) options.wrt.push_back(model.at(p).node.index());
    if (options.wrt.empty())
        throw ToolError(model.source.name + ": '" + *model.output + "' depends on no param: nothing to check");
    const Tape<double> tape = replay<double>(model.tape);
    return {*model.output, gradcheck(tape, out.node.index(), options)};
}

std::string verdict_cell(const Entry& e, int digits) {
    std::string v(verdict_text(e.verdict));
    if (e.verdict == GradcheckVerdict::NotDifferentiable)
        v += " (left " + format_number(e.left, digits) + ", right " + format_number(e.right, digits) + ")";
    return v;
}

std::string summary(const GradcheckReport<Real>& r) {
    return std::to_string(r.count(GradcheckVerdict::Pass)) + " pass, " + std::to_string(r.count(GradcheckVerdict::Fail)) +
           " FAIL, " + std::to_string(r.count(GradcheckVerdict::NotDifferentiable)) + " not differentiable here";
}

std::string text(const Checked& c, int digits) {
    const GradcheckReport<Real>& r = c.report;
    std::string out = "gradcheck of " + c.output + ": reverse mode in double vs 50-digit central differences " +
                      "(Richardson, h = " + r.relative_step.str(3) + "*max(1,|x|), h/2, h/4)\n";
    std::vector<std::vector<std::string>> rows{
        {"param", "analytic", "numeric", "abs err", "rel err", "tolerance", "verdict"}};
    for (const Entry& e : r.entries) {
        // At a kink the central difference mixes two branches: its value and errors mean nothing.
        const bool kink = e.verdict == GradcheckVerdict::NotDifferentiable;
        const auto shown = [kink](const Real& x, int d) { return kink ? std::string("-") : format_number(x, d); };
        rows.push_back({e.name, format_number(e.analytic, digits), shown(e.numeric, digits), shown(e.abs_error, 2),
                        shown(e.rel_error, 2), shown(e.tolerance, 2), verdict_cell(e, digits)});
    }
    out += lang::left_aligned_columns(rows);
    for (const Entry& e : r.entries)
        if (!e.note.empty()) out += "note: " + e.name + ": " + e.note + "\n";
    return out + "tolerance: " + r.policy + "\n" + summary(r) + "\n";
}

double number(const Real& x) { return x.convert_to<double>(); }  // JSON: ±inf, NaN become null

std::string json(const Checked& c) {
    const GradcheckReport<Real>& r = c.report;
    Json params = Json::array();
    for (const Entry& e : r.entries)
        params.push_back({{"name", e.name}, {"analytic", number(e.analytic)}, {"numeric", number(e.numeric)},
                          {"abs_error", number(e.abs_error)}, {"rel_error", number(e.rel_error)},
                          {"tolerance", number(e.tolerance)}, {"verdict", std::string(verdict_text(e.verdict))},
                          {"left", number(e.left)}, {"right", number(e.right)}, {"note", e.note}});
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
