#pragma once
/// \file svg_plot.hpp
/// Small SVG pictures of a descent: loss curves (several series with a legend) and a 2-D
/// descent path over the contour lines of J. Self-contained SVG 1.1 text, no scripts, no
/// external fonts; every user string (titles, labels, legend entries) is XML-escaped.
///
/// Coordinates: the plot area is the rectangle from (kLeft, kTop) to (width − kRight,
/// height − kBottom) in SVG pixels; a data point (x, y) maps linearly from the data
/// ranges [x_min, x_max] × [y_min, y_max] onto it, y upwards:
/// \f[ p_x = k_L + \frac{x - x_{min}}{x_{max} - x_{min}} w_p, \qquad
///     p_y = k_T + \frac{y_{max} - y}{y_{max} - y_{min}} h_p. \f]

#include "contour.hpp"

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chainrule::models {

inline constexpr double kLeft = 70, kRight = 20, kTop = 40, kBottom = 50;

/// & < > " ' as XML entities; other control characters than tab and newline dropped.
std::string xml_escape(std::string_view text);

/// One curve: points (x[i], y[i]) joined in order, with its legend entry.
struct Series {
    std::string label;
    std::vector<double> x;
    std::vector<double> y;
};

struct PlotOptions {
    std::string title;
    std::string x_label = "step";
    std::string y_label = "J";
    double width = 640, height = 420;
    /// Loss curves: plot log₁₀ y (points with y ≤ 0 or non-finite are left out).
    bool log_y = false;
};

/// Loss curves: each series a polyline in its own colour, a legend (one entry per series,
/// in order) when there is more than one series or the only one has a label, axes with 5
/// ticks each. The data ranges are the exact extent of all points (a zero-height range is
/// widened by ±1 around its value). Throws ModelError when a series has x and y of
/// different lengths, or no series has a finite point.
std::string loss_curve_svg(std::span<const Series> series, const PlotOptions& options = {});

struct ContourPlotOptions {
    PlotOptions plot = [] {
        PlotOptions p;
        p.x_label = "x";
        p.y_label = "y";
        return p;
    }();
    /// Region shown; when x_max ≤ x_min (the default), the path's bounding box grown by
    /// 25 % on each side (at least ±1 around a point).
    Box box{0, 0, 0, 0};
    std::size_t grid_points = 81;  ///< samples per axis
    std::vector<double> levels;    ///< contour levels; empty: level_count quantile levels
    std::size_t level_count = 12;
};

/// Contour lines of f and a descent path (a polyline with a dot per iterate, the start
/// marked) over them; the ranges are options.box. Throws ModelError for an empty path.
std::string contour_path_svg(const std::function<double(double, double)>& f, std::span<const Point2> path,
                             const ContourPlotOptions& options = {});

}  // namespace chainrule::models
