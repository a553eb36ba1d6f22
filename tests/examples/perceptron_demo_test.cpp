// Demo 4: the seed 000 AND perceptron by hand, and perceptron training.
#include "demos/perceptron.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace perceptron_demo_test {

using namespace chainrule::demos;

TEST_CASE("demo 4: the truth table of w = (0.5, 0.5), b = -0.8, worked by hand") {
    // z = 0.5 x1 + 0.5 x2 − 0.8 (seed 000's table; reference file "Perceptron AND gate"):
    // (0,0): −0.8 → 0;  (0,1): 0.5 − 0.8 = −0.3 → 0;  (1,0): −0.3 → 0;  (1,1): 1 − 0.8 = 0.2 → 1.
    const std::vector<TruthRow> rows = truth_table({0.5, 0.5, -0.8});
    REQUIRE(rows.size() == 4);
    const double z[] = {-0.8, -0.3, -0.3, 0.2};
    const int f[] = {0, 0, 0, 1};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(rows[i].z == Approx(z[i]).margin(1e-15));
        CHECK(rows[i].output == f[i]);
        CHECK(rows[i].output == rows[i].target);  // the seed's weights compute AND
    }
}

TEST_CASE("demo 4: the step activation is 1 at z = 0 (the seed's f(z) = 1 if z >= 0)") {
    // w = (1, 1), b = −2: z(1,1) = 0 exactly → 1; z(0,1) = −1 → 0.
    const std::vector<TruthRow> rows = truth_table({1, 1, -2});
    CHECK(rows[3].z == 0.0);
    CHECK(rows[3].output == 1);
    CHECK(rows[1].output == 0);
}

TEST_CASE("demo 4: perceptron training separates AND from any seed, and a seed repeats its run") {
    for (std::uint64_t seed : {1u, 2u, 3u, 42u, 2024u}) {
        INFO("seed " << seed);
        const PerceptronTraining t = train_perceptron(seed);
        REQUIRE(t.separated);
        CHECK(t.epochs.back().errors == 0);
        CHECK(t.start.w1 >= -1);
        CHECK(t.start.w1 < 1);
        // The final line puts (1,1) on the side z >= 0 and the other three below it.
        const Perceptron& p = t.result();
        for (const TruthRow& r : truth_table(p)) CHECK(r.output == r.target);
        const PerceptronTraining again = train_perceptron(seed);
        CHECK(again.epochs.size() == t.epochs.size());
        CHECK(again.result().w1 == p.w1);
        CHECK(again.result().b == p.b);
    }
    CHECK(train_perceptron(1).start.w1 != train_perceptron(2).start.w1);
}

TEST_CASE("demo 4: two epochs of the perceptron rule from zero weights, by hand") {
    // η = 0.1, start w1 = w2 = b = 0; f(z) = 1 if z >= 0. Cases in order (0,0) (0,1) (1,0) (1,1).
    // Epoch 1: (0,0) z = 0 → 1, y = 0: b = −0.1.  (0,1) z = −0.1 → 0 ok.  (1,0) z = −0.1 → 0 ok.
    //          (1,1) z = −0.1 → 0, y = 1: w1 = 0.1, w2 = 0.1, b = 0.           2 mistakes.
    // Epoch 2: (0,0) z = 0 → 1: b = −0.1.  (0,1) z = 0.1 − 0.1 = 0 → 1: w2 = 0, b = −0.2.
    //          (1,0) z = 0.1 − 0.2 → 0 ok.  (1,1) z = 0.1 − 0.2 → 0: w1 = 0.2, w2 = 0.1, b = −0.1.
    //                                                                         3 mistakes.
    const PerceptronTraining t = train_perceptron_from({0, 0, 0}, 0.1, 2);
    REQUIRE(t.epochs.size() == 2);
    CHECK_FALSE(t.separated);
    CHECK(t.epochs[0].errors == 2);
    CHECK(t.epochs[0].after.w1 == Approx(0.1).margin(1e-15));
    CHECK(t.epochs[0].after.w2 == Approx(0.1).margin(1e-15));
    CHECK(t.epochs[0].after.b == Approx(0.0).margin(1e-15));
    CHECK(t.epochs[1].errors == 3);
    CHECK(t.epochs[1].after.w1 == Approx(0.2).margin(1e-15));
    CHECK(t.epochs[1].after.w2 == Approx(0.1).margin(1e-15));
    CHECK(t.epochs[1].after.b == Approx(-0.1).margin(1e-15));
    CHECK(train_perceptron_from({0, 0, 0}).separated);  // and it does separate in the end
}

}  // namespace perceptron_demo_test
