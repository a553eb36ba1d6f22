#pragma once
/// \file parser.hpp
/// Parsing the .chain language and the command-line mini-languages into ast.hpp.
/// Syntax only: names, arities and values are checked later (model.hpp, recorder.hpp).
/// Every function throws LangError (file:line:col, what was found, what was expected)
/// on malformed input, and nothing else for any input: the parser is fuzzed.
///
/// The grammar (docs/language.md has it with examples):
///
///     program     = { line } ;
///     line        = [ statement ] [ comment ] newline ;
///     statement   = declaration | definition | label | derive | lr | check | title ;
///     declaration = ("input" | "target" | "param" | "const") binding { "," binding } ;
///     binding     = name "=" [ "+" | "-" ] number ;
///     definition  = name "=" expression ;
///     label       = "label" name '"' latex '"' ;
///     derive      = "derive" name [ "wrt" name { "," name } ] ;
///     lr          = "lr" number ;
///     check       = "check" claim ;                  (raw text up to a '#' or the line end)
///     title       = "title" '"' text '"' ;           (any bytes but '"' and the line end)
///     expression  = product { ("+" | "-") product } ;
///     product     = unary { ("*" | "/") unary } ;
///     unary       = ("+" | "-") unary | power ;
///     power       = atom [ ("^" | "**") unary ] ;    (right-associative)
///     atom        = number | name "(" [ expression { "," expression } ] ")" | name
///                 | "(" expression ")" ;
///     number      = ( digits [ "." digits ] | "." digits ) [ ("e" | "E") [ "+" | "-" ] digits ] ;
///     name        = letter_or_underscore { letter_or_underscore | digit } ;  (not a keyword)

#include "ast.hpp"
#include "diagnostic.hpp"

#include <vector>

namespace chainrule::lang {

/// A parsed .chain file: its source (kept for messages of later stages) and statements.
struct Program {
    Source source;
    std::vector<Statement> statements;
};

/// Parses a whole .chain text.
Program parse_program(Source source);

/// Parses one expression (the EXPR of `chainrule grad|diff|descend`).
ExprNode parse_expression(const Source& source);

/// Parses `x=3, y=1` (possibly empty).
std::vector<Binding> parse_bindings(const Source& source);

/// Parses `J < 0.01`, `J <= 1e-6`, `|grad| < 1e-8`.
Condition parse_condition(const Source& source);

/// Parses one signed number (the value of --lr).
NumberText parse_number(const Source& source);

/// Parses the claim of a `check` line: `length` bytes of source.text from `offset` (a
/// CheckDirective's text_offset and text size), so that errors point into the file.
///     claim = ( "d" name "/" "d" name | name "+" | name ) "=" expression [ "lr" ["="] number ] ;
/// ("∂" may stand for "d"; `dA/dB` is read as a derivative, even if a node is called dA.)
ClaimSyntax parse_claim(const Source& source, std::size_t offset, std::size_t length);

/// The rows of a matrix literal [1, 2; 3, 4] (an ExprNode of kind Matrix), as written.
std::vector<std::vector<NumberText>> literal_rows(const ExprNode& literal);

/// Longest number literal accepted (characters), and largest decimal exponent.
inline constexpr std::size_t kMaxNumberLength = 100;
inline constexpr int kMaxDecimalExponent = 9999;

}  // namespace chainrule::lang
