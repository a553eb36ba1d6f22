#include "contour.hpp"

#include "errors.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace chainrule::models {

Grid sample_grid(const std::function<double(double, double)>& f, const Box& box, std::size_t nx, std::size_t ny) {
    if (nx < 2 || ny < 2 || !(box.x_max > box.x_min) || !(box.y_max > box.y_min))
        throw ModelError("chainrule: sample_grid needs at least 2×2 points on a box of positive width and height, got " +
                         std::to_string(nx) + "×" + std::to_string(ny));
    Grid g{box, nx, ny, {}};
    g.values.reserve(nx * ny);
    for (std::size_t j = 0; j < ny; ++j)
        for (std::size_t i = 0; i < nx; ++i) g.values.push_back(f(g.x(i), g.y(j)));
    return g;
}

namespace {

// A cell's corners counter-clockwise from the bottom left; edge e joins corner e and e + 1.
struct Cell {
    std::array<Point2, 4> corner;
    std::array<double, 4> value;
};

Point2 crossing(const Cell& c, int edge, double level) {
    const int p = edge, q = (edge + 1) % 4;
    const double t = (level - c.value[p]) / (c.value[q] - c.value[p]);
    return {c.corner[p].x + t * (c.corner[q].x - c.corner[p].x), c.corner[p].y + t * (c.corner[q].y - c.corner[p].y)};
}

void trace_cell(const Cell& c, double level, std::vector<Segment>& out) {
    std::array<bool, 4> above{};
    for (int k = 0; k < 4; ++k) above[k] = c.value[k] >= level;
    std::vector<int> crossed;
    for (int e = 0; e < 4; ++e)
        if (above[e] != above[(e + 1) % 4]) crossed.push_back(e);
    if (crossed.size() == 2) {
        out.push_back({crossing(c, crossed[0], level), crossing(c, crossed[1], level)});
        return;
    }
    if (crossed.size() != 4) return;
    // Saddle: cut off each corner on the other side than the cell's centre; corner k
    // lies between edges k − 1 and k.
    const bool centre_above = (c.value[0] + c.value[1] + c.value[2] + c.value[3]) / 4 >= level;
    for (int k = 0; k < 4; ++k)
        if (above[k] != centre_above) out.push_back({crossing(c, (k + 3) % 4, level), crossing(c, k, level)});
}

}  // namespace

std::vector<Segment> contour_segments(const Grid& grid, double level) {
    std::vector<Segment> out;
    for (std::size_t j = 0; j + 1 < grid.ny; ++j)
        for (std::size_t i = 0; i + 1 < grid.nx; ++i) {
            const Cell c{{Point2{grid.x(i), grid.y(j)}, Point2{grid.x(i + 1), grid.y(j)},
                          Point2{grid.x(i + 1), grid.y(j + 1)}, Point2{grid.x(i), grid.y(j + 1)}},
                         {grid.value(i, j), grid.value(i + 1, j), grid.value(i + 1, j + 1), grid.value(i, j + 1)}};
            if (std::all_of(c.value.begin(), c.value.end(), [](double v) { return std::isfinite(v); }))
                trace_cell(c, level, out);
        }
    return out;
}

std::vector<double> quantile_levels(const Grid& grid, std::size_t count) {
    std::vector<double> finite;
    std::copy_if(grid.values.begin(), grid.values.end(), std::back_inserter(finite),
                 [](double v) { return std::isfinite(v); });
    std::sort(finite.begin(), finite.end());
    std::vector<double> levels;
    if (finite.empty()) return levels;
    for (std::size_t k = 0; k < count; ++k) {
        const double q = (double(k) + 0.5) / double(count);
        const double level = finite[std::min(finite.size() - 1, std::size_t(q * double(finite.size())))];
        if (levels.empty() || level > levels.back()) levels.push_back(level);
    }
    return levels;
}

}  // namespace chainrule::models
