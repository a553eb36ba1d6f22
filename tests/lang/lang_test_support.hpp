#pragma once
// Helpers of the lang tests: expression trees as compact text, sources, parsing one line.
#include "lang/parser.hpp"

#include <string>

namespace lang_test {

using namespace chainrule::lang;

/// A fully parenthesised rendering: "(a + (b * c))", "(-(x ^ 2))", "max(a, b)".
inline std::string sexpr(const ExprNode& e) {
    using K = ExprNode::Kind;
    switch (e.kind) {
        case K::Number:
        case K::Name:
        case K::Constant: return e.text;
        case K::Negate: return "(-" + sexpr(e.operands[0]) + ")";
        case K::Power: return "(" + sexpr(e.operands[0]) + " ^ " + sexpr(e.operands[1]) + ")";
        case K::Call: {
            std::string out = e.text + "(";
            for (std::size_t i = 0; i < e.operands.size(); ++i) out += (i ? ", " : "") + sexpr(e.operands[i]);
            return out + ")";
        }
        case K::Transpose: return sexpr(e.operands[0]) + "'";
        case K::Matrix: {
            std::string out = "[";
            for (std::size_t i = 0; i < e.operands.size(); ++i)
                out += (i ? std::string(e.ops[i] == ';' ? "; " : ", ") : "") + e.operands[i].text;
            return out + "]";
        }
        case K::Sum:
        case K::Product: {
            std::string out = "(" + sexpr(e.operands[0]);
            for (std::size_t i = 1; i < e.operands.size(); ++i)
                out += std::string(" ") + e.ops[i] + " " + sexpr(e.operands[i]);
            return out + ")";
        }
    }
    return "?";
}

inline std::string parsed(const std::string& text) { return sexpr(parse_expression(Source{"expression", text})); }

inline Program program(const std::string& text) { return parse_program(Source{"test.chain", text}); }

}  // namespace lang_test
