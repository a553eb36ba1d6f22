// Actions of the grammar: each builds a piece of the AST as soon as the rule it is
// attached to has matched. Only rules that commit (everything after them is must<>)
// carry actions, so a failed alternative never leaves half a node behind.
#include "parser.hpp"

#include "grammar.hpp"

#include <algorithm>
#include <utility>

namespace chainrule::lang {

namespace {

namespace pg = tao::pegtl;
namespace gr = grammar;

struct CallFrame {
    std::string name;
    std::size_t offset;
    std::size_t first_operand;
};

struct ParserState {
    explicit ParserState(const Source& s) : source(s) {}

    const Source& source;
    // expressions: an operand stack, the pending operators and the open calls
    std::vector<ExprNode> operands;
    std::vector<std::pair<char, std::size_t>> ops;
    std::vector<CallFrame> calls;
    std::size_t matrix_first = 0;  ///< the open matrix literal's first operand
    bool next_row = false;         ///< a ';' came before the next matrix entry
    // statements
    DeclarationKind kind = DeclarationKind::Input;
    Name name;
    NumberText number;
    std::optional<Variation> variation;
    std::optional<ShapeSyntax> shape;
    std::optional<MatrixValue> matrix;
    std::vector<Name> names;
    std::string text;  ///< a label's LaTeX, a check's claim or a title
    std::size_t text_offset = 0;
    std::vector<Statement> statements;
    std::vector<Binding> bindings;
    Condition condition;
    ClaimSyntax claim;

    ExprNode pop() {
        ExprNode n = std::move(operands.back());
        operands.pop_back();
        return n;
    }
};

template <class ActionInput>
std::size_t offset_of(const ActionInput& in) {
    return in.position().byte;
}

// A number literal that is well formed but out of the language's limits.
void check_number(const ParserState& s, std::string_view text, std::size_t offset) {
    if (text.size() > kMaxNumberLength)
        throw LangError(s.source, offset, "number too long (" + std::to_string(text.size()) + " characters)",
                        "at most " + std::to_string(kMaxNumberLength) + " characters");
    const auto e = text.find_first_of("eE");
    if (e == std::string_view::npos) return;
    std::string_view digits = text.substr(e + 1);
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
    digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size()));
    if (digits.size() > 4 || (digits.size() == 4 && std::stoi(std::string(digits)) > kMaxDecimalExponent))
        throw LangError(s.source, offset, "exponent out of range in " + std::string(text),
                        "a decimal exponent between -" + std::to_string(kMaxDecimalExponent) + " and " +
                            std::to_string(kMaxDecimalExponent));
}

template <class ActionInput>
NumberText number_text(const ActionInput& in, const ParserState& s) {
    NumberText n{in.string(), offset_of(in)};
    check_number(s, n.text, n.offset);
    return n;
}

// lhs (op) rhs, where lhs may already be an n-ary node of the same kind.
void combine(ParserState& s, ExprNode::Kind kind, char first_op) {
    const char op = s.ops.back().first;
    s.ops.pop_back();
    ExprNode rhs = s.pop();
    ExprNode& lhs = s.operands.back();
    if (lhs.kind != kind || kind == ExprNode::Kind::Power) {
        ExprNode node{kind, lhs.offset, {}, {}, {first_op}};
        node.operands.push_back(std::move(lhs));
        lhs = std::move(node);
    }
    lhs.operands.push_back(std::move(rhs));
    lhs.ops.push_back(op);
}

template <class Rule>
struct action : pg::nothing<Rule> {};

// Shared actions: a name, a number or an operator, remembered for the enclosing rule.
struct store_name {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.name = Name{in.string(), offset_of(in)}; }
};
struct store_number {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.number = number_text(in, s); }
};
// The operator's char in ExprNode::ops: ** is ^; .* ./ .^ are kHadamard, … (ast.hpp).
struct store_operator {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        const std::string text = in.string();
        char op = text.front();
        if (text == "**") op = '^';
        if (text == ".*") op = kHadamard;
        if (text == "./") op = kElementwiseDivide;
        if (text == ".^") op = kElementwisePower;
        s.ops.emplace_back(op, offset_of(in));
    }
};

// ----------------------------------------------------------------- expressions
template <>
struct action<gr::number> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        NumberText n = number_text(in, s);
        s.operands.push_back(ExprNode{ExprNode::Kind::Number, n.offset, std::move(n.text), {}, {}});
    }
};

template <>
struct action<gr::variable> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.operands.push_back(ExprNode{ExprNode::Kind::Name, offset_of(in), in.string(), {}, {}});
    }
};

template <>
struct action<gr::call_head> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        std::string text = in.string();
        text.erase(text.find_first_of(" \t("));
        s.calls.push_back({std::move(text), offset_of(in), s.operands.size()});
    }
};

template <>
struct action<gr::call> {
    template <class In>
    static void apply(const In&, ParserState& s) {
        CallFrame frame = std::move(s.calls.back());
        s.calls.pop_back();
        ExprNode node{ExprNode::Kind::Call, frame.offset, std::move(frame.name), {}, {}};
        const auto first = s.operands.begin() + static_cast<std::ptrdiff_t>(frame.first_operand);
        node.operands.assign(std::make_move_iterator(first), std::make_move_iterator(s.operands.end()));
        s.operands.erase(first, s.operands.end());
        s.operands.push_back(std::move(node));
    }
};

template <>
struct action<gr::matrix_open> {
    template <class In>
    static void apply(const In&, ParserState& s) {
        s.matrix_first = s.operands.size();
        s.next_row = false;
    }
};
template <>
struct action<gr::row_separator> {
    template <class In>
    static void apply(const In&, ParserState& s) { s.next_row = true; }
};
template <>
struct action<gr::matrix_entry> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        NumberText n = number_text(in, s);
        const bool first = s.operands.size() == s.matrix_first;
        s.operands.push_back(ExprNode{ExprNode::Kind::Number, n.offset, std::move(n.text), {}, {}});
        s.ops.emplace_back(first ? ',' : std::exchange(s.next_row, false) ? ';' : ',', n.offset);
    }
};
// The entries (and their ',' / ';' marks) become one Matrix node.
template <>
struct action<gr::matrix_literal> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        ExprNode node{ExprNode::Kind::Matrix, offset_of(in), {}, {}, {}};
        const std::size_t count = s.operands.size() - s.matrix_first;
        const auto first = s.operands.begin() + static_cast<std::ptrdiff_t>(s.matrix_first);
        node.operands.assign(std::make_move_iterator(first), std::make_move_iterator(s.operands.end()));
        s.operands.erase(first, s.operands.end());
        for (auto it = s.ops.end() - static_cast<std::ptrdiff_t>(count); it != s.ops.end(); ++it)
            node.ops.push_back(it->first);
        s.ops.resize(s.ops.size() - count);
        s.operands.push_back(std::move(node));
    }
};
template <>
struct action<gr::transpose_mark> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        (void)in;
        if (s.operands.back().kind == ExprNode::Kind::Transpose) {  // A'' is A: no nesting, however many marks
            ExprNode inner = std::move(s.operands.back().operands.front());
            s.operands.back() = std::move(inner);
            return;
        }
        ExprNode node{ExprNode::Kind::Transpose, s.operands.back().offset, {}, {}, {}};
        node.operands.push_back(s.pop());
        s.operands.push_back(std::move(node));
    }
};

template <> struct action<gr::mul_op> : store_operator {};
template <> struct action<gr::add_op> : store_operator {};
template <> struct action<gr::pow_op> : store_operator {};

template <>
struct action<gr::sum_tail> {
    template <class In>
    static void apply(const In&, ParserState& s) { combine(s, ExprNode::Kind::Sum, '+'); }
};
template <>
struct action<gr::product_tail> {
    template <class In>
    static void apply(const In&, ParserState& s) { combine(s, ExprNode::Kind::Product, '*'); }
};
template <>
struct action<gr::power_tail> {
    template <class In>
    static void apply(const In&, ParserState& s) { combine(s, ExprNode::Kind::Power, '^'); }
};

template <>
struct action<gr::negation> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        if (in.peek_char() == '+') return;  // unary plus: the operand itself
        ExprNode node{ExprNode::Kind::Negate, offset_of(in), {}, {}, {}};
        node.operands.push_back(s.pop());
        s.operands.push_back(std::move(node));
    }
};

// ----------------------------------------------------------------- statements
template <>
struct action<gr::declaration_keyword> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        const std::string k = in.string();
        s.kind = k == "input"    ? DeclarationKind::Input
                 : k == "target" ? DeclarationKind::Target
                 : k == "param"  ? DeclarationKind::Param
                                 : DeclarationKind::Const;
    }
};

template <> struct action<gr::declared_name> : store_name {};
template <> struct action<gr::declared_value> : store_number {};
template <>
struct action<gr::vary_low> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.variation.emplace().low = number_text(in, s); }
};
template <>
struct action<gr::vary_high> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.variation->high = number_text(in, s); }
};
template <>
struct action<gr::vary_step> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.variation->step = number_text(in, s); }
};
template <>
struct action<gr::variation> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.variation->offset = offset_of(in);
        s.variation->end = offset_of(in) + in.size();
    }
};
template <>
struct action<gr::shape_open> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.shape.emplace().offset = offset_of(in); }
};
template <>
struct action<gr::shape_rows> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.shape->rows = number_text(in, s); }
};
template <>
struct action<gr::shape_cols> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.shape->cols = number_text(in, s); }
};
// A declared literal: the Matrix node the expression actions built, as rows of numbers.
template <>
struct action<gr::declared_matrix> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        MatrixValue& m = s.matrix.emplace();
        m.offset = offset_of(in);
        m.rows = literal_rows(s.pop());
    }
};
template <>
struct action<gr::initialiser_name> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        MatrixValue& m = s.matrix.emplace();
        m.offset = offset_of(in);
        m.initialiser = Name{in.string(), offset_of(in)};
    }
};
template <>
struct action<gr::seed_value> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        if (s.matrix->seed)
            throw LangError(s.source, offset_of(in), "a second seed", {}, "an initialiser takes one seed N");
        s.matrix->seed = number_text(in, s);
    }
};
template <>
struct action<gr::file_text> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        if (s.matrix->file)
            throw LangError(s.source, offset_of(in), "a second file name", {}, "load takes one file: load(\"x.csv\")");
        s.matrix->file = NumberText{in.string(), offset_of(in)};
    }
};
template <>
struct action<gr::initialiser_number> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.matrix->arguments.push_back(number_text(in, s)); }
};
template <>
struct action<gr::declaration_binding> {
    template <class In>
    static void apply(const In&, ParserState& s) {
        s.statements.emplace_back(Declaration{s.kind, std::move(s.name), std::exchange(s.number, {}),
                                              std::exchange(s.variation, std::nullopt),
                                              std::exchange(s.shape, std::nullopt),
                                              std::exchange(s.matrix, std::nullopt)});
    }
};

template <> struct action<gr::defined_name> : store_name {};
template <>
struct action<gr::definition> {
    template <class In>
    static void apply(const In&, ParserState& s) {
        s.statements.emplace_back(Definition{std::move(s.name), s.pop()});
    }
};

template <> struct action<gr::label_name> : store_name {};
template <>
struct action<gr::label_text> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.text = in.string();
        s.text_offset = offset_of(in);
    }
};
template <>
struct action<gr::label_statement> {
    template <class In>
    static void apply(const In&, ParserState& s) {
        s.statements.emplace_back(LabelDirective{std::move(s.name), std::move(s.text), s.text_offset});
    }
};

template <> struct action<gr::derive_output> : store_name {};
template <>
struct action<gr::wrt_name> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.names.push_back(Name{in.string(), offset_of(in)}); }
};
template <>
struct action<gr::derive_statement> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.statements.emplace_back(DeriveDirective{offset_of(in), std::move(s.name), std::move(s.names)});
        s.names.clear();
    }
};

template <> struct action<gr::learning_rate> : store_number {};
template <>
struct action<gr::lr_statement> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.statements.emplace_back(LearningRateDirective{offset_of(in), std::move(s.number)});
    }
};

template <>
struct action<gr::claim_text> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.text = in.string();
        s.text.erase(s.text.find_last_not_of(" \t") + 1);
        s.text_offset = offset_of(in);
    }
};
template <>
struct action<gr::check_statement> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.statements.emplace_back(CheckDirective{offset_of(in), std::move(s.text), s.text_offset});
    }
};

template <>
struct action<gr::title_text> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.text = in.string();
        s.text_offset = offset_of(in);
    }
};
template <>
struct action<gr::title_statement> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.statements.emplace_back(TitleDirective{offset_of(in), std::move(s.text), s.text_offset});
    }
};

// ----------------------------------------------------------------- command-line inputs
template <> struct action<gr::binding_name> : store_name {};
template <> struct action<gr::binding_value> : store_number {};
template <>
struct action<gr::binding> {
    template <class In>
    static void apply(const In&, ParserState& s) {
        s.bindings.push_back(Binding{std::move(s.name), std::move(s.number)});
    }
};

template <>
struct action<gr::quantity> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.condition.quantity = in.string() == "J" ? Condition::Quantity::Value : Condition::Quantity::GradientNorm;
    }
};
template <>
struct action<gr::comparison> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.condition.comparison = in.size() == 2 ? Condition::Comparison::LessEqual : Condition::Comparison::Less;
    }
};
template <>
struct action<gr::bound> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.condition.bound = number_text(in, s); }
};
template <> struct action<gr::lone_number> : store_number {};

// ----------------------------------------------------------------- claims
template <>
struct action<gr::claim_of> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.claim.kind = ClaimSyntax::Kind::Derivative;
        s.claim.of = Name{in.string(), offset_of(in)};
    }
};
template <>
struct action<gr::claim_wrt> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.claim.wrt = Name{in.string(), offset_of(in)}; }
};
// "^2", "2", "²" → "2": an order as digits (the reader checks it).
std::string order_digits(std::string_view text) {
    static constexpr std::string_view kSuperscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] >= '0' && text[i] <= '9') {
            out += text[i++];
            continue;
        }
        bool superscript = false;
        for (char d = 0; d < 10 && !superscript; ++d)
            if (text.substr(i).starts_with(kSuperscripts[static_cast<std::size_t>(d)])) {
                out += static_cast<char>('0' + d);
                i += kSuperscripts[static_cast<std::size_t>(d)].size();
                superscript = true;
            }
        if (!superscript) ++i;
    }
    return out;
}
template <class In>
Name order_name(const In& in) { return Name{order_digits(in.string()), offset_of(in)}; }

template <>
struct action<gr::claim_order> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.claim.kind = ClaimSyntax::Kind::HigherDerivative;
        s.claim.order = order_name(in);
    }
};
template <>
struct action<gr::second_of> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.claim.of = Name{in.string(), offset_of(in)}; }
};
template <>
struct action<gr::second_wrt> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.claim.wrt = Name{in.string(), offset_of(in)}; }
};
template <>
struct action<gr::second_wrt2> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.claim.wrt2 = Name{in.string(), offset_of(in)}; }
};
template <>
struct action<gr::claim_power> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.claim.power = order_name(in); }
};
template <>
struct action<gr::claim_power2> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.claim.power2 = order_name(in); }
};
template <>
struct action<gr::updated_name> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.claim.kind = ClaimSyntax::Kind::Update;
        s.claim.of = Name{in.string(), offset_of(in)};
    }
};
template <>
struct action<gr::valued_name> {
    template <class In>
    static void apply(const In& in, ParserState& s) {
        s.claim.kind = ClaimSyntax::Kind::Value;
        s.claim.of = Name{in.string(), offset_of(in)};
    }
};
template <>
struct action<gr::claim_lr_value> {
    template <class In>
    static void apply(const In& in, ParserState& s) { s.claim.learning_rate = number_text(in, s); }
};

// ----------------------------------------------------------------- driver
// Typographic characters people paste from papers, and what to type instead.
std::string hint_for(std::string_view token) {
    if (token == "'−'" || token == "'–'") return "use the ASCII minus '-'";
    if (token == "'×'" || token == "'·'" || token == "'∙'") return "use '*' for multiplication";
    if (token == "'÷'") return "use '/' for division";
    if (token == "'²'" || token == "'³'") return "write powers as x^2";
    if (token == "'π'") return "write pi for π";
    if (token == "'√'") return "write sqrt(x) for √x";
    return {};
}

// Parses bytes [begin, end) of source.text with Rule; positions are those of the whole text.
template <class Rule>
ParserState run(const Source& source, std::size_t begin = 0, std::size_t end = std::string::npos) {
    ParserState state(source);
    end = std::min(end, source.text.size());
    begin = std::min(begin, end);
    const char* text = source.text.data();
    pg::memory_input<pg::tracking_mode::eager, pg::eol::lf_crlf> in(text + begin, text + end, source.name, begin, 1, 1);
    try {
        pg::parse<Rule, action, gr::control>(in, state);
    } catch (const gr::nesting_error& e) {
        const std::size_t offset = e.positions().front().byte;
        throw LangError(source, offset, std::string(e.message()), {}, "name a part of it in a definition of its own");
    } catch (const pg::parse_error& e) {
        const std::size_t offset = e.positions().front().byte;
        // A part of a line (a claim) ends before the line does.
        const std::string token = offset >= end && end < source.text.size() && source.text[end] != '\n' &&
                                          source.text[end] != '\r'
                                      ? "end of the claim"
                                      : describe_token(source.text, offset);
        throw LangError(source, offset, "unexpected " + token, std::string(e.message()), hint_for(token));
    }
    return state;
}

}  // namespace

Program parse_program(Source source) {
    Program program{std::move(source), {}};
    program.statements = run<gr::program>(program.source).statements;
    return program;
}

ExprNode parse_expression(const Source& source) { return run<gr::expression_input>(source).pop(); }

std::vector<Binding> parse_bindings(const Source& source) { return run<gr::bindings_input>(source).bindings; }

Condition parse_condition(const Source& source) { return run<gr::condition_input>(source).condition; }

NumberText parse_number(const Source& source) { return run<gr::number_input>(source).number; }

std::vector<std::vector<NumberText>> literal_rows(const ExprNode& literal) {
    std::vector<std::vector<NumberText>> rows;
    for (std::size_t i = 0; i < literal.operands.size(); ++i) {
        if (i == 0 || literal.ops[i] == ';') rows.emplace_back();
        rows.back().push_back(NumberText{literal.operands[i].text, literal.operands[i].offset});
    }
    return rows;
}

ClaimSyntax parse_claim(const Source& source, std::size_t offset, std::size_t length) {
    ParserState s = run<gr::claim_input>(source, offset, offset + length);
    s.claim.claimed = s.pop();
    return std::move(s.claim);
}

}  // namespace chainrule::lang
