// Demos 1–3 against the reference tables of seed 004 and the closed form of the x² descent.
#include "demos/descent.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace descent_demos_test {

using namespace chainrule::demos;

TEST_CASE("demo 1: x^2 from 1.2 with eta 0.3 stops after 3 updates, as the reference table") {
    // ../shared/reference/seed-003-004-cases.md, "Gradient descent on J(x) = x²" (40-digit
    // decimal arithmetic): x_k = 1.2 · 0.4^k, J = x_k².
    constexpr std::array<std::array<double, 2>, 4> table{{{1.2, 1.44}, {0.48, 0.2304}, {0.192, 0.036864},
                                                          {0.0768, 0.00589824}}};
    const DescentRun run = square_descent();
    REQUIRE(run.updates() == 3);  // the seed prints a 4th line; its own rule ends at step 3
    REQUIRE(run.history.size() == 4);
    for (std::size_t k = 0; k < 4; ++k) {
        CHECK(run.history[k].step == k);
        CHECK(run.history[k].parameters[0] == Approx(table[k][0]).epsilon(1e-13));
        CHECK(run.history[k].loss == Approx(table[k][1]).epsilon(1e-13));
        CHECK(run.history[k].gradient[0] == Approx(2 * table[k][0]).epsilon(1e-13));  // J' = 2x
    }
}

TEST_CASE("demo 2: x^2 + sin^2(y) from (3, 1) with eta 0.1: 16 updates, every row of the reference") {
    // ../shared/reference/seed-003-004-cases.md, "Gradient descent on J(x, y) = x² + sin²(y)".
    constexpr std::array<std::array<double, 3>, 17> table{{
        {3.000000000000, 1.000000000000, 9.708073418274}, {2.400000000000, 0.909070257317, 6.382414920188},
        {1.920000000000, 0.812113651082, 4.213102777962}, {1.536000000000, 0.712256360583, 2.786414777161},
        {1.228800000000, 0.613324398638, 1.841252282291}, {0.983040000000, 0.519188057306, 1.212557624206},
        {0.786432000000, 0.433029952622, 0.794558759306}, {0.629145600000, 0.356851719316, 0.517852858747},
        {0.503316480000, 0.291387935199, 0.335858386147}, {0.402653184000, 0.236353561765, 0.216960084766},
        {0.322122547200, 0.190823740922, 0.139736790002}, {0.257698037760, 0.153578748575, 0.089809852955},
        {0.206158430208, 0.123343708896, 0.057637973278}, {0.164926744166, 0.098924408329, 0.036954988944},
        {0.131941395333, 0.079268351344, 0.023678853677}, {0.105553116266, 0.063481008391, 0.015165888488},
        {0.084442493013, 0.050818888327, 0.009710871598},
    }};
    const DescentRun run = square_sin_descent();
    REQUIRE(run.updates() == 16);
    for (std::size_t k = 0; k < table.size(); ++k) {
        INFO("step " << k);
        CHECK(run.history[k].parameters[0] == Approx(table[k][0]).margin(5e-13));
        CHECK(run.history[k].parameters[1] == Approx(table[k][1]).margin(5e-13));
        CHECK(run.history[k].loss == Approx(table[k][2]).margin(5e-13));
    }
    CHECK(run.reason == chainrule::models::StopReason::LossBelow);
    const auto path = path_of(run);
    REQUIRE(path.size() == 17);
    CHECK(path.back().x == run.last().parameters[0]);
    CHECK(square_sin(3, 1) == Approx(table[0][2]).margin(5e-13));
}

TEST_CASE("demo 3: each learning rate follows x_k = (1 - 2 eta)^k x0 and gets its verdict") {
    // x_{k+1} = x_k − η·2x_k = (1 − 2η) x_k: the factor is −1 (η = 1), −0.6 (0.8), 0.2 (0.4), 0.8 (0.1).
    constexpr std::array<double, 4> rates{1.0, 0.8, 0.4, 0.1};
    const std::vector<RateRun> runs = compare_learning_rates(rates);
    REQUIRE(runs.size() == 4);
    for (const RateRun& r : runs) {
        REQUIRE(r.run.history.size() == 11);  // 10 updates, no loss bound
        for (std::size_t k = 0; k <= 10; ++k)
            CHECK(r.run.history[k].parameters[0] == Approx(std::pow(1 - 2 * r.eta, double(k)) * 1.2).margin(1e-12));
        CHECK(r.contraction == Approx(std::abs(1 - 2 * r.eta)).epsilon(1e-9));
    }
    CHECK(runs[0].behaviour == Behaviour::Oscillates);  // ±1.2 forever, 10 sign changes
    CHECK(runs[0].sign_changes == 10);
    CHECK_FALSE(runs[0].first_below);
    CHECK(runs[1].behaviour == Behaviour::Overshoots);  // |x| = 1.2·0.6^k: J < 0.01 once 0.6^k < 1/12, k = 5
    CHECK(runs[1].first_below == std::size_t{5});
    CHECK(runs[2].behaviour == Behaviour::Fast);  // 1.2·0.2² = 0.048, J = 0.002304 < 0.01 at k = 2
    CHECK(runs[2].first_below == std::size_t{2});
    CHECK(runs[3].behaviour == Behaviour::Slow);  // J_10 = 1.44·0.8^20 = 0.01660… ≥ 0.01 (k = 12 needed)
    CHECK(runs[3].run.last().loss == Approx(1.44 * std::pow(0.8, 20)).epsilon(1e-12));
    CHECK(runs[3].explanation.find("still >= 0.01") != std::string::npos);
}

TEST_CASE("demo 3: the classification reads the numbers, not the learning rate") {
    // η = 0.5 jumps straight to 0 (factor 0): one-sided, J = 0 at once: fast.
    const double rate = 0.5;
    const RateRun r = compare_learning_rates(std::span<const double>(&rate, 1)).front();
    CHECK(r.behaviour == Behaviour::Fast);
    CHECK(r.first_below == std::size_t{1});
    // η = 1.1: x_k = (1 − 2.2)^k x_0 = (−1.2)^k x_0: the sign flips and |x| grows — divergence,
    // not "|x| stays" (issue 12).
    const double diverging = 1.1;
    const RateRun d = compare_learning_rates(std::span<const double>(&diverging, 1)).front();
    CHECK(d.behaviour == Behaviour::Diverges);
    CHECK(d.contraction == Approx(1.2).epsilon(1e-12));
    CHECK_THAT(d.explanation, Catch::Contains("grows by a factor 1.2 per update") && Catch::Contains("sign"));
    // η = 1.5: factor −2
    const double faster = 1.5;
    CHECK(compare_learning_rates(std::span<const double>(&faster, 1)).front().contraction == Approx(2).epsilon(1e-12));
}

}  // namespace descent_demos_test
