#pragma once
/// \file model.hpp
/// A .chain program recorded on a tape: the Model the worksheet and the claim checker
/// work from.
///
/// Recording follows the file line by line, in 50-digit arithmetic from the decimal text
/// of every number:
///   input / target / const  → tape.constant(value, name)   (no gradient)
///   param                   → tape.variable(value, name)   (differentiated)
///   name = expression       → the expression's node, named (see recorder.hpp)
/// A declaration with a matrix value (`param W[2,1] = [0.1; -0.2]`,
/// matrix_declarations.hpp) records a matrix leaf; a definition that reads a matrix is
/// recorded by matrix_recorder.hpp.
/// Semantic errors (unknown name, name defined twice, use before definition, wrong
/// arity, a value that is not finite, a bad label, derive of something that is not a
/// definition, a second or an empty title, a title with a control byte or invalid UTF-8,
/// …) are LangErrors at the offending character.

#include "../chainrule.hpp"
#include "ast.hpp"
#include "numbers.hpp"
#include "parser.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chainrule::lang {

enum class NameKind { Input, Target, Param, Const, Definition };

/// "input", "target", "param", "const", "definition".
std::string_view kind_name(NameKind kind);

struct ModelName {
    NameKind kind = NameKind::Input;
    std::size_t offset = 0;             ///< where it is declared or defined
    Var<Real> node;                     ///< its tape node, when a scalar (empty for a matrix)
    std::optional<Mat<Real>> matrix;    ///< its tape node, when a matrix

    NodeIndex index() const { return matrix ? matrix->index() : node.index(); }
};

/// A declared value with a `vary` clause (variation.hpp), as written.
struct VariedValue {
    std::string name;
    NumberText value;
    Variation variation;
};

struct Model {
    Source source;
    Tape<Real> tape;
    std::map<std::string, ModelName, std::less<>> names;
    std::vector<std::string> order;            ///< names in file order
    std::optional<std::string> output;         ///< what to derive: `derive`'s, else the last definition
    std::vector<std::string> wrt;              ///< `derive … wrt`'s list; empty: every param of the output
    std::map<std::string, std::string, std::less<>> labels;  ///< name → LaTeX (validated)
    std::optional<Real> learning_rate;         ///< `lr`
    std::vector<CheckDirective> checks;        ///< `check` claims, raw (not evaluated yet)
    std::vector<VariedValue> varied;           ///< declarations with `vary`, in file order (validated)
    /// `title "…"`: the title of the worksheet and of the claim report (the command line's
    /// --title replaces it). Printable UTF-8, not blank; renderers escape it per format.
    std::optional<std::string> title;
    /// "file:line:col: warning: …" lines: a node named pi or e (in this file that name is
    /// the node, not the constant). The CLI prints them on stderr.
    std::vector<std::string> warnings;

    /// The entry of a name; throws std::out_of_range when there is none.
    const ModelName& at(std::string_view name) const;
    /// True when the tape holds a matrix node (docs/matrix.md, "Matrix models in .chain"):
    /// such a model has worksheets in matrix form, matrix claims and gradient checks per
    /// entry; exercise refuses it.
    bool has_matrices() const;
    /// The params of the model, in file order.
    std::vector<std::string> params() const;
    /// The params a name's value depends on, sorted (walks the tape: O(its node index)).
    /// Throws std::out_of_range when there is no such name.
    std::vector<std::string> params_of(std::string_view name) const;
};

/// Records a parsed program. Throws LangError. A matrix's load("file") is read relative to
/// the folder of the program's source (the current folder for <stdin>).
Model build_model(Program program);

/// Throws LangError ("MODEL: error: … is a matrix model; `command` works on scalar models
/// (matrix models: worksheet, check, gradcheck)") when the model has matrices.
void require_scalar_model(const Model& model, std::string_view command);

/// Parses and records a .chain text named `source_name` in messages.
Model load_model_text(std::string text, std::string source_name);

/// The model recorded again from its source text at the current precision (a rung of the
/// precision ladder, precision/ladder.hpp): the same names on the same node indices.
Model record_again(const Model& model);

/// Reads, parses and records a .chain file. Throws LangError (also when the file cannot
/// be read: "FILE: error: cannot read the file: No such file or directory").
Model load_model_file(const std::filesystem::path& path);

/// True for the words the language reserves (input, target, param, const, label, derive,
/// wrt, lr, check, title).
bool is_keyword(std::string_view name);

}  // namespace chainrule::lang
