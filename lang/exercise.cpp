#include "exercise.hpp"

#include "model_worksheet.hpp"
#include "parser.hpp"
#include "variation.hpp"

#include "../models/splitmix.hpp"
#include "../precision/number_format.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <utility>

namespace chainrule::lang {

namespace {

// A kink or jump within this distance of its argument's singular point, or a tie of max
// or min this close, is "near" it: a student's rounded numbers may fall on either side.
constexpr double kNearKink = 1e-6;
// Below this local slope a sigmoid or tanh is saturated.
constexpr double kSaturated = 1e-3;
// Below this |∂E/∂p| a gradient vanishes.
constexpr double kVanishing = 1e-9;

double as_double(const Real& x) { return x.convert_to<double>(); }

// The first kink, jump or saturated unit of the recorded variant ("" when none).
std::string kink_or_saturation(const Model& m) {
    const Tape<Real>& tape = m.tape;
    auto name_of = [&](NodeIndex i) {
        const std::string_view n = tape.name(i);
        return n.empty() ? std::string("an intermediate value") + " (node #" + std::to_string(i) + ")"
                         : "'" + std::string(n) + "'";
    };
    for (NodeIndex i = 0; i < tape.size(); ++i) {
        const NodeRecord& r = tape.node(i);
        if (is_matrix_op(r.op)) continue;
        if (kinks_at_zero(r.op) && std::abs(as_double(tape.value(r.in0))) < kNearKink)
            return "on or near the kink of " + std::string(op_name(r.op)) + " at " + name_of(i);
        if (r.op == OpKind::Max || r.op == OpKind::Min) {
            const double a = as_double(tape.value(r.in0)), b = as_double(tape.value(r.in1));
            if (std::abs(a - b) < kNearKink * std::max(1.0, std::abs(a)))
                return "on or near a tie of " + std::string(op_name(r.op)) + " at " + name_of(i);
        }
        if (r.op == OpKind::Sigmoid || r.op == OpKind::Tanh) {
            const double y = as_double(tape.value(i));
            const double slope = r.op == OpKind::Sigmoid ? y * (1 - y) : 1 - y * y;
            if (slope < kSaturated) return "saturates " + std::string(op_name(r.op)) + " at " + name_of(i);
        }
    }
    return {};
}

// The source with [from, to) spans replaced, applied from the last to the first.
struct Splice {
    std::size_t from, to;
    std::string text;
};
std::string spliced(std::string text, std::vector<Splice> splices) {
    std::sort(splices.begin(), splices.end(), [](const Splice& a, const Splice& b) { return a.from > b.from; });
    for (const Splice& s : splices) text.replace(s.from, s.to - s.from, s.text);
    return text;
}

// The span of the line holding `offset`, with its line break.
Splice whole_line(const std::string& text, std::size_t offset) {
    const std::size_t newline_before = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
    const std::size_t from = newline_before == std::string::npos ? 0 : newline_before + 1;
    const std::size_t newline_after = text.find('\n', offset);
    return {from, newline_after == std::string::npos ? text.size() : newline_after + 1, ""};
}

}  // namespace

std::string ill_posed(const Model& variant, int digits) {
    if (std::string kink = kink_or_saturation(variant); !kink.empty()) return kink;
    const derivations::Worksheet w = model_worksheet(variant, WorksheetRequest{{}, {}, digits, {}});
    for (const derivations::GradientDerivation& d : w.derivations)
        if (std::abs(as_double(d.result)) < kVanishing)
            return "the gradient d" + w.graph.nodes[d.output].name + "/d" + w.graph.nodes[d.wrt].name + " vanishes";
    return {};
}

std::string variant_text(const Model& model, const std::vector<std::string>& values, std::size_t number,
                         std::uint64_t seed) {
    const std::string& text = model.source.text;
    std::vector<Splice> splices;
    for (std::size_t k = 0; k < model.varied.size(); ++k) {
        const VariedValue& v = model.varied[k];
        splices.push_back({v.value.offset, v.variation.end, values.at(k)});
    }
    const Program program = parse_program(model.source);
    bool titled = false;
    for (const Statement& s : program.statements) {
        if (const auto* c = std::get_if<CheckDirective>(&s)) splices.push_back(whole_line(text, c->offset));
        if (const auto* t = std::get_if<TitleDirective>(&s)) {
            splices.push_back({t->text_offset, t->text_offset + t->text.size(),
                               t->text + " (variant " + std::to_string(number) + ")"});
            titled = true;
        }
    }
    const std::string stem = std::filesystem::path(model.source.name).stem().string();
    std::string head = "# Variant " + std::to_string(number) + " of " + model.source.name +
                       " (chainrule exercise --seed " + std::to_string(seed) + ")\n";
    if (!titled) head += "title \"" + stem + " (variant " + std::to_string(number) + ")\"\n";
    return head + spliced(text, std::move(splices));
}

Exercise make_exercise(const Model& model, const ExerciseOptions& options) {
    if (model.varied.empty())
        throw LangError(model.source.name, "nothing varies: give a param, input or target a range, e.g. "
                                           "`param w5 = 0.4 vary 0.1..0.9 step 0.05`");
    const Program program = parse_program(model.source);
    std::vector<VariationGrid> grids;
    for (const Statement& s : program.statements)
        if (const auto* d = std::get_if<Declaration>(&s); d != nullptr && d->variation)
            grids.emplace_back(model.source, *d);

    Exercise ex;
    for (const VariedValue& v : model.varied) ex.varied.push_back(v.name);
    models::SplitMix64 random(options.seed);
    std::set<std::vector<std::size_t>> seen;
    const std::size_t max_draws = options.max_draws != 0 ? options.max_draws : 100 * options.variants;
    while (ex.variants.size() < options.variants && ex.draws < max_draws) {
        ++ex.draws;
        std::vector<std::size_t> pick;
        for (const VariationGrid& g : grids) pick.push_back(static_cast<std::size_t>(random.next() % g.size()));
        if (!seen.insert(pick).second) {
            ++ex.rejected["repeats an earlier variant's numbers"];
            continue;
        }
        Variant v;
        v.number = ex.variants.size() + 1;
        for (std::size_t k = 0; k < grids.size(); ++k) v.values.push_back(grids[k].text(pick[k]));
        v.text = variant_text(model, v.values, v.number, options.seed);
        std::string reason;
        try {
            reason = ill_posed(load_model_text(v.text, model.source.name), options.digits);
        } catch (const LangError& e) {
            reason = "cannot be recorded (a value leaves a function's domain or is not finite)";
        }
        if (!reason.empty()) {
            // One count per kind of reason, not per node.
            ++ex.rejected[reason.substr(0, reason.find(" at "))];
            continue;
        }
        ex.variants.push_back(std::move(v));
    }
    if (ex.variants.size() < options.variants) {
        std::string why;
        for (const auto& [reason, count] : ex.rejected) why += "; " + std::to_string(count) + " " + reason;
        throw Error("chainrule exercise: only " + std::to_string(ex.variants.size()) + " well-posed variants of " +
                    model.source.name + " in " + std::to_string(ex.draws) + " draws (rejected" + why +
                    "): widen the vary ranges or ask for fewer variants");
    }
    return ex;
}

std::vector<Answer> answers(const Model& model, int digits) {
    const derivations::Worksheet w = model_worksheet(model, WorksheetRequest{{}, {}, digits, {}});
    const derivations::NamedGraph& g = w.graph;
    std::vector<Answer> out;
    for (const derivations::NamedNode& n : g.nodes)
        if (n.role == derivations::NodeRole::Defined)
            out.push_back({n.name, format_number(n.value, n.value_certainty, digits), "value", ""});
    for (const derivations::LocalPartial& p : w.edges)
        out.push_back({"d" + g.nodes[p.of].name + "/d" + g.nodes[p.wrt].name,
                       format_number(p.value, p.certainty, digits), "local partial", ""});
    std::set<std::size_t> done;
    for (const derivations::GradientDerivation& d : w.derivations)
        if (done.insert(d.wrt).second)
            out.push_back({"d" + g.nodes[d.output].name + "/d" + g.nodes[d.wrt].name,
                           format_number(d.result, d.result_certainty, digits), "gradient", ""});
    if (model.learning_rate) {
        done.clear();
        const std::string lr = format_number(*model.learning_rate, digits);
        for (const derivations::GradientDerivation& d : w.derivations)
            if (d.after_update && done.insert(d.wrt).second)
                out.push_back({g.nodes[d.wrt].name + "+",
                               format_number(*d.after_update, d.after_update_certainty, digits), "update", " lr=" + lr});
    }
    return out;
}

}  // namespace chainrule::lang
