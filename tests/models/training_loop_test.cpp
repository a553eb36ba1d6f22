// minimize(): the seed 004 descent tables (values from the reference file, computed
// independently in 40-digit decimal arithmetic), stopping rules, history, progress,
// determinism.
#include "models/optimizers.hpp"
#include "models/training_loop.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <sstream>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace training_loop_test {

using namespace chainrule;
using namespace chainrule::models;
using Catch::Matchers::Contains;

namespace {

template <class T>
Var<T> square(Tape<T>&, std::span<const Var<T>> p) {
    return pow(p[0], 2);
}

template <class T>
Var<T> bowl(Tape<T>&, std::span<const Var<T>> p) {  // x² + sin²(y)
    return pow(p[0], 2) + pow(sin(p[1]), 2);
}

}  // namespace

TEST_CASE("minimize x^2 from 1.2 with eta 0.3 until J < 0.01: the seed 004 table, 3 updates") {
    Sgd<double> sgd(0.3);
    const TrainingResult<double> r = minimize<double>(square<double>, {1.2}, sgd, {.stop = {.loss_below = 0.01}});
    REQUIRE(r.history.size() == 4);
    CHECK(r.reason == StopReason::LossBelow);
    CHECK(r.updates() == 3);
    // reference: step k, x_k, J(x_k); ∇J = 2x_k
    const double x[] = {1.2, 0.48, 0.192, 0.0768};
    const double J[] = {1.44, 0.2304, 0.036864, 0.00589824};
    for (std::size_t k = 0; k < 4; ++k) {
        CHECK(r.history[k].step == k);
        CHECK(r.history[k].parameters[0] == Approx(x[k]).epsilon(1e-14));
        CHECK(r.history[k].loss == Approx(J[k]).epsilon(1e-14));
        CHECK(r.history[k].gradient[0] == Approx(2 * x[k]).epsilon(1e-14));
        CHECK(r.history[k].gradient_norm == Approx(2 * x[k]).epsilon(1e-14));
    }
}

TEST_CASE("minimize x^2 + sin^2(y) from (3, 1) with eta 0.1 until J < 0.01: 16 updates, J = 0.009710871598") {
    Sgd<double> sgd(0.1);
    const TrainingResult<double> r = minimize<double>(bowl<double>, {3.0, 1.0}, sgd, {.stop = {.loss_below = 0.01}});
    REQUIRE(r.history.size() == 17);
    CHECK(r.reason == StopReason::LossBelow);
    // rows of the reference table (12 decimals)
    CHECK(r.history[1].parameters[1] == Approx(0.909070257317).margin(1e-12));
    CHECK(r.history[1].loss == Approx(6.382414920188).margin(1e-12));
    CHECK(r.history[8].parameters[0] == Approx(0.503316480000).margin(1e-12));
    CHECK(r.history[8].loss == Approx(0.335858386147).margin(1e-12));
    CHECK(r.history[15].loss == Approx(0.015165888488).margin(1e-12));
    const TrainingStep<double>& last = r.last();
    CHECK(last.parameters[0] == Approx(0.084442493013).margin(1e-12));
    CHECK(last.parameters[1] == Approx(0.050818888327).margin(1e-12));
    CHECK(last.loss == Approx(0.009710871598).margin(1e-12));
}

TEST_CASE("minimize in 50 digits: x_k = 3 * 0.8^k exactly to 45 digits") {
    using R = boost::multiprecision::cpp_bin_float_50;
    Sgd<R> sgd(R("0.1"));
    const TrainingResult<R> r = minimize<R>(bowl<R>, {R(3), R(1)}, sgd, {.stop = {.loss_below = R("0.01")}});
    REQUIRE(r.history.size() == 17);
    for (const TrainingStep<R>& s : r.history)  // x ← x − 0.1·2x = 0.8x
        CHECK(boost::multiprecision::abs(s.parameters[0] - 3 * boost::multiprecision::pow(R("0.8"), s.step)) < R("1e-45"));
    CHECK(boost::multiprecision::abs(r.last().loss - R("0.009710871598")) < R("1e-12"));
}

TEST_CASE("stopping rules: max steps, gradient norm, or_equal, a start that already satisfies the rule") {
    Sgd<double> sgd(0.25);  // x² with η = 0.25: x halves each update, |∇J| = 2x
    const TrainingResult<double> capped = minimize<double>(square<double>, {1.0}, sgd, {.stop = {.max_steps = 5}});
    CHECK(capped.reason == StopReason::MaxSteps);
    CHECK(capped.history.size() == 6);
    CHECK(capped.last().parameters[0] == 1.0 / 32);

    sgd.reset();
    const TrainingResult<double> norm =
        minimize<double>(square<double>, {1.0}, sgd, {.stop = {.gradient_norm_below = 0.25, .or_equal = true}});
    CHECK(norm.reason == StopReason::GradientNormBelow);
    CHECK(norm.updates() == 3);  // |∇J| = 2, 1, 0.5, 0.25
    sgd.reset();
    const TrainingResult<double> strict =
        minimize<double>(square<double>, {1.0}, sgd, {.stop = {.gradient_norm_below = 0.25}});
    CHECK(strict.updates() == 4);

    sgd.reset();
    const TrainingResult<double> start = minimize<double>(square<double>, {0.0}, sgd, {.stop = {.loss_below = 1.0}});
    CHECK(start.updates() == 0);
    CHECK(start.reason == StopReason::LossBelow);

    // The bounds are checked before max_steps, so a bound reached at the last allowed
    // update is reported as the bound: J = 1, 0.25, 0.0625 < 0.1 at step 2 = max_steps.
    sgd.reset();
    const TrainingResult<double> both =
        minimize<double>(square<double>, {1.0}, sgd, {.stop = {.loss_below = 0.1, .max_steps = 2}});
    CHECK(both.reason == StopReason::LossBelow);
    CHECK(both.updates() == 2);
    CHECK(stop_reason(StoppingRule<double>{.loss_below = 0.01, .max_steps = 2}, 2, 0.0625, 0.5) ==
          StopReason::MaxSteps);
    CHECK(to_string(StopReason::GradientNormBelow) == "gradient norm below bound");
}

TEST_CASE("minimize: history can be thinned to the start and the end, on_step sees every step") {
    Sgd<double> sgd(0.25);
    std::vector<std::size_t> seen;
    TrainingOptions<double> options{.stop = {.max_steps = 4}, .keep_history = false};
    options.on_step = [&](const TrainingStep<double>& s) { seen.push_back(s.step); };
    const TrainingResult<double> r = minimize<double>(square<double>, {1.0}, sgd, options);
    REQUIRE(r.history.size() == 2);
    CHECK(r.history[0].step == 0);
    CHECK(r.history[1].step == 4);
    CHECK(seen == std::vector<std::size_t>{0, 1, 2, 3, 4});
}

TEST_CASE("minimize: a loss that stops being finite is an error naming the step") {
    Sgd<double> sgd(10);  // log(x) from 1: x₁ = 1 − 10 = −9, log(−9) = NaN
    const auto log_x = [](Tape<double>&, std::span<const Var<double>> p) { return log(p[0]); };
    CHECK_THROWS_WITH(minimize<double>(log_x, {1.0}, sgd, {.stop = {.max_steps = 5}}),
                      Contains("the loss is not finite at step 1") && Contains("-9"));
}

TEST_CASE("minimize: progress as plain lines on a stream that is not a terminal") {
    std::ostringstream out;
    Sgd<double> sgd(0.25);
    TrainingOptions<double> options{.stop = {.max_steps = 2}};
    options.progress = {.stream = &out, .min_seconds = 0, .interval_seconds = 0};
    minimize<double>(square<double>, {1.0}, sgd, options);
    CHECK(out.str() == "step 0/2  J = 1  |grad| = 2\nstep 1/2  J = 0.25  |grad| = 1\nstep 2/2  J = 0.0625  |grad| = 0.5\n");
    CHECK_FALSE(is_terminal(out));

    std::ostringstream bar;
    sgd.reset();
    options.progress = {.stream = &bar, .style = ProgressStyle::Bar, .min_seconds = 0, .interval_seconds = 0, .bar_width = 4};
    minimize<double>(square<double>, {1.0}, sgd, options);
    CHECK_THAT(bar.str(), Contains("\r[##..] 1/2") && Contains("\r[####] 2/2  J = 0.0625"));
    CHECK(bar.str().back() == '\n');

    std::ostringstream quiet;  // the default waits a second: a short run shows nothing
    sgd.reset();
    options.progress = {.stream = &quiet};
    minimize<double>(square<double>, {1.0}, sgd, options);
    CHECK(quiet.str().empty());
}

TEST_CASE("minimize: deterministic, the same settings give the same history bit for bit") {
    const auto run = [] {
        Adam<double> adam(0.05);
        return minimize<double>(bowl<double>, {3.0, 1.0}, adam, {.stop = {.max_steps = 200}});
    };
    const TrainingResult<double> a = run(), b = run();
    REQUIRE(a.history.size() == b.history.size());
    for (std::size_t k = 0; k < a.history.size(); ++k) {
        CHECK(a.history[k].parameters == b.history[k].parameters);
        CHECK(a.history[k].loss == b.history[k].loss);
    }
    CHECK(a.last().loss < 0.05);  // and Adam does descend (from J = 9.7)
}

}  // namespace training_loop_test
