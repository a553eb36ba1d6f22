#pragma once
/// \file descent_plot.hpp
/// The picture of a descent run (`chainrule descend --plot FILE.svg`), drawn with
/// models/svg_plot.hpp.

#include "ast.hpp"
#include "calculus.hpp"
#include "diagnostic.hpp"

#include <string>
#include <string_view>

namespace chainrule::lang {

/// SVG of `run`: for two variables the path of the iterates over the contour lines of J
/// (J evaluated in double precision on an 81 × 81 grid over the path's bounding box grown
/// by 25 % per side; 12 levels at quantiles of the grid values); for any other number of
/// variables the loss curve J(step). `title` is XML-escaped.
std::string descent_plot_svg(const ExprNode& expression, const Source& source, const Descent& run,
                             std::string_view title);

}  // namespace chainrule::lang
