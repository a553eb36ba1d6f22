#include "matrix_entry.hpp"

#include "../symbolic/evaluate.hpp"

#include <map>

namespace chainrule::derivations {

namespace {

using symbolic::MatExpr;
using K = MatExpr::Kind;
using Terms = std::vector<EntryTerm>;

constexpr Eigen::Index kAny = -1;  // a dimension that fits any (𝟏, a scalar)

struct Dims {
    Eigen::Index rows = kAny, cols = kAny;
};

class EntryExpander {
public:
    explicit EntryExpander(const MatrixDerivation& d) {
        for (const MatrixForwardStep& s : d.forward) forward_[s.name] = &s;
        for (const MatrixGradientStep& s : d.backward) backward_[s.name] = &s;
    }

    Terms entry(const MatExpr& e, Eigen::Index i, Eigen::Index j) {
        switch (e.kind()) {
            case K::scalar: return {EntryTerm{symbolic::evaluate<Real>(e.scalar(), std::map<std::string, Real>{}), {}}};
            case K::ones: return {EntryTerm{}};
            case K::symbol:
            case K::adjoint: return {EntryTerm{1, {leaf(e, i, j)}}};
            case K::transpose:
                if (e.operands().front().kind() == K::ones) return {EntryTerm{}};
                return entry(e.operands().front(), j, i);
            case K::negation: return scaled(entry(e.operands().front(), i, j), Real(-1));
            case K::sum: {
                Terms out;
                for (const MatExpr& o : e.operands()) append(out, entry(o, i, j));
                return out;
            }
            case K::hadamard: {
                Terms out{EntryTerm{}};
                for (const MatExpr& o : e.operands()) out = times(out, entry(o, i, j));
                return out;
            }
            case K::product: return product(e.operands(), i, j);
            default: return {EntryTerm{1, {EntryFactor{e, i, j, std::nullopt, false}}}};  // kept whole: [σ(Z)]_{ij}
        }
    }

    Dims dims(const MatExpr& e) const {
        switch (e.kind()) {
            case K::scalar: return {1, 1};
            case K::ones: return {kAny, 1};
            case K::symbol:
            case K::adjoint: return step_dims(e.name());
            case K::transpose: {
                const Dims d = dims(e.operands().front());
                return {d.cols, d.rows};
            }
            case K::product: {
                const std::vector<const MatExpr*> ms = matrices(e.operands());
                if (ms.empty()) return {1, 1};
                return {dims(*ms.front()).rows, dims(*ms.back()).cols};
            }
            case K::apply: return {kAny, kAny};
            default: {
                Dims out{1, 1};  // element-wise: the largest operand (broadcasting)
                for (const MatExpr& o : e.operands()) {
                    const Dims d = dims(o);
                    out = {d.rows == kAny || out.rows == kAny ? kAny : std::max(out.rows, d.rows),
                           d.cols == kAny || out.cols == kAny ? kAny : std::max(out.cols, d.cols)};
                }
                return out;
            }
        }
    }

private:
    Dims step_dims(const std::string& name) const {
        if (auto it = backward_.find(name); it != backward_.end()) return {it->second->shape.rows, it->second->shape.cols};
        if (auto it = forward_.find(name); it != forward_.end()) return {it->second->shape.rows, it->second->shape.cols};
        return {kAny, kAny};
    }

    // A named node's or an adjoint's entry, with broadcasting (a row, a column, a 1×1).
    EntryFactor leaf(const MatExpr& e, Eigen::Index i, Eigen::Index j) const {
        const Dims d = step_dims(e.name());
        if (d.rows == 1) i = 0;
        if (d.cols == 1) j = 0;
        EntryFactor f{e, i, j, std::nullopt, d.rows == 1 && d.cols == 1};
        if (e.kind() == K::adjoint) {
            if (auto it = backward_.find(e.name()); it != backward_.end() && it->second->value.size() != 0)
                f.value = it->second->value(i, j);
        } else if (auto it = forward_.find(e.name()); it != forward_.end() && it->second->value.size() != 0) {
            f.value = it->second->value(i, j);
        }
        return f;
    }

    static std::vector<const MatExpr*> matrices(const std::vector<MatExpr>& fs) {
        std::vector<const MatExpr*> out;
        for (const MatExpr& f : fs)
            if (f.kind() != K::scalar) out.push_back(&f);
        return out;
    }

    // (s M₁ M₂ … Mₙ)_{ij} = s Σ_k (M₁)_{ik} (M₂ … Mₙ)_{kj}, k over M₁'s columns (or M₂'s rows).
    Terms product(const std::vector<MatExpr>& fs, Eigen::Index i, Eigen::Index j) {
        Terms scale{EntryTerm{}};
        for (const MatExpr& f : fs)
            if (f.kind() == K::scalar) scale = times(scale, entry(f, 0, 0));
        std::vector<MatExpr> ms;
        for (const MatExpr* m : matrices(fs)) ms.push_back(*m);
        if (ms.empty()) return scale;
        return times(scale, chain(ms, 0, i, j));
    }

    Terms chain(const std::vector<MatExpr>& ms, std::size_t first, Eigen::Index i, Eigen::Index j) {
        if (first + 1 == ms.size()) return entry(ms[first], i, j);
        Eigen::Index inner = dims(ms[first]).cols;
        if (inner == kAny) inner = dims(ms[first + 1]).rows;
        if (inner == kAny) throw Error("chainrule: cannot write an entry of a product whose inner size is unknown");
        Terms out;
        for (Eigen::Index k = 0; k < inner; ++k) append(out, times(entry(ms[first], i, k), chain(ms, first + 1, k, j)));
        return out;
    }

    static Terms scaled(Terms ts, const Real& s) {
        for (EntryTerm& t : ts) t.coefficient *= s;
        return ts;
    }

    static void append(Terms& out, Terms more) {
        if (out.size() + more.size() > kMaxEntryTerms) throw Error("chainrule: the entry has too many terms to write out");
        out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }

    static Terms times(const Terms& a, const Terms& b) {
        if (a.size() * b.size() > kMaxEntryTerms) throw Error("chainrule: the entry has too many terms to write out");
        Terms out;
        for (const EntryTerm& x : a)
            for (const EntryTerm& y : b) {
                EntryTerm t{x.coefficient * y.coefficient, x.factors};
                t.factors.insert(t.factors.end(), y.factors.begin(), y.factors.end());
                out.push_back(std::move(t));
            }
        return out;
    }

    std::map<std::string, const MatrixForwardStep*> forward_;
    std::map<std::string, const MatrixGradientStep*> backward_;
};

}  // namespace

EntryExpansion expand_entry(const MatrixDerivation& d, const std::string& name, Eigen::Index row, Eigen::Index col) {
    const MatrixGradientStep* step = nullptr;
    for (const MatrixGradientStep& s : d.backward)
        if (s.name == name) step = &s;
    if (step == nullptr) throw Error("chainrule: the derivation has no gradient of '" + name + "'");
    if (row < 0 || col < 0 || row >= step->shape.rows || col >= step->shape.cols)
        throw Error("chainrule: '" + name + "' is " + shape_text(step->shape) + ": it has no entry (" +
                    std::to_string(row + 1) + "," + std::to_string(col + 1) + ")");
    EntryExpansion x;
    x.name = name;
    x.row = row;
    x.col = col;
    x.formula = step->formula;
    x.shape = step->shape;
    x.terms = EntryExpander(d).entry(step->formula, row, col);
    std::erase_if(x.terms, [](const EntryTerm& t) { return t.coefficient == 0; });
    if (step->value.size() != 0) x.value = step->value(row, col);
    const std::size_t k = static_cast<std::size_t>(col * step->shape.rows + row);  // column-major
    if (k < step->certainty.size()) x.certainty = step->certainty[k];
    return x;
}

std::optional<Real> term_value(const EntryTerm& t) {
    Real v = t.coefficient;
    for (const EntryFactor& f : t.factors) {
        if (!f.value) return std::nullopt;
        v *= *f.value;
    }
    return v;
}

}  // namespace chainrule::derivations
