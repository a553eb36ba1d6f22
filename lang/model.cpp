#include "model.hpp"
#include "variation.hpp"

#include "../precision/number_format.hpp"
#include "../symbolic/latex_names.hpp"
#include "constants.hpp"
#include "functions.hpp"
#include "matrix_declarations.hpp"
#include "matrix_recorder.hpp"
#include "recorder.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace chainrule::lang {

namespace {

constexpr std::array<std::string_view, 10> kKeywords = {"input", "target", "param", "const", "label",
                                                        "derive", "wrt", "lr", "check", "title"};

NameKind name_kind(DeclarationKind k) {
    switch (k) {
        case DeclarationKind::Input: return NameKind::Input;
        case DeclarationKind::Target: return NameKind::Target;
        case DeclarationKind::Param: return NameKind::Param;
        case DeclarationKind::Const: break;
    }
    return NameKind::Const;
}

class ModelBuilder {
public:
    explicit ModelBuilder(Program program) : statements_(std::move(program.statements)) {
        model_.source = std::move(program.source);
    }

    Model build() {
        collect_names();
        for (const Statement& s : statements_) std::visit([this](const auto& st) { add(st); }, s);
        choose_output();
        check_wrt();
        return std::move(model_);
    }

private:
    [[noreturn]] void fail(std::size_t offset, std::string message, std::string expected = {},
                           std::string hint = {}) const {
        throw LangError(model_.source, offset, std::move(message), std::move(expected), std::move(hint));
    }
    std::string line_of(std::size_t offset) const {
        return "line " + std::to_string(line_column(model_.source.text, offset).line);
    }

    // Every declared or defined name, so that a later use can tell "unknown" from "used
    // before its definition"; a name given twice is an error at its second place. A name
    // that is also a constant (pi, e) is the node in this file: a warning says so.
    void collect_names() {
        std::set<std::string, std::less<>> all;  // every name of the file, for fresh_name
        for (const Statement& s : statements_)
            if (const Name* n = bound_name(s)) all.insert(n->text);
        for (const Statement& s : statements_) {
            const Name* n = bound_name(s);
            if (n == nullptr) continue;
            if (is_keyword(n->text))
                fail(n->offset, "'" + n->text + "' is a keyword", "a name that is not a keyword");
            auto [it, fresh] = first_offset_.try_emplace(n->text, n->offset);
            if (!fresh) redefinition(s, *n, it->second, all);
            if (fresh && find_math_constant(n->text)) warn_shadowed_constant(*n);
        }
    }

    static const Name* bound_name(const Statement& s) {
        if (const auto* d = std::get_if<Declaration>(&s)) return &d->name;
        if (const auto* d = std::get_if<Definition>(&s)) return &d->name;
        return nullptr;
    }

    // `c = c + 1` (as Python allows): names are defined once, so the new value needs a
    // new name; the hint suggests one that the file does not use yet.
    [[noreturn]] void redefinition(const Statement& s, const Name& n, std::size_t first,
                                   const std::set<std::string, std::less<>>& all) const {
        const bool declared = std::holds_alternative<Declaration>(statements_[index_at(first)]);
        const std::string fresh = fresh_name(n.text, all);
        std::string hint;
        if (const auto* d = std::get_if<Definition>(&s))
            hint = "write " + fresh + rest_of_definition(*d) + " and use " + fresh + " in the lines after it";
        fail(n.offset,
             "'" + n.text + "' is already " + (declared ? "declared" : "defined") + " on " + line_of(first) +
                 ": names are defined once; call the new value '" + fresh + "'",
             {}, std::move(hint));
    }

    // The statement that binds the name at `offset`.
    std::size_t index_at(std::size_t offset) const {
        for (std::size_t i = 0; i < statements_.size(); ++i)
            if (const Name* n = bound_name(statements_[i]); n && n->offset == offset) return i;
        return 0;
    }

    // c → c2 (c3, … when taken); h1 → h1_2, so that the number does not run into the name's.
    static std::string fresh_name(const std::string& name, const std::set<std::string, std::less<>>& all) {
        const bool digit_end = !name.empty() && name.back() >= '0' && name.back() <= '9';
        for (int k = 2;; ++k) {
            std::string candidate = name + (digit_end ? "_" : "") + std::to_string(k);
            if (!all.contains(candidate) && !is_keyword(candidate)) return candidate;
        }
    }

    // " = c + 1" of the line `c = c + 1` (up to a comment, trimmed).
    std::string rest_of_definition(const Definition& d) const {
        const std::string& text = model_.source.text;
        std::size_t begin = d.name.offset + d.name.text.size();
        std::size_t end = text.find_first_of("#\r\n", begin);
        if (end == std::string::npos) end = text.size();
        while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
        return text.substr(begin, end - begin);
    }

    void warn_shadowed_constant(const Name& n) {
        const bool pi = find_math_constant(n.text) == MathConstant::Pi;
        model_.warnings.push_back(warning_line(
            model_.source, n.offset,
            "'" + n.text + "' names a node of this model, so " + n.text + " in this file is that node, not " +
                (pi ? "the constant pi = 3.14159… (rename the node to use pi)"
                    : "Euler's number e = 2.71828… (exp(1) is Euler's number)")));
    }

    void add(const Declaration& d) {
        if (d.matrix) return add_matrix(d);
        if (d.shape)
            fail(d.shape->offset, "a shape for the number " + d.value.text, {},
                 "a matrix's value is [1, 2; 3, 4] or an initialiser such as zeros");
        if (d.variation) {
            VariationGrid(model_.source, d);  // validates the clause
            model_.varied.push_back(VariedValue{d.name.text, d.value, *d.variation});
        }
        const Real value = real_value(d.value.text);
        const NameKind kind = name_kind(d.kind);
        Var<Real> node = kind == NameKind::Param ? model_.tape.variable(value, d.name.text)
                                                 : model_.tape.constant(value, d.name.text);
        enter(d.name, kind, node);
    }

    void add_matrix(const Declaration& d) {
        if (d.variation) fail(d.variation->offset, "vary is for numbers, not matrices");
        const Matrix<Real> value = declared_matrix(d, model_.source, directory());
        const NameKind kind = name_kind(d.kind);
        const Mat<Real> node = kind == NameKind::Param ? model_.tape.variable(value, d.name.text)
                                                       : model_.tape.constant(value, d.name.text);
        model_.names.emplace(d.name.text, ModelName{kind, d.name.offset, {}, node});
        model_.order.push_back(d.name.text);
    }

    std::filesystem::path directory() const {
        if (model_.source.name.empty() || model_.source.name.front() == '<') return ".";
        return std::filesystem::path(model_.source.name).parent_path();
    }

    void add(const Definition& d) {
        const ValueResolver values = [&](const ExprNode& n) { return resolve_value(n, d); };
        // pi and e are the constants unless this file names a node so (anywhere in it).
        const ExprNode expression =
            bind_constants(d.expression, [this](std::string_view name) { return first_offset_.contains(name); });
        const NameResolver resolve = [&](const ExprNode& n) { return resolve_name(n, d); };
        const RangeWatch range;  // an underflowed 0 or overflowed ∞ is not the node's value
        ModelValue value;
        try {
            value = reads_matrix(expression, values) ? record_value(model_.tape, expression, model_.source, values)
                                                     : ModelValue(record_expression(model_.tape, expression,
                                                                                    model_.source, resolve));
        } catch (const LangError&) {
            throw;
        } catch (const std::exception& e) {
            fail(d.name.offset, "cannot evaluate '" + d.name.text + "': " + e.what());
        }
        if (Var<Real>* node = std::get_if<Var<Real>>(&value)) return enter_scalar(d, *node, range);
        // A 1×1 result (xᵀ A x) is a scalar, as in MATLAB: its only entry, as a scalar node.
        const Mat<Real> m = std::get<Mat<Real>>(value);
        if (m.rows() == 1 && m.cols() == 1) return enter_scalar(d, sum(m), range);
        enter_matrix(d, m, range);
    }

    void enter_scalar(const Definition& d, Var<Real> node, const RangeWatch& range) {
        // `y = x` would rename x: an alias gets a node of its own (x·1, which prints as x).
        if (!node.name().empty()) node = node * model_.tape.constant(Real(1));
        if (range_artefact(node.value(), range.exceeded()))
            fail(d.name.offset, "the value of '" + d.name.text + "' leaves the arithmetic's range: it underflows or "
                                    "overflows " + range_limit_text() + " and came out as " + node.value().str(), {},
                 "check the size of the inputs");
        if (!boost::multiprecision::isfinite(node.value()))
            fail(d.name.offset, "the value of '" + d.name.text + "' is not finite (" + node.value().str() + ")", {},
                 "check divisions and the domains of log, sqrt, asin, acos, …");
        node.named(d.name.text);
        enter(d.name, NameKind::Definition, node);
    }

    void enter_matrix(const Definition& d, Mat<Real> m, const RangeWatch& range) {
        if (!m.name().empty()) m = m * 1;  // `B = A` gets a node of its own
        const Matrix<Real> v = m.value();
        for (Eigen::Index k = 0; k < v.size(); ++k)
            if (range_artefact(v(k), range.exceeded()))
                fail(d.name.offset, "an entry of '" + d.name.text + "' leaves the arithmetic's range: it underflows or "
                                        "overflows " + range_limit_text(), {}, "check the size of the inputs");
        for (Eigen::Index k = 0; k < v.size(); ++k)
            if (!boost::multiprecision::isfinite(v(k)))
                fail(d.name.offset, "entry (" + std::to_string(k % v.rows() + 1) + "," + std::to_string(k / v.rows() + 1) +
                                        ") of '" + d.name.text + "' is not finite (" + v(k).str() + ")",
                     {}, "check divisions and the domains of log, sqrt, inv, …");
        m.named(d.name.text);
        model_.names.emplace(d.name.text, ModelName{NameKind::Definition, d.name.offset, {}, m});
        model_.order.push_back(d.name.text);
    }

    ModelValue resolve_value(const ExprNode& n, const Definition& d) const {
        if (auto it = model_.names.find(n.text); it != model_.names.end() && it->second.matrix)
            return *it->second.matrix;
        return resolve_name(n, d);
    }

    Var<Real> resolve_name(const ExprNode& n, const Definition& d) const {
        if (auto it = model_.names.find(n.text); it != model_.names.end()) {
            if (it->second.matrix)
                fail(n.offset, "'" + n.text + "' is a matrix (" + shape_text(it->second.matrix->shape()) + ")",
                     "a number here");
            return it->second.node;
        }
        const std::string expected = "a name declared or defined on an earlier line";
        if (n.text == d.name.text) fail(n.offset, "'" + n.text + "' is used in its own definition", expected);
        if (auto it = first_offset_.find(n.text); it != first_offset_.end())
            fail(n.offset, "'" + n.text + "' is used before its definition", expected,
                 "it is declared or defined on " + line_of(it->second) + "; move that line up");
        std::string hint = find_language_function(n.text) ? "'" + n.text + "' is a function: call it as " + n.text +
                                                                "(…)"
                                                          : did_you_mean(n.text, model_.order);
        fail(n.offset, "unknown name '" + n.text + "'", expected, std::move(hint));
    }

    void enter(const Name& name, NameKind kind, Var<Real> node) {
        model_.names.emplace(name.text, ModelName{kind, name.offset, node, std::nullopt});
        model_.order.push_back(name.text);
    }

    void add(const LabelDirective& l) {
        if (!first_offset_.contains(l.name.text))
            fail(l.name.offset, "unknown name '" + l.name.text + "'", "a name declared or defined in this file",
                 did_you_mean(l.name.text, all_names()));
        if (l.latex.find_first_not_of(" \t") == std::string::npos)
            fail(l.latex_offset, "empty label", "the LaTeX to print for '" + l.name.text + "', e.g. \"b_{1}\"");
        try {
            symbolic::validate_latex_label(l.latex);
        } catch (const std::invalid_argument& e) {
            std::string why = e.what();
            if (why.rfind("chainrule: ", 0) == 0) why.erase(0, 11);
            fail(l.latex_offset, "invalid label: " + why,
                 "ASCII letters, digits, _ ^ { }, Greek letters (α or \\alpha) and \\mathrm, \\hat, … "
                 "(docs/language.md)");
        }
        if (!model_.labels.emplace(l.name.text, l.latex).second)
            fail(l.name.offset, "'" + l.name.text + "' is labelled twice");
    }

    void add(const DeriveDirective& d) {
        if (derive_ != nullptr)
            fail(d.offset, "a second derive directive", {}, "the first is on " + line_of(derive_->offset));
        derive_ = &d;
    }

    void add(const LearningRateDirective& lr) {
        if (model_.learning_rate)
            fail(lr.offset, "a second lr directive", {}, "the first is on " + line_of(*lr_offset_));
        const Real value = real_value(lr.value.text);
        if (value <= 0) fail(lr.value.offset, "the learning rate must be positive", "a number greater than 0");
        model_.learning_rate = value;
        lr_offset_ = lr.offset;
    }

    void add(const CheckDirective& c) { model_.checks.push_back(c); }

    void add(const TitleDirective& t) {
        if (title_offset_)
            fail(t.offset, "a second title directive (the first is on " + line_of(*title_offset_) + ")", {},
                 "a file has one title: delete one of them");
        if (t.text.find_first_not_of(" \t") == std::string::npos)
            fail(t.text_offset, "empty title", "the title between the quotes, e.g. \"Exercise 3\"");
        check_title_text(t);
        model_.title = t.text;
        title_offset_ = t.offset;
    }

    // A title heads every output as it is (only escaped per format), so it must be
    // printable UTF-8: the first character that an error message would have to escape (a
    // control byte, a byte that is not UTF-8, a direction override, an invisible
    // character), or a tab, is an error at that character — in a file such a character is
    // a slip or a trick, and the sheet would show it as \x1b or a framed U+202E.
    void check_title_text(const TitleDirective& t) const {
        const std::string_view text = t.text;
        for (std::size_t i = 0; i < text.size();) {
            const std::string_view c = text.substr(i, utf8_length(text[i]));
            const std::string shown = symbolic::escape_text_for_message(c);
            const bool control = c.size() == 1 && (static_cast<unsigned char>(c[0]) < 0x20 || c[0] == 0x7f);
            if (shown != c || control) {
                const bool not_utf8 = !control && shown.rfind("\\x", 0) == 0;
                if (not_utf8)
                    fail(t.text_offset + i,
                         "byte '" + symbolic::escape_text_for_message(c.substr(0, 1)) + "' in the title is not UTF-8",
                         "text in UTF-8");
                fail(t.text_offset + i, "character '" + shown + "' is not allowed in a title",
                     "printable text (no control characters, direction overrides or invisible characters)");
            }
            i += c.size();
        }
    }

    // Bytes of the UTF-8 sequence a lead byte starts (1 for ASCII and for a byte that
    // starts none: escaping then shows it as \xHH).
    static std::size_t utf8_length(char lead) {
        const auto b = static_cast<unsigned char>(lead);
        if (b >= 0xF5 || b < 0xC2) return 1;
        return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    }

    std::vector<std::string> all_names() const {
        std::vector<std::string> out;
        for (const auto& [name, offset] : first_offset_) out.push_back(name);
        return out;
    }

    const ModelName& existing(const Name& n) const {
        auto it = model_.names.find(n.text);
        if (it == model_.names.end())
            fail(n.offset, "unknown name '" + n.text + "'", "a name declared or defined in this file",
                 did_you_mean(n.text, model_.order));
        return it->second;
    }

    void choose_output() {
        if (derive_ == nullptr) {
            for (const std::string& name : model_.order)
                if (model_.names.at(name).kind == NameKind::Definition) model_.output = name;
            return;
        }
        const ModelName& out = existing(derive_->output);
        if (out.kind != NameKind::Definition)
            fail(derive_->output.offset,
                 "'" + derive_->output.text + "' is " + std::string(kind_name(out.kind)) + ", not a definition",
                 "the name of a definition (name = expression) to derive");
        model_.output = derive_->output.text;
    }

    void check_wrt() {
        if (derive_ == nullptr) return;
        const std::vector<std::string> params = model_.params_of(*model_.output);
        for (const Name& w : derive_->wrt) {
            const ModelName& p = existing(w);
            if (p.kind != NameKind::Param)
                fail(w.offset, "'" + w.text + "' is " + std::string(kind_name(p.kind)) + ", not a param",
                     "a param (only params are differentiated)");
            if (std::find(model_.wrt.begin(), model_.wrt.end(), w.text) != model_.wrt.end())
                fail(w.offset, "'" + w.text + "' is listed twice");
            if (!std::binary_search(params.begin(), params.end(), w.text))
                fail(w.offset, "'" + *model_.output + "' does not depend on '" + w.text + "'",
                     "a param that the output depends on");
            model_.wrt.push_back(w.text);
        }
    }

    Model model_;
    std::vector<Statement> statements_;
    std::map<std::string, std::size_t, std::less<>> first_offset_;
    const DeriveDirective* derive_ = nullptr;
    std::optional<std::size_t> lr_offset_;
    std::optional<std::size_t> title_offset_;
};

}  // namespace

std::string_view kind_name(NameKind kind) {
    switch (kind) {
        case NameKind::Input: return "an input";
        case NameKind::Target: return "a target";
        case NameKind::Param: return "a param";
        case NameKind::Const: return "a const";
        case NameKind::Definition: break;
    }
    return "a definition";
}

const ModelName& Model::at(std::string_view name) const {
    auto it = names.find(name);
    if (it == names.end()) throw std::out_of_range("chainrule::lang: the model has no name '" + std::string(name) + "'");
    return it->second;
}

std::vector<std::string> Model::params() const {
    std::vector<std::string> out;
    for (const std::string& name : order)
        if (names.at(name).kind == NameKind::Param) out.push_back(name);
    return out;
}

bool Model::has_matrices() const {
    return tape.matrix_store() != nullptr && tape.matrix_store()->size() != 0;  // also an unnamed [1, 2] in a formula
}

void require_scalar_model(const Model& model, std::string_view command) {
    if (!model.has_matrices()) return;
    throw LangError(model.source.name, "this is a matrix model; `chainrule " + std::string(command) +
                                           "` works on scalar models (matrix models: worksheet, check, gradcheck)");
}

// The params are the tape's variables among the nodes the name's node reads (one walk
// down the tape; keeping every name's set instead grows with the square of a chain's
// length when each line reads a param of its own).
std::vector<std::string> Model::params_of(std::string_view name) const {
    const NodeIndex top = at(name).index();
    std::vector<bool> reads(top + 1, false);
    reads[top] = true;
    std::vector<std::string> out;
    for (NodeIndex i = top + 1; i-- > 0;) {
        if (!reads[i]) continue;
        const NodeRecord& r = tape.node(i);
        if (r.op == OpKind::Input || r.op == OpKind::MatInput) out.emplace_back(tape.name(i));
        if (arity(r.op) >= 1) reads[r.in0] = true;
        if (arity(r.op) == 2) reads[r.in1] = true;
    }
    std::sort(out.begin(), out.end());
    return out;
}

Model build_model(Program program) { return ModelBuilder(std::move(program)).build(); }

Model load_model_text(std::string text, std::string source_name) {
    return build_model(parse_program(Source{std::move(source_name), std::move(text)}));
}

Model record_again(const Model& model) { return load_model_text(model.source.text, model.source.name); }

Model load_model_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw LangError(path.string(), "cannot read the file: it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw LangError(path.string(), std::string("cannot read the file: ") + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw LangError(path.string(), "cannot read the file: read error");
    return load_model_text(std::move(text).str(), path.string());
}

bool is_keyword(std::string_view name) {
    return std::find(kKeywords.begin(), kKeywords.end(), name) != kKeywords.end();
}

}  // namespace chainrule::lang
