#include "matrix_derivation.hpp"

#include "../precision/number_format.hpp"

#include "../autodiff/reverse_sweep.hpp"
#include "../symbolic/latex_names.hpp"

#include <map>
#include <optional>

namespace chainrule::derivations {
namespace {

using chainrule::detail::MatEntry;

// A LaTeX piece and how tightly it binds: 0 a sum, 1 a product, 2 an atom.
struct Tex {
    std::string s;
    int prec = 2;
};

std::string wrap(const Tex& t, int need) { return t.prec < need ? "\\left(" + t.s + "\\right)" : t.s; }
Tex sum_of(const Tex& a, const std::string& op, const Tex& b) { return {a.s + " " + op + " " + wrap(b, op == "-" ? 1 : 0), 0}; }
Tex product_of(const Tex& a, const std::string& op, const Tex& b) {
    const bool associative = op == " \\odot ";  // A ⊙ (B ⊙ C) = A ⊙ B ⊙ C
    return {wrap(a, 1) + op + wrap(b, associative && b.s.find("\\oslash") == std::string::npos ? 1 : 2), 1};
}
Tex call(const std::string& f, const Tex& a) { return {f + "\\left(" + a.s + "\\right)", 2}; }
std::string shape_tex(const Shape& s) { return "(" + std::to_string(s.rows) + "{\\times}" + std::to_string(s.cols) + ")"; }
std::string number(const Real& x) { return format_number(x, 10); }

[[noreturn]] void unsupported(std::string_view op) {
    throw Error("chainrule: matrix worksheets have no matrix-notation rule for op '" + std::string(op) +
                "' (name a node after it, or use the scalar worksheet)");
}

template <class T>
class MatrixDeriver {
public:
    MatrixDeriver(const Tape<T>& tape, NodeIndex loss) : t_(tape), loss_(loss) {}

    MatrixDerivation run(bool values);

private:
    bool named(NodeIndex i) const { return !t_.name(i).empty(); }
    std::string symbol(NodeIndex i) const { return symbolic::latex_name(t_.name(i)); }
    std::string adjoint_symbol(NodeIndex i) const {
        return "\\frac{\\partial " + symbolic::latex_name(t_.name(loss_)) + "}{\\partial " + symbol(i) + "}";
    }
    const MatEntry<T>* entry(NodeIndex i) const {
        const auto* store = t_.matrix_store();
        if (store == nullptr) return nullptr;
        const std::uint32_t k = store->slot_of(i);
        return k == chainrule::detail::kScalarSlot ? nullptr : &store->entry(k);
    }
    Shape shape(NodeIndex i) const { return t_.shape(i); }

    // Forward: the expression of node i over named nodes (leaf(i) prints a named node).
    template <class Leaf>
    Tex expression(NodeIndex i, bool top, Leaf leaf) const;
    template <class Leaf>
    Tex matrix_expression(const MatEntry<T>& e, Leaf leaf) const;
    template <class Leaf>
    Tex scalar_expression(NodeIndex i, Leaf leaf) const;

    // Backward: adds node i's contributions to the adjoints of its inputs.
    void propagate(NodeIndex i, const Tex& g);
    void propagate_matrix(const MatEntry<T>& e, const Tex& g);
    void propagate_map(const MatEntry<T>& e, const Tex& g);
    void add(NodeIndex i, Tex term);
    // g summed over the dimensions in which `operand` was broadcast to `result`.
    Tex reduced(const Tex& g, const Shape& operand, const Shape& result, NodeIndex to);
    Tex output_tex(NodeIndex i) const { return expression(i, false, [this](NodeIndex k) { return Tex{symbol(k)}; }); }
    Tex adjoint_of(NodeIndex i) const;  // ∂J/∂N for a named node, else its terms
    Tex joined(NodeIndex i) const;      // the sum of the terms added to node i

    const Tape<T>& t_;
    NodeIndex loss_;
    std::map<NodeIndex, std::vector<Tex>> terms_;
    std::map<NodeIndex, bool> reduced_;
    std::vector<MatrixGradientStep>* steps_ = nullptr;
    const std::optional<Tape<Real>>* swept_ = nullptr;

    std::vector<NodeIndex> inputs(NodeIndex i) const {
        const NodeRecord& r = t_.node(i);
        std::vector<NodeIndex> in;
        if (arity(r.op) >= 1) in.push_back(r.in0);
        if (arity(r.op) == 2) in.push_back(r.in1);
        return in;
    }
    void emit(NodeIndex i);
};

template <class T>
template <class Leaf>
Tex MatrixDeriver<T>::expression(NodeIndex i, bool top, Leaf leaf) const {
    if (named(i) && !top) return leaf(i);
    if (const MatEntry<T>* e = entry(i)) return matrix_expression(*e, leaf);
    return scalar_expression(i, leaf);
}

template <class T>
template <class Leaf>
Tex MatrixDeriver<T>::scalar_expression(NodeIndex i, Leaf leaf) const {
    const NodeRecord& r = t_.node(i);
    auto in = [&](NodeIndex k) { return expression(k, false, leaf); };
    switch (r.op) {
        case OpKind::Const: return {number(Real(t_.value(i)))};
        case OpKind::Add: return sum_of(in(r.in0), "+", in(r.in1));
        case OpKind::Sub: return sum_of(in(r.in0), "-", in(r.in1));
        case OpKind::Mul: return product_of(in(r.in0), " ", in(r.in1));
        case OpKind::MulConst: return product_of({number(Real(t_.param(i)))}, " ", in(r.in0));
        case OpKind::DivConst: return {"\\frac{" + in(r.in0).s + "}{" + number(Real(t_.param(i))) + "}", 2};
        case OpKind::AddConst: return sum_of(in(r.in0), "+", {number(Real(t_.param(i)))});
        default: unsupported(op_name(r.op));
    }
}

template <class T>
template <class Leaf>
Tex MatrixDeriver<T>::matrix_expression(const MatEntry<T>& e, Leaf leaf) const {
    auto in0 = [&] { return expression(e.in0, false, leaf); };
    auto in1 = [&] { return expression(e.in1, false, leaf); };
    switch (e.op) {
        case OpKind::MatInput:
        case OpKind::MatConst: return {"\\text{(matrix)}"};
        case OpKind::MatMul: return product_of(in0(), " ", in1());
        case OpKind::Transpose: return {wrap(in0(), 2) + "^{\\top}", 2};
        case OpKind::MatSum: return call("\\operatorname{sum}", in0());
        case OpKind::MatMean: return call("\\operatorname{mean}", in0());
        case OpKind::RowSums: return product_of(in0(), " ", {"\\mathbf{1}"});
        case OpKind::ColSums: return product_of({"\\mathbf{1}^{\\top}"}, " ", in0());
        case OpKind::Softmax: return call("\\operatorname{softmax}", in0());
        case OpKind::LogSoftmax: return call("\\log\\operatorname{softmax}", in0());
        case OpKind::MseLoss: return {"\\operatorname{MSE}\\left(" + in0().s + ",\\, " + in1().s + "\\right)"};
        case OpKind::BceWithLogits: return {"\\operatorname{BCE}\\left(" + in0().s + ",\\, " + in1().s + "\\right)"};
        case OpKind::SoftmaxCrossEntropy: return {"\\operatorname{CE}\\left(" + in0().s + ",\\, " + in1().s + "\\right)"};
        case OpKind::MatZip:
            switch (e.elem) {
                case OpKind::Add: return sum_of(in0(), "+", in1());
                case OpKind::Sub: return sum_of(in0(), "-", in1());
                case OpKind::Mul: return product_of(in0(), " \\odot ", in1());
                case OpKind::Div: return product_of(in0(), " \\oslash ", in1());
                default: unsupported(op_name(e.elem));
            }
        case OpKind::MatMap:
            switch (e.elem) {
                case OpKind::Sigmoid: return call("\\sigma", in0());
                case OpKind::Neg: return {"-" + wrap(in0(), 1), 0};
                case OpKind::MulConst: return product_of({number(Real(e.param))}, " ", in0());
                case OpKind::ConstSub: return sum_of({number(Real(e.param))}, "-", in0());
                case OpKind::SubConst: return sum_of(in0(), "-", {number(Real(e.param))});
                case OpKind::AddConst:
                case OpKind::ConstAdd: return sum_of(in0(), "+", {number(Real(e.param))});
                case OpKind::PowConst: return {wrap(in0(), 2) + "^{\\circ " + number(Real(e.param)) + "}", 2};
                default: return call("\\operatorname{" + std::string(op_name(e.elem)) + "}", in0());
            }
        default: unsupported(op_name(e.op));
    }
}

template <class T>
void MatrixDeriver<T>::add(NodeIndex i, Tex term) { terms_[i].push_back(std::move(term)); }

template <class T>
Tex MatrixDeriver<T>::adjoint_of(NodeIndex i) const {
    if (named(i) && i != loss_) return {adjoint_symbol(i)};
    return joined(i);
}

template <class T>
Tex MatrixDeriver<T>::joined(NodeIndex i) const {
    const auto& ts = terms_.at(i);
    Tex sum = ts.front();
    for (std::size_t k = 1; k < ts.size(); ++k) sum = sum_of(sum, "+", ts[k]);
    return sum;
}

template <class T>
Tex MatrixDeriver<T>::reduced(const Tex& g, const Shape& operand, const Shape& result, NodeIndex to) {
    const bool rows = operand.rows == 1 && result.rows != 1, cols = operand.cols == 1 && result.cols != 1;
    if (rows || cols) reduced_[to] = true;
    Tex out = g;
    if (rows) out = product_of({"\\mathbf{1}^{\\top}"}, " ", out);
    if (cols) out = product_of(out, " ", {"\\mathbf{1}"});
    return out;
}

// 1·g is g; "1" as a factor is left out.
Tex scaled(const std::string& factor, const Tex& g) {
    if (g.s == "1") return {factor, factor.find_first_of("+-") == std::string::npos ? 1 : 0};
    return product_of({factor, 1}, " ", g);
}

template <class T>
void MatrixDeriver<T>::propagate_map(const MatEntry<T>& e, const Tex& g) {
    const Tex z = expression(e.in0, false, [this](NodeIndex k) { return Tex{symbol(k)}; });
    const Tex a = output_tex(e.node);
    auto times = [&](const Tex& f) { add(e.in0, product_of(g, " \\odot ", f)); };
    switch (e.elem) {
        case OpKind::Sigmoid: return times(product_of(a, " \\odot ", {"\\left(1 - " + wrap(a, 1) + "\\right)"}));
        case OpKind::Tanh: return times({"\\left(1 - " + wrap(a, 2) + "^{\\circ 2}\\right)"});
        case OpKind::Relu: return times({"\\mathbb{1}\\left[" + z.s + " > 0\\right]"});
        case OpKind::Exp: return times(a);
        case OpKind::Neg: return add(e.in0, {"-" + wrap(g, 1), 0});
        case OpKind::AddConst:
        case OpKind::ConstAdd:
        case OpKind::SubConst: return add(e.in0, g);
        case OpKind::ConstSub: return add(e.in0, {"-" + wrap(g, 1), 0});
        case OpKind::MulConst: return add(e.in0, product_of({number(Real(e.param))}, " ", g));
        case OpKind::PowConst:
            return times(product_of({number(Real(e.param))}, " ", {wrap(z, 2) + "^{\\circ " + number(Real(e.param) - 1) + "}"}));
        default: return times({"\\operatorname{" + std::string(op_name(e.elem)) + "}'\\left(" + z.s + "\\right)"});
    }
}

template <class T>
void MatrixDeriver<T>::propagate_matrix(const MatEntry<T>& e, const Tex& g) {
    const auto leaf = [this](NodeIndex k) { return Tex{symbol(k)}; };
    const Tex a = expression(e.in0, false, leaf);
    const Shape out = e.shape, s0 = shape(e.in0);
    const std::string mn = std::to_string(s0.size()), n = std::to_string(s0.rows);
    switch (e.op) {
        case OpKind::MatInput:
        case OpKind::MatConst: return;
        case OpKind::MatMul: {
            const Tex b = expression(e.in1, false, leaf);
            if (e.needs0) add(e.in0, product_of(g, " ", {wrap(b, 2) + "^{\\top}"}));
            if (e.needs1) add(e.in1, product_of({wrap(a, 2) + "^{\\top}"}, " ", g));
            return;
        }
        case OpKind::Transpose: return add(e.in0, {wrap(g, 2) + "^{\\top}"});
        case OpKind::MatSum: return add(e.in0, scaled("\\mathbf{1}\\mathbf{1}^{\\top}", g));
        case OpKind::MatMean: return add(e.in0, scaled("\\frac{1}{" + mn + "}\\mathbf{1}\\mathbf{1}^{\\top}", g));
        case OpKind::MatMap: return propagate_map(e, g);
        case OpKind::MatZip: {
            const Tex b = expression(e.in1, false, leaf);
            const Shape s1 = shape(e.in1);
            if (e.elem == OpKind::Add || e.elem == OpKind::Sub) {
                if (e.needs0) add(e.in0, reduced(g, s0, out, e.in0));
                if (e.needs1) {
                    Tex r = reduced(g, s1, out, e.in1);
                    add(e.in1, e.elem == OpKind::Sub ? Tex{"-" + wrap(r, 1), 0} : r);
                }
                return;
            }
            if (e.elem == OpKind::Mul) {
                if (e.needs0) add(e.in0, reduced(product_of(g, " \\odot ", b), s0, out, e.in0));
                if (e.needs1) add(e.in1, reduced(product_of(g, " \\odot ", a), s1, out, e.in1));
                return;
            }
            unsupported(op_name(e.elem));
        }
        case OpKind::BceWithLogits: {
            // σ(Z) is the named node that holds it, if the model has one (A = σ(Z)).
            Tex p = call("\\sigma", a);
            for (NodeIndex k = e.in0 + 1; k < t_.size(); ++k)
                if (const MatEntry<T>* c = entry(k); c && named(k) && c->op == OpKind::MatMap && c->elem == OpKind::Sigmoid && c->in0 == e.in0) p = {symbol(k)};
            const Tex y = expression(e.in1, false, leaf);
            return add(e.in0, scaled("\\frac{1}{" + mn + "}\\left(" + p.s + " - " + wrap(y, 1) + "\\right)", g));
        }
        case OpKind::SoftmaxCrossEntropy: {
            const Tex y = expression(e.in1, false, leaf);
            return add(e.in0, scaled("\\frac{1}{" + n + "}\\left(\\operatorname{softmax}\\left(" + a.s + "\\right) - " + wrap(y, 1) + "\\right)", g));
        }
        case OpKind::MseLoss: {
            const Tex y = expression(e.in1, false, leaf);
            return add(e.in0, scaled("\\frac{2}{" + mn + "}\\left(" + a.s + " - " + wrap(y, 1) + "\\right)", g));
        }
        default: unsupported(op_name(e.op));
    }
}

template <class T>
void MatrixDeriver<T>::propagate(NodeIndex i, const Tex& g) {
    if (const MatEntry<T>* e = entry(i)) return propagate_matrix(*e, g);
    const NodeRecord& r = t_.node(i);
    switch (r.op) {
        case OpKind::Input:
        case OpKind::Const: return;
        case OpKind::Add: add(r.in0, g), add(r.in1, g); return;
        case OpKind::Sub: add(r.in0, g), add(r.in1, {"-" + wrap(g, 1), 0}); return;
        case OpKind::AddConst: return add(r.in0, g);
        case OpKind::MulConst: return add(r.in0, scaled(number(Real(t_.param(i))), g));
        case OpKind::DivConst: return add(r.in0, scaled("\\frac{1}{" + number(Real(t_.param(i))) + "}", g));
        default: unsupported(op_name(r.op));
    }
}

template <class T>
void MatrixDeriver<T>::emit(NodeIndex i) {
    MatrixGradientStep s{i, std::string(t_.name(i)), symbol(i), shape(i)};
    s.formula = joined(i).s;
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
    d.loss_symbol = symbolic::latex_name(d.loss);
    const std::vector<bool> needed = detail::needed_nodes(t_, loss_);
    const auto leaf = [this](NodeIndex k) { return Tex{symbol(k)}; };
    const auto shape_leaf = [this](NodeIndex k) { return Tex{shape_tex(shape(k))}; };
    for (NodeIndex i = 0; i <= loss_; ++i) {
        if (!needed[i] || !named(i)) continue;
        const OpKind op = t_.node(i).op;
        MatrixForwardStep s{i, std::string(t_.name(i)), symbol(i), shape(i)};
        s.leaf = op == OpKind::Input || op == OpKind::Const || op == OpKind::MatInput || op == OpKind::MatConst;
        s.variable = op == OpKind::Input || op == OpKind::MatInput;
        if (!s.leaf) {
            s.definition = expression(i, true, leaf).s;
            s.shapes = expression(i, true, shape_leaf).s;
        }
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
    const auto is_leaf = [this](NodeIndex i) {
        const OpKind op = t_.node(i).op;
        return op == OpKind::Input || op == OpKind::Const || op == OpKind::MatInput || op == OpKind::MatConst;
    };
    terms_[loss_].push_back({"1"});
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

template MatrixDerivation derive_matrix(const Tape<float>&, NodeIndex, bool);
template MatrixDerivation derive_matrix(const Tape<double>&, NodeIndex, bool);
template MatrixDerivation derive_matrix(const Tape<long double>&, NodeIndex, bool);
template MatrixDerivation derive_matrix(const Tape<Real>&, NodeIndex, bool);

}  // namespace chainrule::derivations
