#include "hessian.hpp"

#include "../autodiff/second_order.hpp"
#include "../autodiff/singular_ops.hpp"
#include "../derivations/named_graph.hpp"
#include "../precision/ladder.hpp"
#include "../symbolic/diff.hpp"
#include "../symbolic/exact_value.hpp"
#include "constants.hpp"
#include "to_symbolic.hpp"

#include <algorithm>
#include <map>

namespace chainrule::lang {

namespace {

// The tape second derivatives run on: the recording itself, or for a matrix model its
// scalar expansion (one Input per matrix entry).
struct HessianTape {
    ScalarExpansion<Real> expansion;
    const Tape<Real>* recording = nullptr;  // null: the expansion
    NodeIndex output = 0;
    std::vector<std::size_t> positions;  // of the variables among tape().inputs()

    // Through an accessor, not a pointer into `expansion`: a moved HessianTape stays valid.
    const Tape<Real>& tape() const { return recording != nullptr ? *recording : expansion.tape; }
};

std::size_t hessian_input_position(const Tape<Real>& tape, NodeIndex input) {
    const auto& in = tape.inputs();
    return static_cast<std::size_t>(std::find(in.begin(), in.end(), input) - in.begin());
}

// f, then ∇f, then H column by column (n forward-over-reverse sweeps), appended to numbers.
void push_hessian_numbers(const HessianTape& t, std::vector<Real>& numbers) {
    const std::size_t n = t.positions.size();
    const std::vector<Real> x = recorded_inputs<Real>(t.tape());
    std::vector<Real> v(x.size(), Real(0));
    std::vector<Real> h(n * n);
    std::vector<Real> gradient;
    for (std::size_t j = 0; j < n; ++j) {
        v[t.positions[j]] = 1;
        const SecondOrderSweep<Real> s = second_order_sweep<Real>(t.tape(), t.output, std::span<const Real>(x),
                                                                  std::span<const Real>(v));
        v[t.positions[j]] = 0;
        for (std::size_t i = 0; i < n; ++i) h[i * n + j] = s.hv[t.positions[i]];
        if (j == 0)
            for (std::size_t i = 0; i < n; ++i) gradient.push_back(s.gradient[t.positions[i]]);
    }
    numbers.push_back(t.tape().value(t.output));
    numbers.insert(numbers.end(), gradient.begin(), gradient.end());
    numbers.insert(numbers.end(), h.begin(), h.end());
}

// Splits the ladder's numbers (f, ∇f, H) into the result.
void take_hessian_numbers(HessianResult& r, const std::vector<Real>& numbers, const std::vector<Certainty>& c) {
    const std::size_t n = r.names.size();
    r.value = numbers[0];
    r.value_certainty = c[0];
    r.gradient.assign(numbers.begin() + 1, numbers.begin() + 1 + static_cast<std::ptrdiff_t>(n));
    r.gradient_certainty.assign(c.begin() + 1, c.begin() + 1 + static_cast<std::ptrdiff_t>(n));
    r.entries.assign(numbers.begin() + 1 + static_cast<std::ptrdiff_t>(n), numbers.end());
    r.certainty.assign(c.begin() + 1 + static_cast<std::ptrdiff_t>(n), c.end());
}

void require_hessian_size(std::size_t n, const std::string& where) {
    if (n == 0) throw LangError(where, "no variables to differentiate by");
    if (n > kMaxHessianVariables)
        throw LangError(where, std::to_string(n) + " variables: a Hessian is computed for at most " +
                                   std::to_string(kMaxHessianVariables) + " (" +
                                   std::to_string(kMaxHessianVariables * kMaxHessianVariables) + " entries)");
}

// The exact rational second partials at the point's decimals (small n: n² symbolic diffs).
void add_exact_hessian_entries(HessianResult& r, const ExprNode& expression, const Source& source, const Point& point) {
    if (point.texts.size() != point.names.size() || point.names.size() > 6) return;
    std::map<std::string, Rational, std::less<>> at;
    for (std::size_t i = 0; i < point.names.size(); ++i) at.emplace(point.names[i], exact_value(point.texts[i]));
    const symbolic::PartialDerivatives d(to_symbolic(expression, source));
    const std::size_t n = point.names.size();
    r.exact.resize(n * n);
    for (std::size_t i = 0; i < n; ++i) {
        const symbolic::PartialDerivatives di(d(symbolic::Expr::symbol(point.names[i])));
        for (std::size_t j = 0; j < n; ++j) {
            const std::size_t k = i * n + j;
            r.exact[k] = agreeing_rational(symbolic::exact_rational_value(di(symbolic::Expr::symbol(point.names[j])), at),
                                           r.entries[k]);
            settle_by_exact_rational(r.entries[k], r.certainty[k], r.exact[k]);
        }
    }
}

// First-order notes of the recording (rounds_to_nearest: not under a rounding pattern).
void note_hessian_singular_ops(HessianResult& r, const Tape<Real>& tape, NodeIndex out) {
    if (!rounds_to_nearest()) return;
    if (const std::optional<SingularOp> s = first_singular_op(tape, out)) r.singular = s->description;
    if (const std::optional<std::string> k = first_kink_op(tape, out)) r.kink = *k;
}

}  // namespace

HessianResult hessian_at(const ExprNode& typed, const Source& source, const Point& point, int digits) {
    require_hessian_size(point.names.size(), "--at");
    const ExprNode expression = bind_constants(typed, point.names);  // pi, e unless the point names them
    HessianResult r;
    r.names = point.names;
    const auto record = [&](Tape<Real>& tape) {
        std::vector<Var<Real>> x;
        const Var<Real> f = record_at_point(tape, x, expression, source, point, "--at");
        HessianTape t{{}, &tape, f.index(), {}};
        for (const Var<Real>& v : x) t.positions.push_back(hessian_input_position(tape, v.index()));
        return t;
    };
    const auto evaluate = [&](std::vector<Real>& numbers) {
        Tape<Real> tape;
        const HessianTape t = record(tape);
        push_hessian_numbers(t, numbers);
        note_hessian_singular_ops(r, tape, t.output);
    };
    Tape<Real> first;
    record(first);
    std::vector<Real> numbers;
    const std::vector<Certainty> c =
        run_ladder(evaluate, digits, numbers, ladder_cap(derivations::max_input_exponent(first)));
    take_hessian_numbers(r, numbers, c);
    if (boost::multiprecision::isnan(r.value) && !r.value_certainty.out_of_range)
        throw LangError(source.name, "the value is undefined at this point" +
                                         (r.singular.empty() ? std::string() : " (" + r.singular + ")") +
                                         ": outside the domain of a function, or 0/0");
    add_exact_hessian_entries(r, expression, source, point);
    return r;
}

namespace {

// The params to differentiate by: as asked, else the derive line's, else every param the
// output depends on; each checked to be a param.
std::vector<std::string> hessian_params(const Model& model, const std::string& output, std::vector<std::string> wrt) {
    if (wrt.empty() && !model.wrt.empty()) wrt = model.wrt;
    if (wrt.empty()) {  // the params the output depends on, in file order
        const std::vector<std::string> used = model.params_of(output);
        for (const std::string& p : model.params())
            if (std::find(used.begin(), used.end(), p) != used.end()) wrt.push_back(p);
    }
    for (std::size_t k = 0; k < wrt.size(); ++k) {
        const std::string& name = wrt[k];
        if (std::find(wrt.begin(), wrt.begin() + static_cast<std::ptrdiff_t>(k), name) != wrt.begin() + static_cast<std::ptrdiff_t>(k))
            throw LangError("--wrt", "'" + name + "' is listed twice");
        const auto it = model.names.find(name);
        if (it == model.names.end()) throw LangError("--wrt", "unknown name '" + name + "'");
        if (it->second.kind != NameKind::Param)
            throw LangError("--wrt", "'" + name + "' is " + std::string(kind_name(it->second.kind)) +
                                         ", not a param: second derivatives are taken by params");
    }
    return wrt;
}

// The model's tape (or its expansion) and the positions of the entries of `params`.
HessianTape hessian_model_tape(const Model& m, const std::string& output, const std::vector<std::string>& params,
                           std::vector<std::string>* names) {
    HessianTape t;
    const NodeIndex out = m.at(output).index();
    if (!m.has_matrices()) {
        t.recording = &m.tape;
        t.output = out;
        for (const std::string& p : params) t.positions.push_back(hessian_input_position(m.tape, m.at(p).index()));
        if (names != nullptr) *names = params;
        return t;
    }
    t.expansion = expand_to_scalars(m.tape, out);
    t.output = t.expansion.output;
    for (const std::string& p : params) {
        const ExpandedLeaf* leaf = t.expansion.leaf(m.at(p).index());
        for (std::size_t k = 0; k < leaf->entries.size(); ++k) {
            t.positions.push_back(hessian_input_position(t.tape(), leaf->entries[k]));
            if (names != nullptr) names->push_back(leaf->matrix ? leaf->names[k] : p);
        }
    }
    return t;
}

}  // namespace

HessianResult model_hessian(const Model& model, std::vector<std::string> wrt, int digits) {
    if (!model.output) throw LangError(model.source.name, "the model defines nothing to differentiate");
    const std::string output = *model.output;
    const std::vector<std::string> params = hessian_params(model, output, std::move(wrt));
    if (params.empty()) throw LangError(model.source.name, "'" + output + "' depends on no param");
    HessianResult r;
    r.output = output;
    std::size_t entries = 0;
    for (const std::string& p : params) {
        const ModelName& n = model.at(p);
        entries += n.matrix ? static_cast<std::size_t>(n.matrix->rows() * n.matrix->cols()) : 1;
    }
    require_hessian_size(entries, model.source.name);
    const HessianTape first = hessian_model_tape(model, output, params, &r.names);
    const auto evaluate = [&](std::vector<Real>& numbers) {
        const Model again = record_again(model);
        const HessianTape t = hessian_model_tape(again, output, params, nullptr);
        push_hessian_numbers(t, numbers);
        note_hessian_singular_ops(r, t.tape(), t.output);
    };
    std::vector<Real> numbers;
    const std::vector<Certainty> c =
        run_ladder(evaluate, digits, numbers, ladder_cap(derivations::max_input_exponent(first.tape())));
    take_hessian_numbers(r, numbers, c);
    return r;
}

}  // namespace chainrule::lang
