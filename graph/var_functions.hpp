#pragma once
/// \file var_functions.hpp
/// Operators and elementary functions on Var<T>: each call records one node (two for
/// atan2, hypot, min and max with a plain number, which is first recorded as a Const
/// leaf; + − · / with a plain number record one param op). The functions are generated
/// from the op catalogue (ops/catalogue.hpp): every unary function under its name and its
/// aliases (the seed notes' ln, tg, ctg, arcsin, arccos, arctan, arcctg, logistic, …).
/// Values and local partials: ops/rules_*.hpp; conventions: docs/conventions.md.

#include "op_kind.hpp"
#include "../ops/rules.hpp"
#include "tape.hpp"

#include <concepts>
#include <initializer_list>
#include <span>
#include <type_traits>

namespace chainrule {

template <class C>
struct is_var : std::false_type {};
template <class T>
struct is_var<Var<T>> : std::true_type {};

/// A plain constant usable as an operand next to a Var<T> (a number convertible to T).
template <class C, class T>
concept ConstantFor = !is_var<std::remove_cvref_t<C>>::value && std::constructible_from<T, C>;

namespace detail {
template <class T, class C>
CHAINRULE_ALWAYS_INLINE Var<T> constant_like(const Var<T>& x, const C& c) {
    return x.tape().constant(T(c));
}
}  // namespace detail

// ---------------------------------------------------------------- unary functions
// Every unary op of the catalogue under its name and aliases: exp(x), ln(x), sigmoid(x), …,
// and −x, sqrt(x) (applied to matrices elementwise by graph/mat_functions.hpp).
#define CHAINRULE_VAR_UNARY(fn, Op)                                            \
    template <class T>                                                         \
    CHAINRULE_ALWAYS_INLINE Var<T> fn(const Var<T>& x) {                       \
        return x.tape().template record_unary<ops::Op>(OpKind::Op, x);         \
    }
#define CHAINRULE_VAR_UNARY_ROW(Op, fn, ...) \
    CHAINRULE_VAR_UNARY(fn, Op) CHAINRULE_EACH_ALIAS(CHAINRULE_VAR_UNARY, Op, __VA_ARGS__)
CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_VAR_UNARY_ROW)
CHAINRULE_VAR_UNARY(operator-, Neg)
CHAINRULE_VAR_UNARY(sqrt, Sqrt)
#undef CHAINRULE_VAR_UNARY_ROW
#undef CHAINRULE_VAR_UNARY

/// Unary plus: the same node.
template <class T>
Var<T> operator+(const Var<T>& x) {
    x.tape();  // checks the handle
    return x;
}

/// Leaky rectifier with slope α for x ≤ 0 (default 0.01, as PyTorch).
template <class T, class C = double>
    requires ConstantFor<C, T>
CHAINRULE_ALWAYS_INLINE Var<T> leaky_relu(const Var<T>& x, const C& slope = C(0.01)) {
    return x.tape().template record_param<ops::LeakyRelu>(OpKind::LeakyRelu, x, T(slope));
}

// ---------------------------------------------------------------- binary functions
// atan2, hypot, min, max (CHAINRULE_BINARY_FUNCTIONS) and logaddexp, with a plain number on
// either side recorded as a Const leaf (applied to matrices elementwise by
// graph/mat_functions.hpp).
#define CHAINRULE_VAR_BINARY(fn, Op)                                                     \
    template <class T>                                                                   \
    CHAINRULE_ALWAYS_INLINE Var<T> fn(const Var<T>& a, const Var<T>& b) {                \
        return a.tape().template record_binary<ops::Op>(OpKind::Op, a, b);               \
    }                                                                                    \
    template <class T, class C>                                                          \
        requires ConstantFor<C, T>                                                       \
    CHAINRULE_ALWAYS_INLINE Var<T> fn(const Var<T>& a, const C& b) {                     \
        return fn(a, detail::constant_like(a, b));                                       \
    }                                                                                    \
    template <class T, class C>                                                          \
        requires ConstantFor<C, T>                                                       \
    CHAINRULE_ALWAYS_INLINE Var<T> fn(const C& a, const Var<T>& b) {                     \
        return fn(detail::constant_like(b, a), b);                                       \
    }
#define CHAINRULE_VAR_BINARY_ROW(Op, fn, ...) CHAINRULE_VAR_BINARY(fn, Op)
CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_VAR_BINARY_ROW)
CHAINRULE_VAR_BINARY(logaddexp, LogAddExp)
#undef CHAINRULE_VAR_BINARY_ROW
#undef CHAINRULE_VAR_BINARY

/// logsumexp(a₁, …, aₙ) = ln Σ e^{aᵢ} (n ≥ 1), stable for any logits: n − 1 logaddexp
/// nodes folded left, logaddexp(logaddexp(a₁, a₂), a₃) …; ∂/∂aᵢ = e^{aᵢ − logsumexp}, the
/// softmax. One argument is returned as it is. Throws Error for none.
template <class T>
Var<T> logsumexp(std::span<const Var<T>> args) {
    if (args.empty()) throw Error("chainrule: logsumexp needs at least one argument");
    Var<T> y = args.front();
    for (std::size_t i = 1; i < args.size(); ++i) y = logaddexp(y, args[i]);
    return y;
}
template <class T>
Var<T> logsumexp(std::initializer_list<Var<T>> args) {
    return logsumexp(std::span<const Var<T>>(args.begin(), args.size()));
}

// The arithmetic operators: Var with Var records a binary op; Var with a plain number
// records one param op (the number is the op's parameter, not a Const leaf).
#define CHAINRULE_VAR_ARITHMETIC(op, Op, VarConst, ConstVar)                                 \
    template <class T>                                                                       \
    CHAINRULE_ALWAYS_INLINE Var<T> operator op(const Var<T>& a, const Var<T>& b) {           \
        return a.tape().template record_binary<ops::Op>(OpKind::Op, a, b);                   \
    }                                                                                        \
    template <class T, class C>                                                              \
        requires ConstantFor<C, T>                                                           \
    CHAINRULE_ALWAYS_INLINE Var<T> operator op(const Var<T>& a, const C& b) {                \
        return a.tape().template record_param<ops::VarConst>(OpKind::VarConst, a, T(b));     \
    }                                                                                        \
    template <class T, class C>                                                              \
        requires ConstantFor<C, T>                                                           \
    CHAINRULE_ALWAYS_INLINE Var<T> operator op(const C& a, const Var<T>& b) {                \
        return b.tape().template record_param<ops::ConstVar>(OpKind::ConstVar, b, T(a));     \
    }
CHAINRULE_VAR_ARITHMETIC(+, Add, AddConst, ConstAdd)
CHAINRULE_VAR_ARITHMETIC(-, Sub, SubConst, ConstSub)
CHAINRULE_VAR_ARITHMETIC(*, Mul, MulConst, MulConst)
CHAINRULE_VAR_ARITHMETIC(/, Div, DivConst, ConstDiv)
#undef CHAINRULE_VAR_ARITHMETIC

/// a^b with a variable base and a variable exponent.
template <class T>
CHAINRULE_ALWAYS_INLINE Var<T> pow(const Var<T>& a, const Var<T>& b) {
    return a.tape().template record_binary<ops::Pow>(OpKind::Pow, a, b);
}
/// x^p for a constant exponent p (integer or real): one PowConst node.
template <class T, class C>
    requires ConstantFor<C, T>
CHAINRULE_ALWAYS_INLINE Var<T> pow(const Var<T>& x, const C& p) {
    return x.tape().template record_param<ops::PowConst>(OpKind::PowConst, x, T(p));
}
/// a^x for a constant base a ≥ 0: one ExpBase node.
template <class T, class C>
    requires ConstantFor<C, T>
CHAINRULE_ALWAYS_INLINE Var<T> pow(const C& a, const Var<T>& x) {
    return x.tape().template record_param<ops::ExpBase>(OpKind::ExpBase, x, T(a));
}
/// log_a(x) for a constant base a > 0, a ≠ 1: one LogBase node.
template <class T, class C>
    requires ConstantFor<C, T>
CHAINRULE_ALWAYS_INLINE Var<T> log(const Var<T>& x, const C& base) {
    return x.tape().template record_param<ops::LogBase>(OpKind::LogBase, x, T(base));
}
/// log_a(x) = ln x / ln a for a variable base a.
template <class T>
Var<T> log(const Var<T>& x, const Var<T>& base) {
    return log(x) / log(base);
}

// ---------------------------------------------------------------- comparisons (of values)
#define CHAINRULE_VAR_COMPARE(op)                                                        \
    template <class T>                                                                   \
    bool operator op(const Var<T>& a, const Var<T>& b) {                                 \
        return a.value() op b.value();                                                   \
    }                                                                                    \
    template <class T, class C>                                                          \
        requires ConstantFor<C, T>                                                       \
    bool operator op(const Var<T>& a, const C& b) {                                      \
        return a.value() op T(b);                                                        \
    }                                                                                    \
    template <class T, class C>                                                          \
        requires ConstantFor<C, T>                                                       \
    bool operator op(const C& a, const Var<T>& b) {                                      \
        return T(a) op b.value();                                                        \
    }
CHAINRULE_VAR_COMPARE(<)
CHAINRULE_VAR_COMPARE(<=)
CHAINRULE_VAR_COMPARE(>)
CHAINRULE_VAR_COMPARE(>=)
CHAINRULE_VAR_COMPARE(==)
CHAINRULE_VAR_COMPARE(!=)
#undef CHAINRULE_VAR_COMPARE

}  // namespace chainrule
