#include "model_worksheet.hpp"

#include "exact_gradient.hpp"

#include <algorithm>

namespace chainrule::lang {

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// The --wrt names, checked: each a param of the output, none twice.
std::vector<std::string> requested_params(const Model& model, const std::vector<std::string>& output_params,
                                          const std::vector<std::string>& wrt) {
    const std::string where = "--wrt";
    std::vector<std::string> out;
    for (const std::string& name : wrt) {
        auto it = model.names.find(name);
        if (it == model.names.end() || it->second.kind != NameKind::Param)
            throw LangError(where, "'" + name + "' is not a param of " + model.source.name + " (its params: " +
                                       joined(model.params()) + ")");
        if (!std::binary_search(output_params.begin(), output_params.end(), name))
            throw LangError(where, "'" + *model.output + "' does not depend on '" + name + "'");
        if (std::find(out.begin(), out.end(), name) != out.end())
            throw LangError(where, "'" + name + "' is listed twice");
        out.push_back(name);
    }
    return out;
}

}  // namespace

derivations::Worksheet model_worksheet(const Model& model, const WorksheetRequest& request) {
    if (model.has_matrices())
        throw LangError(model.source.name, "a matrix model: its worksheet is in matrix form (matrix_model_worksheet.hpp)");
    if (!request.elementwise.empty())
        throw LangError("--elementwise", "writes out an entry of a matrix gradient; " + model.source.name +
                                             " is a scalar model");
    if (!model.output)
        throw LangError(model.source.name, "nothing to derive: the model has no definition (name = expression)");
    const ModelName& output = model.at(*model.output);
    const std::vector<std::string> output_params = model.params_of(*model.output);
    if (output_params.empty())
        throw LangError(model.source.name, "nothing to derive: '" + *model.output + "' depends on no param");
    derivations::WorksheetOptions options;
    options.wrt = request.wrt.empty() ? model.wrt : requested_params(model, output_params, request.wrt);
    options.style = request.style;
    options.digits = request.digits;
    options.order = request.order;
    options.learning_rate = model.learning_rate;
    options.labels = model.labels;
    options.title = !request.title.empty() ? request.title : model.title.value_or("");
    // Each rung of the precision ladder records the model anew from its decimal text.
    const NodeIndex out = output.node.index();
    const derivations::Recorder record = [&model, out] {
        return derivations::Recording{std::move(record_again(model).tape), out};
    };
    derivations::Worksheet w = derivations::make_worksheet(record, std::move(options));
    add_exact_results(model, w);  // the fractions of exact gradients (−47/25 = −1.88)
    return w;
}

}  // namespace chainrule::lang
