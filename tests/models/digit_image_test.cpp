// The pre-processing of drawn digits (models/digit_image.hpp) against answers known
// without it: real MNIST digits (the 20-digit fixture, tests/models/data/mnist), which
// already are 20-pixel boxes centred by mass, come back as themselves (up to a whole-pixel
// shift) after being blown up ×10 into a PNG; squares and bars have their scaled size and
// centre by hand; white on black, off-white paper and transparency change nothing; bad
// pictures are refused with the right kind of error.
#include "models/digit_image.hpp"
#include "models/mnist.hpp"
#include "mnist_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace digit_image_test {

using namespace chainrule::models;
using Catch::Matchers::Contains;
using Kind = DigitImageError::Kind;
using Bytes = std::vector<unsigned char>;

namespace {

// A grey PNG of the fixture image `row` blown up `scale` times (nearest neighbour), dark
// ink on white, or light ink on black as in MNIST's own files.
Bytes mnist_png(const chainrule::Matrix<double>& images, int row, int scale, bool white_on_black) {
    const int side = 28 * scale;
    Bytes grey(static_cast<std::size_t>(side * side));
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const auto level = static_cast<unsigned char>(std::lround(255 * images(row, (y / scale) * 28 + x / scale)));
            grey[static_cast<std::size_t>(y * side + x)] = white_on_black ? level : static_cast<unsigned char>(255 - level);
        }
    return encode_png(side, side, 1, grey);
}

// A width × height grey picture of `paper` with the rectangle [x0, x0+w) × [y0, y0+h) in `ink`.
Bytes rectangle_png(int width, int height, int x0, int y0, int w, int h, unsigned char paper = 255, unsigned char ink = 0) {
    Bytes grey(static_cast<std::size_t>(width * height), paper);
    for (int y = y0; y < y0 + h; ++y)
        for (int x = x0; x < x0 + w; ++x) grey[static_cast<std::size_t>(y * width + x)] = ink;
    return encode_png(width, height, 1, grey);
}

double pixel(const chainrule::Matrix<double>& input, int x, int y) { return input(0, y * 28 + x); }

struct Moments {
    double cx = 0, cy = 0;
    int box_w = 0, box_h = 0;
};

// Centre of mass (pixel indices) and bounding box of the ink > 0 of a 1 × 784 input.
Moments moments(const chainrule::Matrix<double>& input) {
    double mass = 0;
    Moments m;
    int x0 = 28, x1 = -1, y0 = 28, y1 = -1;
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            const double v = pixel(input, x, y);
            mass += v, m.cx += v * x, m.cy += v * y;
            if (v > 0) x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
        }
    m.cx /= mass, m.cy /= mass;
    m.box_w = x1 - x0 + 1, m.box_h = y1 - y0 + 1;
    return m;
}

// The largest difference between `input` and the fixture image shifted by (dx, dy).
// The largest difference between the recipe's input and MNIST image `row` moved by (dx, dy),
// the image divided by its darkest pixel as the recipe's step 3b does (most MNIST digits
// reach 1 already; a few stop at 254/255).
double shifted_difference(const chainrule::Matrix<double>& input, const chainrule::Matrix<double>& images, int row, int dx, int dy) {
    const double darkest = images.row(row).maxCoeff();
    double worst = 0;
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            const int sx = x - dx, sy = y - dy;
            const double original = sx >= 0 && sx < 28 && sy >= 0 && sy < 28 ? images(row, sy * 28 + sx) / darkest : 0.0;
            worst = std::max(worst, std::abs(pixel(input, x, y) - original));
        }
    return worst;
}

Kind kind_of(const Bytes& png) {
    try {
        mnist_input_from_png(png);
    } catch (const DigitImageError& e) {
        return e.kind();
    }
    FAIL("no DigitImageError");
    return Kind::NoInk;
}

std::string message_of(const Bytes& png) {
    return mnist_fixture::message_of<DigitImageError>([&] { mnist_input_from_png(png); });
}

}  // namespace

TEST_CASE("digit image: real MNIST digits blown up x10 come back as themselves, 20 px long, centred by mass") {
    const Digits digits = load_mnist(mnist_fixture::kDir);
    for (int row = 0; row < static_cast<int>(digits.size()); ++row) {
        INFO("fixture image " << row << " (a " << digits.labels[static_cast<std::size_t>(row)] << ")");
        const chainrule::Matrix<double> input = mnist_input_from_png(mnist_png(digits.images, row, 10, false));
        const Moments m = moments(input);
        CHECK(std::max(m.box_w, m.box_h) == 20);
        CHECK(std::abs(m.cx - 14) <= 0.5);
        CHECK(std::abs(m.cy - 14) <= 0.5);
        // MNIST's own digits are such boxes already: the recipe finds the same image, at
        // most one pixel away (its centre of mass is within 0.5 px of 14, not at it).
        double best = 1;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) best = std::min(best, shifted_difference(input, digits.images, row, dx, dy));
        CHECK(best < 0.5 / 255 + 1e-6);  // 8-bit PNG levels
    }
}

TEST_CASE("digit image: white on black (MNIST's own files) gives the same input as black on white") {
    const Digits digits = load_mnist(mnist_fixture::kDir);
    for (int row : {0, 7, 13, 19}) {
        const chainrule::Matrix<double> dark = mnist_input_from_png(mnist_png(digits.images, row, 10, true));
        const chainrule::Matrix<double> light = mnist_input_from_png(mnist_png(digits.images, row, 10, false));
        CHECK((dark - light).cwiseAbs().maxCoeff() < 1e-6);
        // And at the original size, where no scaling happens at all.
        const chainrule::Matrix<double> small = mnist_input_from_png(mnist_png(digits.images, row, 1, true));
        CHECK((small - light).cwiseAbs().maxCoeff() < 1e-6);
    }
}

TEST_CASE("digit image: a square becomes a 20 x 20 block of ink whose centre is at 14.5") {
    // 40 px → 20 px; centre of mass of the block 9.5 → offset lround(14 − 9.5) = 5.
    const chainrule::Matrix<double> input = mnist_input_from_png(rectangle_png(100, 100, 10, 30, 40, 40));
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            INFO("pixel " << x << ", " << y);
            CHECK(pixel(input, x, y) == Approx(x >= 5 && x < 25 && y >= 5 && y < 25 ? 1.0 : 0.0).margin(1e-12));
        }
}

TEST_CASE("digit image: a thin pen is made full ink (step 3b)") {
    // A 1 px line 200 px long: 20/200 of a pixel wide once scaled, so area averaging gives
    // 0.1 per pixel; divided by the darkest, a column of 20 pixels of ink 1 at x = 14
    // (offset lround(14 − 0)), rows 5 … 24 (offset lround(14 − 9.5) = 5).
    const chainrule::Matrix<double> input = mnist_input_from_png(rectangle_png(300, 300, 100, 50, 1, 200));
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            INFO("pixel " << x << ", " << y);
            CHECK(pixel(input, x, y) == Approx(x == 14 && y >= 5 && y < 25 ? 1.0 : 0.0).margin(1e-12));
        }
}

TEST_CASE("digit image: a bar keeps its aspect, and area averaging gives the partial row its share") {
    // 150 × 30 → 20 × 4 (exactly): columns 5 … 24 (offset lround(14 − 9.5)), rows 13 … 16
    // (lround(14 − 1.5) = 13).
    const chainrule::Matrix<double> wide = mnist_input_from_png(rectangle_png(200, 100, 20, 40, 150, 30));
    CHECK(wide.sum() == Approx(80));
    CHECK(pixel(wide, 5, 13) == Approx(1));
    CHECK(pixel(wide, 24, 16) == Approx(1));
    CHECK(pixel(wide, 4, 13) == 0);
    CHECK(pixel(wide, 5, 17) == 0);
    // 7 × 30 (w × h) → s = 2/3: 4⅔ columns, the fifth covered by 2/3 of the ink; centre of
    // mass x = (0+1+2+3 + 4·2/3)/(4 + 2/3) = 1.857 → offset lround(12.14) = 12; rows 5 … 24.
    const chainrule::Matrix<double> tall = mnist_input_from_png(rectangle_png(60, 60, 25, 10, 7, 30));
    CHECK(tall.sum() == Approx(20 * (4 + 2.0 / 3)));
    CHECK(pixel(tall, 11, 10) == 0);
    CHECK(pixel(tall, 12, 5) == Approx(1));
    CHECK(pixel(tall, 15, 24) == Approx(1));
    CHECK(pixel(tall, 16, 10) == Approx(2.0 / 3));
    CHECK(pixel(tall, 17, 10) == 0);
    CHECK(pixel(tall, 12, 4) == 0);
}

TEST_CASE("digit image: off-white paper and grey ink are stretched to 0 and 1") {
    const chainrule::Matrix<double> square = mnist_input_from_png(rectangle_png(100, 100, 10, 30, 40, 40));
    // paper 200 (ink 55/255), pen 0: the background level is taken away.
    const chainrule::Matrix<double> grey_paper = mnist_input_from_png(rectangle_png(100, 100, 10, 30, 40, 40, 200, 0));
    CHECK((grey_paper - square).cwiseAbs().maxCoeff() < 1e-6);
}

TEST_CASE("digit image: transparency is composited over white") {
    // RGBA: transparent *black* paper (as an untouched canvas exports) and an opaque black
    // square: the same as the square on white.
    const int side = 100;
    Bytes rgba(static_cast<std::size_t>(side * side * 4), 0);
    for (int y = 30; y < 70; ++y)
        for (int x = 10; x < 50; ++x) rgba[static_cast<std::size_t>((y * side + x) * 4 + 3)] = 255;
    const chainrule::Matrix<double> square = mnist_input_from_png(rectangle_png(100, 100, 10, 30, 40, 40));
    const chainrule::Matrix<double> over_white = mnist_input_from_png(encode_png(side, side, 4, rgba));
    CHECK((over_white - square).cwiseAbs().maxCoeff() < 1e-6);
    // Black at alpha 51 (20 %) is ink 0.2.
    for (std::size_t p = 3; p < rgba.size(); p += 4) rgba[p] = rgba[p] ? 51 : 0;
    const InkImage faint = decode_ink(encode_png(side, side, 4, rgba));
    CHECK(faint.at(20, 40) == Approx(0.2).margin(1e-6));
    CHECK(faint.at(5, 5) == 0);
}

TEST_CASE("digit image: what is not a usable picture is refused, with the reason") {
    const Bytes square = rectangle_png(100, 100, 10, 30, 40, 40);
    CHECK(kind_of({}) == Kind::NotPng);
    CHECK(kind_of({'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0}) == Kind::NotPng);
    CHECK_THAT(message_of({'G', 'I', 'F'}), Contains("not a PNG image"));
    const Bytes truncated(square.begin(), square.begin() + static_cast<std::ptrdiff_t>(square.size() / 2));
    CHECK(kind_of(truncated) == Kind::Malformed);
    CHECK_THAT(message_of(truncated), Contains("PNG"));
    const Bytes header_only(square.begin(), square.begin() + 20);  // signature and half an IHDR
    CHECK(kind_of(header_only) == Kind::Malformed);
    Bytes corrupt = square;
    corrupt[corrupt.size() / 2] ^= 0xff;  // inside the compressed pixels: a CRC or zlib error
    CHECK(kind_of(corrupt) == Kind::Malformed);
    CHECK(kind_of(rectangle_png(kMaxDigitImageSide + 1, 2, 0, 0, 1, 1)) == Kind::TooLarge);
    CHECK_THAT(message_of(rectangle_png(2, 5000, 0, 0, 1, 1)), Contains("2 × 5000") && Contains("4096"));
    CHECK(kind_of(rectangle_png(50, 50, 0, 0, 0, 0)) == Kind::NoInk);             // white
    CHECK(kind_of(rectangle_png(50, 50, 0, 0, 0, 0, 0, 0)) == Kind::NoInk);       // black: inverted, then blank
    CHECK(kind_of(rectangle_png(50, 50, 0, 0, 0, 0, 128, 128)) == Kind::NoInk);   // uniform grey
    CHECK_THAT(message_of(rectangle_png(50, 50, 0, 0, 0, 0)), Contains("blank"));
    // The largest picture accepted works.
    CHECK(mnist_input_from_png(rectangle_png(kMaxDigitImageSide, 64, 100, 10, 3000, 40)).sum() > 0);
}

TEST_CASE("digit image: encode_png refuses pixels that do not match the size") {
    CHECK_THROWS_AS(encode_png(2, 2, 1, Bytes(3)), ModelError);
    CHECK_THROWS_AS(encode_png(2, 2, 5, Bytes(20)), ModelError);
}

}  // namespace digit_image_test
