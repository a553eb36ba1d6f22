#include "svg_plot.hpp"

#include "errors.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

namespace chainrule::models {

std::string xml_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
        }
    }
    return out;
}

namespace {

const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

std::string num(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return buffer;
}

// The data box on the plot area (svg_plot.hpp's mapping).
struct Frame {
    Box data;
    double width, height;
    double px(double x) const { return kLeft + (x - data.x_min) / (data.x_max - data.x_min) * (width - kLeft - kRight); }
    double py(double y) const { return kTop + (data.y_max - y) / (data.y_max - data.y_min) * (height - kTop - kBottom); }
    std::string at(double x, double y) const { return num(px(x)) + "," + num(py(y)); }
};

// A zero-width range becomes value ± 1, so the mapping never divides by zero.
void widen(double& lo, double& hi) {
    if (hi > lo) return;
    lo -= 1;
    hi += 1;
}

std::string text(double x, double y, std::string_view s, const char* anchor, const char* cls, const char* extra = "") {
    return "<text class=\"" + std::string(cls) + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" +
           anchor + "\"" + extra + ">" + xml_escape(s) + "</text>\n";
}

// Tick values: the multiples in [lo, hi] of a round step (1, 2 or 5 × 10^k) giving 3 to
// 6 ticks, as people label axes.
std::vector<double> ticks(double lo, double hi) {
    const double rough = (hi - lo) / 4, unit = std::pow(10.0, std::floor(std::log10(rough)));
    const double step = unit * (rough / unit < 1.5 ? 1 : rough / unit < 3.5 ? 2 : 5);
    std::vector<double> out;
    for (double k = std::ceil(lo / step); k * step <= hi * (1 + 1e-12) + 1e-300; ++k)
        out.push_back(std::abs(k) < 0.5 ? 0.0 : k * step);  // no "-0"
    return out;
}

// Opening tag, background, title, frame, ticks and axis labels.
std::string open_plot(const Frame& f, const PlotOptions& o) {
    const double right = o.width - kRight, bottom = o.height - kBottom;
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(o.width) + "\" height=\"" +
                    num(o.height) + "\" viewBox=\"0 0 " + num(o.width) + " " + num(o.height) +
                    "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    s += text(o.width / 2, 24, o.title, "middle", "title", " font-size=\"15\"");
    s += "<rect class=\"frame\" x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(right - kLeft) +
         "\" height=\"" + num(bottom - kTop) + "\" fill=\"none\" stroke=\"black\"/>\n";
    for (double x : ticks(f.data.x_min, f.data.x_max)) s += text(f.px(x), bottom + 16, num(x), "middle", "tick");
    for (double y : ticks(f.data.y_min, f.data.y_max))
        s += text(kLeft - 6, f.py(y) + 4, (o.log_y ? "1e" : "") + num(y), "end", "tick");
    s += text((kLeft + right) / 2, o.height - 12, o.x_label, "middle", "axis-label");
    s += text(16, (kTop + bottom) / 2, o.y_label, "middle", "axis-label",
              (" transform=\"rotate(-90 16 " + num((kTop + bottom) / 2) + ")\"").c_str());
    return s;
}

std::string polyline(const std::string& points, const char* colour, const char* cls) {
    return "<polyline class=\"" + std::string(cls) + "\" points=\"" + points + "\" fill=\"none\" stroke=\"" + colour +
           "\" stroke-width=\"1.5\"/>\n";
}

}  // namespace

std::string loss_curve_svg(std::span<const Series> series, const PlotOptions& options) {
    const auto shown = [&](double y) { return std::isfinite(y) && (!options.log_y || y > 0); };
    const auto plotted = [&](double y) { return options.log_y ? std::log10(y) : y; };
    const double inf = std::numeric_limits<double>::infinity();
    Box box{inf, -inf, inf, -inf};
    for (const Series& s : series) {
        if (s.x.size() != s.y.size())
            throw ModelError("chainrule: loss_curve_svg: series '" + s.label + "' has " + std::to_string(s.x.size()) +
                             " x values and " + std::to_string(s.y.size()) + " y values");
        for (std::size_t i = 0; i < s.x.size(); ++i)
            if (std::isfinite(s.x[i]) && shown(s.y[i])) {
                box = {std::min(box.x_min, s.x[i]), std::max(box.x_max, s.x[i]), std::min(box.y_min, plotted(s.y[i])),
                       std::max(box.y_max, plotted(s.y[i]))};
            }
    }
    if (!(box.x_min <= box.x_max)) throw ModelError("chainrule: loss_curve_svg: no finite point to plot");
    widen(box.x_min, box.x_max);
    widen(box.y_min, box.y_max);
    const Frame f{box, options.width, options.height};
    std::string svg = open_plot(f, options);
    const bool legend = series.size() > 1 || (series.size() == 1 && !series[0].label.empty());
    for (std::size_t k = 0; k < series.size(); ++k) {
        const char* colour = kColours[k % std::size(kColours)];
        std::string points;
        for (std::size_t i = 0; i < series[k].x.size(); ++i)
            if (std::isfinite(series[k].x[i]) && shown(series[k].y[i]))
                points += (points.empty() ? "" : " ") + f.at(series[k].x[i], plotted(series[k].y[i]));
        svg += polyline(points, colour, "series");
        if (!legend) continue;
        const double y = kTop + 16 + 18 * double(k), x = options.width - kRight - 150;
        svg += "<line class=\"legend\" x1=\"" + num(x) + "\" y1=\"" + num(y - 4) + "\" x2=\"" + num(x + 24) +
               "\" y2=\"" + num(y - 4) + "\" stroke=\"" + colour + "\" stroke-width=\"2\"/>\n";
        svg += text(x + 30, y, series[k].label, "start", "legend");
    }
    return svg + "</svg>\n";
}

namespace {

// The path's bounding box grown by 25 % per side (at least ±1 around a point).
Box around(std::span<const Point2> path) {
    Box b{path[0].x, path[0].x, path[0].y, path[0].y};
    for (const Point2& p : path)
        b = {std::min(b.x_min, p.x), std::max(b.x_max, p.x), std::min(b.y_min, p.y), std::max(b.y_max, p.y)};
    const double dx = std::max(0.25 * (b.x_max - b.x_min), 1.0), dy = std::max(0.25 * (b.y_max - b.y_min), 1.0);
    return {b.x_min - dx, b.x_max + dx, b.y_min - dy, b.y_max + dy};
}

}  // namespace

std::string contour_path_svg(const std::function<double(double, double)>& f, std::span<const Point2> path,
                             const ContourPlotOptions& options) {
    if (path.empty()) throw ModelError("chainrule: contour_path_svg: the path has no point");
    const Box box = options.box.x_max > options.box.x_min ? options.box : around(path);
    const Grid grid = sample_grid(f, box, options.grid_points, options.grid_points);
    const std::vector<double> levels =
        options.levels.empty() ? quantile_levels(grid, options.level_count) : options.levels;
    const Frame fr{box, options.plot.width, options.plot.height};
    std::string svg = open_plot(fr, options.plot);
    svg += "<clipPath id=\"area\"><rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" +
           num(fr.width - kLeft - kRight) + "\" height=\"" + num(fr.height - kTop - kBottom) + "\"/></clipPath>\n";
    svg += "<g clip-path=\"url(#area)\">\n";
    for (double level : levels) {
        std::string d;
        for (const Segment& s : contour_segments(grid, level))
            d += "M" + fr.at(s.a.x, s.a.y) + "L" + fr.at(s.b.x, s.b.y);
        svg += "<path class=\"contour\" data-level=\"" + num(level) + "\" d=\"" + d +
               "\" fill=\"none\" stroke=\"#999999\" stroke-width=\"0.8\"/>\n";
    }
    std::string points;
    for (const Point2& p : path) points += (points.empty() ? "" : " ") + fr.at(p.x, p.y);
    svg += polyline(points, kColours[1], "path");
    for (std::size_t k = 0; k < path.size(); ++k)
        svg += "<circle class=\"" + std::string(k == 0 ? "start" : "iterate") + "\" cx=\"" + num(fr.px(path[k].x)) +
               "\" cy=\"" + num(fr.py(path[k].y)) + "\" r=\"" + (k == 0 ? "4" : "2.5") + "\" fill=\"" + kColours[1] +
               "\"/>\n";
    return svg + "</g>\n</svg>\n";
}

}  // namespace chainrule::models
