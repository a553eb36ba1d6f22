#include "mnist.hpp"

#include "splitmix.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

namespace chainrule::models {

namespace {

const char* const kFetchHint = "fetch the digits with `scripts/fetch-mnist.sh` (or `make mnist-data`) in the chainrule source tree";

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& why) {
    throw DataError("chainrule: MNIST data file '" + file.string() + "': " + why);
}

nlohmann::json parse_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        const std::string why = std::filesystem::exists(file) ? "cannot be read" : "not found";
        fail(file, why + "; " + kFetchHint);
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        fail(file, std::string("not valid JSON (") + e.what() + ")");
    }
}

// Writes the numbers of `data` (n·784 of them) into rows first … of `images`.
void copy_pixels(const nlohmann::json& data, Matrix<double>& images, Eigen::Index first,
                 const std::filesystem::path& file) {
    const auto n = static_cast<Eigen::Index>(data.size()) / kMnistPixels;
    for (Eigen::Index k = 0; k < n * kMnistPixels; ++k) {
        const nlohmann::json& v = data[static_cast<std::size_t>(k)];
        const double x = v.is_number() ? v.get<double>() : -1.0;
        if (!(x >= 0.0 && x <= 1.0))
            fail(file, "value " + std::to_string(k) + " (" + v.dump() + ") is not a number in [0, 1]");
        images(first + k / kMnistPixels, k % kMnistPixels) = x;
    }
}

}  // namespace

Digits load_digit_file(const std::filesystem::path& file, int label) {
    const nlohmann::json doc = parse_file(file);
    if (!doc.is_object() || !doc.contains("data") || !doc["data"].is_array())
        fail(file, "expected an object {\"data\": [784·n numbers]}");
    const nlohmann::json& data = doc["data"];
    if (data.size() % kMnistPixels != 0)
        fail(file, "\"data\" has " + std::to_string(data.size()) + " numbers, not a multiple of 784 (28×28 pixels)");
    const auto n = static_cast<Eigen::Index>(data.size()) / kMnistPixels;
    Digits d{Matrix<double>(n, kMnistPixels), std::vector<int>(static_cast<std::size_t>(n), label)};
    copy_pixels(data, d.images, 0, file);
    return d;
}

Digits load_mnist(const std::filesystem::path& dir) {
    std::vector<Digits> parts;
    Eigen::Index rows = 0;
    for (int digit = 0; digit < kMnistClasses; ++digit) {
        parts.push_back(load_digit_file(dir / (std::to_string(digit) + ".json"), digit));
        rows += parts.back().images.rows();
    }
    Digits all{Matrix<double>(rows, kMnistPixels), {}};
    Eigen::Index first = 0;
    for (const Digits& part : parts) {
        all.images.middleRows(first, part.images.rows()) = part.images;
        all.labels.insert(all.labels.end(), part.labels.begin(), part.labels.end());
        first += part.images.rows();
    }
    return all;
}

std::filesystem::path default_mnist_dir() {
    const char* dir = std::getenv("CHAINRULE_MNIST_DIR");
    return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir) : std::filesystem::path("data/mnist");
}

Digits select_rows(const Digits& all, std::span<const std::size_t> rows) {
    Digits out{Matrix<double>(static_cast<Eigen::Index>(rows.size()), all.images.cols()), {}};
    out.labels.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] >= all.size())
            throw DataError("chainrule: select_rows: row " + std::to_string(rows[i]) + " of a set of " +
                            std::to_string(all.size()) + " images");
        out.images.row(static_cast<Eigen::Index>(i)) = all.images.row(static_cast<Eigen::Index>(rows[i]));
        out.labels.push_back(all.labels[rows[i]]);
    }
    return out;
}

DigitSplit split_digits(const Digits& all, std::size_t train, std::uint64_t seed) {
    if (train > all.size())
        throw DataError("chainrule: split_digits: " + std::to_string(train) + " training images of a set of " +
                        std::to_string(all.size()));
    const std::vector<std::size_t> p = fisher_yates_permutation(all.size(), seed);
    const std::span<const std::size_t> order(p);
    return {select_rows(all, order.first(train)), select_rows(all, order.subspan(train))};
}

}  // namespace chainrule::models
