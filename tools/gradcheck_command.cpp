// chainrule gradcheck MODEL.chain: the gradient of the model's output w.r.t. its params,
// reverse mode in double against 50-digit Richardson central differences
// (lang/gradcheck_report.hpp), as a table or as JSON.
#include "commands.hpp"
#include "model_input.hpp"
#include "output.hpp"

#include "../lang/outputs.hpp"

namespace chainrule::tools {

int run_gradcheck(const GradcheckArgs& args, Streams io) {
    const lang::ModelGradcheck c = lang::gradcheck_model(load_model(args.model));
    emit(lang::gradcheck_output(c, args.format, args.digits), args.output, io.out);
    if (c.report.passed()) return 0;
    io.err << "chainrule gradcheck: " << lang::gradcheck_summary(c) << "\n";
    return 1;
}

}  // namespace chainrule::tools
