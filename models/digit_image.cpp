#include "digit_image.hpp"

#include <png.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace chainrule::models {

namespace {

using Kind = DigitImageError::Kind;

// Frees libpng's state of a png_image on every path (png_image_free is idempotent).
struct ImageGuard {
    png_image& image;
    ~ImageGuard() { png_image_free(&image); }
};

std::string libpng_message(const png_image& image) {
    return image.message[0] != '\0' ? std::string(image.message) : std::string("libpng gave no reason");
}

// The GA (grey, alpha) bytes of the PNG, after the checks of decode_ink().
std::vector<png_byte> decode_grey_alpha(std::span<const unsigned char> png, int& width, int& height) {
    if (png.size() < 8 || png_sig_cmp(png.data(), 0, 8) != 0)
        throw DigitImageError(Kind::NotPng, "chainrule: not a PNG image (the data does not start with the PNG signature)");
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    ImageGuard guard{image};
    if (!png_image_begin_read_from_memory(&image, png.data(), png.size()))
        throw DigitImageError(Kind::Malformed, "chainrule: malformed PNG image: " + libpng_message(image));
    if (image.width > kMaxDigitImageSide || image.height > kMaxDigitImageSide)
        throw DigitImageError(Kind::TooLarge, "chainrule: the PNG image is " + std::to_string(image.width) + " × " +
                                                  std::to_string(image.height) + " pixels; at most " +
                                                  std::to_string(kMaxDigitImageSide) + " on each side");
    image.format = PNG_FORMAT_GA;  // 8-bit sRGB grey (libpng's luminance of colour), alpha not premultiplied
    std::vector<png_byte> pixels(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr))
        throw DigitImageError(Kind::Malformed, "chainrule: truncated or corrupt PNG image: " + libpng_message(image));
    width = static_cast<int>(image.width);
    height = static_cast<int>(image.height);
    return pixels;
}

// The median ink of the pixels on the image's border.
float border_median(const InkImage& im) {
    std::vector<float> border;
    for (int x = 0; x < im.width; ++x) border.insert(border.end(), {im.at(x, 0), im.at(x, im.height - 1)});
    for (int y = 0; y < im.height; ++y) border.insert(border.end(), {im.at(0, y), im.at(im.width - 1, y)});
    const auto middle = border.begin() + static_cast<std::ptrdiff_t>(border.size() / 2);
    std::nth_element(border.begin(), middle, border.end());
    return *middle;
}

// Step 2: dark backgrounds inverted, the background level taken away.
void normalise_background(InkImage& im) {
    float background = border_median(im);
    if (background > 0.5f) {
        for (float& v : im.ink) v = 1.0f - v;
        background = 1.0f - background;
    }
    if (background <= 0.0f) return;
    for (float& v : im.ink) v = std::max(0.0f, (v - background) / (1.0f - background));
}

struct Box {
    int x0, y0, width, height;
};

// The bounding box of the pixels with ink > 0. Throws NoInk when there are none.
Box ink_box(const InkImage& im) {
    int x0 = im.width, y0 = im.height, x1 = -1, y1 = -1;
    for (int y = 0; y < im.height; ++y)
        for (int x = 0; x < im.width; ++x)
            if (im.at(x, y) > 0.0f) {
                x0 = std::min(x0, x), x1 = std::max(x1, x);
                y0 = std::min(y0, y), y1 = std::max(y1, y);
            }
    if (x1 < 0) throw DigitImageError(Kind::NoInk, "chainrule: the image is blank (no ink on its background): draw a digit");
    return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

// Area-averaging weights along one axis: output pixel o covers the source interval
// [o·L/20, (o+1)·L/20) of a box side of `n` source pixels (L the box's longer side); its
// value is the mean over that interval, source pixels beyond n counting as 0.
struct Tap {
    int source;
    double weight;
};
std::vector<std::vector<Tap>> area_weights(int n, int longer, int& out_n) {
    const double step = static_cast<double>(longer) / kDigitBoxSide;  // source pixels per output pixel
    out_n = static_cast<int>(std::ceil(static_cast<double>(n) * kDigitBoxSide / longer - 1e-9));
    std::vector<std::vector<Tap>> taps(static_cast<std::size_t>(out_n));
    for (int o = 0; o < out_n; ++o) {
        const double lo = static_cast<double>(o) * longer / kDigitBoxSide, hi = static_cast<double>(o + 1) * longer / kDigitBoxSide;
        for (int i = static_cast<int>(std::floor(lo)); i < std::min(n, static_cast<int>(std::ceil(hi))); ++i) {
            const double overlap = std::min(hi, i + 1.0) - std::max(lo, static_cast<double>(i));
            if (overlap > 0) taps[static_cast<std::size_t>(o)].push_back({i, overlap / step});
        }
    }
    return taps;
}

// Step 3: the box scaled so that its longer side is 20 pixels (out_w × out_h, row by row).
std::vector<double> scale_box(const InkImage& im, const Box& box, int& out_w, int& out_h) {
    const int longer = std::max(box.width, box.height);
    const auto wx = area_weights(box.width, longer, out_w);
    const auto wy = area_weights(box.height, longer, out_h);
    std::vector<double> rows(static_cast<std::size_t>(box.height) * static_cast<std::size_t>(out_w), 0.0);  // horizontal pass
    for (int y = 0; y < box.height; ++y)
        for (int o = 0; o < out_w; ++o)
            for (const Tap& t : wx[static_cast<std::size_t>(o)])
                rows[static_cast<std::size_t>(y * out_w + o)] += t.weight * im.at(box.x0 + t.source, box.y0 + y);
    std::vector<double> out(static_cast<std::size_t>(out_h * out_w), 0.0);  // vertical pass
    for (int o = 0; o < out_h; ++o)
        for (const Tap& t : wy[static_cast<std::size_t>(o)])
            for (int x = 0; x < out_w; ++x)
                out[static_cast<std::size_t>(o * out_w + x)] += t.weight * rows[static_cast<std::size_t>(t.source * out_w + x)];
    // Step 3b: the darkest pixel made full ink. A thin pen (a scan of handwriting, a 1 px
    // line in a large picture) averages to a faint grey that MNIST's digits never are.
    const double darkest = *std::max_element(out.begin(), out.end());
    for (double& v : out) v = darkest > 0 ? std::min(1.0, v / darkest) : 0.0;  // and never above 1
    return out;
}

// Step 4's shift along one axis: the whole-pixel offset that puts the centre of mass
// `centre` (in the scaled box's pixel indices) at 14, kept so the box stays in the field.
int centring_offset(double centre, int side) {
    const int offset = static_cast<int>(std::lround(kDigitFieldSide / 2.0 - centre));
    return std::clamp(offset, 0, kDigitFieldSide - side);
}

}  // namespace

InkImage decode_ink(std::span<const unsigned char> png) {
    InkImage im;
    const std::vector<png_byte> ga = decode_grey_alpha(png, im.width, im.height);
    im.ink.resize(ga.size() / 2);
    for (std::size_t p = 0; p < im.ink.size(); ++p) {
        const double grey = ga[2 * p] / 255.0, alpha = ga[2 * p + 1] / 255.0;
        im.ink[p] = static_cast<float>(1.0 - (alpha * grey + (1.0 - alpha)));  // over white
    }
    normalise_background(im);
    return im;
}

Matrix<double> mnist_input(const InkImage& image) {
    const Box box = ink_box(image);
    int w = 0, h = 0;
    const std::vector<double> scaled = scale_box(image, box, w, h);
    double mass = 0, mx = 0, my = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double v = scaled[static_cast<std::size_t>(y * w + x)];
            mass += v, mx += v * x, my += v * y;
        }
    const int ox = centring_offset(mx / mass, w), oy = centring_offset(my / mass, h);
    Matrix<double> input = Matrix<double>::Zero(1, kDigitFieldSide * kDigitFieldSide);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) input(0, (oy + y) * kDigitFieldSide + ox + x) = scaled[static_cast<std::size_t>(y * w + x)];
    return input;
}

Matrix<double> mnist_input_from_png(std::span<const unsigned char> png) { return mnist_input(decode_ink(png)); }

std::vector<unsigned char> encode_png(int width, int height, int channels, std::span<const unsigned char> pixels) {
    static constexpr png_uint_32 kFormats[] = {PNG_FORMAT_GRAY, PNG_FORMAT_GA, PNG_FORMAT_RGB, PNG_FORMAT_RGBA};
    if (width < 1 || height < 1 || channels < 1 || channels > 4 ||
        pixels.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * static_cast<std::size_t>(channels))
        throw ModelError("chainrule: encode_png: " + std::to_string(pixels.size()) + " bytes do not make a " + std::to_string(width) +
                         " × " + std::to_string(height) + " image of " + std::to_string(channels) + " channels");
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(width);
    image.height = static_cast<png_uint_32>(height);
    image.format = kFormats[channels - 1];
    ImageGuard guard{image};
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr))
        throw ModelError("chainrule: encode_png: " + libpng_message(image));
    std::vector<unsigned char> out(size);
    if (!png_image_write_to_memory(&image, out.data(), &size, 0, pixels.data(), 0, nullptr))
        throw ModelError("chainrule: encode_png: " + libpng_message(image));
    out.resize(size);
    return out;
}

}  // namespace chainrule::models
