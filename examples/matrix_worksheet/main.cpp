// Matrix-form gradient worksheets (derivations/matrix_derivation.hpp) of seed 004's models:
//   matrix_worksheet            the logistic classifier on 3 samples, with numbers
//   matrix_worksheet --mnist    the 784-64-16-10 network on a batch of 128: shapes and formulas
//   … --format tex             LaTeX instead of Markdown
#include "seed004_models.hpp"

#include "derivations/matrix_derivation.hpp"
#include "derivations/render_latex.hpp"
#include "derivations/render_markdown.hpp"

#include <iostream>
#include <string_view>

int main(int argc, char** argv) {
    bool mnist = false, tex = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--mnist") mnist = true;
        else if (a == "--format" && i + 1 < argc && std::string_view(argv[i + 1]) == "tex") tex = true, ++i;
        else if (a == "--format" && i + 1 < argc && std::string_view(argv[i + 1]) == "md") ++i;
        else {
            std::cerr << "usage: matrix_worksheet [--mnist] [--format md|tex]\n";
            return 2;
        }
    }
    chainrule::Tape<double> tape;
    const auto J = mnist ? seed004::record_mnist_shape(tape) : seed004::record_logistic(tape);
    const auto d = chainrule::derivations::derive_matrix(tape, J, !mnist);
    const auto doc = chainrule::derivations::matrix_worksheet_document(d);
    std::cout << (tex ? chainrule::derivations::render_latex(doc) : chainrule::derivations::render_markdown(doc));
    return 0;
}
