// Marching squares against curves known in closed form.
#include "models/contour.hpp"
#include "models/errors.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace contour_test {

using namespace chainrule::models;

TEST_CASE("contour: a linear function gives the exact straight line") {
    const Grid g = sample_grid([](double x, double) { return x; }, {0, 1, 0, 1}, 3, 3);
    const std::vector<Segment> s = contour_segments(g, 0.25);
    REQUIRE(s.size() == 2);  // one per row of cells; x = 0.25 lies in the first column
    for (const Segment& seg : s) {
        CHECK(seg.a.x == Approx(0.25));
        CHECK(seg.b.x == Approx(0.25));
        CHECK(std::abs(seg.a.y - seg.b.y) == Approx(0.5));
    }
}

TEST_CASE("contour: the circle x^2 + y^2 = 1 within the interpolation error, length 2 pi") {
    const Grid g = sample_grid([](double x, double y) { return x * x + y * y; }, {-2, 2, -2, 2}, 41, 41);
    const std::vector<Segment> s = contour_segments(g, 1.0);
    REQUIRE(s.size() > 40);
    double length = 0;
    for (const Segment& seg : s) {
        // Linear interpolation of x² between grid points 0.1 apart errs by at most 0.1²/4.
        CHECK(std::abs(seg.a.x * seg.a.x + seg.a.y * seg.a.y - 1) < 0.0026);
        length += std::hypot(seg.b.x - seg.a.x, seg.b.y - seg.a.y);
    }
    CHECK(length == Approx(2 * M_PI).epsilon(0.01));
}

TEST_CASE("contour: saddle cells are split by the centre value") {
    // corners counter-clockwise from (0,0): 1, 0, 1, 0; centre ½ ≥ level ½ counts as above,
    // so the two corners below (1,0) and (0,1) are cut off.
    const Grid g{{0, 1, 0, 1}, 2, 2, {1, 0, 0, 1}};  // value(i, j) = values[j·2 + i]
    const std::vector<Segment> s = contour_segments(g, 0.5);
    REQUIRE(s.size() == 2);
    CHECK(s[0].a.x == 0.5);  // bottom edge … right edge, around (1, 0)
    CHECK(s[0].a.y == 0.0);
    CHECK(s[0].b.x == 1.0);
    CHECK(s[0].b.y == 0.5);
    CHECK(s[1].a.x == 0.5);  // top edge … left edge, around (0, 1)
    CHECK(s[1].a.y == 1.0);
    CHECK(s[1].b.x == 0.0);
    CHECK(s[1].b.y == 0.5);
    const Grid low{{0, 1, 0, 1}, 2, 2, {1, 0, 0, 1}};
    CHECK(contour_segments(low, 0.75).size() == 2);  // centre ½ below: cut off (0,0) and (1,1)
}

TEST_CASE("contour: cells with a non-finite corner are skipped, quantile levels, bad grids") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const Grid g{{0, 1, 0, 1}, 2, 2, {0, 1, nan, 1}};
    CHECK(contour_segments(g, 0.5).empty());
    const Grid q = sample_grid([](double x, double y) { return x + y; }, {0, 1, 0, 1}, 11, 11);
    const std::vector<double> levels = quantile_levels(q, 5);
    REQUIRE(levels.size() == 5);
    for (std::size_t k = 1; k < levels.size(); ++k) CHECK(levels[k] > levels[k - 1]);
    CHECK(levels[2] == Approx(1.0));  // the median of x + y on a symmetric grid
    CHECK_THROWS_AS(sample_grid([](double, double) { return 0.0; }, {0, 1, 0, 1}, 1, 5), ModelError);
    CHECK_THROWS_AS(sample_grid([](double, double) { return 0.0; }, {1, 1, 0, 1}, 5, 5), ModelError);
}

}  // namespace contour_test
