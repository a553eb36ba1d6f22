#include "descent_watch.hpp"

#include "../precision/number_format.hpp"
#include "recorder.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <stdexcept>

namespace chainrule::lang {

namespace {

std::string number(const Real& x) { return format_number(x, 10); }

bool finite_real(const Real& x) { return boost::multiprecision::isfinite(x); }

bool beyond_range(const Real& x) { return !finite_real(x) || boost::multiprecision::abs(x) > overflow_bound(); }

std::string step_text(std::size_t step) { return "step " + std::to_string(step); }

std::string overflow_message(std::size_t step, const std::string& what, const Real& value) {
    return "overflow at " + step_text(step) + ": " + what + " = " + number(value) + " exceeds the range of a double (" +
           number(overflow_bound()) + ")";
}

// The innermost sub-expression whose operands are finite but whose own value is not
// (value nothing: computing it threw).
struct Culprit {
    const ExprNode* node = nullptr;
    std::vector<Real> operands;
    std::optional<Real> value;
};

using Evaluate = std::function<std::optional<Real>(const ExprNode&)>;

// The value of `node` when it and all its sub-expressions are finite; otherwise nothing,
// with `culprit` set to where it first stops being finite (operands before the node).
std::optional<Real> finite_value(const ExprNode& node, const Evaluate& evaluate, std::optional<Culprit>& culprit) {
    std::vector<Real> operands;
    for (const ExprNode& operand : node.operands) {
        std::optional<Real> v = finite_value(operand, evaluate, culprit);
        if (!v) return std::nullopt;
        operands.push_back(std::move(*v));
    }
    std::optional<Real> v = evaluate(node);
    if (v && finite_real(*v)) return v;
    culprit = Culprit{&node, std::move(operands), std::move(v)};
    return std::nullopt;
}

// A divisor that is zero: x/0 in a product, or 0 to a negative power (infinite).
bool divides_by_zero(const Culprit& c) {
    const ExprNode& n = *c.node;
    if (n.kind == ExprNode::Kind::Product)
        for (std::size_t i = 0; i < n.ops.size() && i < c.operands.size(); ++i)
            if ((n.ops[i] == '/' || n.ops[i] == kElementwiseDivide) && c.operands[i] == 0) return true;
    return n.kind == ExprNode::Kind::Power && c.operands.size() == 2 && c.operands[0] == 0;
}

std::string operation_name(const ExprNode& n) {
    switch (n.kind) {
        case ExprNode::Kind::Call: return n.text;
        case ExprNode::Kind::Power: return "^";
        case ExprNode::Kind::Product: return "a product";
        case ExprNode::Kind::Sum: return "a sum";
        default: return "an operation";
    }
}

// Division by zero, a function outside its domain (NaN, or a pole at 0: log(0)), or a
// value beyond even the 50-digit range (exp(1e20)).
DescentEnding culprit_ending(const Culprit& c, std::size_t step, const std::string& at) {
    if (divides_by_zero(c)) return {DescentEnd::LeftDomain, step, "division by zero at " + step_text(step) + " (" + at + ")"};
    const std::string name = operation_name(*c.node);
    const bool undefined = !c.value || boost::multiprecision::isnan(*c.value);
    const bool at_zero = std::any_of(c.operands.begin(), c.operands.end(), [](const Real& x) { return x == 0; });
    if (undefined || at_zero) {
        const bool power = c.node->kind == ExprNode::Kind::Power;
        return {DescentEnd::LeftDomain, step,
                "left the domain of " + name + " at " + step_text(step) + " (" + at + ")" +
                    (power && undefined ? ": a negative number to a fractional power" : "")};
    }
    return {DescentEnd::Overflow, step, "overflow at " + step_text(step) + ": " + name + " exceeds the 50-digit range (" + at + ")"};
}

}  // namespace

std::string_view to_string(DescentEnd end) {
    switch (end) {
        case DescentEnd::Reached: return "reached";
        case DescentEnd::MaxSteps: return "max_steps";
        case DescentEnd::Diverged: return "diverged";
        case DescentEnd::Overflow: return "overflow";
        case DescentEnd::LeftDomain: return "left_domain";
        case DescentEnd::NotDifferentiable: return "not_differentiable";
        case DescentEnd::Stationary: return "stationary";
        case DescentEnd::Converged: return "converged";
        case DescentEnd::LineSearchFailed: return "line_search_failed";
    }
    return "?";
}

Real overflow_bound() { return Real(std::numeric_limits<double>::max()); }

void refuse_start(const DescentEnding& ending, const Source& source) {
    throw LangError(source.name, ending.message + ": the start (--from) must be a point where J and its gradient are finite");
}

DescentWatch::DescentWatch(const ExprNode& expression, const Source& source, std::vector<std::string> names)
    : expression_(expression), source_(source), names_(std::move(names)) {}

std::string DescentWatch::at(const std::vector<Real>& point) const {
    std::string out;
    for (std::size_t i = 0; i < names_.size() && i < point.size(); ++i)
        out += (i ? ", " : "") + names_[i] + " = " + number(point[i]);
    return out;
}

std::optional<DescentEnding> DescentWatch::unusable(const DescentStep& row) const {
    for (std::size_t i = 0; i < row.point.size(); ++i)
        if (beyond_range(row.point[i]))
            return DescentEnding{DescentEnd::Overflow, row.step, overflow_message(row.step, names_[i], row.point[i])};
    const bool gradient_finite = std::all_of(row.gradient.begin(), row.gradient.end(), finite_real);
    if (!finite_real(row.value) || !gradient_finite) return not_finite(row);
    if (beyond_range(row.value)) return DescentEnding{DescentEnd::Overflow, row.step, overflow_message(row.step, "J", row.value)};
    for (std::size_t i = 0; i < row.gradient.size(); ++i)
        if (beyond_range(row.gradient[i]))
            return DescentEnding{DescentEnd::Overflow, row.step,
                                 overflow_message(row.step, "dJ/d" + names_[i], row.gradient[i])};
    return std::nullopt;
}

DescentEnding DescentWatch::failed_evaluation(std::size_t step, const std::vector<Real>& point) const {
    DescentStep row{step, point, Real(std::numeric_limits<double>::quiet_NaN()), {}, Real(0)};
    for (std::size_t i = 0; i < point.size(); ++i)
        if (beyond_range(point[i])) return {DescentEnd::Overflow, step, overflow_message(step, names_[i], point[i])};
    return not_finite(row);
}

// J not finite: find the operation that made it so; J finite: the gradient is not.
DescentEnding DescentWatch::not_finite(const DescentStep& row) const {
    const std::string where = at(row.point);
    if (finite_real(row.value)) {
        std::size_t i = 0;
        while (i + 1 < row.gradient.size() && finite_real(row.gradient[i])) ++i;
        return {DescentEnd::NotDifferentiable, row.step,
                "the gradient is not finite at " + step_text(row.step) + " (" + where + "): dJ/d" + names_[i] + " = " +
                    number(row.gradient[i]) + "; J is not differentiable there"};
    }
    // Each sub-expression recorded on its own tape at the point; a throw counts as not finite.
    const Evaluate evaluate = [&](const ExprNode& node) -> std::optional<Real> {
        try {
            Tape<Real> tape;
            std::vector<Var<Real>> x;
            for (const Real& v : row.point) x.push_back(tape.variable(v));
            return record_expression(tape, node, source_, [&](const ExprNode& n) {
                       const auto it = std::find(names_.begin(), names_.end(), n.text);
                       if (it == names_.end()) throw std::logic_error("unknown name " + n.text);
                       return x[static_cast<std::size_t>(it - names_.begin())];
                   })
                .value();
        } catch (const std::exception&) {
            return std::nullopt;
        }
    };
    std::optional<Culprit> culprit;
    finite_value(expression_, evaluate, culprit);
    if (culprit) return culprit_ending(*culprit, row.step, where);
    return {DescentEnd::LeftDomain, row.step, "J or its gradient is not finite at " + step_text(row.step) + " (" + where + ")"};
}

std::optional<DescentEnding> DescentWatch::diverged(const DescentStep& row) {
    if (row.step == 0) {
        start_value_ = previous_value_ = row.value;
        return std::nullopt;
    }
    if (row.value > previous_value_) {
        if (rising_ == 0) rise_start_ = previous_value_;
        ++rising_;
    } else {
        rising_ = 0;
    }
    previous_value_ = row.value;
    if (rising_ == kRisingStepsWarning && warning_.empty())
        warning_ = "J has risen at each of the last " + std::to_string(rising_) + " updates (from " + number(rise_start_) +
                   " at step " + std::to_string(row.step - rising_) + " to " + number(row.value) + " at step " +
                   std::to_string(row.step) +
                   "): the learning rate may be too large (plain gradient descent on J = x^2 diverges for a rate > 1)";
    const Real scale = boost::multiprecision::abs(start_value_) > 1 ? boost::multiprecision::abs(start_value_) : Real(1);
    if (row.value - start_value_ <= Real(kDivergenceFactor) * scale) return std::nullopt;
    return DescentEnding{DescentEnd::Diverged, row.step,
                         "diverged at " + step_text(row.step) + ": J = " + number(row.value) +
                             " is more than 1e6*max(1, |J0|) above its start J0 = " + number(start_value_)};
}

}  // namespace chainrule::lang
