#include "matrix_model_worksheet.hpp"

#include "../precision/number_format.hpp"
#include "../derivations/matrix_entry.hpp"
#include "../symbolic/latex_names.hpp"
#include "../symbolic/matrix_latex_printer.hpp"

#include <nlohmann/json.hpp>

#include <regex>

namespace chainrule::lang {

namespace {

using Json = nlohmann::ordered_json;

Json shape_json(const Shape& s) { return Json::array({s.rows, s.cols}); }

// Rows of decimal strings, certified ("0 (±1e-800)") when the step carries certainties.
Json values_json(const Matrix<Real>& m, const std::vector<Certainty>& certainty, int digits) {
    Json rows = Json::array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        Json row = Json::array();
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            const std::size_t k = static_cast<std::size_t>(c * m.rows() + r);  // column-major
            row.push_back(k < certainty.size() ? chainrule::format_number(m(r, c), certainty[k], digits)
                                               : chainrule::format_number(m(r, c), digits));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

std::size_t matrix_entries(const Tape<Real>& tape) {
    std::size_t n = 0;
    if (const auto* store = tape.matrix_store())
        for (std::size_t k = 0; k < store->size(); ++k) n += static_cast<std::size_t>(store->value(k).size());
    return n;
}

derivations::MatrixDerivation matrix_model_derivation(const Model& model, const WorksheetRequest& request) {
    if (!model.output)
        throw LangError(model.source.name, "nothing to derive: the model has no definition (name = expression)");
    const ModelName& output = model.at(*model.output);
    if (output.matrix)
        throw LangError(model.source, output.offset,
                        "'" + *model.output + "' is a " + shape_text(output.matrix->shape()) +
                            " matrix: a worksheet derives a scalar",
                        {}, "derive a loss: sum(…), mean(…), mse(P, Y), bce(A, Y), …");
    if (model.params_of(*model.output).empty())
        throw LangError(model.source.name, "nothing to derive: '" + *model.output + "' depends on no param");
    if (!request.wrt.empty() || !model.wrt.empty())
        throw LangError(model.source.name, "a matrix worksheet derives every param: leave out --wrt and "
                                           "`derive … wrt`");
    const std::string name = *model.output;
    const auto record = [&model, &name] {
        Model again = record_again(model);  // at the ladder's current precision, from the decimal text
        const NodeIndex loss = again.at(name).index();
        return std::pair<Tape<Real>, NodeIndex>(std::move(again.tape), loss);
    };
    try {
        if (matrix_entries(model.tape) > kMaxCertifiedEntries)  // a 300×300 product takes minutes per rung
            return derivations::derive_matrix(model.tape, output.node, false);
        return derivations::certified_matrix_derivation(record, request.digits);
    } catch (const LangError&) {
        throw;
    } catch (const Error& e) {  // an op without a matrix-notation rule: one line about the model
        std::string why = e.what();
        if (why.rfind("chainrule: ", 0) == 0) why.erase(0, 11);
        throw LangError(model.source.name, why);
    }
}

namespace {

// "W[2,1]" → W, row 1, column 0 (0-based); LangError naming --elementwise otherwise.
derivations::EntryExpansion requested_entry(const derivations::MatrixDerivation& d, const std::string& text) {
    static const std::regex form(R"(^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\[\s*(\d{1,7})\s*,\s*(\d{1,7})\s*\]\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, form))
        throw LangError("--elementwise", "'" + symbolic::escape_text_for_message(text) +
                                             "' is not an entry; write it as NAME[row,col], e.g. W[2,1] (1-based)");
    try {
        return derivations::expand_entry(d, m[1], std::stol(m[2]) - 1, std::stol(m[3]) - 1);
    } catch (const Error& e) {
        std::string why = e.what();
        if (why.rfind("chainrule: ", 0) == 0) why.erase(0, 11);
        throw LangError("--elementwise", why);
    }
}

}  // namespace

derivations::Document matrix_model_document(const Model& model, const WorksheetRequest& request) {
    const std::string title = !request.title.empty() ? request.title : model.title.value_or("");
    const derivations::MatrixDerivation d = matrix_model_derivation(model, request);
    std::vector<derivations::EntryExpansion> entries;
    for (const std::string& e : request.elementwise) entries.push_back(requested_entry(d, e));
    return derivations::matrix_worksheet_document(d, request.digits, kMaxMatrixShown, title, entries);
}

std::string matrix_worksheet_json(const derivations::MatrixDerivation& d, int digits) {
    Json forward = Json::array(), backward = Json::array();
    for (const derivations::MatrixForwardStep& s : d.forward)
        forward.push_back({{"name", s.name},
                           {"shape", shape_json(s.shape)},
                           {"kind", s.variable ? "param" : s.leaf ? "given" : "definition"},
                           {"latex", s.leaf ? "" : symbolic::to_latex(s.definition)},
                           {"value", values_json(s.value, s.certainty, digits)}});
    for (const derivations::MatrixGradientStep& s : d.backward)
        backward.push_back({{"name", s.name},
                            {"shape", shape_json(s.shape)},
                            {"latex", symbolic::to_latex(s.formula)},
                            {"value", values_json(s.value, s.certainty, digits)}});
    Json j;
    j["output"] = d.loss;
    j["layout"] = "the gradient has the shape of the parameter";
    j["digits"] = digits;
    j["forward"] = std::move(forward);
    j["backward"] = std::move(backward);
    return j.dump(2) + "\n";
}

}  // namespace chainrule::lang
