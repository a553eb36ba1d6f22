#include "descent_objective.hpp"

#include "recorder.hpp"

#include <string>

namespace chainrule::lang {

models::Objective<Real> descent_objective(const ExprNode& expression, const Source& source, const Point& start,
                                          std::vector<Real>& evaluating) {
    return [&expression, &source, &start, &evaluating](Tape<Real>& tape, std::span<const Var<Real>> x) {
        for (std::size_t i = 0; i < x.size(); ++i) evaluating[i] = x[i].value();
        return record_expression(tape, expression, source, [&](const ExprNode& n) {
            for (std::size_t i = 0; i < start.names.size(); ++i)
                if (start.names[i] == n.text) return x[i];
            return unknown_point_name(n, source, start, "--from");
        });
    };
}

}  // namespace chainrule::lang
