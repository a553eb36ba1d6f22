#include "matrix_recorder.hpp"

#include "functions.hpp"
#include "matrix_declarations.hpp"
#include "matrix_functions.hpp"
#include "recorder.hpp"

#include <string>

namespace chainrule::lang {

namespace {

using M = Mat<Real>;
using S = Var<Real>;

/// A value while recording: a constant not yet on the tape (a number or an expression of
/// numbers: the param of a map node, as in 0.5*A), a scalar node or a matrix node.
struct Term {
    std::optional<Real> constant;
    std::optional<S> scalar;
    std::optional<M> matrix;
};

bool names_nothing(const ExprNode& e) {
    if (e.kind == ExprNode::Kind::Name || e.kind == ExprNode::Kind::Matrix) return false;
    for (const ExprNode& o : e.operands)
        if (!names_nothing(o)) return false;
    return true;
}

std::string shape_of(const Term& x) { return x.matrix ? shape_text(x.matrix->shape()) : "scalar"; }

class MatrixRecorder {
public:
    MatrixRecorder(Tape<Real>& tape, const Source& source, const ValueResolver& resolve)
        : tape_(tape), source_(source), resolve_(resolve) {}

    Term eval(const ExprNode& e) {
        if (!reads_matrix(e, resolve_)) return scalar_operand(e);
        try {
            return matrix_operand(e);
        } catch (const ShapeError& error) {  // the op's message, at the expression's place
            std::string what = error.what();
            if (what.rfind("chainrule: ", 0) == 0) what.erase(0, 11);
            throw LangError(source_, e.offset, what);
        }
    }

    ModelValue value(const Term& x) {
        if (x.matrix) return *x.matrix;
        return scalar(x);
    }

private:
    // An expression of numbers is a constant (a map node's param); else a scalar node,
    // recorded as in a scalar model.
    Term scalar_operand(const ExprNode& e) {
        if (names_nothing(e)) {
            Tape<Real> scratch;
            return {record_expression(scratch, e, source_, scalar_resolver()).value(), {}, {}};
        }
        return {{}, record_expression(tape_, e, source_, scalar_resolver()), {}};
    }

    NameResolver scalar_resolver() const {
        return [this](const ExprNode& n) {
            const ModelValue v = resolve_(n);
            if (const S* s = std::get_if<S>(&v)) return *s;
            throw std::logic_error("chainrule::lang: a matrix name in a scalar expression");
        };
    }

    S scalar(const Term& x) { return x.scalar ? *x.scalar : tape_.constant(*x.constant); }

    Term matrix_operand(const ExprNode& e) {
        switch (e.kind) {
            case ExprNode::Kind::Name: {
                const ModelValue v = resolve_(e);
                if (const M* m = std::get_if<M>(&v)) return {{}, {}, *m};
                return {{}, std::get<S>(v), {}};
            }
            case ExprNode::Kind::Matrix: return {{}, {}, tape_.constant(literal_matrix(literal_rows(e), source_))};
            case ExprNode::Kind::Negate: return negate(eval(e.operands[0]));
            case ExprNode::Kind::Transpose: {
                Term x = eval(e.operands[0]);
                if (x.matrix) x.matrix = transpose(*x.matrix);
                return x;
            }
            case ExprNode::Kind::Sum:
            case ExprNode::Kind::Product: return fold(e);
            case ExprNode::Kind::Power: return power(e);
            case ExprNode::Kind::Call: return call(e);
            case ExprNode::Kind::Number:
            case ExprNode::Kind::Constant: break;  // read no matrix: scalar_operand
        }
        throw std::logic_error("chainrule::lang: unexpected node in a matrix expression");
    }

    Term negate(const Term& x) {
        if (x.matrix) return {{}, {}, -*x.matrix};
        if (x.scalar) return {{}, -*x.scalar, {}};
        return {-*x.constant, {}, {}};
    }

    Term fold(const ExprNode& e) {
        Term acc = eval(e.operands[0]);
        for (std::size_t i = 1; i < e.operands.size(); ++i) acc = binary(e.ops[i], acc, eval(e.operands[i]), e, i);
        return acc;
    }

    Term power(const ExprNode& e) {
        const char op = e.ops.size() > 1 ? e.ops[1] : '^';
        const Term base = eval(e.operands[0]), exponent = eval(e.operands[1]);
        if (op == '^' && (base.matrix || exponent.matrix))
            fail(e, "'^' of a matrix (" + shape_of(base) + " ^ " + shape_of(exponent) + ")",
                 "use .^ for the element-wise power (A.^2), A*A for the matrix product");
        return binary(kElementwisePower, base, exponent, e, 1);
    }

    [[noreturn]] void fail(const ExprNode& e, const std::string& what, std::string hint) const {
        throw LangError(source_, e.offset, what, {}, std::move(hint));
    }

    // a (op) b, where at least one side may be a matrix.
    Term binary(char op, const Term& a, const Term& b, const ExprNode& e, std::size_t i) {
        if (!a.matrix && !b.matrix) return scalar_binary(op, a, b, e, i);
        switch (op) {
            case '+': return mat(add(a, b));
            case '-': return mat(subtract(a, b));
            case '*':  // a 1×1 matrix scales, as in MATLAB: (x'*x)*A
                if (a.matrix && b.matrix && !is_one_by_one(*a.matrix) && !is_one_by_one(*b.matrix))
                    return mat(*a.matrix * *b.matrix);
                return mat(multiply(a, b));
            case kHadamard: return mat(multiply(a, b));
            case '/':
                if (b.matrix && !is_one_by_one(*b.matrix))
                    fail(e.operands[i], "'/' by a matrix (" + shape_of(a) + " / " + shape_of(b) + ")",
                         "use ./ for the element-wise quotient (A ./ B)");
                return mat(divide(a, b, e, i));
            case kElementwiseDivide: return mat(divide(a, b, e, i));
            default: return mat(elementwise_power(a, b));
        }
    }

    static Term mat(M m) { return {{}, {}, std::move(m)}; }
    static bool is_one_by_one(const M& m) { return m.rows() == 1 && m.cols() == 1; }

    M add(const Term& a, const Term& b) {
        if (a.matrix && b.matrix) return *a.matrix + *b.matrix;
        if (a.matrix) return b.constant ? *a.matrix + *b.constant : *a.matrix + *b.scalar;
        return a.constant ? *a.constant + *b.matrix : *a.scalar + *b.matrix;
    }
    M subtract(const Term& a, const Term& b) {
        if (a.matrix && b.matrix) return *a.matrix - *b.matrix;
        if (a.matrix) return b.constant ? *a.matrix - *b.constant : *a.matrix - *b.scalar;
        return a.constant ? *a.constant - *b.matrix : *a.scalar - *b.matrix;
    }
    M multiply(const Term& a, const Term& b) {
        if (a.matrix && b.matrix) return hadamard(*a.matrix, *b.matrix);
        if (a.matrix) return b.constant ? *a.matrix * *b.constant : *a.matrix * *b.scalar;
        return a.constant ? *a.constant * *b.matrix : *a.scalar * *b.matrix;
    }
    M divide(const Term& a, const Term& b, const ExprNode& e, std::size_t i) {
        if (b.constant && *b.constant == 0)
            throw LangError(source_, e.operands[i].offset, "division by zero", "a divisor that is not 0");
        if (a.matrix && b.matrix) return *a.matrix / *b.matrix;
        if (a.matrix) return b.constant ? *a.matrix / *b.constant : *a.matrix / *b.scalar;
        return a.constant ? *a.constant / *b.matrix : *a.scalar / *b.matrix;
    }
    M elementwise_power(const Term& a, const Term& b) {
        if (a.matrix && b.matrix) return pow(*a.matrix, *b.matrix);
        if (a.matrix) return b.constant ? pow(*a.matrix, *b.constant) : pow(*a.matrix, *b.scalar);
        return a.constant ? pow(*a.constant, *b.matrix) : pow(*a.scalar, *b.matrix);
    }

    // Both sides scalar (one may be a constant): the scalar ops.
    Term scalar_binary(char op, const Term& a, const Term& b, const ExprNode& e, std::size_t i) {
        if ((op == '/' || op == kElementwiseDivide) && b.constant && *b.constant == 0)
            throw LangError(source_, e.operands[i].offset, "division by zero", "a divisor that is not 0");
        if (a.constant && b.constant) {
            switch (op) {
                case '+': return {*a.constant + *b.constant, {}, {}};
                case '-': return {*a.constant - *b.constant, {}, {}};
                case '*':
                case kHadamard: return {*a.constant * *b.constant, {}, {}};
                case '/':
                case kElementwiseDivide: return {*a.constant / *b.constant, {}, {}};
                default: return {Real(pow(*a.constant, *b.constant)), {}, {}};
            }
        }
        if (b.constant) {  // one param node: x + c, x·c, x/c, x^c
            const S x = *a.scalar;
            switch (op) {
                case '+': return {{}, x + *b.constant, {}};
                case '-': return {{}, x - *b.constant, {}};
                case '*':
                case kHadamard: return {{}, x * *b.constant, {}};
                case '/':
                case kElementwiseDivide: return {{}, x / *b.constant, {}};
                default: return {{}, pow(x, *b.constant), {}};
            }
        }
        if (a.constant) {  // c + y, c − y, c·y, c/y, c^y: one param node
            const S y = *b.scalar;
            switch (op) {
                case '+': return {{}, *a.constant + y, {}};
                case '-': return {{}, *a.constant - y, {}};
                case '*':
                case kHadamard: return {{}, *a.constant * y, {}};
                case '/':
                case kElementwiseDivide: return {{}, *a.constant / y, {}};
                default: return {{}, pow(*a.constant, y), {}};
            }
        }
        const S x = *a.scalar, y = *b.scalar;
        switch (op) {
            case '+': return {{}, x + y, {}};
            case '-': return {{}, x - y, {}};
            case '*':
            case kHadamard: return {{}, x * y, {}};
            case '/':
            case kElementwiseDivide: return {{}, x / y, {}};
            default: return {{}, pow(x, y), {}};
        }
    }

    Term call(const ExprNode& e) {
        if (const std::optional<MatrixFunctionInfo> f = find_matrix_function(e.text)) return matrix_call(e, *f);
        const FunctionInfo f = resolve_call(e, source_);
        std::vector<Term> args;
        for (const ExprNode& a : e.operands) args.push_back(eval(a));
        if (f.op == OpKind::Pow) return binary(kElementwisePower, args[0], args[1], e, 1);
        bool any_matrix = false;
        for (const Term& a : args) any_matrix = any_matrix || a.matrix.has_value();
        if (!any_matrix) return scalar_call(e, f, args);  // exp(sum(A)), log(det(A), 2)
        if (args.size() == 1) return mat(apply_unary(f.op, *args[0].matrix));
        if (f.op == OpKind::Log || f.op == OpKind::LeakyRelu) {
            if (!args[0].matrix || !args[1].constant)
                fail(e, e.text + " of a matrix takes a constant second argument", "a number such as 0.01");
            return mat(f.op == OpKind::Log ? log(*args[0].matrix, *args[1].constant)
                                           : leaky_relu(*args[0].matrix, *args[1].constant));
        }
        if (f.op == OpKind::LogAddExp && args.size() != 2) fail(e, "logsumexp of matrices takes two arguments", {});
        return mat(elementwise_binary(f.op, as_value(args[0]), as_value(args[1])));
    }

    ModelValue as_value(const Term& x) { return value(x); }

    // A function of scalars that came from matrices (sum(A), det(A)): the scalar ops.
    Term scalar_call(const ExprNode& e, const FunctionInfo& f, const std::vector<Term>& args) {
        const S x = scalar(args[0]);
        switch (f.op) {
            case OpKind::Log:
                if (args.size() == 1) return {{}, log(x), {}};
                return {{}, args[1].constant ? log(x, *args[1].constant) : log(x, scalar(args[1])), {}};
            case OpKind::LeakyRelu:
                if (args.size() == 2 && !args[1].constant)
                    fail(e, "the slope of leaky_relu must be a constant", "a number such as 0.01");
                return {{}, leaky_relu(x, args.size() == 2 ? *args[1].constant : real_value(kDefaultLeakySlope)), {}};
            case OpKind::LogAddExp: {
                S y = x;
                for (std::size_t k = 1; k < args.size(); ++k) y = logaddexp(y, scalar(args[k]));
                return {{}, y, {}};
            }
            default: break;
        }
        if (args.size() == 2) return {{}, apply_binary(f.op, x, scalar(args[1])), {}};
        return {{}, apply_unary(f.op, x), {}};
    }

    static M elementwise_binary(OpKind op, const ModelValue& a, const ModelValue& b) {
        return std::visit(
            [op](const auto& x, const auto& y) -> M {
                if constexpr (std::is_same_v<std::decay_t<decltype(x)>, S> && std::is_same_v<std::decay_t<decltype(y)>, S>)
                    throw std::logic_error("chainrule::lang: two scalars in a matrix call");
                else {
                    switch (op) {
                        case OpKind::LogAddExp: return logaddexp(x, y);
#define CHAINRULE_LANG_MAT_BINARY(Name, fn, ...) \
    case OpKind::Name: return fn(x, y);
                        CHAINRULE_BINARY_FUNCTIONS(CHAINRULE_LANG_MAT_BINARY)
#undef CHAINRULE_LANG_MAT_BINARY
                        default: throw std::logic_error("chainrule::lang: not an element-wise binary function");
                    }
                }
            },
            a, b);
    }

    // A matrix argument; a scalar is the 1×1 matrix, as in MATLAB (mse of one sample).
    M matrix_argument(const ExprNode&, std::size_t, const Term& x) {
        if (x.matrix) return *x.matrix;
        const M one = tape_.constant(Matrix<Real>::Ones(1, 1));
        return x.constant ? one * *x.constant : one * *x.scalar;
    }

    Term matrix_call(const ExprNode& e, const MatrixFunctionInfo& f) {
        const std::size_t n = e.operands.size();
        if (n < f.min_args || n > f.max_args)
            throw LangError(source_, e.offset,
                            e.text + " takes " + (f.min_args == f.max_args ? std::to_string(f.min_args) : "1 or 2") +
                                " argument" + (f.max_args == 1 ? "" : "s") + ", got " + std::to_string(n));
        std::vector<Term> args;
        for (const ExprNode& a : e.operands) args.push_back(eval(a));
        const M a = matrix_argument(e, 0, args[0]);
        const auto second = [&] { return matrix_argument(e, 1, args[1]); };
        using F = MatrixFunction;
        switch (f.function) {
            case F::Sum: return reduce(e, args, a, true);
            case F::Mean: return reduce(e, args, a, false);
            case F::RowSums: return mat(row_sums(a));
            case F::ColSums: return mat(col_sums(a));
            case F::RowMeans: return mat(row_means(a));
            case F::ColMeans: return mat(col_means(a));
            case F::Softmax: return mat(softmax(a));
            case F::LogSoftmax: return mat(log_softmax(a));
            case F::Mse: return {{}, mse_loss(a, second()), {}};
            case F::Bce: return {{}, binary_cross_entropy(a, second()), {}};
            case F::BceWithLogits: return {{}, bce_with_logits(a, second()), {}};
            case F::SoftmaxCrossEntropy: return {{}, cross_entropy(e, a, second()), {}};
            case F::Trace: return {{}, trace(a), {}};
            case F::Det: return {{}, det(a), {}};
            case F::LogDet: return {{}, logdet(a), {}};
            case F::Inv: return mat(inv(a));
            case F::Norm: return {{}, norm(a), {}};
            case F::Diag: return mat(diag(a));
            case F::Kron: return mat(kron(a, second()));
            case F::Transpose: return mat(transpose(a));
        }
        throw std::logic_error("chainrule::lang: unknown matrix function");
    }

    // sum(A) / mean(A), or by dimension as MATLAB: 1 down the columns (1×n), 2 along the rows (m×1).
    Term reduce(const ExprNode& e, const std::vector<Term>& args, const M& a, bool sum_) {
        if (args.size() == 1) return {{}, sum_ ? sum(a) : mean(a), {}};
        if (!args[1].constant || (*args[1].constant != 1 && *args[1].constant != 2))
            throw LangError(source_, e.operands[1].offset, "the dimension of " + e.text + " must be 1 or 2",
                            "1 (down each column: a 1×n row) or 2 (along each row: an m×1 column)");
        if (*args[1].constant == 1) return mat(sum_ ? col_sums(a) : col_means(a));
        return mat(sum_ ? row_sums(a) : row_means(a));
    }

    // −mean(Y ⊙ ln A + (1 − Y) ⊙ ln(1 − A)). Of A = σ(Z) it is bce_with_logits(Z, Y): the
    // same number without log(0), and the seed's step ∂J/∂Z = (A − Y)/m on the sheet; of
    // other probabilities, the formula as nodes.
    S binary_cross_entropy(const M& a, const M& y) const {
        if (a.shape() != y.shape())
            throw ShapeError("bce: predictions of shape " + shape_text(a.shape()) + " and targets of shape " +
                             shape_text(y.shape()) + " (the same shape is needed)");
        if (const std::optional<M> z = sigmoid_argument(a)) return bce_with_logits(*z, y);
        return -mean(hadamard(y, log(a)) + hadamard(1 - y, log(1 - a)));
    }

    // Z when A is the node σ(Z).
    std::optional<M> sigmoid_argument(const M& a) const {
        const auto* store = tape_.matrix_store();
        const std::uint32_t k = store->slot_of(a.index());
        if (k == chainrule::detail::kScalarSlot) return std::nullopt;
        const chainrule::detail::MatEntry<Real>& e = store->entry(k);
        if (e.op != OpKind::MatMap || e.elem != OpKind::Sigmoid) return std::nullopt;
        return tape_.mat(e.in0);
    }

    // One-hot targets of Z's shape, or an n×1 column of class labels 0 … k−1 (constants).
    S cross_entropy(const ExprNode& e, const M& z, const M& y) const {
        if (y.shape() == z.shape() || y.cols() != 1 || z.cols() == 1) return softmax_cross_entropy(z, y);
        const Matrix<Real> labels = y.value();
        std::vector<int> classes;
        for (Eigen::Index i = 0; i < labels.rows(); ++i) {
            const Real& l = labels(i, 0);
            if (l != floor(l) || l < 0 || l >= Real(z.cols()))
                throw LangError(source_, e.operands[1].offset,
                                "label " + l.str() + " of row " + std::to_string(i + 1) + " is not a class of " +
                                    std::to_string(z.cols()) + " columns",
                                "class labels 0 … " + std::to_string(z.cols() - 1) + " (one per row), or one-hot rows");
            classes.push_back(static_cast<int>(l));
        }
        return softmax_cross_entropy(z, std::span<const int>(classes));
    }

    Tape<Real>& tape_;
    const Source& source_;
    const ValueResolver& resolve_;
};

}  // namespace

bool reads_matrix(const ExprNode& e, const ValueResolver& resolve) {
    switch (e.kind) {
        case ExprNode::Kind::Matrix: return true;
        case ExprNode::Kind::Name: return std::holds_alternative<Mat<Real>>(resolve(e));
        case ExprNode::Kind::Call:
            if (find_matrix_function(e.text)) return true;
            break;
        default: break;
    }
    for (const ExprNode& o : e.operands)
        if (reads_matrix(o, resolve)) return true;
    return false;
}

ModelValue record_value(Tape<Real>& tape, const ExprNode& expression, const Source& source,
                        const ValueResolver& resolve) {
    MatrixRecorder r(tape, source, resolve);
    return r.value(r.eval(expression));
}

}  // namespace chainrule::lang
