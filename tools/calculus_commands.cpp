// chainrule grad | diff | descend: calculus on one typed expression.
#include "commands.hpp"
#include "output.hpp"

#include "../lang/calculus.hpp"
#include "../lang/parser.hpp"
#include "../lang/reports.hpp"
#include "../lang/to_symbolic.hpp"

namespace chainrule::tools {

namespace {

using lang::Source;

lang::Point point_of(const std::string& option, const std::string& text) {
    const Source source{option, text};
    return lang::make_point(lang::parse_bindings(source), source);
}

lang::Real learning_rate(const std::string& text) {
    const Source source{"--lr", text};
    const lang::NumberText n = lang::parse_number(source);
    const lang::Real lr = lang::real_value(n.text);
    if (lr <= 0) throw lang::LangError(source, n.offset, "the learning rate must be positive", "a number greater than 0");
    return lr;
}

void check_optimizer(const std::string& name) {
    if (name == "sgd") return;
    if (name == "momentum" || name == "adam")
        throw ToolError("--optimizer " + name + " is not available yet: only sgd (plain gradient descent) is implemented");
    throw ToolError("--optimizer: unknown optimizer '" + name + "' (available: sgd)");
}

}  // namespace

int run_grad(const GradArgs& args, Streams io) {
    const Source expression{"expression", args.expression};
    const lang::ExprNode tree = lang::parse_expression(expression);
    const lang::Point point = point_of("--at", args.at);
    const lang::Gradient g = lang::gradient_at(tree, expression, point, "--at");
    emit(args.format == "json" ? lang::gradient_json(point, g) : lang::gradient_text(point, g, args.digits),
         args.output, io.out);
    return 0;
}

int run_diff(const DiffArgs& args, Streams io) {
    const Source expression{"expression", args.expression};
    const lang::ExprNode tree = lang::parse_expression(expression);
    const symbolic::Expr d = lang::derivative(tree, expression, args.wrt);
    std::string text = lang::derivative_text(d);
    if (args.format == "latex") text = lang::derivative_latex(d);
    if (args.format == "json") text = lang::derivative_json(lang::to_symbolic(tree, expression), args.wrt, d);
    emit(text, args.output, io.out);
    return 0;
}

int run_descend(const DescendArgs& args, Streams io) {
    check_optimizer(args.optimizer);
    const Source expression{"expression", args.expression};
    const lang::ExprNode tree = lang::parse_expression(expression);
    lang::DescentOptions options{learning_rate(args.lr), std::nullopt, args.max_steps};
    if (!args.until.empty()) options.until = lang::parse_condition(Source{"--until", args.until});
    const lang::Descent run = lang::descend(tree, expression, point_of("--from", args.from), options);

    std::string text;
    if (args.format == "table") text = lang::descent_table(run, args.digits);
    if (args.format == "md") text = lang::descent_markdown(run, args.digits);
    if (args.format == "csv") text = lang::descent_csv(run, args.digits);
    if (args.format == "json")
        text = lang::descent_json({run, args.expression, options.learning_rate,
                                   args.until.empty() ? std::nullopt : std::optional(args.until)});
    emit(text, args.output, io.out);
    if (options.until && !run.reached)
        io.err << "chainrule descend: note: stopped after " << args.max_steps << " updates without reaching "
               << args.until << " (raise --max-steps or the learning rate)\n";
    return 0;
}

}  // namespace chainrule::tools
