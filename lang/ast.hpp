#pragma once
/// \file ast.hpp
/// What the parser produces: expressions as trees (ExprNode) and a .chain program as
/// its statements in file order. Every node keeps the byte offset where it starts, so
/// that semantic errors point at the right character. Nothing here is evaluated yet:
/// model.hpp records a Program on a tape, recorder.hpp and to_symbolic.hpp turn
/// expressions into tape nodes or symbolic expressions.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace chainrule::lang {

/// An expression tree. Sums and products are n-ary (a − b + c is one Sum with signs
/// + − +), so that a long sum is a wide node, not a deep one; powers are binary and
/// right-associative (a^b^c = a^(b^c)); unary minus binds looser than ^ (−x^2 = −(x^2)).
struct ExprNode {
    enum class Kind : std::uint8_t {
        Number,   ///< text: the literal as written ("0.1", "2.5e-3")
        Name,     ///< text: the name
        Negate,   ///< operands: {x}
        Sum,      ///< operands: terms; ops: '+' or '-' before each term (the first is '+')
        Product,  ///< operands: factors; ops: '*' or '/' before each factor (the first is '*')
        Power,    ///< operands: {base, exponent}
        Call,     ///< text: the function name as written; operands: the arguments
        Constant, ///< text: "pi" or "e", a name that bind_constants (constants.hpp) found
                  ///< to mean the mathematical constant (the parser writes Name)
        Matrix,     ///< a literal [1, 2; 3, 4]: operands the entries row by row (Number nodes
                    ///< whose text keeps its sign, "-4"); ops: ',' before each entry of a row but the
                    ///< first of the literal, ';' before the first entry of every later row
        Transpose,  ///< A' (postfix): operands {A}; a scalar's transpose is the scalar; A'' is A
    };
    Kind kind = Kind::Number;
    std::size_t offset = 0;  ///< byte offset of the node's first character in its Source
    // (Product ops also hold kHadamard for .* and kElementwiseDivide for ./; a Power's
    // ops are {'^', '^'} for ^ and **, {'^', kElementwisePower} for .^. On scalars the
    // element-wise forms are the plain ones.)
    std::string text;
    std::vector<ExprNode> operands;
    std::vector<char> ops;
};

/// The element-wise operators in ExprNode::ops (MATLAB's .* ./ .^).
inline constexpr char kHadamard = 'H';
inline constexpr char kElementwiseDivide = 'Q';
inline constexpr char kElementwisePower = 'E';

/// A name as written, with its position.
struct Name {
    std::string text;
    std::size_t offset = 0;
};

/// A number as written (optionally signed), with its position.
struct NumberText {
    std::string text;
    std::size_t offset = 0;
};

enum class DeclarationKind : std::uint8_t { Input, Target, Param, Const };

/// `vary 0.1..0.9 step 0.05` after a declared value: the grid low, low + step, …, ≤ high
/// that an exercise draws the value from (exercise.hpp).
struct Variation {
    std::size_t offset = 0;  ///< of the keyword vary
    std::size_t end = 0;     ///< one past the step's last character
    NumberText low, high, step;
};

/// `[4,2]` after a declared name: the shape it must have (rows, columns).
struct ShapeSyntax {
    std::size_t offset = 0;  ///< of the '['
    NumberText rows, cols;
};

/// The value of a matrix declaration: a literal `[1, 2; 3, 4]` (rows of numbers as
/// written) or an initialiser `zeros`, `xavier(seed 1)`, `load("x.csv")` (its name and
/// arguments: numbers, `seed N`, a quoted file name), checked by model.cpp.
struct MatrixValue {
    std::size_t offset = 0;
    std::vector<std::vector<NumberText>> rows;  ///< the literal's entries (empty for an initialiser)
    Name initialiser;                           ///< empty for a literal
    std::vector<NumberText> arguments;          ///< numbers, in order
    std::optional<NumberText> seed;             ///< `seed N`
    std::optional<NumberText> file;             ///< the quoted file name (text without the quotes)
};

/// `input i1 = 0.1` (one per name: `input i1 = 0.1, i2 = 0.2` gives two), optionally
/// with a Variation; a matrix: `param W[2,1] = [0.1; -0.2]`, `input X = load("x.csv")`.
struct Declaration {
    DeclarationKind kind = DeclarationKind::Input;
    Name name;
    NumberText value;  ///< a scalar's value (empty for a matrix)
    std::optional<Variation> variation = {};
    std::optional<ShapeSyntax> shape = {};
    std::optional<MatrixValue> matrix = {};
};

/// `name = expression`.
struct Definition {
    Name name;
    ExprNode expression;
};

/// `label b_h "b_{1}"`: the LaTeX the worksheet prints for a name.
struct LabelDirective {
    Name name;
    std::string latex;
    std::size_t latex_offset = 0;  ///< offset of the text inside the quotes
};

/// `derive E wrt w5, w1` (the wrt list may be empty: every param).
struct DeriveDirective {
    std::size_t offset = 0;
    Name output;
    std::vector<Name> wrt;
};

/// `lr 0.5`: the learning rate of the worksheet's update section.
struct LearningRateDirective {
    std::size_t offset = 0;
    NumberText value;
};

/// `check <claim>`: a claim kept as raw text for a later checker (not evaluated).
struct CheckDirective {
    std::size_t offset = 0;       ///< offset of the keyword
    std::string text;             ///< the claim, trimmed, without a trailing # comment
    std::size_t text_offset = 0;  ///< offset of the claim's first character
};

/// `title "Übung 3"`: the title of the model's worksheet and claim report (the text
/// between the quotes, as written: checked by build_model, not here).
struct TitleDirective {
    std::size_t offset = 0;       ///< offset of the keyword
    std::string text;             ///< between the quotes
    std::size_t text_offset = 0;  ///< offset of the text's first byte
};

/// A parsed `check` claim: `out_h1 = 0.6456563062`, `dE/dw5 = -(o1 - out_o1)*…`,
/// `w5+ = 0.45906664745 lr=0.5`. Offsets are those of the .chain file.
struct ClaimSyntax {
    enum class Kind : std::uint8_t { Value, Derivative, Update, HigherDerivative };
    Kind kind = Kind::Value;
    Name of;           ///< N, A of dA/dB, or the updated parameter
    Name wrt;          ///< B of dA/dB (of d2A/dB^2, d2A/dB dC; d2A/dBdC: "BdC", split by the reader)
    /// A higher derivative's orders as written, digits only (² → "2"), at their offsets:
    /// `order` of d2A (empty for a first derivative), `power` of dB^2, `power2` of dC^2.
    Name order, power, power2;
    Name wrt2;         ///< C of d2A/dB dC, d2A/∂B∂C (written apart; empty otherwise)
    ExprNode claimed;  ///< a number (possibly negated) or a formula
    std::optional<NumberText> learning_rate;
};

using Statement = std::variant<Declaration, Definition, LabelDirective, DeriveDirective, LearningRateDirective,
                               CheckDirective, TitleDirective>;

/// `x=3, y=1` of --at and --from.
struct Binding {
    Name name;
    NumberText value;
};

/// `J < 0.01` of --until: a quantity, a comparison and a bound.
struct Condition {
    enum class Quantity : std::uint8_t { Value, GradientNorm };  ///< J, |grad|
    enum class Comparison : std::uint8_t { Less, LessEqual };
    Quantity quantity = Quantity::Value;
    Comparison comparison = Comparison::Less;
    NumberText bound;
};

}  // namespace chainrule::lang
