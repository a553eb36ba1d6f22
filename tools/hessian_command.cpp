// chainrule hessian EXPR --at POINT | MODEL.chain: the Hessian of an expression at a point,
// or of a model's output by its params (lang/hessian.hpp), every number certified.
#include "commands.hpp"
#include "model_input.hpp"
#include "output.hpp"

#include "../lang/hessian.hpp"
#include "../lang/parser.hpp"

namespace chainrule::tools {

namespace {

bool names_a_model(const std::string& target) {
    return target == "-" || (target.size() > 6 && target.ends_with(".chain"));
}

}  // namespace

int run_hessian(const HessianArgs& args, Streams io) {
    lang::HessianResult h;
    if (names_a_model(args.target)) {
        if (!args.at.empty())
            throw ToolError("--at is for an expression; a model's point is its own declarations (leave --at out)");
        h = lang::model_hessian(load_model(args.target), args.wrt, args.digits);
    } else {
        if (args.at.empty())
            throw ToolError("an expression needs its point: --at 'x=1, y=2' (or give a MODEL.chain file)");
        if (!args.wrt.empty())
            throw ToolError("--wrt is for a model; an expression's variables are the names of --at");
        const lang::Source expression{"expression", args.target};
        const lang::Source at{"--at", args.at};
        const lang::Point point = lang::make_point(lang::parse_bindings(at), at);
        h = lang::hessian_at(lang::parse_expression(expression), expression, point, args.digits);
    }
    emit(lang::hessian_output(h, args.format, args.digits), args.output, io.out);
    return 0;
}

}  // namespace chainrule::tools
