// Every public header of models/ compiles on its own and with float, double and 50 digits.
#include "models/losses.hpp"
#include "models/optimizers.hpp"
#include "models/svg_plot.hpp"
#include "models/training_loop.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace api_smoke_test {

using namespace chainrule;
using namespace chainrule::models;

template <class T>
T one_sgd_step() {
    std::vector<T> p{T(1)};
    const std::vector<T> g{T(2)};
    Sgd<T> sgd(T(1) / 4);
    sgd.step(p, g);
    return p[0];
}

TEST_CASE("models headers: one SGD step in float, double and 50 digits") {
    CHECK(one_sgd_step<float>() == 0.5f);
    CHECK(one_sgd_step<double>() == 0.5);
    CHECK(one_sgd_step<boost::multiprecision::cpp_bin_float_50>() == boost::multiprecision::cpp_bin_float_50("0.5"));
}

}  // namespace api_smoke_test
