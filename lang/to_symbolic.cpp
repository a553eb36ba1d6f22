#include "to_symbolic.hpp"

#include "constants.hpp"
#include "functions.hpp"
#include "../symbolic/arithmetic.hpp"
#include "../symbolic/functions.hpp"

namespace chainrule::lang {

namespace {

using symbolic::Expr;

Expr convert(const ExprNode& e, const Source& source);

Expr call(const ExprNode& e, const Source& source) {
    const FunctionInfo f = resolve_call(e, source);
    std::vector<Expr> args;
    for (const ExprNode& a : e.operands) args.push_back(convert(a, source));
    switch (f.op) {
        case OpKind::Log:
            return args.size() == 1 ? symbolic::log(args[0]) : symbolic::log(args[0], args[1]);
        case OpKind::LeakyRelu:
            return symbolic::leaky_relu(args[0], args.size() == 2 ? args[1] : Expr::decimal(kDefaultLeakySlope));
        case OpKind::LogAddExp: return symbolic::logsumexp(std::move(args));
        default: break;
    }
    if (args.size() == 2) return apply_binary(f.op, args[0], args[1]);
    return apply_unary(f.op, args[0]);
}

Expr fold(const ExprNode& e, const Source& source) {
    Expr acc = convert(e.operands[0], source);
    for (std::size_t i = 1; i < e.operands.size(); ++i) {
        const Expr x = convert(e.operands[i], source);
        switch (e.ops[i]) {
            case '+': acc = acc + x; break;
            case '-': acc = acc - x; break;
            case '*':
            case kHadamard: acc = acc * x; break;
            default:
                if (symbolic::is_constant(x) && x.value() == 0)
                    throw LangError(source, e.operands[i].offset, "division by zero", "a divisor that is not 0");
                acc = acc / x;
        }
    }
    return acc;
}

Expr convert(const ExprNode& e, const Source& source) {
    switch (e.kind) {
        case ExprNode::Kind::Number: return Expr::decimal(e.text);
        case ExprNode::Kind::Name: return Expr::symbol(e.text);
        case ExprNode::Kind::Negate: return -convert(e.operands[0], source);
        case ExprNode::Kind::Sum:
        case ExprNode::Kind::Product: return fold(e, source);
        case ExprNode::Kind::Power: return symbolic::pow(convert(e.operands[0], source), convert(e.operands[1], source));
        case ExprNode::Kind::Call: return call(e, source);
        case ExprNode::Kind::Constant: return find_math_constant(e.text) == MathConstant::Pi ? symbolic::pi() : symbolic::e();
        case ExprNode::Kind::Transpose: return convert(e.operands[0], source);  // x' = x for a scalar
        case ExprNode::Kind::Matrix:
            throw LangError(source, e.offset, "a matrix here, where a number is needed", {},
                            "matrices belong in .chain models (docs/matrix.md)");
    }
    throw std::logic_error("chainrule::lang: unknown expression node");
}

}  // namespace

Expr to_symbolic(const ExprNode& expression, const Source& source) {
    try {
        return convert(expression, source);
    } catch (const std::invalid_argument& e) {  // e.g. 0^-1: the symbolic layer refuses it
        throw LangError(source, expression.offset, e.what());
    } catch (const std::domain_error& e) {
        throw LangError(source, expression.offset, e.what());
    }
}

}  // namespace chainrule::lang
