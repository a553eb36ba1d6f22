// chainrule grad | diff | descend: calculus on one typed expression.
#include "commands.hpp"
#include "output.hpp"

#include "../lang/calculus.hpp"
#include "../lang/constants.hpp"
#include "../lang/descent_newton.hpp"
#include "../lang/descent_newton_report.hpp"
#include "../lang/descent_plot.hpp"
#include "../lang/parser.hpp"
#include "../lang/reports.hpp"
#include "../lang/to_symbolic.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace chainrule::tools {

namespace {

using lang::Source;

lang::Point point_of(const std::string& option, const std::string& text) {
    const Source source{option, text};
    return lang::make_point(lang::parse_bindings(source), source);
}

// The number typed for `option`; LangError at it unless it is in range.
lang::Real number_option(const std::string& option, const std::string& text, bool (*in_range)(const lang::Real&),
                         const char* message, const char* expected) {
    const Source source{option, text};
    const lang::NumberText n = lang::parse_number(source);
    const lang::Real value = lang::real_value(n.text);
    if (!in_range(value)) throw lang::LangError(source, n.offset, message, expected);
    return value;
}

lang::Real learning_rate(const std::string& text) {
    return number_option("--lr", text, [](const lang::Real& x) { return x > 0; }, "the learning rate must be positive",
                         "a number greater than 0");
}

// A decay rate (momentum, beta1, beta2) as typed, or `otherwise` when not given.
lang::Real decay(const std::string& option, const std::string& text, const lang::Real& otherwise) {
    if (text.empty()) return otherwise;
    return number_option(option, text, [](const lang::Real& x) { return x >= 0 && x < 1; }, "out of range",
                         "a number in [0, 1)");
}

// The optimizer and its hyper-parameters; an option of another optimizer is an error.
models::OptimizerSettings<lang::Real> optimizer_settings(const DescendArgs& args) {
    const std::string name = args.optimizer.empty() ? "sgd" : args.optimizer;
    if (name != "sgd" && name != "momentum" && name != "nesterov" && name != "adam")
        throw ToolError("--optimizer: unknown optimizer '" + name +
                        "' (available: sgd, momentum, nesterov, adam); Newton's method is --method newton");
    if (args.lr.empty())
        throw ToolError("--lr is required for --method gd (the learning rate, e.g. --lr 0.1; --method newton needs none)");
    const bool momentum = name == "momentum" || name == "nesterov", adam = name == "adam";
    const auto refuse = [&](const std::string& typed, const char* option, bool applies, const char* owner) {
        if (!typed.empty() && !applies)
            throw ToolError(std::string(option) + " does not apply to --optimizer " + name + " (it belongs to " + owner + ")");
    };
    refuse(args.momentum, "--momentum", momentum, "momentum and nesterov");
    refuse(args.beta1, "--beta1", adam, "adam");
    refuse(args.beta2, "--beta2", adam, "adam");
    refuse(args.epsilon, "--epsilon", adam, "adam");
    models::OptimizerSettings<lang::Real> s;
    s.name = name;
    s.learning_rate = learning_rate(args.lr);
    s.momentum = decay("--momentum", args.momentum, s.momentum);
    s.beta1 = decay("--beta1", args.beta1, s.beta1);
    s.beta2 = decay("--beta2", args.beta2, s.beta2);
    if (!args.epsilon.empty())
        s.epsilon = number_option("--epsilon", args.epsilon, [](const lang::Real& x) { return x >= 0; }, "out of range",
                                  "a number >= 0");
    return s;
}

// --lr and the optimizers' options belong to gradient descent: an error with --method newton.
void refuse_gradient_descent_options(const DescendArgs& args) {
    if (!args.lr.empty())
        throw ToolError("--lr does not apply to --method newton (its step length t is found by a line search that "
                        "starts from the full Newton step t = 1)");
    const std::pair<const std::string*, const char*> options[] = {{&args.optimizer, "--optimizer"},
                                                                  {&args.momentum, "--momentum"},
                                                                  {&args.beta1, "--beta1"},
                                                                  {&args.beta2, "--beta2"},
                                                                  {&args.epsilon, "--epsilon"}};
    for (const auto& [typed, option] : options)
        if (!typed->empty())
            throw ToolError(std::string(option) + " does not apply to --method newton (the optimizers and their "
                                                  "options belong to gradient descent, --method gd)");
}

std::string newton_text(const lang::NewtonDescent& newton, const DescendArgs& args) {
    if (args.format == "md") return lang::newton_markdown(newton, args.digits);
    if (args.format == "csv") return lang::newton_csv(newton, args.digits);
    if (args.format == "json")
        return lang::newton_json(newton, args.expression, args.until.empty() ? std::nullopt : std::optional(args.until));
    return lang::newton_table(newton, args.digits);
}

// chainrule descend --method newton: the table, then notes and the exit code as for gd.
int run_newton(const DescendArgs& args, Streams io) {
    refuse_gradient_descent_options(args);
    const Source expression{"expression", args.expression};
    const lang::ExprNode tree = lang::parse_expression(expression);
    std::optional<lang::Condition> until;
    if (!args.until.empty()) until = lang::parse_condition(Source{"--until", args.until});
    const lang::NewtonDescent newton = lang::newton_descend(tree, expression, point_of("--from", args.from), until, args.max_steps);
    const lang::Descent& run = newton.run;
    const std::string text = newton_text(newton, args);
    if (!args.plot.empty())
        write_file_atomically(args.plot, lang::descent_plot_svg(tree, expression, run, "J = " + args.expression + "  (Newton's method)"));
    emit(text, args.output, io.out);
    if (const std::size_t n = newton.gradient_steps())
        io.err << "chainrule descend: note: H was not positive definite before " << n << " of " << run.steps.back().step
               << " updates: those were gradient steps (column 'update')\n";
    if (run.ending.failed()) {
        io.err << "chainrule descend: " << run.ending.message << "\n";
        return 1;
    }
    if (run.ending.kind == lang::DescentEnd::Stationary || run.ending.kind == lang::DescentEnd::Converged) io.err << "chainrule descend: note: " << run.ending.message << "\n";
    if (run.ending.kind == lang::DescentEnd::MaxSteps && until)
        io.err << "chainrule descend: note: stopped after " << args.max_steps << " updates without reaching " << args.until
               << " (raise --max-steps)\n";
    return 0;
}

}  // namespace

int run_grad(const GradArgs& args, Streams io) {
    const Source expression{"expression", args.expression};
    const lang::ExprNode tree = lang::parse_expression(expression);
    const lang::Point point = point_of("--at", args.at);
    if (args.arithmetic != "certified") {
        const bool dbl = args.arithmetic == "double";
        const lang::Gradient g =
            lang::plain_gradient_at(tree, expression, point, dbl ? lang::Arithmetic::Double : lang::Arithmetic::Float);
        const std::string header = "reverse mode in " + args.arithmetic + ": round-off included, not certified\n";
        emit(args.format == "json" ? lang::gradient_json(point, g)
                                   : header + lang::gradient_text(point, g, args.digits ? args.digits : dbl ? 17 : 9),
             args.output, io.out);
        return 0;
    }
    const int digits = args.digits ? args.digits : 10;
    const lang::Gradient g = lang::gradient_at(tree, expression, point, "--at", digits);
    emit(args.format == "json" ? lang::gradient_json(point, g) : lang::gradient_text(point, g, digits), args.output,
         io.out);
    return 0;
}

namespace {

// The names to differentiate by, in turn: --wrt x with --order n is x n times; a list
// (x,y) must have --order names (a mixed derivative).
std::vector<std::string> differentiation_order(const DiffArgs& args) {
    std::vector<std::string> names;
    std::size_t start = 0;
    for (std::size_t comma; (comma = args.wrt.find(',', start)) != std::string::npos; start = comma + 1)
        names.push_back(args.wrt.substr(start, comma - start));
    names.push_back(args.wrt.substr(start));
    for (std::string& n : names) n.erase(0, std::min(n.find_first_not_of(' '), n.size()));
    for (std::string& n : names) n.erase(n.find_last_not_of(' ') + 1);
    const auto order = static_cast<std::size_t>(args.order);
    if (names.size() == 1) return std::vector<std::string>(order, names.front());
    if (names.size() != order)
        throw ToolError("--wrt names " + std::to_string(names.size()) + " symbols but --order is " +
                        std::to_string(args.order) + " (give one symbol, or one per order: --wrt x,y --order 2)");
    return names;
}

}  // namespace

int run_diff(const DiffArgs& args, Streams io) {
    const Source expression{"expression", args.expression};
    const lang::ExprNode tree = lang::parse_expression(expression);
    const std::vector<std::string> wrt = differentiation_order(args);
    const symbolic::Expr d = lang::derivative(tree, expression, wrt);
    const symbolic::Expr f = lang::to_symbolic(lang::bind_constants(tree, wrt), expression);
    const std::vector<std::string> names = symbolic::free_symbols(f);
    for (std::size_t i = 0; i < wrt.size(); ++i)  // a typo in --wrt, most likely; once per name
        if (std::find(names.begin(), names.end(), wrt[i]) == names.end() &&
            std::find(wrt.begin(), wrt.begin() + static_cast<std::ptrdiff_t>(i), wrt[i]) == wrt.begin() + static_cast<std::ptrdiff_t>(i))
            io.err << "chainrule diff: note: '" << wrt[i] << "' does not occur in the expression, so the derivative is 0\n";
    std::string text = lang::derivative_text(d);
    if (args.format == "latex") text = lang::derivative_latex(d);
    if (args.format == "json") {
        std::string listed;
        for (const std::string& w : wrt) listed += (listed.empty() ? "" : ",") + w;
        text = lang::derivative_json(f, listed, d);
    }
    emit(text, args.output, io.out);
    return 0;
}

int run_descend(const DescendArgs& args, Streams io) {
    if (args.method == "newton") return run_newton(args, io);
    const Source expression{"expression", args.expression};
    const lang::ExprNode tree = lang::parse_expression(expression);
    lang::DescentOptions options{optimizer_settings(args), std::nullopt, args.max_steps};
    if (!args.until.empty()) options.until = lang::parse_condition(Source{"--until", args.until});
    const lang::Descent run = lang::descend(tree, expression, point_of("--from", args.from), options);

    std::string text;
    if (args.format == "table") text = lang::descent_table(run, args.digits);
    if (args.format == "md") text = lang::descent_markdown(run, args.digits);
    if (args.format == "csv") text = lang::descent_csv(run, args.digits);
    if (args.format == "json")
        text = lang::descent_json({run, args.expression, options.optimizer,
                                   args.until.empty() ? std::nullopt : std::optional(args.until)});
    if (!args.plot.empty())
        write_file_atomically(args.plot, lang::descent_plot_svg(tree, expression, run,
                                                                "J = " + args.expression + "  (" + options.optimizer.name +
                                                                    ", learning rate " + args.lr + ")"));
    emit(text, args.output, io.out);
    if (!run.warning.empty()) io.err << "chainrule descend: warning: " << run.warning << "\n";
    // A failed run is no bad input (exit 2): its rows are printed, the ending says where it went wrong.
    if (run.ending.failed()) {
        io.err << "chainrule descend: " << run.ending.message << "\n";
        return 1;
    }
    if (options.until && !run.reached)
        io.err << "chainrule descend: note: stopped after " << args.max_steps << " updates without reaching "
               << args.until << " (raise --max-steps or the learning rate)\n";
    return 0;
}

}  // namespace chainrule::tools
