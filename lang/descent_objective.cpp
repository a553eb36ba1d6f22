#include "descent_objective.hpp"

#include "recorder.hpp"

#include <string>

namespace chainrule::lang {

namespace {

std::string listed_variables(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

[[noreturn]] Var<Real> unknown_variable(const ExprNode& n, const Source& source, const Point& start) {
    throw LangError(source, n.offset, "unknown name '" + n.text + "'",
                    "a variable given a value in --from (" + listed_variables(start.names) + ")", "add " + n.text + "=… to --from");
}

}  // namespace

models::Objective<Real> descent_objective(const ExprNode& expression, const Source& source, const Point& start,
                                          std::vector<Real>& evaluating) {
    return [&expression, &source, &start, &evaluating](Tape<Real>& tape, std::span<const Var<Real>> x) {
        for (std::size_t i = 0; i < x.size(); ++i) evaluating[i] = x[i].value();
        return record_expression(tape, expression, source, [&](const ExprNode& n) {
            for (std::size_t i = 0; i < start.names.size(); ++i)
                if (start.names[i] == n.text) return x[i];
            return unknown_variable(n, source, start);
        });
    };
}

}  // namespace chainrule::lang
