// README "Using the library": the gradient of J(x, y) = x² + sin²(y) at (3, 1) by reverse
// mode, then the same recording replayed in 50-digit arithmetic.
#include "chainrule.hpp"  // installed: <chainrule/chainrule.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <iostream>

int main() {
    using namespace chainrule;

    Tape<double> tape;
    auto x = tape.variable(3.0, "x");
    auto y = tape.variable(1.0, "y");
    auto J = pow(x, 2) + pow(sin(y), 2);
    std::vector<double> g = grad(J, {x, y});  // reverse sweep: {6, 0.9092974268…}
    std::cout.precision(10);
    std::cout << "J = " << J.value() << ", grad = (" << g[0] << ", " << g[1] << ")\n";

    // The same recording, replayed in 50-digit arithmetic, with its own reverse sweep:
    using boost::multiprecision::cpp_bin_float_50;
    Tape<cpp_bin_float_50> t50 = replay<cpp_bin_float_50>(tape);
    backward(t50.var(J.index()));
    std::cout << "dJ/dy to 40 digits: " << t50.var(y.index()).adjoint().str(40) << "\n";
}
