// chainrule gradcheck MODEL.chain: the gradient of the model's output w.r.t. its params,
// reverse mode in double against 50-digit Richardson central differences
// (lang/gradcheck_report.hpp), as a table or as JSON.
#include "commands.hpp"
#include "model_input.hpp"
#include "output.hpp"

#include "../lang/hessian_gradcheck.hpp"
#include "../lang/outputs.hpp"

namespace chainrule::tools {

namespace {

int run_hessian_check(const GradcheckArgs& args, Streams io) {
    const lang::ModelHessianCheck c = lang::gradcheck_model_hessian(load_model(args.model));
    emit(lang::hessian_check_output(c, args.format, args.digits), args.output, io.out);
    if (c.check.passed()) return 0;
    io.err << "chainrule gradcheck: " << lang::hessian_check_summary(c) << "\n";
    return 1;
}

}  // namespace

int run_gradcheck(const GradcheckArgs& args, Streams io) {
    if (args.order == 2) return run_hessian_check(args, io);
    const lang::ModelGradcheck c = lang::gradcheck_model(load_model(args.model));
    emit(lang::gradcheck_output(c, args.format, args.digits), args.output, io.out);
    if (c.report.passed()) return 0;
    io.err << "chainrule gradcheck: " << lang::gradcheck_summary(c) << "\n";
    return 1;
}

}  // namespace chainrule::tools
