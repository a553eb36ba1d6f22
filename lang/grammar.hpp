#pragma once
/// \file grammar.hpp
/// The PEGTL grammar of the .chain language and of the command-line mini-languages
/// (internal: included by parser.cpp only; docs/language.md has the grammar as EBNF).
///
/// Layout rules: a statement is one line; blanks are spaces and tabs; '#' starts a
/// comment that runs to the end of the line. Every `must<R>` names what was expected
/// through `expected<R>` below (a missing message is a compile-time error), so a syntax
/// error always says what would have been right.
///
/// Expression precedence, loosest first: + − (left), * / .* ./ (left), unary + −, ^ ** .^
/// (right-associative; the exponent may carry a sign: 2^-1), the postfix transpose ' and
/// .', atoms (numbers, names, calls, parentheses, matrix literals). All recursion goes through `unary`, which limits the nesting
/// depth, so no input can exhaust the stack.

#include <tao/pegtl.hpp>

#include <cstddef>

namespace chainrule::lang::grammar {

namespace pg = tao::pegtl;

/// Deepest nesting of parentheses, signs, exponents and calls in one expression.
inline constexpr std::size_t kMaxNesting = 200;

/// Thrown (as a parse_error) when an expression nests deeper than kMaxNesting.
struct nesting_error : pg::parse_error {
    using pg::parse_error::parse_error;
};

// ------------------------------------------------------------------ lexical
struct blank : pg::one<' ', '\t'> {};
struct blanks : pg::star<blank> {};
struct comment : pg::seq<pg::one<'#'>, pg::star<pg::not_one<'\r', '\n'>>> {};
struct identifier : pg::identifier {};

struct digits : pg::plus<pg::digit> {};
struct fraction_digits : digits {};
// A '.' followed by another is not a fraction: `vary 1..3` is the range 1 to 3; nor is one
// that starts an element-wise operator or a transpose: 2.*A is 2 .* A, A.' is A'.
struct fraction
    : pg::seq<pg::one<'.'>, pg::not_at<pg::one<'.', '*', '/', '^', '\''>>, pg::must<fraction_digits>> {};
struct exponent_digits : digits {};
struct exponent : pg::seq<pg::one<'e', 'E'>, pg::opt<pg::one<'+', '-'>>, pg::must<exponent_digits>> {};
struct unsigned_number
    : pg::seq<pg::sor<pg::seq<digits, pg::opt<fraction>>, pg::seq<pg::one<'.'>, digits>>, pg::opt<exponent>> {};
struct sign : pg::one<'+', '-'> {};
struct signed_number : pg::seq<pg::opt<sign>, unsigned_number> {};

// ------------------------------------------------------------------ expressions
struct expression;
struct unary;

struct number : unsigned_number {};
struct variable : identifier {};
struct paren_open : pg::one<'('> {};
struct paren_close : pg::one<')'> {};
struct parenthesised : pg::seq<paren_open, blanks, pg::must<expression>, blanks, pg::must<paren_close>> {};
struct call_head : pg::seq<identifier, blanks, paren_open> {};
struct argument_separator : pg::seq<blanks, pg::one<','>, blanks> {};
struct call_close : pg::one<')'> {};
struct call
    : pg::seq<call_head, blanks, pg::opt<pg::list_must<expression, argument_separator>>, blanks, pg::must<call_close>> {
};
// A matrix literal [1, 2; 3, 4]: rows of signed numbers, entries by ',' and rows by ';'
// (MATLAB, Octave); on one line. Rows of different lengths are an error of model.cpp.
struct matrix_open : pg::one<'['> {};
struct matrix_entry : signed_number {};
struct entry_separator : pg::seq<blanks, pg::one<','>, blanks> {};
struct row_separator : pg::seq<blanks, pg::one<';'>, blanks> {};
struct matrix_row : pg::list_must<matrix_entry, entry_separator> {};
struct matrix_close : pg::one<']'> {};
struct matrix_literal : pg::seq<matrix_open, blanks, pg::must<matrix_row>, pg::star<row_separator, pg::must<matrix_row>>,
                                blanks, pg::must<matrix_close>> {};
struct atom : pg::sor<number, call, variable, parenthesised, matrix_literal> {};

// A' and A.' (postfix, binding tighter than ^: A'^2 is (A')^2).
struct transpose_mark : pg::sor<pg::one<'\''>, pg::string<'.', '\''>> {};
struct pow_op : pg::sor<pg::string<'*', '*'>, pg::one<'^'>, pg::string<'.', '^'>> {};
struct power_tail : pg::seq<blanks, pow_op, blanks, pg::must<unary>> {};
struct power : pg::seq<atom, pg::star<transpose_mark>, pg::opt<power_tail>> {};
struct negation : pg::seq<sign, blanks, pg::must<unary>> {};
struct unary_body : pg::sor<negation, power> {};

/// unary_body with a depth guard (the one recursive entry point of expressions).
struct unary {
    using rule_t = unary;
    using subs_t = pg::type_list<unary_body>;

    template <pg::apply_mode A, pg::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
        if (in.private_depth >= kMaxNesting)
            throw nesting_error("expression nested too deeply (more than 200 levels)", in);
        ++in.private_depth;
        struct Restore {
            std::size_t& depth;
            ~Restore() { --depth; }
        } restore{in.private_depth};
        return Control<unary_body>::template match<A, M, Action, Control>(in, st...);
    }
};

struct mul_op : pg::sor<pg::string<'.', '*'>, pg::string<'.', '/'>, pg::seq<pg::one<'*'>, pg::not_at<pg::one<'*'>>>,
                        pg::one<'/'>> {};
struct product_tail : pg::seq<blanks, mul_op, blanks, pg::must<unary>> {};
struct product : pg::seq<unary, pg::star<product_tail>> {};
struct add_op : pg::one<'+', '-'> {};
struct sum_tail : pg::seq<blanks, add_op, blanks, pg::must<product>> {};
struct expression : pg::seq<product, pg::star<sum_tail>> {};

// ------------------------------------------------------------------ statements
struct kw_input : TAO_PEGTL_KEYWORD("input") {};
struct kw_target : TAO_PEGTL_KEYWORD("target") {};
struct kw_param : TAO_PEGTL_KEYWORD("param") {};
struct kw_const : TAO_PEGTL_KEYWORD("const") {};
struct kw_label : TAO_PEGTL_KEYWORD("label") {};
struct kw_derive : TAO_PEGTL_KEYWORD("derive") {};
struct kw_wrt : TAO_PEGTL_KEYWORD("wrt") {};
struct kw_lr : TAO_PEGTL_KEYWORD("lr") {};
struct kw_check : TAO_PEGTL_KEYWORD("check") {};
struct kw_title : TAO_PEGTL_KEYWORD("title") {};
struct any_keyword
    : pg::sor<kw_input, kw_target, kw_param, kw_const, kw_label, kw_derive, kw_wrt, kw_lr, kw_check, kw_title> {};

/// The end of a statement of kind S (a comment may follow); S picks the message.
template <class S>
struct line_end : pg::seq<pg::opt<comment>, pg::eolf> {};
template <class S>
struct statement_end : pg::seq<blanks, pg::must<line_end<S>>> {};

struct list_separator : pg::seq<blanks, pg::one<','>, blanks> {};

struct declaration_keyword : pg::sor<kw_input, kw_target, kw_param, kw_const> {};
struct declared_name : identifier {};
struct declaration_equals : pg::one<'='> {};
struct declared_value : signed_number {};
// `vary 0.1..0.9 step 0.05` after a declared value: the grid an exercise draws that
// value from (lang/exercise.hpp). `vary` and `step` are keywords only here (step is
// also a function).
struct kw_vary : TAO_PEGTL_KEYWORD("vary") {};
struct kw_step : TAO_PEGTL_KEYWORD("step") {};
struct vary_low : signed_number {};
struct range_dots : pg::two<'.'> {};
struct vary_high : signed_number {};
struct vary_step_keyword : kw_step {};
struct vary_step : unsigned_number {};
struct variation : pg::seq<kw_vary, blanks, pg::must<vary_low>, blanks, pg::must<range_dots>, blanks,
                           pg::must<vary_high>, blanks, pg::must<vary_step_keyword>, blanks, pg::must<vary_step>> {};
// A matrix's declared shape, `W[2,1]`, and its value: a literal or an initialiser such as
// zeros, xavier(seed 1), uniform(-0.5, 0.5, seed 2), load("x.csv") (model.cpp checks the
// name and the arguments).
struct shape_open : pg::one<'['> {};
struct shape_rows : digits {};
struct shape_comma : pg::one<','> {};
struct shape_cols : digits {};
struct shape_close : pg::one<']'> {};
struct declared_shape : pg::seq<shape_open, blanks, pg::must<shape_rows>, blanks, pg::must<shape_comma>, blanks,
                                pg::must<shape_cols>, blanks, pg::must<shape_close>> {};
struct kw_seed : TAO_PEGTL_KEYWORD("seed") {};
struct seed_value : digits {};
struct initialiser_seed : pg::seq<kw_seed, blanks, pg::must<seed_value>> {};
struct file_open : pg::one<'"'> {};
struct file_text : pg::star<pg::not_one<'"', '\r', '\n'>> {};
struct file_close : pg::one<'"'> {};
struct initialiser_file : pg::seq<file_open, file_text, pg::must<file_close>> {};
struct initialiser_number : signed_number {};
struct initialiser_argument : pg::sor<initialiser_seed, initialiser_file, initialiser_number> {};
struct initialiser_name : identifier {};
struct initialiser_close : pg::one<')'> {};
struct initialiser
    : pg::seq<initialiser_name, pg::opt<blanks, pg::one<'('>, blanks,
                                        pg::opt<pg::list_must<initialiser_argument, argument_separator>>, blanks,
                                        pg::must<initialiser_close>>> {};
struct declared_matrix : pg::seq<matrix_literal> {};
struct any_declared_value : pg::sor<declared_value, declared_matrix, initialiser> {};
struct declaration_binding
    : pg::seq<declared_name, pg::opt<blanks, declared_shape>, blanks, pg::must<declaration_equals>, blanks,
              pg::must<any_declared_value>, pg::opt<blanks, variation>> {};
struct declaration : pg::seq<declaration_keyword, blanks, pg::must<declaration_binding>,
                             pg::star<list_separator, pg::must<declaration_binding>>, statement_end<declaration>> {};

struct defined_name : identifier {};
struct definition_equals : pg::one<'='> {};
struct definition : pg::seq<defined_name, blanks, pg::must<definition_equals>, blanks, pg::must<expression>,
                            statement_end<definition>> {};

struct label_name : identifier {};
struct label_open : pg::one<'"'> {};
struct label_text : pg::star<pg::not_one<'"', '\r', '\n'>> {};
struct label_close : pg::one<'"'> {};
struct label_string : pg::seq<label_open, label_text, pg::must<label_close>> {};
struct label_statement
    : pg::seq<kw_label, blanks, pg::must<label_name>, blanks, pg::must<label_string>, statement_end<label_statement>> {};

struct derive_output : identifier {};
struct wrt_name : identifier {};
struct wrt_clause : pg::seq<kw_wrt, blanks, pg::must<wrt_name>, pg::star<list_separator, pg::must<wrt_name>>,
                           statement_end<wrt_clause>> {};
struct derive_statement
    : pg::seq<kw_derive, blanks, pg::must<derive_output>, blanks, pg::sor<wrt_clause, statement_end<derive_statement>>> {};

struct learning_rate : unsigned_number {};
struct lr_statement : pg::seq<kw_lr, blanks, pg::must<learning_rate>, statement_end<lr_statement>> {};

// `title "…"`: any bytes but '"' and the line end between the quotes (model.cpp checks
// that they are printable UTF-8, as for a label's LaTeX).
struct title_open : pg::one<'"'> {};
struct title_text : pg::star<pg::not_one<'"', '\r', '\n'>> {};
struct title_close : pg::one<'"'> {};
struct title_string : pg::seq<title_open, title_text, pg::must<title_close>> {};
struct title_statement : pg::seq<kw_title, blanks, pg::must<title_string>, statement_end<title_statement>> {};

struct claim_text : pg::plus<pg::not_one<'#', '\r', '\n'>> {};
struct check_statement : pg::seq<kw_check, blanks, pg::must<claim_text>, pg::must<line_end<check_statement>>> {};

/// `lr = 3`: a keyword where a definition's name should be (reported at the keyword).
struct keyword_as_name : pg::seq<any_keyword, blanks, pg::one<'='>> {};
struct keyword_misuse : pg::seq<pg::at<keyword_as_name>, pg::raise<keyword_as_name>> {};

struct statement : pg::sor<keyword_misuse, declaration, label_statement, derive_statement, lr_statement,
                           check_statement, title_statement, definition> {};
struct empty_line : pg::seq<pg::opt<comment>, pg::eolf> {};
struct line : pg::seq<blanks, pg::sor<empty_line, pg::must<statement>>> {};
struct program : pg::seq<pg::opt<pg::utf8::bom>, pg::until<pg::eof, line>> {};

// ------------------------------------------------------------------ claims (`check` lines)
// A claim is parsed on its own, from the text the check statement kept:
//   dE/dw5 = 0.0818667051      out_h1 = 0.6456563062      w5+ = 0.45906664745 lr=0.5
// Lookaheads (at<>, which runs no actions) pick the kind before anything is stored.
struct claim_d : pg::sor<pg::one<'d'>, pg::utf8::one<0x2202>> {};  // d or ∂
struct claim_of : identifier {};
struct claim_wrt_d : claim_d {};
struct claim_wrt : identifier {};
struct claim_slash : pg::seq<blanks, pg::one<'/'>, blanks> {};
struct derivative_claim : pg::seq<pg::at<claim_d, identifier, claim_slash>, claim_d, claim_of, claim_slash,
                                  pg::must<claim_wrt_d>, pg::must<claim_wrt>> {};
// Second derivatives: d2E/dw5^2, d^2E/dw5^2, d²E/dw5², ∂²E/∂w1∂w5, d2E/dw1 dw5, d2E/dw1dw5
// (one identifier the reader splits at a 'd' into two of the model's names). The orders
// are kept as written and checked by the reader (d3E/…, dw5^3 are errors there).
struct claim_superscript : pg::utf8::one<0xB9, 0xB2, 0xB3, 0x2070, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079> {};
struct claim_order_text : pg::sor<pg::seq<pg::opt<pg::one<'^'>>, digits>, pg::plus<claim_superscript>> {};
struct claim_order : claim_order_text {};
struct claim_power : claim_order_text {};
struct claim_power2 : claim_order_text {};
struct second_of : identifier {};
struct second_wrt : identifier {};
struct second_wrt2 : identifier {};
struct second_wrt_tail : pg::seq<blanks, claim_d, pg::must<second_wrt2>, pg::opt<claim_power2>> {};
struct second_derivative_claim
    : pg::seq<pg::at<claim_d, claim_order_text, identifier, claim_slash>, claim_d, claim_order, second_of, claim_slash,
              pg::must<claim_wrt_d>, pg::must<second_wrt>, pg::opt<claim_power>, pg::opt<second_wrt_tail>> {};
struct updated_name : identifier {};
struct update_claim : pg::seq<pg::at<identifier, blanks, pg::one<'+'>>, updated_name, blanks, pg::one<'+'>> {};
struct valued_name : identifier {};
struct claimed_quantity : pg::sor<second_derivative_claim, derivative_claim, update_claim, valued_name> {};
struct claim_equals : pg::one<'='> {};
struct claim_lr_value : unsigned_number {};
struct claim_lr : pg::seq<kw_lr, blanks, pg::opt<pg::one<'='>, blanks>, pg::must<claim_lr_value>> {};
struct claim_end : pg::eof {};
struct claim_input : pg::seq<blanks, pg::must<claimed_quantity>, blanks, pg::must<claim_equals>, blanks,
                             pg::must<expression>, blanks, pg::opt<claim_lr>, blanks, pg::must<claim_end>> {};

// ------------------------------------------------------------------ command-line inputs
struct expression_end : pg::eof {};
struct expression_input : pg::seq<blanks, pg::must<expression>, blanks, pg::must<expression_end>> {};

struct binding_name : identifier {};
struct binding_equals : pg::one<'='> {};
struct binding_value : signed_number {};
struct binding : pg::seq<binding_name, blanks, pg::must<binding_equals>, blanks, pg::must<binding_value>> {};
struct bindings_end : pg::eof {};
struct bindings_input
    : pg::seq<blanks, pg::opt<pg::list_must<binding, list_separator>>, blanks, pg::must<bindings_end>> {};

struct quantity_value : TAO_PEGTL_KEYWORD("J") {};
struct quantity_gradient_norm : TAO_PEGTL_STRING("|grad|") {};
struct quantity : pg::sor<quantity_value, quantity_gradient_norm> {};
struct less_equal : TAO_PEGTL_STRING("<=") {};
struct less : pg::one<'<'> {};
struct comparison : pg::sor<less_equal, less> {};
struct bound : signed_number {};
struct condition_end : pg::eof {};
struct condition_input : pg::seq<blanks, pg::must<quantity>, blanks, pg::must<comparison>, blanks, pg::must<bound>,
                                 blanks, pg::must<condition_end>> {};

struct lone_number : signed_number {};
struct number_end : pg::eof {};
struct number_input : pg::seq<blanks, pg::must<lone_number>, blanks, pg::must<number_end>> {};

// ------------------------------------------------------------------ what each must<> expected
template <class Rule>
inline constexpr const char* expected = nullptr;

#define CHAINRULE_EXPECTED(rule, text) \
    template <>                        \
    inline constexpr const char* expected<rule> = text;

// A literal, not a named array: under -fsanitize=address GCC does not treat the address
// of an array as a constant expression in the static_assert below.
#define CHAINRULE_AN_EXPRESSION "an expression (a number, a name, a function call or '(')"
CHAINRULE_EXPECTED(fraction_digits, "digits after the decimal point")
CHAINRULE_EXPECTED(exponent_digits, "the digits of the exponent (as in 1e-3)")
CHAINRULE_EXPECTED(expression, CHAINRULE_AN_EXPRESSION)
CHAINRULE_EXPECTED(unary, CHAINRULE_AN_EXPRESSION)
CHAINRULE_EXPECTED(product, CHAINRULE_AN_EXPRESSION)
CHAINRULE_EXPECTED(paren_close, "an operator or ')'")
CHAINRULE_EXPECTED(call_close, "an operator, ',' or ')'")
CHAINRULE_EXPECTED(declaration_binding, "name = number (or a matrix: name = [1, 2; 3, 4])")
CHAINRULE_EXPECTED(declaration_equals, "'=' and the value (name = number)")
CHAINRULE_EXPECTED(declared_value, "a number (the declared value)")
CHAINRULE_EXPECTED(any_declared_value,
                   "a number, a matrix such as [1, 2; 3, 4], or an initialiser (zeros, ones, xavier(seed 1), "
                   "load(\"x.csv\"))")
CHAINRULE_EXPECTED(matrix_row, "a number (an entry of the matrix)")
CHAINRULE_EXPECTED(matrix_entry, "a number (an entry of the matrix)")
CHAINRULE_EXPECTED(matrix_close, "',' and an entry, ';' and the next row, or ']' (a matrix is [1, 2; 3, 4])")
CHAINRULE_EXPECTED(shape_rows, "the number of rows (a shape is [rows,cols], as W[2,1])")
CHAINRULE_EXPECTED(shape_comma, "',' and the number of columns (a shape is [rows,cols], as W[2,1])")
CHAINRULE_EXPECTED(shape_cols, "the number of columns (a shape is [rows,cols], as W[2,1])")
CHAINRULE_EXPECTED(shape_close, "']' closing the shape [rows,cols]")
CHAINRULE_EXPECTED(seed_value, "the seed, a whole number (xavier(seed 1))")
CHAINRULE_EXPECTED(file_close, "'\"' closing the file name on the same line")
CHAINRULE_EXPECTED(initialiser_argument, "a number, seed N or a file name in double quotes")
CHAINRULE_EXPECTED(initialiser_close, "',' and another argument, or ')'")
CHAINRULE_EXPECTED(line_end<declaration>, "',' and another name = number, 'vary', or the end of the line")
CHAINRULE_EXPECTED(vary_low, "a number (the low end of vary LOW..HIGH step STEP)")
CHAINRULE_EXPECTED(range_dots, "'..' (vary LOW..HIGH step STEP)")
CHAINRULE_EXPECTED(vary_high, "a number (the high end of vary LOW..HIGH step STEP)")
CHAINRULE_EXPECTED(vary_step_keyword, "'step' and the grid step (vary LOW..HIGH step STEP)")
CHAINRULE_EXPECTED(vary_step, "a positive number (the grid step of vary LOW..HIGH step STEP)")
CHAINRULE_EXPECTED(definition_equals, "'=' (a definition is: name = expression)")
CHAINRULE_EXPECTED(line_end<definition>, "an operator (+ - * / ^ ** .* ./ .^ ') or the end of the line")
CHAINRULE_EXPECTED(label_name, "the name to label")
CHAINRULE_EXPECTED(label_close, "'\"' closing the label on the same line")
CHAINRULE_EXPECTED(line_end<label_statement>, "the end of the line after the label")
CHAINRULE_EXPECTED(label_string, "the label in double quotes, e.g. \"b_{1}\"")
CHAINRULE_EXPECTED(derive_output, "the name of the output to derive")
CHAINRULE_EXPECTED(wrt_name, "a name (derive E wrt w1, w2)")
CHAINRULE_EXPECTED(line_end<wrt_clause>, "',' and another name, or the end of the line")
CHAINRULE_EXPECTED(line_end<derive_statement>, "'wrt' or the end of the line")
CHAINRULE_EXPECTED(learning_rate, "the learning rate, a positive number")
CHAINRULE_EXPECTED(line_end<lr_statement>, "the end of the line after the learning rate")
CHAINRULE_EXPECTED(title_string, "the title in double quotes, e.g. \"Exercise 3\"")
CHAINRULE_EXPECTED(title_close, "'\"' closing the title on the same line")
CHAINRULE_EXPECTED(line_end<title_statement>, "the end of the line after the title")
CHAINRULE_EXPECTED(claim_text, "the claim to check")
CHAINRULE_EXPECTED(line_end<check_statement>, "the end of the line")
CHAINRULE_EXPECTED(keyword_as_name,
                   "a name that is not a keyword (input, target, param, const, label, derive, wrt, lr, check, title)")
CHAINRULE_EXPECTED(statement,
                   "a declaration (input, target, param, const), a definition (name = expression) or a directive "
                   "(label, derive, lr, check, title)")
CHAINRULE_EXPECTED(claimed_quantity,
                   "what the claim is about: a name (out_h1), a derivative (dE/dw5, d2E/dw5^2) or an update (w5+)")
CHAINRULE_EXPECTED(second_wrt, "the name after 'd' (d2E/dw5^2)")
CHAINRULE_EXPECTED(second_wrt2, "the second name after 'd' (d2E/dw1 dw5)")
CHAINRULE_EXPECTED(claim_wrt_d, "'d' and a name after '/' (dE/dw5)")
CHAINRULE_EXPECTED(claim_wrt, "the name after 'd' (dE/dw5)")
CHAINRULE_EXPECTED(claim_equals, "'=' and the claimed number or formula")
CHAINRULE_EXPECTED(claim_lr_value, "the learning rate, a positive number (lr=0.5)")
CHAINRULE_EXPECTED(claim_end, "an operator, 'lr=' and the learning rate, or the end of the claim")
CHAINRULE_EXPECTED(expression_end, "an operator (+ - * / ^ **) or the end of the expression")
CHAINRULE_EXPECTED(binding_equals, "'=' and the value (name = number)")
CHAINRULE_EXPECTED(binding_value, "a number")
CHAINRULE_EXPECTED(binding, "name = number")
CHAINRULE_EXPECTED(bindings_end, "',' and another name = number, or the end")
CHAINRULE_EXPECTED(quantity, "J (the value) or |grad| (the gradient's norm)")
CHAINRULE_EXPECTED(comparison, "'<' or '<='")
CHAINRULE_EXPECTED(bound, "a number")
CHAINRULE_EXPECTED(condition_end, "the end of the condition")
CHAINRULE_EXPECTED(lone_number, "a number")
CHAINRULE_EXPECTED(number_end, "the end of the number")
#undef CHAINRULE_EXPECTED
#undef CHAINRULE_AN_EXPRESSION

/// Normal control, except that a failed must<R> throws a parse_error whose message is
/// expected<R> (what the input should have had at that point).
template <class Rule>
struct control : pg::normal<Rule> {
    template <class ParseInput, class... States>
    [[noreturn]] static void raise(const ParseInput& in, States&&...) {
        static_assert(expected<Rule> != nullptr, "every must<> of the grammar needs an expected<> message");
        throw pg::parse_error(expected<Rule>, in);
    }
};

}  // namespace chainrule::lang::grammar
