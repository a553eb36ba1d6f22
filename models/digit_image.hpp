#pragma once
/// \file digit_image.hpp
/// From a picture of a hand-written digit to the 28×28 input of an MNIST classifier: the
/// one pre-processing of `chainrule-mnist serve` (the digit page's canvas) and
/// `chainrule-mnist predict IMAGE.png` (docs/html.md, "The digit recogniser").
///
/// The recipe, after LeCun, Cortes & Burges, "The MNIST database of handwritten digits"
/// (yann.lecun.com/exdb/mnist): "The original black and white (bilevel) images from NIST
/// were size normalized to fit in a 20x20 pixel box while preserving their aspect ratio.
/// The resulting images contain grey levels as a result of the anti-aliasing technique used
/// by the normalization algorithm. The images were centered in a 28x28 image by computing
/// the center of mass of the pixels, and translating the image so as to position this
/// point at the center of the 28x28 field." Here:
///   1. decode the PNG (libpng), composite any alpha over white, ink = 1 − grey level
///      (libpng's luminance of a colour image);
///   2. background = the median ink of the image's border pixels; when it is above 0.5
///      the picture is white on black (as MNIST's own files) and the ink is inverted; then
///      ink ← max(0, (ink − background)/(1 − background)), so an off-white paper is 0;
///   3. the bounding box of the pixels with ink > 0 is scaled by s = 20 / (its longer
///      side), aspect kept, with area averaging (each output pixel is the mean ink of the
///      source area it covers: the anti-aliasing), then divided by its largest value, so the
///      darkest pixel is full ink (MNIST's digits are; a thin pen would otherwise average to
///      a faint grey the network has not seen);
///   4. the scaled box is placed in a 28×28 field of zeros, shifted by whole pixels so
///      that its centre of mass (Σ ink·x / Σ ink with x, y the pixel indices 0 … 27) is
///      at (14, 14) after rounding — the convention of MNIST's own digits, whose centres of
///      mass lie within 0.5 px of (14, 14) — but never so far that ink leaves the field.
/// The result has MNIST's layout: 784 grey levels in [0, 1], ink 1, row by row.

#include "../graph/matrix.hpp"
#include "errors.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace chainrule::models {

/// A picture that is not a usable digit image. kind() tells why (the HTTP server maps it
/// to a status code); the message says what is wrong in one sentence.
class DigitImageError : public ModelError {
public:
    enum class Kind {
        NotPng,     ///< the bytes do not start with the PNG signature
        Malformed,  ///< truncated or corrupt PNG data (libpng's message is quoted)
        TooLarge,   ///< wider or higher than kMaxDigitImageSide
        NoInk,      ///< nothing drawn: every pixel has the background's level
    };
    DigitImageError(Kind kind, const std::string& message) : ModelError(message), kind_(kind) {}
    Kind kind() const noexcept { return kind_; }

private:
    Kind kind_;
};

/// The largest width and height accepted (a 4096² picture needs about 100 MiB while it
/// is decoded; the server decodes one picture at a time).
inline constexpr int kMaxDigitImageSide = 4096;
/// The side of the box the digit is scaled into, and of the field it is centred in.
inline constexpr int kDigitBoxSide = 20;
inline constexpr int kDigitFieldSide = 28;

/// A picture as ink levels: ink[y·width + x] ∈ [0, 1], 0 = paper, 1 = black ink.
struct InkImage {
    int width = 0;
    int height = 0;
    std::vector<float> ink;
    float at(int x, int y) const { return ink[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)]; }
};

/// Step 1 and 2 of the recipe: the PNG `png` as ink, alpha composited over white, inverted
/// when its background is dark, the background level subtracted. Throws DigitImageError:
/// NotPng (no PNG signature, also for empty input), TooLarge (a side above
/// kMaxDigitImageSide, refused before the pixels are decoded), Malformed (truncated or
/// corrupt data).
InkImage decode_ink(std::span<const unsigned char> png);

/// Steps 3 and 4: the 1 × 784 MNIST input of `image` (row by row, ink 1). Throws
/// DigitImageError NoInk when no pixel has ink.
Matrix<double> mnist_input(const InkImage& image);

/// mnist_input(decode_ink(png)): the whole recipe. Throws as those two.
Matrix<double> mnist_input_from_png(std::span<const unsigned char> png);

/// An 8-bit PNG of width × height pixels given row by row with `channels` bytes each:
/// 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA (sRGB, alpha not premultiplied). For tests and
/// tools that write pictures. Throws ModelError for sizes that do not match or that
/// libpng refuses.
std::vector<unsigned char> encode_png(int width, int height, int channels, std::span<const unsigned char> pixels);

}  // namespace chainrule::models
