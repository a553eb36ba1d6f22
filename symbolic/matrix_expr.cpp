#include "matrix_expr.hpp"

#include <optional>
#include <stdexcept>

namespace chainrule::symbolic {

struct MatExpr::Node {
    Kind kind = Kind::scalar;
    std::vector<MatExpr> operands;
    Expr scalar;  // scalar: the value; power: the exponent
    std::string name, loss;
    MatShape shape;
    Function function = Function::exp;
    bool derivative = false;
    bool decimal = false;
    MatFunction matrix_function = MatFunction::sum;
};

MatExpr make_mat(MatExpr::Node n) { return MatExpr(std::make_shared<const MatExpr::Node>(std::move(n))); }

namespace {

using K = MatExpr::Kind;

MatExpr::Node node(K kind, std::vector<MatExpr> operands = {}) {
    MatExpr::Node n;
    n.kind = kind;
    n.operands = std::move(operands);
    return n;
}

// a ∘ b for an associative ∘ (sum, product, hadamard): children of the same kind are
// spliced in, so a ∘ (b ∘ c) and (a ∘ b) ∘ c are one node a ∘ b ∘ c.
MatExpr flat(K kind, const MatExpr& a, const MatExpr& b) {
    std::vector<MatExpr> ops;
    for (const MatExpr* x : {&a, &b}) {
        if (x->kind() == kind) ops.insert(ops.end(), x->operands().begin(), x->operands().end());
        else ops.push_back(*x);
    }
    return make_mat(node(kind, std::move(ops)));
}

}  // namespace

MatExpr::MatExpr() : n_(std::make_shared<const Node>()) {}

MatExpr::Kind MatExpr::kind() const { return n_->kind; }
const std::vector<MatExpr>& MatExpr::operands() const { return n_->operands; }
const Expr& MatExpr::scalar() const { return n_->scalar; }
const std::string& MatExpr::name() const { return n_->name; }
const std::string& MatExpr::loss_name() const { return n_->loss; }
MatShape MatExpr::shape() const { return n_->shape; }
Function MatExpr::function() const { return n_->function; }
bool MatExpr::derivative() const { return n_->derivative; }
bool MatExpr::decimal() const { return n_->decimal; }
MatFunction MatExpr::matrix_function() const { return n_->matrix_function; }
bool MatExpr::is_one() const { return kind() == Kind::scalar && is_constant(scalar()) && scalar() == Expr(1); }

MatExpr mat_scalar(const Expr& value) {
    MatExpr::Node n = node(K::scalar);
    n.scalar = value;
    return make_mat(std::move(n));
}

MatExpr mat_number(const Expr& value) {
    MatExpr::Node n = node(K::scalar);
    n.scalar = value;
    n.decimal = true;
    return make_mat(std::move(n));
}

MatExpr mat_symbol(std::string name, MatShape shape) {
    MatExpr::Node n = node(K::symbol);
    n.name = std::move(name);
    n.shape = shape;
    return make_mat(std::move(n));
}

MatExpr mat_adjoint(std::string loss, std::string of) {
    MatExpr::Node n = node(K::adjoint);
    n.loss = std::move(loss);
    n.name = std::move(of);
    return make_mat(std::move(n));
}

MatExpr mat_ones() { return make_mat(node(K::ones)); }

MatExpr operator+(const MatExpr& a, const MatExpr& b) { return flat(K::sum, a, b); }
MatExpr operator-(const MatExpr& a, const MatExpr& b) { return flat(K::sum, a, -b); }
MatExpr operator-(const MatExpr& a) { return make_mat(node(K::negation, {a})); }

namespace {
bool is_identity(const MatExpr& e) { return e.kind() == K::apply && e.matrix_function() == MatFunction::identity; }

// True when e is surely 1×1: a number, a function with a scalar value (sum, tr, det, a
// loss), or an element-wise function or power of one. Its transpose is itself.
bool scalar_valued(const MatExpr& e) {
    using F = MatFunction;
    switch (e.kind()) {
        case K::scalar: return true;
        case K::apply:
            switch (e.matrix_function()) {
                case F::sum: case F::mean: case F::mse: case F::bce_with_logits: case F::softmax_cross_entropy:
                case F::trace: case F::det: case F::logdet: case F::frobenius_norm: return true;
                default: return false;
            }
        case K::map:
        case K::power: return scalar_valued(e.operands().front());
        default: return false;
    }
}

// True when e is surely a matrix of more than one entry: a symbol of such a shape, or a
// product, sum, … containing one (an adjoint or a function value may be 1×1).
bool known_matrix(const MatExpr& e) {
    if (e.kind() == K::symbol) return e.shape().rows * e.shape().cols > 1;
    if (e.kind() == K::apply || e.kind() == K::adjoint || e.kind() == K::scalar) return false;
    for (const MatExpr& o : e.operands())
        if (known_matrix(o)) return true;
    return false;
}
}  // namespace

// 1·B = B; I·B = B for a B that is surely a matrix (I has the shape of what it stands
// next to): ∂ tr(Xᵀ A X)/∂X would otherwise print (Xᵀ A)ᵀ I + (I Xᵀ Aᵀ)ᵀ. Next to a
// scalar-sized factor (an adjoint ∂J/∂t of a trace t) I stays: ∂J/∂t I.
MatExpr operator*(const MatExpr& a, const MatExpr& b) {
    if (a.is_one()) return b;
    if (b.is_one()) return a;
    if (is_identity(a) && known_matrix(b)) return b;
    if (is_identity(b) && known_matrix(a)) return a;
    return flat(K::product, a, b);
}

namespace {
// The scalar factor s when e is exactly s 𝟏𝟏ᵀ, s 𝟏 or s 𝟏ᵀ (the adjoint a sum or mean
// spreads over a matrix, a column or a row), or a lone number s. s is a product of numbers;
// of 𝟏𝟏ᵀ also of adjoints (then of a sum's scalar: ∂J/∂r 𝟏ᵀ, a row sum's column adjoint
// spread along the rows, has no 𝟏 before 𝟏ᵀ).
std::optional<MatExpr> spread_scalar(const MatExpr& e) {
    if (e.kind() == K::scalar) return e;
    const auto is_ones = [](const MatExpr& f) { return f.kind() == K::ones; };
    const auto is_ones_t = [](const MatExpr& f) {
        return f.kind() == K::transpose && f.operands().front().kind() == K::ones;
    };
    if (is_ones(e) || is_ones_t(e)) return mat_scalar(Expr(1));
    if (e.kind() != K::product) return std::nullopt;
    const auto& fs = e.operands();
    std::size_t n = fs.size();
    bool full = false;
    if (n >= 2 && is_ones(fs[n - 2]) && is_ones_t(fs[n - 1])) n -= 2, full = true;
    else if (n >= 1 && (is_ones(fs[n - 1]) || is_ones_t(fs[n - 1]))) n -= 1;
    else return std::nullopt;
    MatExpr s = mat_scalar(Expr(1));
    for (std::size_t k = 0; k < n; ++k) {
        if (fs[k].kind() != K::scalar && !(full && fs[k].kind() == K::adjoint)) return std::nullopt;
        s = s * fs[k];
    }
    return s;
}
}  // namespace

MatExpr hadamard(const MatExpr& a, const MatExpr& b) { return flat(K::hadamard, a, b); }

MatExpr spread_hadamard(const MatExpr& spread, const MatExpr& b) {
    if (const std::optional<MatExpr> s = spread_scalar(spread)) return *s * b;
    return hadamard(spread, b);
}
MatExpr hadamard_quotient(const MatExpr& a, const MatExpr& b) { return make_mat(node(K::quotient, {a, b})); }
// (Aᵀ)ᵀ = A: the product rule through Xᵀ A X would otherwise print (Xᵀ)ᵀ.
// (P Q)ᵀ = Qᵀ Pᵀ, so that (Xᵀ A)ᵀ prints Aᵀ X.
MatExpr transpose(const MatExpr& a) {
    if (a.kind() == K::transpose) return a.operands().front();
    if (is_identity(a) || scalar_valued(a)) return a;
    if (a.kind() == K::product) {  // scalars stay in front, untransposed
        MatExpr scalars = mat_scalar(Expr(1)), out = mat_scalar(Expr(1));
        for (std::size_t k = a.operands().size(); k-- > 0;) {
            const MatExpr& f = a.operands()[k];
            if (scalar_valued(f)) scalars = f * scalars;
            else out = out * transpose(f);
        }
        return scalars * out;
    }
    return make_mat(node(K::transpose, {a}));
}

MatExpr hadamard_power(const MatExpr& a, const Expr& exponent, bool decimal) {
    if (is_constant(exponent) && exponent == Expr(1)) return a;
    MatExpr::Node n = node(K::power, {a});
    n.scalar = exponent;
    n.decimal = decimal;
    return make_mat(std::move(n));
}

MatExpr elementwise(Function f, const MatExpr& a, bool derivative) {
    MatExpr::Node n = node(K::map, {a});
    n.function = f;
    n.derivative = derivative;
    return make_mat(std::move(n));
}

MatExpr apply(MatFunction f, std::vector<MatExpr> arguments) {
    if (arguments.empty() && f != MatFunction::identity)
        throw std::invalid_argument("chainrule::symbolic::apply: a matrix function needs an argument");
    MatExpr::Node n = node(K::apply, std::move(arguments));
    n.matrix_function = f;
    return make_mat(std::move(n));
}

MatExpr positive_indicator(const MatExpr& a) { return make_mat(node(K::positive, {a})); }

}  // namespace chainrule::symbolic
