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
        if (r.op == OpKind::Sigmoid || r.op == OpKind::Tanh) {  // the slope by the catalogue's rule
            const Real x = tape.value(r.in0), y = tape.value(i);
            const Real slope = r.op == OpKind::Sigmoid ? ops::Sigmoid::partial(x, y) : ops::Tanh::partial(x, y);
            if (slope < kSaturated) return "saturates " + std::string(op_name(r.op)) + " at " + name_of(i);
        }
    }
    return {};
}

// Significant digits of a plain decimal ("0.015" → 2, "120" → 2, "-3.50" → 2).
int significant_digits(std::string text) {
    std::erase_if(text, [](char c) { return c == '-' || c == '.'; });
    text.erase(0, text.find_first_not_of('0'));
    text.erase(text.find_last_not_of('0') + 1);
    return static_cast<int>(std::max<std::size_t>(text.size(), 1));
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

derivations::Worksheet sheet_worksheet(const Model& variant, int digits) {
    return model_worksheet(variant, WorksheetRequest{{}, {}, digits, {}});
}

// What makes a variant's worksheet unfit for a sheet ("" when nothing): see ill_posed().
std::string derivative_problem(const derivations::Worksheet& w) {
    for (const derivations::LocalPartial& p : w.edges)
        if (!boost::multiprecision::isfinite(p.value)) return "an infinite or undefined local partial";
    for (const derivations::GradientDerivation& d : w.derivations) {
        if (!boost::multiprecision::isfinite(d.result)) return "an infinite or undefined gradient";
        if (std::abs(as_double(d.result)) < kVanishing)
            return "the gradient d" + w.graph.nodes[d.output].name + "/d" + w.graph.nodes[d.wrt].name + " vanishes";
    }
    // A number known only to be 0 within a bound (an exact zero: w·x + b = 0) or not settled
    // cannot be written as an answer.
    if (derivations::ladder_summary(w).incomplete > 0) return "a number that is exactly 0 or cannot be settled";
    return {};
}

// The forward values and gradients as printed: two variants with the same signature give
// their students the same numbers.
std::string numbers_signature(const derivations::Worksheet& w, int digits) {
    std::string signature;
    for (const derivations::NamedNode& n : w.graph.nodes)
        if (n.role == derivations::NodeRole::Defined) signature += format_number(n.value, digits) + ";";
    for (const derivations::GradientDerivation& d : w.derivations) signature += format_number(d.result, digits) + ";";
    return signature;
}

}  // namespace

std::string ill_posed(const Model& variant, int digits) {
    if (std::string kink = kink_or_saturation(variant); !kink.empty()) return kink;  // before the ladder runs
    return derivative_problem(sheet_worksheet(variant, digits));
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
    // The file name in a comment and a title: printable ASCII only (a quote, a tab or a
    // control byte there would not parse).
    auto safe = [](std::string s) {
        for (char& c : s)
            if (c < 0x20 || c > 0x7e || c == '"') c = '_';
        return s;
    };
    const std::string eol = text.find("\r\n") != std::string::npos ? "\r\n" : "\n";
    std::string head = "# Variant " + std::to_string(number) + " of " + safe(model.source.name) +
                       " (chainrule exercise --seed " + std::to_string(seed) + ")" + eol;
    if (!titled)
        head += "title \"" + safe(std::filesystem::path(model.source.name).stem().string()) + " (variant " +
                std::to_string(number) + ")\"" + eol;
    std::string body = spliced(text, std::move(splices));
    if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.erase(0, 3);  // a byte-order mark starts the file, not the body
    return head + body;
}

Exercise make_exercise(const Model& model, const ExerciseOptions& options) {
    if (model.varied.empty())
        throw LangError(model.source.name, "nothing varies: give a param, input or target a range, e.g. "
                                           "`param w5 = 0.4 vary 0.1..0.9 step 0.05`");
    const Program program = parse_program(model.source);
    std::vector<VariationGrid> grids;
    double combinations = 1;
    for (const Statement& s : program.statements)
        if (const auto* d = std::get_if<Declaration>(&s); d != nullptr && d->variation) {
            grids.emplace_back(model.source, *d);
            combinations *= static_cast<double>(grids.back().size());
            // The sheet prints givens at its digits: a value with more would print rounded.
            for (std::size_t k = 0; k < grids.back().size(); ++k)
                if (significant_digits(grids.back().text(k)) > options.digits)
                    throw Error("the vary grid of '" + d->name.text + "' has " + grids.back().text(k) + ", which needs more than " +
                                std::to_string(options.digits) + " significant digits (--digits " +
                                std::to_string(options.digits) + " would print it rounded on the sheet)");
        }
    if (combinations < static_cast<double>(options.variants))
        throw Error("the vary grids of " + model.source.name + " give " + std::to_string(static_cast<long long>(combinations)) +
                    " different variants, fewer than the " + std::to_string(options.variants) + " asked for");

    Exercise ex;
    for (const VariedValue& v : model.varied) ex.varied.push_back(v.name);
    models::SplitMix64 random(options.seed);
    std::map<std::vector<std::size_t>, std::string> drawn;  // every pick drawn → its verdict ("" kept)
    std::set<std::string> numbers;                          // the kept variants' numbers
    const std::size_t max_draws = options.max_draws != 0 ? options.max_draws : 100 * options.variants;
    while (ex.variants.size() < options.variants && ex.draws < max_draws) {
        ++ex.draws;
        std::vector<std::size_t> pick;
        for (const VariationGrid& g : grids) pick.push_back(static_cast<std::size_t>(random.next() % g.size()));
        if (auto it = drawn.find(pick); it != drawn.end()) {  // drawn before: the same verdict again
            ++ex.rejected[it->second.empty() ? "repeats an earlier variant's numbers" : it->second];
            continue;
        }
        Variant v;
        v.number = ex.variants.size() + 1;
        for (std::size_t k = 0; k < grids.size(); ++k) v.values.push_back(grids[k].text(pick[k]));
        v.text = variant_text(model, v.values, v.number, options.seed);
        std::string reason;
        try {
            const Model variant = load_model_text(v.text, model.source.name);
            reason = kink_or_saturation(variant);
            if (reason.empty()) {  // one worksheet (one precision ladder) for both tests
                const derivations::Worksheet w = sheet_worksheet(variant, options.digits);
                reason = derivative_problem(w);
                if (reason.empty() && !numbers.insert(numbers_signature(w, options.digits)).second)
                    reason = "gives the same numbers as an earlier variant";
            }
        } catch (const LangError& e) {
            const std::string message = e.what();
            if (message.find("not finite") == std::string::npos && message.find("cannot evaluate") == std::string::npos &&
                message.find("range") == std::string::npos)
                throw Error("variant " + std::to_string(v.number) + " of " + model.source.name +
                            " does not read back (please report this): " + message);
            reason = "cannot be recorded (a value leaves a function's domain or is not finite)";
        }
        reason = reason.substr(0, reason.find(" at "));  // one count per kind of reason, not per node
        drawn.emplace(pick, reason);
        if (!reason.empty()) {
            ++ex.rejected[reason];
            continue;
        }
        ex.variants.push_back(std::move(v));
    }
    if (ex.variants.size() < options.variants) {
        std::string why;
        for (const auto& [reason, count] : ex.rejected) why += "; " + std::to_string(count) + " " + reason;
        throw Error("only " + std::to_string(ex.variants.size()) + " well-posed variants of " + model.source.name + " in " +
                    std::to_string(ex.draws) + " draws (rejected" + why +
                    "): widen the vary ranges or ask for fewer variants");
    }
    return ex;
}

std::vector<Answer> answers(const Model& model, int digits) {
    const derivations::Worksheet w = sheet_worksheet(model, digits);
    // The blanks of the whole sheet: the same claims, in the same order, as sheets and keys.
    const derivations::ExerciseSheet sheet = derivations::exercise_sheet(w, derivations::SheetKind::Key);
    const std::string lr = model.learning_rate ? " lr=" + format_number(*model.learning_rate, digits) : "";
    std::vector<Answer> out;
    for (const derivations::Blank& b : sheet.blanks)
        if (b.kind != "delta" && b.kind != "local partial formula")
            out.push_back({b.claim, b.answer, b.kind, b.kind == "update" ? lr : ""});
    return out;
}

}  // namespace chainrule::lang
