#pragma once
/// \file functions.hpp
/// Operators and elementary functions on Active<T> and its expressions: each builds an
/// expression node (expression.hpp); nothing is recorded until the result is assigned to
/// an Active<T>. The same functions, under the same names and aliases, as for Var<T>
/// (graph/var_functions.hpp), generated from the op catalogue (ops/catalogue.hpp), with
/// the same values, local partials and conventions (docs/conventions.md): x + 1 is the
/// catalogue's AddConst as on Tape<T>, pow(x, 2) its PowConst, and so on.

#include "expression.hpp"

#include "active.hpp"

#include "../graph/errors.hpp"
#include "../ops/catalogue.hpp"

#include <concepts>
#include <initializer_list>
#include <span>
#include <type_traits>

namespace chainrule {

namespace detail {
template <class E>
using expr_t = std::remove_cvref_t<E>;
template <class E>
using scalar_of = typename expr_t<E>::value_type;

/// y = Op(x; p) for a plain number p.
template <class Op, class E, class C>
CHAINRULE_ALWAYS_INLINE auto param_expr(const E& x, const C& p) {
    using T = scalar_of<E>;
    return UnaryExpr<ParamRule<Op, T>, expr_t<E>>(x, ParamRule<Op, T>{T(p)});
}
}  // namespace detail

/// A plain number next to an expression of scalar type T.
template <class C, class T>
concept PlainFor = !JacobianExpression<C> && std::is_convertible_v<C, T>;

/// Two expressions of one scalar type.
template <class A, class B>
concept SameScalarExpressions = JacobianExpression<A> && JacobianExpressionOf<B, detail::scalar_of<A>>;

// ---------------------------------------------------------------- unary functions
#define CHAINRULE_ACTIVE_UNARY(fn, Op)                                      \
    template <JacobianExpression E>                                         \
    CHAINRULE_ALWAYS_INLINE auto fn(const E& x) {                           \
        return detail::UnaryExpr<detail::UnaryRule<ops::Op>, detail::expr_t<E>>(x);            \
    }
#define CHAINRULE_ACTIVE_UNARY_ROW(Op, fn, ...) \
    CHAINRULE_ACTIVE_UNARY(fn, Op) CHAINRULE_EACH_ALIAS(CHAINRULE_ACTIVE_UNARY, Op, __VA_ARGS__)
CHAINRULE_UNARY_FUNCTIONS(CHAINRULE_ACTIVE_UNARY_ROW)
CHAINRULE_ACTIVE_UNARY(operator-, Neg)
CHAINRULE_ACTIVE_UNARY(sqrt, Sqrt)
#undef CHAINRULE_ACTIVE_UNARY_ROW
#undef CHAINRULE_ACTIVE_UNARY

/// Unary plus: the expression itself.
template <JacobianExpression E>
CHAINRULE_ALWAYS_INLINE const E& operator+(const E& x) {
    return x;
}

/// Leaky rectifier with slope α for x ≤ 0 (default 0.01, as PyTorch).
template <JacobianExpression E, class C = double>
    requires PlainFor<C, detail::scalar_of<E>>
CHAINRULE_ALWAYS_INLINE auto leaky_relu(const E& x, const C& slope = C(0.01)) {
    return detail::param_expr<ops::LeakyRelu>(x, slope);
}

// ---------------------------------------------------------------- binary functions
// atan2, hypot, min, max and logaddexp; a plain number on either side is a constant of the
// expression (no leaf, no Jacobian entry).
#define CHAINRULE_ACTIVE_BINARY(fn, Op)                                                                 \
    template <class A, class B>                                                                         \
        requires SameScalarExpressions<A, B>                                                            \
    CHAINRULE_ALWAYS_INLINE auto fn(const A& a, const B& b) {                                           \
        return detail::BinaryExpr<ops::Op, detail::expr_t<A>, detail::expr_t<B>>(a, b);                \
    }                                                                                                   \
    template <JacobianExpression A, class C>                                                            \
        requires PlainFor<C, detail::scalar_of<A>>                                                      \
    CHAINRULE_ALWAYS_INLINE auto fn(const A& a, const C& b) {                                           \
        using T = detail::scalar_of<A>;                                                                 \
        return detail::BinaryExpr<ops::Op, detail::expr_t<A>, detail::ConstantExpr<T>>(a, {T(b)});     \
    }                                                                                                   \
    template <class C, JacobianExpression B>                                                            \
        requires PlainFor<C, detail::scalar_of<B>>                                                      \
    CHAINRULE_ALWAYS_INLINE auto fn(const C& a, const B& b) {                                           \
        using T = detail::scalar_of<B>;                                                                 \
        return detail::BinaryExpr<ops::Op, detail::ConstantExpr<T>, detail::expr_t<B>>({T(a)}, b);     \
    }
#define CHAINRULE_ACTIVE_BINARY_ROW(Op, fn, ...) CHAINRULE_ACTIVE_BINARY(fn, Op)
CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_ACTIVE_BINARY_ROW)
CHAINRULE_ACTIVE_BINARY(logaddexp, LogAddExp)
#undef CHAINRULE_ACTIVE_BINARY_ROW
#undef CHAINRULE_ACTIVE_BINARY

// min and max of two operands of one type: std::min/std::max(const T&, const T&) would
// otherwise be chosen over the pair above after `using std::max;` (it is more specialised),
// and silently break the tie convention (docs/conventions.md).
#define CHAINRULE_ACTIVE_SAME_TYPE(fn, Op)                                               \
    template <JacobianExpression E>                                                      \
    CHAINRULE_ALWAYS_INLINE auto fn(const E& a, const E& b) {                            \
        return detail::BinaryExpr<ops::Op, detail::expr_t<E>, detail::expr_t<E>>(a, b); \
    }                                                                                    \
    template <class T>                                                                   \
    CHAINRULE_ALWAYS_INLINE auto fn(const Active<T>& a, const Active<T>& b) {            \
        return detail::BinaryExpr<ops::Op, Active<T>, Active<T>>(a, b);                  \
    }
CHAINRULE_ACTIVE_SAME_TYPE(min, Min)
CHAINRULE_ACTIVE_SAME_TYPE(max, Max)
#undef CHAINRULE_ACTIVE_SAME_TYPE

/// logsumexp(a₁, …, aₙ) = ln Σ e^{aᵢ} (n ≥ 1), stable for any logits: n − 1 logaddexp
/// statements folded left, as for Var<T>; ∂/∂aᵢ = e^{aᵢ − logsumexp}. Throws Error for none.
template <class T>
Active<T> logsumexp(std::span<const Active<T>> args) {
    if (args.empty()) throw Error("chainrule: logsumexp needs at least one argument");
    Active<T> y = args.front();
    for (std::size_t i = 1; i < args.size(); ++i) y = logaddexp(y, args[i]);
    return y;
}
template <class T>
Active<T> logsumexp(std::initializer_list<Active<T>> args) {
    return logsumexp(std::span<const Active<T>>(args.begin(), args.size()));
}

// The arithmetic operators: with a plain number, the catalogue's param op (x + p, p/x, …),
// as Tape<T> records it.
#define CHAINRULE_ACTIVE_ARITHMETIC(op, Op, ExprConst, ConstExpr)                                      \
    template <class A, class B>                                                                         \
        requires SameScalarExpressions<A, B>                                                            \
    CHAINRULE_ALWAYS_INLINE auto operator op(const A& a, const B& b) {                                  \
        return detail::BinaryExpr<ops::Op, detail::expr_t<A>, detail::expr_t<B>>(a, b);                \
    }                                                                                                   \
    template <JacobianExpression A, class C>                                                            \
        requires PlainFor<C, detail::scalar_of<A>>                                                      \
    CHAINRULE_ALWAYS_INLINE auto operator op(const A& a, const C& p) {                                  \
        return detail::param_expr<ops::ExprConst>(a, p);       \
    }                                                                                                   \
    template <class C, JacobianExpression B>                                                            \
        requires PlainFor<C, detail::scalar_of<B>>                                                      \
    CHAINRULE_ALWAYS_INLINE auto operator op(const C& p, const B& b) {                                  \
        return detail::param_expr<ops::ConstExpr>(b, p);       \
    }
CHAINRULE_ACTIVE_ARITHMETIC(+, Add, AddConst, ConstAdd)
CHAINRULE_ACTIVE_ARITHMETIC(-, Sub, SubConst, ConstSub)
CHAINRULE_ACTIVE_ARITHMETIC(*, Mul, MulConst, MulConst)
CHAINRULE_ACTIVE_ARITHMETIC(/, Div, DivConst, ConstDiv)
#undef CHAINRULE_ACTIVE_ARITHMETIC

/// a^b with both recorded.
template <class A, class B>
    requires SameScalarExpressions<A, B>
CHAINRULE_ALWAYS_INLINE auto pow(const A& a, const B& b) {
    return detail::BinaryExpr<ops::Pow, detail::expr_t<A>, detail::expr_t<B>>(a, b);
}
/// x^p for a constant exponent p (PowConst: pow(x, 2) has slope 0 at 0).
template <JacobianExpression A, class C>
    requires PlainFor<C, detail::scalar_of<A>>
CHAINRULE_ALWAYS_INLINE auto pow(const A& x, const C& p) {
    return detail::param_expr<ops::PowConst>(x, p);
}
/// a^x for a constant base a ≥ 0 (ExpBase).
template <class C, JacobianExpression B>
    requires PlainFor<C, detail::scalar_of<B>>
CHAINRULE_ALWAYS_INLINE auto pow(const C& a, const B& x) {
    return detail::param_expr<ops::ExpBase>(x, a);
}
/// log_a(x) for a constant base a > 0, a ≠ 1 (LogBase).
template <JacobianExpression A, class C>
    requires PlainFor<C, detail::scalar_of<A>>
CHAINRULE_ALWAYS_INLINE auto log(const A& x, const C& base) {
    return detail::param_expr<ops::LogBase>(x, base);
}

// ---------------------------------------------------------------- comparisons (of values)
#define CHAINRULE_ACTIVE_COMPARE(op)                                                   \
    template <class A, class B>                                                        \
        requires SameScalarExpressions<A, B>                                           \
    bool operator op(const A& a, const B& b) {                                         \
        return a.value() op b.value();                                                 \
    }                                                                                  \
    template <JacobianExpression A, class C>                                           \
        requires PlainFor<C, detail::scalar_of<A>>                                     \
    bool operator op(const A& a, const C& b) {                                         \
        return a.value() op detail::scalar_of<A>(b);                                   \
    }                                                                                  \
    template <class C, JacobianExpression B>                                           \
        requires PlainFor<C, detail::scalar_of<B>>                                     \
    bool operator op(const C& a, const B& b) {                                         \
        return detail::scalar_of<B>(a) op b.value();                                   \
    }
CHAINRULE_ACTIVE_COMPARE(<)
CHAINRULE_ACTIVE_COMPARE(<=)
CHAINRULE_ACTIVE_COMPARE(>)
CHAINRULE_ACTIVE_COMPARE(>=)
CHAINRULE_ACTIVE_COMPARE(==)
CHAINRULE_ACTIVE_COMPARE(!=)
#undef CHAINRULE_ACTIVE_COMPARE

}  // namespace chainrule
