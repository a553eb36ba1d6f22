// A program outside the chainrule tree, built against the installed package.
// Checks d/dx [x·sin x] = sin x + x cos x at x = 2.
#include <chainrule/chainrule.hpp>

#include <cmath>
#include <cstdio>

int main() {
    chainrule::Tape<double> tape;
    auto x = tape.variable(2.0, "x");
    auto y = x * sin(x);
    const double g = chainrule::grad(y, {x})[0];
    const double expected = std::sin(2.0) + 2.0 * std::cos(2.0);
    if (std::abs(g - expected) > 1e-15) {
        std::printf("consumer: wrong gradient %.17g, expected %.17g\n", g, expected);
        return 1;
    }
    std::printf("consumer: d/dx x sin x at 2 = %.17g\n", g);
    return 0;
}
