#include "hessian_gradcheck.hpp"

#include "../derivations/document.hpp"
#include "../derivations/render_text.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace chainrule::lang {

namespace {

using Json = nlohmann::ordered_json;

std::string hessian_check_number(double x, int digits) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    return buf;
}

Json hessian_check_json_number(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

std::vector<derivations::Line> hessian_check_cells(const std::vector<std::string>& texts) {
    std::vector<derivations::Line> cells;
    for (const std::string& t : texts) cells.push_back(derivations::text(t));
    return cells;
}

derivations::Document hessian_check_document(const ModelHessianCheck& c, int digits) {
    derivations::Document doc;
    const auto para = [&doc](std::string s) { doc.blocks.push_back(derivations::Paragraph{derivations::text(std::move(s))}); };
    para("gradcheck of the Hessian of " + c.output + ": forward-over-reverse in double vs 50-digit central differences "
         "of the gradient (Richardson, h = 1e-12*max(1, |x|), h/2, h/4)");
    derivations::Table t;
    t.header = hessian_check_cells({"entry", "analytic", "numeric", "abs err", "tolerance", "verdict"});
    for (const HessianCheckEntry& e : c.check.entries) {
        const bool kink = e.verdict == GradcheckVerdict::Kink;
        const std::string name = c.check.names[e.row] + "," + c.check.names[e.column];
        const std::string verdict = kink ? "kink: one-sided differences " + hessian_check_number(e.left, 6) + " (left), " +
                                               hessian_check_number(e.right, 6) + " (right)"
                                         : std::string(verdict_text(e.verdict));
        t.rows.push_back(hessian_check_cells(
            {name, hessian_check_number(e.analytic, digits), kink ? "-" : hessian_check_number(e.numeric, digits),
             kink ? "-" : hessian_check_number(std::abs(e.analytic - e.numeric), 2),
             kink ? "-" : hessian_check_number(e.tolerance, 2), verdict}));
    }
    doc.blocks.push_back(std::move(t));
    para("tolerance: |analytic - numeric| <= max(1e-9*max(|numeric|, the largest |numeric| of its row and column), 64*eps)");
    if (c.check.count(GradcheckVerdict::Kink) > 0)
        para("kink: the gradient is not differentiable at this point along that column's param (a relu or abs at 0, "
             "max at a tie): a difference across it grows as 1/h; the analytic value is the convention's "
             "(relu'' = 0, docs/conventions.md) and is not judged");
    para("symmetry: max |H_ij - H_ji| = " + hessian_check_number(c.check.asymmetry, 2) +
         (c.check.symmetric ? " (within the tolerance)" : " (NOT within the tolerance)"));
    para(hessian_check_summary(c));
    return doc;
}

std::string hessian_check_json(const ModelHessianCheck& c) {
    Json entries = Json::array();
    for (const HessianCheckEntry& e : c.check.entries)
        entries.push_back({{"row", c.check.names[e.row]}, {"column", c.check.names[e.column]},
                           {"analytic", hessian_check_json_number(e.analytic)},
                           {"numeric", hessian_check_json_number(e.numeric)}, {"left", hessian_check_json_number(e.left)},
                           {"right", hessian_check_json_number(e.right)}, {"tolerance", e.tolerance},
                           {"verdict", std::string(verdict_text(e.verdict))}});
    Json j;
    j["output"] = c.output;
    j["type"] = "double";
    j["reference"] = "cpp_bin_float_50";
    j["entries"] = std::move(entries);
    j["asymmetry"] = c.check.asymmetry;
    j["symmetric"] = c.check.symmetric;
    j["passed"] = c.check.passed();
    return j.dump(2) + "\n";
}

}  // namespace

ModelHessianCheck gradcheck_model_hessian(const Model& model) {
    if (!model.output) throw LangError(model.source.name, "the model has no definition to check");
    require_scalar_model(model, "gradcheck --order 2");
    const std::vector<std::string> used = model.params_of(*model.output);
    std::vector<NodeIndex> wrt;
    for (const std::string& p : model.params())
        if (std::binary_search(used.begin(), used.end(), p)) wrt.push_back(model.at(p).index());
    if (wrt.empty()) throw LangError(model.source.name, "'" + *model.output + "' depends on no param: nothing to check");
    if (wrt.size() > kMaxHessianCheckParams)
        throw LangError(model.source.name, std::to_string(wrt.size()) + " params: the Hessian check takes at most " +
                                               std::to_string(kMaxHessianCheckParams));
    const Tape<double> tape = replay<double>(model.tape);
    return {*model.output, check_hessian(tape, model.at(*model.output).index(), wrt)};
}

std::string hessian_check_summary(const ModelHessianCheck& c) {
    using V = GradcheckVerdict;
    const HessianCheck& h = c.check;
    return std::to_string(h.count(V::Pass)) + " pass, " + std::to_string(h.count(V::Fail)) + " FAIL, " +
           std::to_string(h.count(V::Kink)) + " kink, " + std::to_string(h.count(V::Undefined)) + " undefined; " +
           (h.symmetric ? "symmetric" : "NOT symmetric");
}

std::string hessian_check_output(const ModelHessianCheck& c, std::string_view format, int digits) {
    if (format == "json") return hessian_check_json(c);
    return derivations::render_text(hessian_check_document(c, digits));
}

}  // namespace chainrule::lang
