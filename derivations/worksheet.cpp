#include "worksheet.hpp"

#include "../symbolic/latex_names.hpp"
#include "../autodiff/one_sided.hpp"
#include "../precision/ladder.hpp"
#include "../symbolic/evaluate.hpp"
#include "../precision/number_format.hpp"

#include <algorithm>
#include <stdexcept>

namespace chainrule::derivations {

namespace {

std::vector<std::size_t> parameters(const NamedGraph& g, const std::vector<std::string>& wrt) {
    std::vector<std::size_t> out;
    if (wrt.empty()) {
        for (std::size_t i = 0; i < g.nodes.size(); ++i)
            if (g.nodes[i].role == NodeRole::Variable) out.push_back(i);
        return out;
    }
    for (const std::string& name : wrt) {
        const std::size_t i = g.at(name);
        if (i == g.output)
            throw Error("chainrule: cannot derive " + name + " with respect to itself");
        if (std::find(out.begin(), out.end(), i) != out.end())
            throw Error("chainrule: '" + name + "' is listed twice in wrt");
        out.push_back(i);
    }
    return out;
}

}  // namespace

namespace {

void check_options(const NamedGraph& graph, const WorksheetOptions& options) {
    if (options.digits < 1 || options.digits > 40)
        throw std::invalid_argument("chainrule: digits must be between 1 and 40, got " + std::to_string(options.digits));
    if (options.order != 1 && options.order != 2)
        throw std::invalid_argument("chainrule: a worksheet's order is 1 or 2, got " + std::to_string(options.order));
    for (const auto& [name, label] : options.labels) {
        if (!graph.find(name))
            throw Error("chainrule: label for '" + name + "', which is not a named node the output depends on");
        symbolic::validate_latex_label(label);
    }
}

void derive_all(Worksheet& w) {
    for (std::size_t p : parameters(w.graph, w.options.wrt)) {
        switch (w.options.style) {
            case StyleChoice::Auto: w.derivations.push_back(derive_auto(w.graph, p)); break;
            case StyleChoice::Paths: w.derivations.push_back(derive_paths(w.graph, p)); break;
            case StyleChoice::Deltas: w.derivations.push_back(derive_deltas(w.graph, p)); break;
            case StyleChoice::Both:
                if (count_paths(w.graph, w.graph.output, p) <= static_cast<double>(kMaxPaths))
                    w.derivations.push_back(derive_paths(w.graph, p));
                w.derivations.push_back(derive_deltas(w.graph, p));
                break;
        }
    }
}

// Every local partial of the graph, reusing the formulas the derivations already have.
std::vector<LocalPartial> edge_partials(const Worksheet& w) {
    std::map<std::pair<std::size_t, std::size_t>, const LocalPartial*> known;
    for (const GradientDerivation& d : w.derivations) {
        for (const ChainPath& p : d.paths)
            for (const PathFactor& f : p.factors) known.emplace(std::pair{f.partial.of, f.partial.wrt}, &f.partial);
        for (const DeltaStep& step : d.deltas)
            for (const auto& [c, p] : step.terms) known.emplace(std::pair{p.of, p.wrt}, &p);
    }
    std::vector<LocalPartial> edges;
    for (std::size_t i = 0; i < w.graph.nodes.size(); ++i)
        for (std::size_t r : w.graph.nodes[i].reads) {
            const auto it = known.find({i, r});
            edges.push_back(it != known.end() ? *it->second : local_partial(w.graph, i, r));
        }
    return edges;
}

// The learning rate at the current precision: the decimal its own digits give (0.1 typed
// and read at 50 digits is 0.1 again at 200), as the recorder reads the model's decimals
// anew at every rung; so an exact result such as w⁺ = 0.2292 stays exact at every rung
// (number_format.hpp prints it short only then).
Real learning_rate_now(const Real& eta) {
    return Real(to_decimal_string(eta, static_cast<int>(eta.precision())));
}

// Every number of the worksheet at the current precision, from a new recording.
void evaluate_numbers(Worksheet& w, const Recording& r) {
    set_named_values(w.graph, r.tape, r.output);
    for (LocalPartial& e : w.edges) e.value = evaluate_formula(w.graph, e.formula);
    const std::optional<Real> eta =
        w.options.learning_rate ? std::optional<Real>(learning_rate_now(*w.options.learning_rate)) : std::nullopt;
    for (GradientDerivation& d : w.derivations) {
        evaluate_derivation(w.graph, d);
        if (eta) d.after_update = w.graph.nodes[d.wrt].value - *eta * d.result;
    }
    if (w.options.order == 2) evaluate_second_order(w.graph, w.derivations, r.tape, r.output, w.second_order);
}

// At a kink the gradient has two one-sided limits: from the gradients just left and right
// of the point, p ∓ h with h = 10^-45·max(1, |p|), at 150 digits (one_sided_limit).
void one_sided_gradients(Worksheet& w, const Recorder& record) {
    if (std::none_of(w.singular_points.begin(), w.singular_points.end(),
                     [](const SingularPoint& p) { return p.kind == SingularKind::Kink; }))
        return;
    PrecisionScope scope(150);
    const Recording r = record();
    const std::vector<NodeIndex>& inputs = r.tape.inputs();
    for (GradientDerivation& d : w.derivations) {
        const auto it = std::find(inputs.begin(), inputs.end(), w.graph.nodes[d.wrt].tape_index);
        if (it == inputs.end()) continue;  // an intermediate or constant node: no point to move
        const Real p = boost::multiprecision::abs(r.tape.value(*it));
        const Real h = (p > 1 ? p : Real(1)) * boost::multiprecision::pow(Real(10), -45);
        d.from_left = one_sided_limit(r.tape, r.output, *it, Real(-h));
        d.from_right = one_sided_limit(r.tape, r.output, *it, h);
    }
}

}  // namespace

Worksheet make_worksheet(const Recorder& record, WorksheetOptions options) {
    Worksheet w;
    {
        PrecisionScope scope(kWorkingDigits);
        const Recording first = record();
        w.graph = build_named_graph(first.tape, first.tape.var(first.output));
        check_options(w.graph, options);
        w.options = std::move(options);
        derive_all(w);
        w.edges = edge_partials(w);
        if (w.options.order == 2) w.second_order = second_order_section(w.graph, w.derivations);
    }
    const auto evaluate = [&](std::vector<Real>& numbers) {
        evaluate_numbers(w, record());
        for_each_number(w, [&](Real& x, Certainty&) { numbers.push_back(x); });
    };
    std::vector<Real> numbers;
    int cap = kPrecisionCap;
    {
        PrecisionScope scope(kWorkingDigits);
        cap = ladder_cap(max_input_exponent(record().tape));
    }
    const std::vector<Certainty> certainty = run_ladder(evaluate, w.options.digits, numbers, cap);
    // The values of the last rung: the ladder's last call of `evaluate` may have been a run
    // with its operations rounded up or down (a test of its zeros).
    std::size_t k = 0;
    for_each_number(w, [&](Real& x, Certainty& c) {
        x = numbers.at(k);
        c = certainty.at(k++);
    });
    w.singular_points = find_singular_points(w.graph);
    one_sided_gradients(w, record);
    return w;
}

namespace {

template <class S, class F>
void visit_second_order_numbers(S& s, const F& f) {
    for (auto& d : s.derivations) {
        for (auto& t : d.tangents) f(t.value, t.certainty);
        for (std::size_t p = 0; p < d.factors.size(); ++p)
            for (std::size_t k = 0; k < d.factors[p].size(); ++k) {
                for (auto& t : d.factors[p][k].terms) f(t.value, t.certainty);
                f(d.factors[p][k].value, d.factors[p][k].certainty);
                f(d.terms[p][k], d.term_certainty[p][k]);
            }
        f(d.result, d.result_certainty);
        f(d.forward_over_reverse, d.forward_over_reverse_certainty);
    }
    for (std::size_t k = 0; k < s.hessian.size(); ++k) f(s.hessian[k], s.hessian_certainty[k]);
}

template <class W, class F>
void visit_numbers(W& w, const F& f) {
    for (auto& e : w.edges) f(e.value, e.certainty);
    for (auto& n : w.graph.nodes) {
        f(n.value, n.value_certainty);
        f(n.adjoint, n.adjoint_certainty);
    }
    for (auto& d : w.derivations) {
        for (auto& path : d.paths) {
            for (auto& factor : path.factors) f(factor.partial.value, factor.partial.certainty);
            f(path.product, path.product_certainty);
        }
        for (auto& step : d.deltas) {
            for (auto& term : step.terms) f(term.second.value, term.second.certainty);
            f(step.value, step.certainty);
        }
        f(d.result, d.result_certainty);
        f(d.reverse_mode, d.reverse_mode_certainty);
        if (d.after_update) f(*d.after_update, d.after_update_certainty);
    }
    visit_second_order_numbers(w.second_order, f);
}

}  // namespace

void for_each_number(Worksheet& w, const std::function<void(Real&, Certainty&)>& f) { visit_numbers(w, f); }

void for_each_number(const Worksheet& w, const std::function<void(const Real&, const Certainty&)>& f) {
    visit_numbers(w, f);
}

LadderSummary ladder_summary(const Worksheet& w) {
    LadderSummary s;
    for_each_number(w, [&s](const Real&, const Certainty& c) {
        if (!c.same_at_every_rung) s.precision = std::max(s.precision, c.precision);
        if (c.out_of_range) ++s.out_of_range;
        else if (!c.complete()) ++s.incomplete;
    });
    return s;
}

namespace {

// Two settled values agree in every printed digit (relative difference below
// 10^−(digits+2)), or are the same infinity, or both undefined.
bool agree_in_print(const Real& a, const Real& b, int digits) {
    using boost::multiprecision::abs;
    using boost::multiprecision::isfinite;
    using boost::multiprecision::isnan;
    using boost::multiprecision::pow;
    if (!isfinite(a) || !isfinite(b)) {
        if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
        return a == b;  // the same infinity
    }
    const Real scale = abs(b) > abs(a) ? abs(b) : abs(a);
    return abs(a - b) <= scale * pow(Real(10), -(digits + 2));
}

// True when no number can lie in both enclosures (beyond the printing tolerance).
bool apart(const Enclosure& a, const Enclosure& b, int digits) {
    using boost::multiprecision::abs;
    using boost::multiprecision::pow;
    const Real scale = std::max({Real(abs(a.lo)), Real(abs(a.hi)), Real(abs(b.lo)), Real(abs(b.hi))});
    const Real slack = scale * pow(Real(10), -(digits + 2));
    return a.hi + slack < b.lo || b.hi + slack < a.lo;  // false with a NaN
}

}  // namespace

ReverseModeCheck reverse_mode_check(const GradientDerivation& d, int digits) {
    if (d.result_certainty.complete() && d.reverse_mode_certainty.complete())
        return agree_in_print(d.result, d.reverse_mode, digits) ? ReverseModeCheck::Agrees : ReverseModeCheck::Disagrees;
    // One is not settled: equal printed values prove nothing, but what each is known to lie
    // in may still rule agreement out.
    const std::optional<Enclosure> a = enclosure(d.result, d.result_certainty);
    const std::optional<Enclosure> b = enclosure(d.reverse_mode, d.reverse_mode_certainty);
    if (a && b && apart(*a, *b, digits)) return ReverseModeCheck::Disagrees;
    return ReverseModeCheck::CannotConfirm;
}

ReverseModeCheck second_order_check(const SecondDerivation& s, int digits) {
    if (s.result_certainty.complete() && s.forward_over_reverse_certainty.complete())
        return agree_in_print(s.result, s.forward_over_reverse, digits) ? ReverseModeCheck::Agrees
                                                                        : ReverseModeCheck::Disagrees;
    return ReverseModeCheck::CannotConfirm;
}

bool agrees_with_reverse_mode(const GradientDerivation& d, int digits) {
    return reverse_mode_check(d, digits) == ReverseModeCheck::Agrees;
}

int unsettled_precision(const GradientDerivation& d) {
    const auto unsettled = [](const Certainty& c) { return c.complete() ? 0 : c.precision; };
    return std::max(unsettled(d.result_certainty), unsettled(d.reverse_mode_certainty));
}

}  // namespace chainrule::derivations
