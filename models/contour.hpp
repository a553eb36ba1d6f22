#pragma once
/// \file contour.hpp
/// Contour lines of a function of two variables: sample it on a regular grid, then trace
/// each level with marching squares (Lorensen & Cline's marching cubes in 2-D): every grid
/// cell whose corners lie on both sides of the level contributes one or two segments,
/// with end points placed on the cell edges by linear interpolation.

#include <cstddef>
#include <functional>
#include <vector>

namespace chainrule::models {

struct Point2 {
    double x = 0, y = 0;
};

struct Segment {
    Point2 a, b;
};

/// A rectangle of the plane, x in [x_min, x_max], y in [y_min, y_max].
struct Box {
    double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
};

/// f sampled at nx × ny points: x_i = x_min + i·(x_max − x_min)/(nx − 1), likewise y_j;
/// value(i, j) = f(x_i, y_j).
struct Grid {
    Box box;
    std::size_t nx = 0, ny = 0;
    std::vector<double> values;  ///< row by row: values[j·nx + i]

    double x(std::size_t i) const { return box.x_min + (box.x_max - box.x_min) * double(i) / double(nx - 1); }
    double y(std::size_t j) const { return box.y_min + (box.y_max - box.y_min) * double(j) / double(ny - 1); }
    double value(std::size_t i, std::size_t j) const { return values[j * nx + i]; }
};

/// Samples f on `box`. Throws ModelError unless nx, ny ≥ 2 and the box has positive width
/// and height.
Grid sample_grid(const std::function<double(double, double)>& f, const Box& box, std::size_t nx, std::size_t ny);

/// The segments of the contour f = level (marching squares). A corner exactly at the level
/// counts as above it, so a level touching a grid point gives no degenerate cell. In the
/// two saddle cases (diagonal corners above) the cell's centre value, the mean of its
/// corners, decides which pair of edges is joined. Non-finite samples give no segments in
/// their cells.
std::vector<Segment> contour_segments(const Grid& grid, double level);

/// Levels at evenly spaced quantiles of the grid's finite values, (k + ½)/count for
/// k = 0 … count − 1: dense where f changes slowly (near a minimum); strictly increasing
/// (equal quantiles are merged, so there may be fewer than `count`).
std::vector<double> quantile_levels(const Grid& grid, std::size_t count);

}  // namespace chainrule::models
