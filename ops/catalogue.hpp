#pragma once
/// \file catalogue.hpp
/// The op catalogue: every scalar op, one row each. A row is `X(Name, fn, aliases…)`:
/// `ops::Name` is the op's rule struct (ops/rules_*.hpp: value, local partials, the
/// symbolic derivative and the facts — LaTeX name, simplification folds, conventions),
/// `fn` its name (in messages, in .chain files, as a C++ function) and the aliases other
/// names it answers to. Everything else is generated from these lists or visits them:
/// `OpKind` and its names (graph/op_kind.hpp), the tape's dispatch and reverse sweep,
/// the functions of Var and Mat (every unary and binary function applies to a matrix
/// elementwise), symbolic::Function with its constructors, derivative table, numeric
/// values, folds and printed names (symbolic/function_rules.hpp), and the .chain
/// language's function table (lang/functions.hpp).
///
/// Adding a unary function: a row in CHAINRULE_UNARY_FUNCTIONS, its struct in
/// ops/rules_*.hpp, and its case (its domain) in tests/autodiff/op_cases.hpp; the
/// completeness test (tests/lang/op_catalogue_test.cpp) fails for a row without one.

// X(Name, fn, aliases…): functions y = f(x), each a tape op, a function node of
// symbolic::Expr, a .chain function and a C++ function of Var<T> and Mat<T> under its
// name and each alias. Aliases follow the seed notes (ln, tg, ctg, arcsin, …, logistic).
#define CHAINRULE_UNARY_FUNCTIONS(X)                                                         \
    X(Exp, exp) X(Log, log, ln) X(Sin, sin) X(Cos, cos) X(Tan, tan, tg) X(Cot, cot, ctg)       \
    X(Asin, asin, arcsin) X(Acos, acos, arccos) X(Atan, atan, arctan, arctg)                  \
    X(Acot, acot, arcctg, arccot) X(Sinh, sinh) X(Cosh, cosh) X(Tanh, tanh) X(Coth, coth)     \
    X(Sech, sech) X(Csch, csch) X(Cbrt, cbrt) X(Abs, abs) X(Sign, sign) X(Expm1, expm1)       \
    X(Log1p, log1p) X(Sigmoid, sigmoid, logistic) X(Relu, relu) X(Softplus, softplus)         \
    X(LogSigmoid, log_sigmoid, logsigmoid) X(Step, step, heaviside) X(Erf, erf) X(Erfc, erfc)   \
    X(Gelu, gelu) X(Silu, silu, swish) X(Elu, elu) X(Selu, selu) X(Softsign, softsign)         \
    X(Mish, mish)

// X(Name, fn): unary ops that symbolic::Expr writes with arithmetic: −x = (−1)·x (the C++
// operator-, no function name) and √x = x^(1/2) (a C++ and .chain function sqrt).
#define CHAINRULE_UNARY_REWRITTEN(X) X(Neg, neg) X(Sqrt, sqrt)

// Every unary op.
#define CHAINRULE_UNARY_OPS(X) CHAINRULE_UNARY_REWRITTEN(X) CHAINRULE_UNARY_FUNCTIONS(X)

// X(Name, fn): unary ops with one constant parameter p stored on the tape: x^p, p^x,
// log_p(x), leaky_relu(x; slope p), and arithmetic with a plain number (x + p, p + x,
// x − p, p − x, p·x and x·p, x/p, p/x): one node instead of a Const leaf plus a binary op.
#define CHAINRULE_PARAM_OPS(X)                                                                    \
    X(PowConst, pow_const) X(ExpBase, exp_base) X(LogBase, log_base) X(LeakyRelu, leaky_relu)     \
    X(AddConst, add_const) X(ConstAdd, const_add) X(SubConst, sub_const) X(ConstSub, const_sub)   \
    X(MulConst, mul_const) X(DivConst, div_const) X(ConstDiv, const_div)

// X(Name, fn): binary functions y = f(a, b) that are function nodes of symbolic::Expr too
// (C++ and .chain functions; a plain number argument is recorded as a Const leaf).
#define CHAINRULE_BINARY_FUNCTIONS(X) X(Atan2, atan2) X(Hypot, hypot) X(Min, min) X(Max, max)

// Every binary op: the operators + − · / (Expr: sums and products), pow (Expr: a power),
// the functions above, and logaddexp (Expr: a logsumexp node).
#define CHAINRULE_BINARY_OPS(X)                                                       \
    X(Add, add) X(Sub, sub) X(Mul, mul) X(Div, div) X(Pow, pow) CHAINRULE_BINARY_FUNCTIONS(X) \
    X(LogAddExp, logaddexp)

/// CHAINRULE_EACH_ALIAS(M, Name, aliases…) expands to M(alias, Name) for each alias of a
/// row (none to three): how a consumer of the rows reaches the aliases, e.g.
///   #define F(Name, fn, ...) one(fn, Name) CHAINRULE_EACH_ALIAS(one, Name, __VA_ARGS__)
#define CHAINRULE_EACH_ALIAS(M, Name, ...) __VA_OPT__(CHAINRULE_DETAIL_ALIASES(M, Name, __VA_ARGS__))
#define CHAINRULE_DETAIL_ALIASES(M, Name, ...)                                                    \
    CHAINRULE_DETAIL_PICK(__VA_ARGS__, CHAINRULE_DETAIL_ALIAS3, CHAINRULE_DETAIL_ALIAS2,          \
                          CHAINRULE_DETAIL_ALIAS1, )(M, Name, __VA_ARGS__)
#define CHAINRULE_DETAIL_PICK(a1, a2, a3, chosen, ...) chosen
#define CHAINRULE_DETAIL_ALIAS1(M, Name, a) M(a, Name)
#define CHAINRULE_DETAIL_ALIAS2(M, Name, a, b) M(a, Name) M(b, Name)
#define CHAINRULE_DETAIL_ALIAS3(M, Name, a, b, c) M(a, Name) M(b, Name) M(c, Name)
