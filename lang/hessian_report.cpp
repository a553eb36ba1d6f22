// The printed forms of `chainrule hessian` (hessian.hpp): a document (f, ∇f, the Hessian as
// a table with row and column names) rendered as text, Markdown or LaTeX, and JSON.
#include "hessian.hpp"
#include "reports.hpp"

#include "../derivations/document.hpp"
#include "../derivations/render_latex.hpp"
#include "../derivations/render_markdown.hpp"
#include "../derivations/render_text.hpp"
#include "../precision/number_format.hpp"
#include "../symbolic/latex_names.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace chainrule::lang {

namespace {

using derivations::Inline;
using derivations::Line;
using derivations::Math;
using Json = nlohmann::ordered_json;

// W[1,2] → W_{1,2} (an entry of a matrix param), other names as the worksheets print them.
std::string hessian_variable_latex(const std::string& name) {
    const std::size_t bracket = name.find('[');
    if (bracket == std::string::npos || name.back() != ']') return symbolic::latex_name(name);
    return symbolic::latex_name(name.substr(0, bracket)) + "_{" + name.substr(bracket + 1, name.size() - bracket - 2) + "}";
}

// "-6/125 = -0.048" for a short exact fraction, else the certified decimal.
std::string hessian_number_text(const Real& x, const Certainty& c, const std::optional<Rational>& exact, int digits) {
    const std::optional<std::string> f = short_fraction(exact);
    return (f ? *f + " = " : "") + format_number(x, c, digits);
}

Line hessian_math(std::string latex, std::string text) { return {Inline{Math{std::move(latex), std::move(text)}}}; }

// "symmetric" when each H_ij prints as H_ji; else which pair does not: forward-over-reverse
// computes them by different sweeps (column j and column i), so a difference is a finding.
std::string hessian_symmetry_note(const HessianResult& h, int digits) {
    const std::size_t n = h.size();
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            if (format_number(h.entries[i * n + j], h.certainty[i * n + j], digits) !=
                format_number(h.entries[j * n + i], h.certainty[j * n + i], digits))
                return "NOT symmetric: the entries " + h.names[i] + "," + h.names[j] + " and " + h.names[j] + "," +
                       h.names[i] + " differ (a singular point: see below)";
    return "symmetric";
}

derivations::Table hessian_table(const HessianResult& h, int digits) {
    derivations::Table t;
    t.header.push_back({derivations::Text{""}});
    t.align.push_back(derivations::Align::Left);
    for (const std::string& n : h.names) {
        t.header.push_back(hessian_math(hessian_variable_latex(n), n));
        t.align.push_back(derivations::Align::Right);
    }
    const std::size_t n = h.size();
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<Line> row{hessian_math(hessian_variable_latex(h.names[i]), h.names[i])};
        for (std::size_t j = 0; j < n; ++j) {
            const std::size_t k = i * n + j;
            const std::string s = hessian_number_text(h.entries[k], h.certainty[k], k < h.exact.size() ? h.exact[k] : std::nullopt, digits);
            row.push_back(hessian_math(latex_number(h.entries[k], h.certainty[k], digits), s));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

// The name of a typed expression: f, unless a variable is called so.
std::string hessian_function_name(const std::vector<std::string>& names) {
    for (const char* candidate : {"f", "F", "g", "J"})
        if (std::find(names.begin(), names.end(), candidate) == names.end()) return candidate;
    return "the expression";
}

derivations::Document hessian_document(const HessianResult& h, int digits) {
    const std::string f = h.output.empty() ? hessian_function_name(h.names) : h.output;
    const std::string fl = f == "the expression" ? "f" : symbolic::latex_name(f);
    derivations::Document doc;
    doc.title = "Hessian of " + f;
    const auto para = [&doc](Line l) { doc.blocks.push_back(derivations::Paragraph{std::move(l)}); };
    para(hessian_math(fl + " = " + latex_number(h.value, h.value_certainty, digits),
                   f + " = " + format_number(h.value, h.value_certainty, digits)));
    for (std::size_t i = 0; i < h.size(); ++i)
        para(hessian_math("\\frac{\\partial " + fl + "}{\\partial " + hessian_variable_latex(h.names[i]) + "} = " +
                           latex_number(h.gradient[i], h.gradient_certainty[i], digits),
                       "∂" + f + "/∂" + h.names[i] + " = " + format_number(h.gradient[i], h.gradient_certainty[i], digits)));
    para({derivations::Text{"Hessian, row i and column j: "},
          Math{"\\partial^2 " + fl + "/\\partial x_i\\,\\partial x_j", "∂²" + f + "/∂xᵢ∂xⱼ"},
          derivations::Text{": " + hessian_symmetry_note(h, digits)}});
    doc.blocks.push_back(hessian_table(h, digits));
    if (!h.singular.empty()) para({derivations::Text{"not finite here: " + h.singular}});
    const bool unbounded = std::any_of(h.entries.begin(), h.entries.end(),
                                       [](const Real& x) { return !boost::multiprecision::isfinite(x); });
    if (unbounded)
        para({derivations::Text{"inf, -inf or undefined entries: a first derivative is unbounded near this point, so a "
                                "second derivative is infinite there (sqrt or x^p with p < 2 at 0; docs/conventions.md)"}});
    if (!h.kink.empty())
        para({derivations::Text{"at a kink here: " + h.kink +
                                "; the second derivatives are the first-order convention differentiated (relu'' = |x|'' = 0, "
                                "selu'' = the left branch's; docs/conventions.md)"}});
    return doc;
}

Json hessian_number_json(const Real& x, const Certainty& c) {
    if (c.out_of_range || !boost::multiprecision::isfinite(x)) return nullptr;
    return x.convert_to<double>();
}

std::string hessian_json(const HessianResult& h) {
    constexpr int kJsonDigits = 17;  // a double's
    Json j;
    if (!h.output.empty()) j["output"] = h.output;
    j["variables"] = h.names;
    j["value"] = hessian_number_json(h.value, h.value_certainty);
    j["gradient"] = Json::array();
    for (std::size_t i = 0; i < h.size(); ++i) j["gradient"].push_back(hessian_number_json(h.gradient[i], h.gradient_certainty[i]));
    j["hessian"] = Json::array();
    Json kinds = Json::array();  // "+inf", "-inf", "nan" where a number is null
    for (std::size_t i = 0; i < h.size(); ++i) {
        Json row = Json::array();
        for (std::size_t j2 = 0; j2 < h.size(); ++j2) {
            const std::size_t k = i * h.size() + j2;
            row.push_back(hessian_number_json(h.entries[k], h.certainty[k]));
            if (row.back().is_null())
                kinds.push_back({{"row", i + 1}, {"column", j2 + 1},
                                 {"kind", h.certainty[k].out_of_range                     ? "out_of_range"
                                          : boost::multiprecision::isnan(h.entries[k]) ? "nan"
                                          : h.entries[k] > 0                              ? "+inf"
                                                                                          : "-inf"}});
        }
        j["hessian"].push_back(std::move(row));
    }
    if (!kinds.empty()) j["not_finite"] = std::move(kinds);
    j["symmetric"] = hessian_symmetry_note(h, kJsonDigits) == "symmetric";
    if (!h.singular.empty()) j["singular"] = h.singular;
    if (!h.kink.empty()) j["kink"] = h.kink;
    return j.dump(2) + "\n";
}

}  // namespace

std::string hessian_output(const HessianResult& h, std::string_view format, int digits) {
    if (format == "json") return hessian_json(h);
    const derivations::Document doc = hessian_document(h, digits);
    if (format == "md") return derivations::render_markdown(doc);
    if (format == "tex") return derivations::render_latex(doc);
    return derivations::render_text(doc);
}

}  // namespace chainrule::lang
