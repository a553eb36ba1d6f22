#include "recorder.hpp"

#include "constants.hpp"
#include "functions.hpp"
#include "../symbolic/rational.hpp"

#include <optional>

namespace chainrule::lang {

namespace {

/// A value during recording: an exact constant not yet on the tape, or a tape node
/// (`constant` says when that node is π or e).
struct Operand {
    std::optional<Rational> exact;
    Var<Real> node;
    MathConstant constant = MathConstant::None;
};

class Recorder {
public:
    Recorder(Tape<Real>& tape, const Source& source, const NameResolver& resolve)
        : tape_(tape), source_(source), resolve_(resolve) {}

    Operand eval(const ExprNode& e) {
        switch (e.kind) {
            case ExprNode::Kind::Number: return constant(exact_value(e.text));
            case ExprNode::Kind::Name: return {std::nullopt, resolve_(e)};
            case ExprNode::Kind::Negate: return negate(eval(e.operands[0]));
            case ExprNode::Kind::Sum: return sum(e);
            case ExprNode::Kind::Product: return product(e);
            case ExprNode::Kind::Power: return power(eval(e.operands[0]), eval(e.operands[1]));
            case ExprNode::Kind::Call: return call(e);
            case ExprNode::Kind::Constant: return math_constant(e);
            case ExprNode::Kind::Transpose: return eval(e.operands[0]);  // x' = x for a scalar
            case ExprNode::Kind::Matrix:
                throw LangError(source_, e.offset, "a matrix here, where a number is needed", {},
                                "matrices belong in .chain models (docs/matrix.md)");
        }
        throw std::logic_error("chainrule::lang: unknown expression node");
    }

    Var<Real> node(const Operand& x) {
        return x.exact ? tape_.constant(short_decimal_to_real(*x.exact)) : x.node;
    }

private:
    static Operand constant(Rational r) { return {std::move(r), {}}; }

    // Folds an exact result when it stays a short decimal; else records `op` on nodes.
    template <class Exact, class Recorded>
    Operand fold_or_record(const Operand& a, const Operand& b, Exact exact, Recorded recorded) {
        if (a.exact && b.exact)
            if (std::optional<Rational> r = exact(*a.exact, *b.exact); r && is_short_decimal(*r)) return constant(*r);
        return {std::nullopt, recorded(node(a), node(b))};
    }

    Operand negate(const Operand& x) {
        if (x.exact) return constant(-*x.exact);
        return {std::nullopt, -x.node};
    }

    Operand sum(const ExprNode& e) {
        Operand acc = eval(e.operands[0]);
        for (std::size_t i = 1; i < e.operands.size(); ++i) {
            const Operand x = eval(e.operands[i]);
            if (e.ops[i] == '+')
                acc = fold_or_record(acc, x, [](auto& a, auto& b) { return std::optional(Rational(a + b)); },
                                     [](auto a, auto b) { return a + b; });
            else
                acc = fold_or_record(acc, x, [](auto& a, auto& b) { return std::optional(Rational(a - b)); },
                                     [](auto a, auto b) { return a - b; });
        }
        return acc;
    }

    Operand product(const ExprNode& e) {
        Operand acc = eval(e.operands[0]);
        for (std::size_t i = 1; i < e.operands.size(); ++i) {
            const Operand x = eval(e.operands[i]);
            if (e.ops[i] == '*' || e.ops[i] == kHadamard) {  // .* of scalars is *
                acc = fold_or_record(acc, x, [](auto& a, auto& b) { return std::optional(Rational(a * b)); },
                                     [](auto a, auto b) { return a * b; });
                continue;
            }
            if (x.exact && *x.exact == 0)
                throw LangError(source_, e.operands[i].offset, "division by zero", "a divisor that is not 0");
            acc = fold_or_record(acc, x, [](auto& a, auto& b) { return std::optional(Rational(a / b)); },
                                 [](auto a, auto b) { return a / b; });
        }
        return acc;
    }

    // π or e: a Const leaf that replays as the exact constant (graph/math_constants.hpp).
    Operand math_constant(const ExprNode& e) {
        const std::optional<MathConstant> c = find_math_constant(e.text);
        if (!c) throw std::logic_error("chainrule::lang: '" + e.text + "' is not a constant");
        return {std::nullopt, tape_.math_constant(*c), *c};
    }

    // Integer powers of constants fold when small; x^c, c^x record one param node; e^u
    // records exp(u) (the same number, with the derivative e^u exactly).
    Operand power(const Operand& base, const Operand& exponent) {
        if (base.constant == MathConstant::E) return {std::nullopt, exp(node(exponent))};
        if (base.exact && exponent.exact)
            if (std::optional<Rational> r = folded_power(*base.exact, *exponent.exact)) return constant(*r);
        if (exponent.exact) return {std::nullopt, pow(node(base), short_decimal_to_real(*exponent.exact))};
        if (base.exact) return {std::nullopt, pow(short_decimal_to_real(*base.exact), exponent.node)};
        return {std::nullopt, pow(base.node, exponent.node)};
    }

    // b^n for a small integer n when the result is a short decimal (the size bound keeps
    // 1e9999^64 from being computed at all).
    static std::optional<Rational> folded_power(const Rational& base, const Rational& exponent) {
        const std::optional<long> n = symbolic::small_integer(exponent);
        if (!n || std::labs(*n) > 64 || (base == 0 && *n < 0)) return std::nullopt;
        const auto bits = [](const symbolic::Integer& i) { return boost::multiprecision::msb(abs(i) + 1) + 1; };
        if ((bits(numerator(base)) + bits(denominator(base))) * static_cast<unsigned long>(std::labs(*n)) > 8192)
            return std::nullopt;
        Rational r = symbolic::pow_int(base, *n);
        if (!is_short_decimal(r)) return std::nullopt;
        return r;
    }

    Operand call(const ExprNode& e) {
        const FunctionInfo f = resolve_call(e, source_);
        std::vector<Operand> args;
        for (const ExprNode& a : e.operands) args.push_back(eval(a));
        switch (f.op) {
            case OpKind::Pow: return power(args[0], args[1]);
            case OpKind::Log:
                if (args.size() == 1) return {std::nullopt, log(node(args[0]))};
                if (args[1].exact) return {std::nullopt, log(node(args[0]), short_decimal_to_real(*args[1].exact))};
                return {std::nullopt, log(node(args[0]), args[1].node)};
            case OpKind::LeakyRelu: return {std::nullopt, leaky_relu(node(args[0]), slope(e, args))};
            default: break;
        }
        if (f.op == OpKind::LogAddExp) return log_sum_exp(args);
        if (args.size() == 2) return {std::nullopt, apply_binary(f.op, node(args[0]), node(args[1]))};
        return {std::nullopt, apply_unary(f.op, node(args[0]))};
    }

    // logsumexp(a, b, c) = logaddexp(logaddexp(a, b), c): the tape's nodes have two
    // inputs; the formula shows one n-ary logsumexp (symbolic/arithmetic.hpp flattens).
    Operand log_sum_exp(const std::vector<Operand>& args) {
        Var<Real> y = node(args[0]);
        for (std::size_t i = 1; i < args.size(); ++i) y = logaddexp(y, node(args[i]));
        return {std::nullopt, y};
    }

    Real slope(const ExprNode& e, const std::vector<Operand>& args) {
        if (args.size() == 1) return real_value(kDefaultLeakySlope);
        if (!args[1].exact)
            throw LangError(source_, e.operands[1].offset, "the slope of leaky_relu must be a constant",
                            "a number or a constant expression such as 0.01 or 1/8");
        return short_decimal_to_real(*args[1].exact);
    }

    Tape<Real>& tape_;
    const Source& source_;
    const NameResolver& resolve_;
};

}  // namespace

Var<Real> record_expression(Tape<Real>& tape, const ExprNode& expression, const Source& source,
                            const NameResolver& resolve) {
    Recorder r(tape, source, resolve);
    return r.node(r.eval(expression));
}

}  // namespace chainrule::lang
