#include "matrix_derivation.hpp"
#include "../precision/ladder.hpp"

#include "../precision/number_format.hpp"

#include "../autodiff/reverse_sweep.hpp"
#include "expr_replay.hpp"

#include "../symbolic/function_rules.hpp"

#include <map>
#include <optional>

namespace chainrule::derivations {
namespace {

using chainrule::detail::MatEntry;

using symbolic::MatExpr;

// A number recorded on the tape, exactly (a float as the shortest text that reads back as it).
template <class T>
MatExpr number(const T& x) {
    if constexpr (std::is_same_v<T, float>) return symbolic::mat_number(symbolic::Expr(x));
    else return symbolic::mat_number(ScalarConvert<symbolic::Expr, T>::convert(x));
}
// 1/p for a parameter p recorded on the tape: division by p written as an exact factor.
template <class T>
MatExpr reciprocal(const T& p) { return symbolic::mat_scalar(1 / number(p).scalar()); }
// The catalogue function an elementwise op applies (sigmoid, tanh, exp …), if it is one.
std::optional<symbolic::Function> catalogue_function(OpKind op) {
    const auto f = symbolic::function_from_name(op_name(op));
    return f && symbolic::is_unary_rule(*f) ? f : std::nullopt;
}
MatExpr fraction(std::int64_t p, std::int64_t q) { return symbolic::mat_scalar(symbolic::Expr(symbolic::Rational(p, q))); }
MatExpr one() { return symbolic::mat_scalar(symbolic::Expr(1)); }
MatExpr ones_t() { return symbolic::transpose(symbolic::mat_ones()); }
// The matrix of ones of a shape, as the sheet writes it: 𝟏𝟏ᵀ, a column 𝟏, a row 𝟏ᵀ, or 1.
MatExpr spread(const Shape& s) {
    if (s.rows == 1 && s.cols == 1) return symbolic::mat_scalar(symbolic::Expr(1));
    if (s.cols == 1) return symbolic::mat_ones();
    if (s.rows == 1) return ones_t();
    return symbolic::mat_ones() * ones_t();
}
symbolic::MatShape mat_shape(const Shape& s) { return {s.rows, s.cols}; }

[[noreturn]] void unsupported(std::string_view op) {
    throw Error("matrix worksheets have no matrix-notation rule for '" + std::string(op) +
                "' yet (softmax, log_softmax, max, min, leaky_relu, p.^A … in the middle of a model); check and "
                "gradcheck work on such models");
}

template <class T>
class MatrixDeriver {
public:
    MatrixDeriver(const Tape<T>& tape, NodeIndex loss) : t_(tape), loss_(loss) {}

    MatrixDerivation run(bool values);

private:
    // A node's printed name: its name on the tape, or the one given to an unnamed leaf.
    std::string name_of(NodeIndex i) const {
        if (const std::string_view n = t_.name(i); !n.empty()) return std::string(n);
        const auto a = aliases_.find(i);
        return a == aliases_.end() ? std::string() : a->second;
    }
    bool named(NodeIndex i) const { return !name_of(i).empty(); }
    MatExpr symbol(NodeIndex i) const { return symbolic::mat_symbol(name_of(i), mat_shape(shape(i))); }
    void name_unnamed_leaves(const std::vector<bool>& needed);
    const MatEntry<T>* entry(NodeIndex i) const {
        const auto* store = t_.matrix_store();
        if (store == nullptr) return nullptr;
        const std::uint32_t k = store->slot_of(i);
        return k == chainrule::detail::kScalarSlot ? nullptr : &store->entry(k);
    }
    Shape shape(NodeIndex i) const { return t_.shape(i); }
    bool is_leaf(NodeIndex i) const {
        const OpKind op = t_.node(i).op;
        return op == OpKind::Input || op == OpKind::Const || op == OpKind::MatInput || op == OpKind::MatConst;
    }

    // Forward: the expression of node i over named nodes (a named input of it is its symbol).
    MatExpr expression(NodeIndex i, bool top = false) const;
    MatExpr matrix_expression(const MatEntry<T>& e) const;
    MatExpr elementwise_expression(const MatEntry<T>& e) const;
    MatExpr scalar_expression(NodeIndex i) const;

    // Backward: adds node i's contributions to the adjoints of its inputs.
    void propagate(NodeIndex i, const MatExpr& g);
    void propagate_matrix(const MatEntry<T>& e, const MatExpr& g);
    void propagate_map(const MatEntry<T>& e, const MatExpr& g);
    void propagate_algebra(const MatEntry<T>& e, const MatExpr& g);
    void add(NodeIndex i, MatExpr term) { terms_[i].push_back(std::move(term)); }
    // g summed over the dimensions in which `operand` was broadcast to `result`.
    MatExpr reduced(const MatExpr& g, const Shape& operand, const Shape& result, NodeIndex to);
    MatExpr adjoint_of(NodeIndex i) const;  // ∂J/∂N for a named node, else its terms
    MatExpr joined(NodeIndex i) const;      // the sum of the terms added to node i

    const Tape<T>& t_;
    NodeIndex loss_;
    std::map<NodeIndex, std::vector<MatExpr>> terms_;
    std::map<NodeIndex, bool> reduced_;
    std::map<NodeIndex, std::string> aliases_;
    std::vector<MatrixGradientStep>* steps_ = nullptr;
    const std::optional<Tape<Real>>* swept_ = nullptr;

    // A named node A = σ(z) recorded before the loss: the logistic model's activation, which
    // seed 004 writes in ∂J/∂Z = (A − Y)/m although the loss reads the logits z.
    std::optional<NodeIndex> named_sigmoid_of(NodeIndex z) const {
        for (NodeIndex k = z + 1; k < loss_; ++k)
            if (const MatEntry<T>* c = entry(k); c && named(k) && c->op == OpKind::MatMap && c->elem == OpKind::Sigmoid && c->in0 == z)
                return k;
        return std::nullopt;
    }

    std::vector<NodeIndex> inputs(NodeIndex i) const {
        const NodeRecord& r = t_.node(i);
        std::vector<NodeIndex> in;
        if (arity(r.op) >= 1) in.push_back(r.in0);
        if (arity(r.op) == 2) in.push_back(r.in1);
        return in;
    }
    void emit(NodeIndex i);
    // A forward or reverse step of node i, with its name, symbol and shape.
    template <class Step>
    Step step(NodeIndex i) const {
        Step s;
        s.node = i;
        s.name = name_of(i);
        s.symbol = symbol(i);
        s.shape = shape(i);
        return s;
    }
};

template <class T>
MatExpr MatrixDeriver<T>::expression(NodeIndex i, bool top) const {
    if (named(i) && !top) return symbol(i);
    if (const MatEntry<T>* e = entry(i)) return matrix_expression(*e);
    return scalar_expression(i);
}

template <class T>
MatExpr MatrixDeriver<T>::scalar_expression(NodeIndex i) const {
    const NodeRecord& r = t_.node(i);
    auto in = [&](NodeIndex k) { return expression(k); };
    switch (r.op) {
        case OpKind::Const: return number(t_.value(i));
        case OpKind::Add: return in(r.in0) + in(r.in1);
        case OpKind::Sub: return in(r.in0) - in(r.in1);
        case OpKind::Mul: return in(r.in0) * in(r.in1);
        case OpKind::Neg: return -in(r.in0);
        case OpKind::MulConst: return number(t_.param(i)) * in(r.in0);
        case OpKind::DivConst: return reciprocal(t_.param(i)) * in(r.in0);
        case OpKind::AddConst: return in(r.in0) + number(t_.param(i));
        case OpKind::Div: return symbolic::hadamard_quotient(in(r.in0), in(r.in1));
        case OpKind::Sqrt: return symbolic::hadamard_power(in(r.in0), symbolic::Expr(symbolic::Rational(1, 2)));
        case OpKind::ConstAdd: return number(t_.param(i)) + in(r.in0);
        case OpKind::SubConst: return in(r.in0) - number(t_.param(i));
        case OpKind::ConstSub: return number(t_.param(i)) - in(r.in0);
        case OpKind::ConstDiv: return symbolic::hadamard_quotient(number(t_.param(i)), in(r.in0));
        case OpKind::PowConst: return symbolic::hadamard_power(in(r.in0), number(t_.param(i)).scalar());
        default:
            if (const auto f = catalogue_function(r.op); f && arity(r.op) == 1) return symbolic::elementwise(*f, in(r.in0));
            unsupported(op_name(r.op));
    }
}

template <class T>
MatExpr MatrixDeriver<T>::matrix_expression(const MatEntry<T>& e) const {
    using symbolic::MatFunction;
    auto in0 = [&] { return expression(e.in0); };
    auto in1 = [&] { return expression(e.in1); };
    switch (e.op) {
        case OpKind::MatMul: return in0() * in1();
        case OpKind::Transpose: return symbolic::transpose(in0());
        case OpKind::MatSum:  // the sum of a 1×1 matrix (xᵀ a, a scalar in the model) is its entry
            if (shape(e.in0) == Shape{1, 1}) return in0();
            return symbolic::apply(MatFunction::sum, {in0()});
        case OpKind::MatMean: return symbolic::apply(MatFunction::mean, {in0()});
        case OpKind::RowSums: return in0() * symbolic::mat_ones();
        case OpKind::ColSums: return ones_t() * in0();
        case OpKind::RowMeans: return fraction(1, shape(e.in0).cols) * in0() * symbolic::mat_ones();
        case OpKind::ColMeans: return fraction(1, shape(e.in0).rows) * ones_t() * in0();
        case OpKind::Softmax: return symbolic::apply(MatFunction::softmax, {in0()});
        case OpKind::LogSoftmax: return symbolic::apply(MatFunction::log_softmax, {in0()});
        case OpKind::MseLoss: return symbolic::apply(MatFunction::mse, {in0(), in1()});
        case OpKind::BceWithLogits: return symbolic::apply(MatFunction::bce_with_logits, {in0(), in1()});
        case OpKind::SoftmaxCrossEntropy: return symbolic::apply(MatFunction::softmax_cross_entropy, {in0(), in1()});
        case OpKind::Trace: return symbolic::apply(MatFunction::trace, {in0()});
        case OpKind::Det: return symbolic::apply(MatFunction::det, {in0()});
        case OpKind::LogDet: return symbolic::apply(MatFunction::logdet, {in0()});
        case OpKind::FrobeniusNorm: return symbolic::apply(MatFunction::frobenius_norm, {in0()});
        case OpKind::Inverse: return symbolic::apply(MatFunction::inverse, {in0()});
        case OpKind::Diag: return symbolic::apply(MatFunction::diag, {in0()});
        case OpKind::Kron: return symbolic::apply(MatFunction::kron, {in0(), in1()});
        case OpKind::MatZip:
            switch (e.elem) {
                case OpKind::Add: return in0() + in1();
                case OpKind::Sub: return in0() - in1();
                case OpKind::Mul: return symbolic::hadamard(in0(), in1());
                case OpKind::Div: return symbolic::hadamard_quotient(in0(), in1());
                default: unsupported(op_name(e.elem));
            }
        case OpKind::MatMap: return elementwise_expression(e);
        default: unsupported(op_name(e.op));  // MatInput and MatConst are named or folded: never here
    }
}

template <class T>
MatExpr MatrixDeriver<T>::elementwise_expression(const MatEntry<T>& e) const {
    const MatExpr z = expression(e.in0), p = number(e.param);
    switch (e.elem) {
        case OpKind::Neg: return -z;
        case OpKind::MulConst: return p * z;
        case OpKind::DivConst: return reciprocal(e.param) * z;
        case OpKind::ConstSub: return p - z;
        case OpKind::SubConst: return z - p;
        case OpKind::AddConst:
        case OpKind::ConstAdd: return z + p;
        case OpKind::PowConst: return symbolic::hadamard_power(z, p.scalar());
        case OpKind::Sqrt: return symbolic::hadamard_power(z, symbolic::Expr(symbolic::Rational(1, 2)));
        case OpKind::ConstDiv: return symbolic::hadamard_quotient(p, z);
        default:
            if (const auto f = catalogue_function(e.elem)) return symbolic::elementwise(*f, z);
            unsupported(op_name(e.elem));
    }
}

template <class T>
MatExpr MatrixDeriver<T>::adjoint_of(NodeIndex i) const {
    if (named(i) && i != loss_) return symbolic::mat_adjoint(name_of(loss_), name_of(i));
    return joined(i);
}

template <class T>
MatExpr MatrixDeriver<T>::joined(NodeIndex i) const {
    const auto& ts = terms_.at(i);
    MatExpr sum = ts.front();
    for (std::size_t k = 1; k < ts.size(); ++k) sum = sum + ts[k];
    return sum;
}

template <class T>
MatExpr MatrixDeriver<T>::reduced(const MatExpr& g, const Shape& operand, const Shape& result, NodeIndex to) {
    const bool rows = operand.rows == 1 && result.rows != 1, cols = operand.cols == 1 && result.cols != 1;
    if (rows || cols) reduced_[to] = true;
    MatExpr out = g;
    if (rows) out = ones_t() * out;
    if (cols) out = out * symbolic::mat_ones();
    return out;
}

// Z̄ = Ā ⊙ f'(Z) for A = f(Z), with f' written in A where the textbooks do
// (σ' = A ⊙ (1 − A), tanh' = 1 − A∘², exp' = A) and relu'(Z) = [Z > 0] (Iverson bracket).
template <class T>
void MatrixDeriver<T>::propagate_map(const MatEntry<T>& e, const MatExpr& g) {
    const MatExpr z = expression(e.in0), a = expression(e.node), p = number(e.param);
    auto times = [&](const MatExpr& f) { add(e.in0, symbolic::spread_hadamard(g, f)); };  // f has g's shape
    switch (e.elem) {
        case OpKind::Sigmoid: return times(symbolic::hadamard(a, one() - a));
        case OpKind::Tanh: return times(one() - symbolic::hadamard_power(a, symbolic::Expr(2)));
        case OpKind::Relu: return times(symbolic::positive_indicator(z));
        case OpKind::Exp: return times(a);
        case OpKind::Neg:
        case OpKind::ConstSub: return add(e.in0, -g);
        case OpKind::AddConst:
        case OpKind::ConstAdd:
        case OpKind::SubConst: return add(e.in0, g);
        case OpKind::MulConst: return add(e.in0, p * g);
        case OpKind::DivConst: return add(e.in0, reciprocal(e.param) * g);
        case OpKind::PowConst: return times(p * symbolic::hadamard_power(z, p.scalar() - 1, true));
        case OpKind::Sqrt:  // (√z)' = 1/(2√z), written with the node √Z
            return times(hadamard_quotient(fraction(1, 2), a));
        case OpKind::ConstDiv:  // (p/z)' = −p/z²
            return add(e.in0, -symbolic::spread_hadamard(g, symbolic::hadamard_quotient(p, symbolic::hadamard_power(z, symbolic::Expr(2)))));
        default:
            if (const auto f = catalogue_function(e.elem)) return times(symbolic::elementwise(*f, z, true));
            unsupported(op_name(e.elem));
    }
}

// The matrix-algebra ops (graph/mat_rules_algebra.hpp), their identities from The Matrix
// Cookbook: ∂ tr A/∂A = I, ∂ det A/∂A = det(A) A⁻ᵀ, ∂ ln det A/∂A = A⁻ᵀ, Ā = −Yᵀ Ȳ Yᵀ for
// Y = A⁻¹, ∂‖A‖_F/∂A = A/‖A‖_F, diag's adjoint the diag of Ȳ, and for Y = A ⊗ B with Ȳ's
// p×q blocks Ȳ_[ij]: Ā_ij = tr(Ȳ_[ij]ᵀ B), B̄ = Σ_ij A_ij Ȳ_[ij].
template <class T>
void MatrixDeriver<T>::propagate_algebra(const MatEntry<T>& e, const MatExpr& g) {
    using symbolic::MatFunction;
    const MatExpr a = expression(e.in0);
    switch (e.op) {
        case OpKind::Trace: return add(e.in0, g * symbolic::apply(MatFunction::identity, {}));
        case OpKind::Det:
            return add(e.in0, g * symbolic::apply(MatFunction::det, {a}) * symbolic::apply(MatFunction::inverse_transpose, {a}));
        case OpKind::LogDet: return add(e.in0, g * symbolic::apply(MatFunction::inverse_transpose, {a}));
        case OpKind::FrobeniusNorm: return add(e.in0, g * symbolic::apply(MatFunction::normalized, {a}));
        case OpKind::Inverse: {
            const MatExpr yt = symbolic::transpose(expression(e.node));
            return add(e.in0, -(yt * g * yt));
        }
        case OpKind::Diag: return add(e.in0, symbolic::apply(MatFunction::diag, {g}));
        case OpKind::Kron: {
            const MatExpr b = expression(e.in1);
            if (e.needs0) add(e.in0, symbolic::apply(MatFunction::kron_left_adjoint, {g, b}));
            if (e.needs1) add(e.in1, symbolic::apply(MatFunction::kron_right_adjoint, {g, a}));
            return;
        }
        default: unsupported(op_name(e.op));
    }
}

template <class T>
void MatrixDeriver<T>::propagate_matrix(const MatEntry<T>& e, const MatExpr& g) {
    const MatExpr a = expression(e.in0);
    const Shape out = e.shape, s0 = shape(e.in0);
    const auto m_n = static_cast<std::int64_t>(s0.size()), n = static_cast<std::int64_t>(s0.rows);
    switch (e.op) {
        case OpKind::MatInput:
        case OpKind::MatConst: return;
        case OpKind::MatMul: {
            const MatExpr b = expression(e.in1);
            if (e.needs0) add(e.in0, g * symbolic::transpose(b));
            if (e.needs1) add(e.in1, symbolic::transpose(a) * g);
            return;
        }
        case OpKind::Transpose: return add(e.in0, symbolic::transpose(g));
        // Y = A 𝟏 (row sums): Ā = Ȳ 𝟏ᵀ; Y = 𝟏ᵀ A: Ā = 𝟏 Ȳ; the means with 1/n, 1/m.
        case OpKind::RowSums: return add(e.in0, g * ones_t());
        case OpKind::ColSums: return add(e.in0, symbolic::mat_ones() * g);
        case OpKind::RowMeans: return add(e.in0, fraction(1, s0.cols) * g * ones_t());
        case OpKind::ColMeans: return add(e.in0, fraction(1, s0.rows) * symbolic::mat_ones() * g);
        // S = sum(A) is 1×1: ∂J/∂A = (∂J/∂S) 𝟏𝟏ᵀ, the scalar first (𝟏𝟏ᵀ has A's shape).
        case OpKind::MatSum: return add(e.in0, g * spread(s0));
        case OpKind::MatMean: return add(e.in0, fraction(1, m_n) * g * spread(s0));
        case OpKind::MatMap: return propagate_map(e, g);
        case OpKind::MatZip: {
            const MatExpr b = expression(e.in1);
            const Shape s1 = shape(e.in1);
            if (e.elem == OpKind::Add || e.elem == OpKind::Sub) {
                if (e.needs0) add(e.in0, reduced(g, s0, out, e.in0));
                if (e.needs1) {
                    const MatExpr r = reduced(g, s1, out, e.in1);
                    add(e.in1, e.elem == OpKind::Sub ? -r : r);
                }
                return;
            }
            if (e.elem == OpKind::Mul) {
                // (s𝟏𝟏ᵀ) ⊙ B = sB only for a B of the output's shape (not a broadcast row).
                const auto times = [&](const MatExpr& x, const Shape& sx) {
                    return sx == out ? symbolic::spread_hadamard(g, x) : symbolic::hadamard(g, x);
                };
                if (e.needs0) add(e.in0, reduced(times(b, s1), s0, out, e.in0));
                if (e.needs1) add(e.in1, reduced(times(a, s0), s1, out, e.in1));
                return;
            }
            if (e.elem == OpKind::Div) {  // Y = A ⊘ B: Ā = Ȳ ⊘ B, B̄ = −Ȳ ⊙ Y ⊘ B
                const MatExpr y = expression(e.node);
                if (e.needs0) add(e.in0, reduced(symbolic::hadamard_quotient(g, b), s0, out, e.in0));
                if (e.needs1)
                    add(e.in1, reduced(-symbolic::hadamard_quotient(symbolic::hadamard(g, y), b), s1, out, e.in1));
                return;
            }
            unsupported(op_name(e.elem));
        }
        case OpKind::BceWithLogits: {
            // σ(Z) is written A when the model names it (A = σ(Z), shown in the forward pass).
            const std::optional<NodeIndex> k = named_sigmoid_of(e.in0);
            const MatExpr p = k ? symbol(*k) : symbolic::elementwise(symbolic::Function::sigmoid, a);
            return add(e.in0, fraction(1, m_n) * (p - expression(e.in1)) * g);
        }
        case OpKind::SoftmaxCrossEntropy: {
            const MatExpr softmax = symbolic::apply(symbolic::MatFunction::softmax, {a});
            return add(e.in0, fraction(1, n) * (softmax - expression(e.in1)) * g);
        }
        case OpKind::MseLoss: return add(e.in0, fraction(2, m_n) * (a - expression(e.in1)) * g);
        case OpKind::Trace:
        case OpKind::Det:
        case OpKind::LogDet:
        case OpKind::FrobeniusNorm:
        case OpKind::Inverse:
        case OpKind::Diag:
        case OpKind::Kron: return propagate_algebra(e, g);
        default: unsupported(op_name(e.op));
    }
}

template <class T>
void MatrixDeriver<T>::propagate(NodeIndex i, const MatExpr& g) {
    if (const MatEntry<T>* e = entry(i)) return propagate_matrix(*e, g);
    const NodeRecord& r = t_.node(i);
    switch (r.op) {
        case OpKind::Input:
        case OpKind::Const: return;
        case OpKind::Add: add(r.in0, g), add(r.in1, g); return;
        case OpKind::Sub: add(r.in0, g), add(r.in1, -g); return;
        case OpKind::Neg: return add(r.in0, -g);
        case OpKind::Mul: add(r.in0, g * expression(r.in1)), add(r.in1, g * expression(r.in0)); return;
        case OpKind::Div: {  // y = a/b: ā = ȳ/b, b̄ = −ȳ y/b
            const MatExpr b = expression(r.in1);
            add(r.in0, symbolic::hadamard_quotient(g, b));
            add(r.in1, -symbolic::hadamard_quotient(g * expression(i), b));
            return;
        }
        case OpKind::PowConst: {
            const MatExpr p = number(t_.param(i));
            add(r.in0, g * p * symbolic::hadamard_power(expression(r.in0), p.scalar() - 1, true));
            return;
        }
        case OpKind::AddConst:
        case OpKind::ConstAdd:
        case OpKind::SubConst: return add(r.in0, g);
        case OpKind::ConstSub: return add(r.in0, -g);
        case OpKind::Sqrt:  // (√x)' = 1/(2√x), written with the node √x
            return add(r.in0, symbolic::hadamard_quotient(g, symbolic::mat_scalar(symbolic::Expr(2)) * expression(i)));
        case OpKind::ConstDiv:  // (p/x)' = −p/x² = −y/x
            return add(r.in0, -symbolic::hadamard_quotient(g * expression(i), expression(r.in0)));
        case OpKind::MulConst: return add(r.in0, number(t_.param(i)) * g);
        case OpKind::DivConst: return add(r.in0, reciprocal(t_.param(i)) * g);
        default:
            if (const auto f = catalogue_function(r.op); f && arity(r.op) == 1)
                return add(r.in0, g * symbolic::elementwise(*f, expression(r.in0), true));
            unsupported(op_name(r.op));
    }
}

// Unnamed leaves the loss reads get a name, so that every symbol of the sheet is defined
// in its "Given" section: the one-hot targets softmax_cross_entropy(Z, labels) records are
// Y, other matrices C₁, C₂, …, scalars c₁, c₂, … (names not taken on the tape).
template <class T>
void MatrixDeriver<T>::name_unnamed_leaves(const std::vector<bool>& needed) {
    const auto taken = [this](const std::string& n) {
        if (t_.find(n).has_value()) return true;
        for (const auto& [k, a] : aliases_)
            if (a == n) return true;
        return false;
    };
    const auto fresh = [&](const std::string& stem) {
        std::string n = stem;
        for (int k = 1; taken(n); ++k) n = stem + "_" + std::to_string(k);
        return n;
    };
    std::vector<bool> targets(loss_ + 1, false);  // read as the targets of a softmax cross-entropy
    for (NodeIndex k = 0; k <= loss_; ++k)
        if (const MatEntry<T>* e = entry(k); e && e->op == OpKind::SoftmaxCrossEntropy) targets[e->in1] = true;
    int count = 0;
    for (NodeIndex i = 0; i <= loss_; ++i) {
        if (!needed[i] || !t_.name(i).empty() || !is_leaf(i) || t_.node(i).op == OpKind::Const) continue;
        const OpKind op = t_.node(i).op;
        const bool matrix = op == OpKind::MatInput || op == OpKind::MatConst;
        aliases_[i] = targets[i] ? fresh("Y") : fresh(std::string(matrix ? "C" : "c") + "_" + std::to_string(++count));
    }
}

template <class T>
void MatrixDeriver<T>::emit(NodeIndex i) {
    auto s = step<MatrixGradientStep>(i);
    s.formula = joined(i);
    s.reduced = reduced_[i];
    if (*swept_)
        s.value = is_matrix_valued(t_.node(i).op) ? (*swept_)->adjoint_matrix(i)
                                                  : Matrix<Real>::Constant(1, 1, (*swept_)->adjoint(i));
    steps_->push_back(std::move(s));
}

template <class T>
MatrixDerivation MatrixDeriver<T>::run(bool values) {
    if (!named(loss_)) throw Error("chainrule: the loss of a matrix derivation must be named (node #" + std::to_string(loss_) + ")");
    if (entry(loss_) != nullptr && is_matrix_valued(t_.node(loss_).op))
        throw Error("chainrule: the loss of a matrix derivation must be a scalar; '" + std::string(t_.name(loss_)) + "' is " +
                    shape_text(shape(loss_)));
    std::optional<Tape<Real>> swept;  // the 50-digit values and adjoints, when wanted
    if (values) {
        swept = replay<Real>(t_);
        backward(swept->var(loss_));
    }
    MatrixDerivation d;
    d.loss = std::string(t_.name(loss_));
    const std::vector<bool> needed = detail::needed_nodes(t_, loss_);
    name_unnamed_leaves(needed);
    std::vector<bool> shown = needed;  // and A = σ(Z) where the sweep writes A
    for (NodeIndex i = 0; i <= loss_; ++i)
        if (const MatEntry<T>* e = entry(i); e && needed[i] && e->op == OpKind::BceWithLogits)
            if (const std::optional<NodeIndex> k = named_sigmoid_of(e->in0)) shown[*k] = true;
    for (NodeIndex i = 0; i <= loss_; ++i) {
        if (!shown[i] || !named(i)) continue;
        const OpKind op = t_.node(i).op;
        auto s = step<MatrixForwardStep>(i);
        s.leaf = is_leaf(i);
        s.variable = op == OpKind::Input || op == OpKind::MatInput;
        if (!s.leaf) s.definition = expression(i, true);
        if (swept) s.value = is_matrix_valued(op) ? swept->matrix_value(i) : Matrix<Real>::Constant(1, 1, swept->value(i));
        d.forward.push_back(std::move(s));
    }
    // Named nodes in reverse order; a variable as soon as its last reader is done.
    steps_ = &d.backward;
    swept_ = &swept;
    std::vector<std::size_t> pending(loss_ + 1, 0);
    for (NodeIndex i = 0; i <= loss_; ++i)
        if (needed[i])
            for (NodeIndex k : inputs(i)) ++pending[k];
    terms_[loss_].push_back(one());
    for (NodeIndex i = loss_ + 1; i-- > 0;) {
        if (!terms_.count(i) || is_leaf(i)) continue;
        if (named(i) && i != loss_) emit(i);
        propagate(i, adjoint_of(i));
        for (NodeIndex k : inputs(i)) {
            const OpKind op = t_.node(k).op;
            if (--pending[k] == 0 && named(k) && terms_.count(k) && (op == OpKind::Input || op == OpKind::MatInput)) emit(k);
        }
    }
    return d;
}

}  // namespace

template <class T>
MatrixDerivation derive_matrix(const Tape<T>& tape, NodeIndex loss, bool values) {
    tape.checked(loss);
    return MatrixDeriver<T>(tape, loss).run(values);
}

namespace {
// max_input_exponent (named_graph.hpp) of the scalars, and of the matrix leaves' entries
// and the matrix ops' params: 1e1700 + 2 − 1e1700 needs a rung beyond 1600 digits.
int max_exponent_with_matrices(const Tape<Real>& t) {
    double e = max_input_exponent(t);
    const auto consider = [&e](const Real& v) {
        if (boost::multiprecision::isfinite(v) && v != 0)
            e = std::max(e, std::abs(boost::multiprecision::log10(boost::multiprecision::abs(v)).convert_to<double>()));
    };
    if (const auto* store = t.matrix_store())
        for (std::size_t k = 0; k < store->size(); ++k) {
            consider(store->entry(k).param);
            if (store->entry(k).op != OpKind::MatInput && store->entry(k).op != OpKind::MatConst) continue;
            const Matrix<Real>& m = store->value(k);
            for (Eigen::Index i = 0; i < m.size(); ++i) consider(m(i));
        }
    return static_cast<int>(std::ceil(e));
}

template <class D, class F>
void for_each_entry(D& d, const F& f) {
    const auto visit = [&](auto& step) {
        if (step.certainty.size() != static_cast<std::size_t>(step.value.size())) step.certainty.resize(step.value.size());
        for (Eigen::Index k = 0; k < step.value.size(); ++k) f(step.value(k), step.certainty[static_cast<std::size_t>(k)]);
    };
    for (auto& s : d.forward) visit(s);
    for (auto& s : d.backward) visit(s);
}
}  // namespace

MatrixDerivation certified_matrix_derivation(const std::function<std::pair<Tape<Real>, NodeIndex>()>& record, int digits) {
    MatrixDerivation d;
    const auto evaluate = [&](std::vector<Real>& numbers) {
        const auto [tape, loss] = record();
        d = derive_matrix(tape, loss);
        for_each_entry(d, [&](Real& x, Certainty&) { numbers.push_back(x); });
    };
    std::vector<Real> numbers;
    int cap = kPrecisionCap;
    {
        PrecisionScope scope(kWorkingDigits);
        cap = ladder_cap(max_exponent_with_matrices(record().first));
    }
    const std::vector<Certainty> certainty = run_ladder(evaluate, digits, numbers, cap);
    // The formulas of the first rung, rounded to nearest (the ladder's last call may have
    // rounded up or down, and its tape's 0.3 is then no short decimal), with the last
    // rung's values.
    {
        PrecisionScope scope(kWorkingDigits);
        const auto [tape, loss] = record();
        d = derive_matrix(tape, loss);
    }
    std::size_t k = 0;
    for_each_entry(d, [&](Real& x, Certainty& c) {
        x = numbers.at(k);
        c = certainty.at(k++);
    });
    return d;
}

template MatrixDerivation derive_matrix(const Tape<float>&, NodeIndex, bool);
template MatrixDerivation derive_matrix(const Tape<double>&, NodeIndex, bool);
template MatrixDerivation derive_matrix(const Tape<long double>&, NodeIndex, bool);
template MatrixDerivation derive_matrix(const Tape<Real>&, NodeIndex, bool);

}  // namespace chainrule::derivations
