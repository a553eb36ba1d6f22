#pragma once
/// \file expression.hpp
/// The expression templates of the Jacobian tape (statement-level recording, as in Adept
/// and CoDiPack). An expression such as `sin(a)·exp(b) + a·a/(1 + b·b)` over Active<T>
/// values is a tree of small objects built at compile time; each node computes its value
/// when it is made. Nothing is recorded until the expression is assigned to an Active<T>
/// (one *statement*): then the tree pushes, for each active leaf ℓ, one Jacobian entry
/// (∂y/∂ℓ, index of ℓ) — the product of the local partials on the path from the root to
/// ℓ. A leaf used twice gets two entries (their sum is its partial; the reverse sweep adds
/// them). A path whose multiplier is exactly 0 contributes 0 (path_product). Values and local partials come from the op catalogue (ops/rules_*.hpp), the
/// same functions the op-level Tape uses.
///
/// Nodes hold their operands by value (an Active<T> leaf is 24 bytes), so an expression
/// kept in an `auto` variable never dangles; GCC and Clang keep the whole tree in
/// registers once inlined.

#include "../graph/buffer.hpp"
#include "../graph/node_record.hpp"
#include "../graph/tape_control_block.hpp"
#include "../graph/always_inline.hpp"
#include "../ops/rules.hpp"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace chainrule {

// (is_zero: ops/numeric_scalar.hpp, included by the rules.)

/// An expression of the Jacobian tape: an Active<T> or a tree of them.
template <class E>
concept JacobianExpression = requires { std::remove_cvref_t<E>::kJacobianExpression; };

/// A JacobianExpression whose scalar type is T.
template <class E, class T>
concept JacobianExpressionOf =
    JacobianExpression<E> && std::same_as<typename std::remove_cvref_t<E>::value_type, T>;

namespace detail {

/// Where a statement's Jacobian entries go: the tape's partial and operand buffers. The
/// tape has checked that there is room for every leaf, so an entry is two stores into
/// their free slots, appended by commit() (for a T that needs construction, such as
/// cpp_bin_float_50, the partial is constructed in place instead).
template <class T>
struct JacobianRow {
    static constexpr bool kTrivial = std::is_trivially_copyable_v<T>;
    Buffer<T>& partials;
    Buffer<NodeIndex>& operands;
    T* free_partials = partials.free_slots();
    NodeIndex* free_operands = operands.free_slots();
    std::uint32_t count = 0;
    CHAINRULE_ALWAYS_INLINE void add(const T& partial, NodeIndex operand) {
        if constexpr (kTrivial)
            free_partials[count] = partial;
        else
            partials.push_back_unchecked(partial);
        free_operands[count] = operand;
        ++count;
    }
    CHAINRULE_ALWAYS_INLINE void commit() {
        if constexpr (kTrivial) partials.append_written(count);
        operands.append_written(count);
    }
};

/// The tape a statement records on: the control block and generation of its leftmost
/// leaf (null for a passive Active; plain numbers are not leaves), and whether every leaf
/// agrees (`same_owner`, one test per leaf without a branch). When they disagree — two
/// tapes, a stale leaf, or passive and active leaves mixed — the statement looks again
/// leaf by leaf (`find_owner`).
struct StatementOwner {
    TapeControlBlock* block = nullptr;
    std::uint32_t generation = 0;
    bool mixed = false;  // leaves of two tapes or generations
    bool stale = false;  // a leaf of a cleared or destroyed tape
};

/// ∂y/∂ℓ along a path, m·d, where a multiplier of exactly 0 contributes 0 whatever d is:
/// the statement-level form of the sweep's convention that a node whose adjoint is 0 is
/// skipped (docs/conventions.md), so 0·log(p) at p = 0 gives 0, not 0·∞ = NaN, as on
/// Tape<T>.
template <class T>
CHAINRULE_ALWAYS_INLINE T path_product(const T& m, const T& d) {
    const T product = m * d;
    return is_zero(m) ? T(0) : product;
}

/// A plain number inside an expression (atan2(x, 2), min(x, 0), …): a value, no leaf.
template <class T>
struct ConstantExpr {
    using value_type = T;
    static constexpr bool kJacobianExpression = true;
    static constexpr std::size_t kLeaves = 0;
    T v;
    const T& value() const { return v; }
    StatementOwner leftmost_owner() const { return {}; }
    bool same_owner(const StatementOwner&) const { return true; }
    void find_owner(StatementOwner&) const {}
    void add_partials(JacobianRow<T>&, const T&) const {}
};

// Each node computes its value and its local partials when it is made, from a local copy
// of its operands' values: next to each other, on one value, sin x and cos x become one
// sincos call (read twice from memory, across a call that may set errno, they were not).

/// The catalogue's rule of a unary op, as a unary node calls it.
template <class Op>
struct UnaryRule {
    template <class T> static T value(const T& x) { return Op::value(x); }
    template <class T> static T partial(const T& x, const T& y) { return Op::partial(x, y); }
};

/// The catalogue's rule of an op with a constant parameter p (x^p, x + p, p/x, …).
template <class Op, class T>
struct ParamRule {
    T p;
    T value(const T& x) const { return Op::value(x, p); }
    T partial(const T& x, const T& y) const { return Op::partial(x, y, p); }
};

/// y = f(a) by a UnaryRule or ParamRule: ∂y/∂ℓ = f′(a)·∂a/∂ℓ.
template <class Rule, class A>
struct UnaryExpr {
    using value_type = typename A::value_type;
    using T = value_type;
    static constexpr bool kJacobianExpression = true;
    static constexpr std::size_t kLeaves = A::kLeaves;
    A a;
    T v;
    T d;
    CHAINRULE_ALWAYS_INLINE explicit UnaryExpr(const A& a_, const Rule& rule = {}) : a(a_) {
        const T x = a.value();  // a local, not a member: one value for sin and cos
        v = rule.value(x);
        d = rule.partial(x, v);
    }
    const T& value() const { return v; }
    CHAINRULE_ALWAYS_INLINE StatementOwner leftmost_owner() const { return a.leftmost_owner(); }
    CHAINRULE_ALWAYS_INLINE bool same_owner(const StatementOwner& s) const { return a.same_owner(s); }
    CHAINRULE_ALWAYS_INLINE void find_owner(StatementOwner& s) const { a.find_owner(s); }
    CHAINRULE_ALWAYS_INLINE void add_partials(JacobianRow<T>& row, const T& m) const { a.add_partials(row, path_product(m, d)); }
};

/// y = Op(a, b): ∂y/∂ℓ = Op::partials(a, b, y)·(∂a/∂ℓ, ∂b/∂ℓ).
template <class Op, class A, class B>
struct BinaryExpr {
    using value_type = typename A::value_type;
    using T = value_type;
    static constexpr bool kJacobianExpression = true;
    static constexpr std::size_t kLeaves = A::kLeaves + B::kLeaves;
    A a;
    B b;
    T v;
    ops::Partials<T> d;
    CHAINRULE_ALWAYS_INLINE BinaryExpr(const A& a_, const B& b_) : a(a_), b(b_) {
        const T x = a.value(), y = b.value();
        v = Op::value(x, y);
        d = Op::partials(x, y, v);
    }
    const T& value() const { return v; }
    CHAINRULE_ALWAYS_INLINE StatementOwner leftmost_owner() const {
        if constexpr (A::kLeaves == 0)  // a plain number on the left: atan2(2, x)
            return b.leftmost_owner();
        else
            return a.leftmost_owner();
    }
    CHAINRULE_ALWAYS_INLINE bool same_owner(const StatementOwner& s) const { return a.same_owner(s) & b.same_owner(s); }
    CHAINRULE_ALWAYS_INLINE void find_owner(StatementOwner& s) const {
        a.find_owner(s);
        b.find_owner(s);
    }
    CHAINRULE_ALWAYS_INLINE void add_partials(JacobianRow<T>& row, const T& m) const {
        a.add_partials(row, path_product(m, d.da));
        b.add_partials(row, path_product(m, d.db));
    }
};

}  // namespace detail
}  // namespace chainrule
