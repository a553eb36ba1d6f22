// README "Derivation worksheets": a one-neuron network's worksheet from C++.
#include "chainrule.hpp"                   // installed: <chainrule/chainrule.hpp>
#include "derivations/render_markdown.hpp"  // installed: <chainrule/derivations/…>
#include "derivations/worksheet.hpp"

#include <iostream>

int main() {
    using namespace chainrule;
    using namespace chainrule::derivations;  // Real = cpp_bin_float_50

    Tape<Real> tape;  // record with exact decimals
    auto w = tape.variable(Real("0.5"), "w");
    auto x = tape.constant(Real("0.1"), "x");
    auto y = tape.constant(Real("0.01"), "y");
    auto out = sigmoid(w * x).named("out");
    auto E = (Real("0.5") * pow(y - out, 2)).named("E");

    WorksheetOptions options;  // wrt, style, digits, learning_rate, labels
    options.learning_rate = Real("0.5");
    std::cout << render_markdown(worksheet_document(make_worksheet(tape, E, options)));
}
