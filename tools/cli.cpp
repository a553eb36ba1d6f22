#include "cli.hpp"

#include "commands.hpp"

#include "../lang/diagnostic.hpp"
#include "../lang/outputs.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>

#ifndef CHAINRULE_VERSION
#define CHAINRULE_VERSION "unknown"
#endif

namespace chainrule::tools {

namespace {

// Options every result-printing command shares.
void add_output(CLI::App* cmd, std::string& output) {
    cmd->add_option("-o,--output", output, "Write the result to FILE (atomically) instead of standard output")
        ->type_name("FILE");
}
// --digits N: a whole number from 1 to 40, checked as text — CLI11's own range check
// calls '1e1' and '5.0' "not in range", which sends the user looking in the wrong place.
// The text is rewritten without leading zeros, so that '08' is 8 (not octal).
CLI::Validator digit_count() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const std::size_t start = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
            const bool whole = text.size() > start && text.find_first_not_of("0123456789", start) == std::string::npos;
            if (!whole) return "'" + text + "' is not a whole number of digits (1–40)";
            const std::size_t first = std::min(text.find_first_not_of('0', start), text.size());
            const std::string digits = text.substr(first);
            if (text[0] == '-' || digits.empty() || digits.size() > 2 || std::stoi(digits) > 40)
                return "'" + text + "' is not in the range 1 to 40";
            text = digits;
            return {};
        },
        "1-40", "digits");
}
void add_digits(CLI::App* cmd, int& digits) {
    cmd->add_option("--digits", digits, "Significant digits of every printed number (1-40)")
        ->transform(digit_count())
        ->capture_default_str();
}
// "w5,w1" → {"w5", "w1"}; "w5," → {"w5", ""}: every item, the empty ones too.
std::vector<std::string> comma_items(const std::string& list) {
    std::vector<std::string> items(1);
    for (char c : list) {
        if (c == ',') items.emplace_back();
        else items.back() += c;
    }
    return items;
}
// A list of names where one is empty or blank ('w11,', '', 'a,,b') is a slip — left out
// silently, the sheet would lack the name the user meant to add.
CLI::Validator name_list() {
    return CLI::Validator(
        [](std::string& list) -> std::string {
            for (const std::string& name : comma_items(list))
                if (name.find_first_not_of(" \t\n\r\f\v") == std::string::npos)
                    return "'" + list + "' has an empty name (names are separated by single commas: --wrt w5,w1)";
            return {};
        },
        "", "names");
}
// A blank value of a text option ('', '   ') is a slip, not a request for the default
// (as a blank `title` line in a model is an error); `what` says what was expected.
CLI::Validator not_blank(std::string what) {
    return CLI::Validator(
        [what](std::string& text) -> std::string {
            if (text.find_first_not_of(" \t\n\r\f\v") != std::string::npos) return {};
            return "'" + text + "' is blank: " + what;
        },
        "", "not blank");
}
void add_language(CLI::App* cmd, std::string& language) {
    cmd->add_option("--lang", language, "The language of the document's own words: en (English) | zh (Chinese)")
        ->check(CLI::Validator(
            [](std::string& code) {
                return lang::is_language(code) ? std::string() : "unknown language '" + code + "' (available: en, zh)";
            },
            "", "language"))
        ->type_name("LANG")
        ->capture_default_str();
}
void add_format(CLI::App* cmd, std::string& format, std::vector<std::string> formats) {
    std::string names;
    for (const std::string& f : formats) names += (names.empty() ? "" : "|") + f;
    cmd->add_option("--format", format, "Output format: " + names)
        ->check(CLI::IsMember(formats))
        ->type_name("FORMAT")
        ->capture_default_str();
}

CLI::App* worksheet_command(CLI::App& app, WorksheetArgs& a) {
    CLI::App* cmd = app.add_subcommand("worksheet", "The chain-rule derivation worksheet of a .chain model");
    cmd->add_option("MODEL", a.model, "The model file (.chain); - reads standard input")->required()->type_name("MODEL.chain");
    // Split here, not by CLI11's delimiter, which drops a trailing empty item ('w11,').
    cmd->add_option_function<std::vector<std::string>>(
           "--wrt",
           [&a](const std::vector<std::string>& lists) {
               for (const std::string& list : lists)
                   for (std::string& name : comma_items(list)) a.wrt.push_back(std::move(name));
           },
           "Params to derive by (comma-separated; default: the model's derive line)")
        ->check(name_list())
        ->type_name("NAMES");
    add_format(cmd, a.format, {"md", "tex", "pdf", "html", "json", "dot"});
    cmd->add_option("--elementwise", a.elementwise,
                    "Matrix models: write out a gradient entry element by element, e.g. W[2,1] (1-based; repeatable)")
        ->type_name("NAME[ROW,COL]");
    cmd->add_option("--style", a.style, "Derivation style: paths|deltas|both (default: paths when few)")
        ->check(CLI::IsMember({"auto", "paths", "deltas", "both"}))
        ->type_name("STYLE");
    add_digits(cmd, a.digits);
    cmd->add_option("--order", a.order,
                    "2 adds the second derivatives d2E/dp2 of the params, derived by the chain rule, and their Hessian")
        ->check(CLI::Range(1, 2))
        ->capture_default_str();
    cmd->add_option("--title", a.title,
                    "The worksheet's title (default: the model's title line, else Chain-rule derivation of …)")
        ->check(not_blank("a title has text (leave --title out for the default)"))
        ->type_name("TEXT");
    add_language(cmd, a.language);
    add_output(cmd, a.output);
    cmd->footer("Example:\n  chainrule worksheet examples/bp_network.chain --wrt w5,w1 --format tex -o bp.tex\n"
                "  (--format pdf runs pdflatex; without -o it writes MODEL.pdf here, as html MODEL.html)\n");
    return cmd;
}

CLI::App* exercise_command(CLI::App& app, ExerciseArgs& a) {
    CLI::App* cmd = app.add_subcommand("exercise", "One variant of a model per student, with answer keys");
    cmd->add_option("MODEL", a.model, "The model file (.chain) whose numbers vary (vary LOW..HIGH step STEP)")
        ->type_name("MODEL.chain");
    cmd->add_option("--variants", a.variants, "How many variants (students)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{10000}))
        ->capture_default_str();
    cmd->add_option("--seed", a.seed, "The seed of the draws (the same seed gives the same set)")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                const bool digits = !text.empty() && text.size() <= 19 && text.find_first_not_of("0123456789") == std::string::npos;
                return digits ? std::string() : "the seed is a whole number from 0 to 9999999999999999999";
            },
            "SEED"))
        ->capture_default_str();
    cmd->add_option("-o,--output", a.output, "The directory to write the set to (created if missing)")
        ->type_name("DIR");
    add_format(cmd, a.format, {"md", "tex", "pdf", "html"});
    cmd->add_option("--blank", a.blank, "What the blank sheet leaves blank: numbers|formulas|both")
        ->check(CLI::IsMember({"numbers", "formulas", "both"}))
        ->capture_default_str();
    cmd->add_option_function<std::vector<std::string>>(
           "--steps",
           [&a](const std::vector<std::string>& lists) {
               a.steps.clear();
               for (const std::string& list : lists)
                   for (std::string& step : comma_items(list)) a.steps.push_back(std::move(step));
           },
           "Which parts are asked (comma-separated): forward,local,paths,update (default: all)")
        ->check([](const std::string& list) -> std::string {
            for (const std::string& step : comma_items(list))
                if (step != "forward" && step != "local" && step != "paths" && step != "update")
                    return "unknown step '" + step + "' (steps: forward, local, paths, update)";
            return {};
        })
        ->type_name("STEPS");
    add_digits(cmd, a.digits);
    add_language(cmd, a.language);
    cmd->add_option("--answers", a.answers, "List the check lines a student can write for a variant (no values)")
        ->type_name("VARIANT.chain");
    cmd->footer("Examples:\n  chainrule exercise examples/exercises/bp_network_vary.chain --variants 30 --seed 7 -o class\n"
                "  chainrule exercise examples/exercises/bp_network_vary.chain --steps forward --format pdf -o week1\n"
                "  chainrule exercise --answers class/variant-5.chain\n");
    return cmd;
}

CLI::App* grad_command(CLI::App& app, GradArgs& a) {
    CLI::App* cmd = app.add_subcommand("grad", "Value and gradient of an expression at a point");
    cmd->add_option("EXPR", a.expression, "The expression, e.g. 'x^2 + sin(y)^2'")->required();
    cmd->add_option("--at", a.at, "The point: 'x=3, y=1' (its names are the variables)")->required()->type_name("POINT");
    cmd->add_option("--digits", a.digits, "Significant digits of every printed number (1-40; default 10, or 17 for "
                                          "double and 9 for float)")
        ->transform(digit_count());
    cmd->add_option("--arithmetic", a.arithmetic,
                    "certified (default: every printed digit verified by the precision ladder), or double / float: "
                    "one plain reverse sweep in that type, round-off included, as a framework prints it")
        ->check(CLI::IsMember({"certified", "double", "float"}))
        ->capture_default_str();
    add_format(cmd, a.format, {"text", "json"});
    add_output(cmd, a.output);
    cmd->footer("Example:\n  chainrule grad 'x^2 + sin(y)^2' --at 'x=3, y=1'\n"
                "  chainrule grad '(1 - cos(x))/x^2' --at x=1e-7 --arithmetic double\n");
    return cmd;
}

CLI::App* diff_command(CLI::App& app, DiffArgs& a) {
    CLI::App* cmd = app.add_subcommand("diff", "The simplified symbolic derivative of an expression");
    cmd->add_option("EXPR", a.expression, "The expression; every name in it is a symbol")->required();
    cmd->add_option("--wrt", a.wrt,
                    "The symbol to differentiate by; with --order N, one symbol (N times) or N symbols "
                    "separated by commas (a mixed derivative: x,y)")
        ->required()
        ->type_name("NAMES");
    cmd->add_option("--order", a.order, "The order of the derivative (1-5)")
        ->check(CLI::Range(1, 5))
        ->capture_default_str();
    add_format(cmd, a.format, {"text", "latex", "json"});
    add_output(cmd, a.output);
    cmd->footer("Example:\n  chainrule diff 'sigmoid(w*x + b)' --wrt w --format latex\n"
                "  chainrule diff 'x^2*y + sin(y)' --wrt x,y --order 2\n");
    return cmd;
}

CLI::App* hessian_command(CLI::App& app, HessianArgs& a) {
    CLI::App* cmd = app.add_subcommand(
        "hessian", "The Hessian (all second derivatives) of an expression at a point, or of a model's output");
    cmd->add_option("TARGET", a.target, "An expression (with --at), or a model file (.chain; - reads standard input)")
        ->required()
        ->type_name("EXPR|MODEL.chain");
    cmd->add_option("--at", a.at, "The expression's point: 'x=1, y=2' (its names are the variables)")->type_name("POINT");
    cmd->add_option_function<std::vector<std::string>>(
           "--wrt",
           [&a](const std::vector<std::string>& lists) {
               for (const std::string& list : lists)
                   for (std::string& name : comma_items(list)) a.wrt.push_back(std::move(name));
           },
           "A model's params to differentiate by (comma-separated; default: its derive line, else every param)")
        ->check(name_list())
        ->type_name("NAMES");
    add_format(cmd, a.format, {"text", "md", "tex", "json"});
    add_digits(cmd, a.digits);
    add_output(cmd, a.output);
    cmd->footer("Examples:\n  chainrule hessian 'x^2*y + sin(y)' --at 'x=1, y=2'\n"
                "  chainrule hessian examples/bp_network.chain --wrt w5,w1\n");
    return cmd;
}

CLI::App* descend_command(CLI::App& app, DescendArgs& a) {
    CLI::App* cmd = app.add_subcommand("descend", "A gradient-descent (or Newton) table: step 0 is the start");
    cmd->add_option("EXPR", a.expression, "The objective J, e.g. 'x^2 + sin(y)^2'")->required();
    cmd->add_option("--from", a.from, "The start: 'x=3, y=1' (its names are the variables)")
        ->required()
        ->type_name("POINT");
    cmd->add_option("--method", a.method, "gd (gradient descent with --optimizer) or newton (Newton's method)")
        ->check(CLI::IsMember({"gd", "newton"}))
        ->capture_default_str();
    cmd->add_option("--lr", a.lr, "gd: the learning rate (step size), e.g. 0.1 (required for gd; not with newton)")
        ->type_name("RATE");
    cmd->add_option("--until", a.until, "Stop at the first step where this holds: 'J < 0.01', '|grad| <= 1e-6'")
        ->type_name("CONDITION");
    cmd->add_option("--max-steps", a.max_steps, "The most updates to make")
        ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}))
        ->capture_default_str();
    cmd->add_option("--optimizer", a.optimizer, "gd: the update rule, sgd|momentum|nesterov|adam (default sgd)")
        ->type_name("NAME");
    cmd->add_option("--momentum", a.momentum, "momentum, nesterov: the momentum mu in [0, 1) (default 0.9)")
        ->type_name("MU");
    cmd->add_option("--beta1", a.beta1, "adam: decay of the first moment in [0, 1) (default 0.9)")->type_name("B1");
    cmd->add_option("--beta2", a.beta2, "adam: decay of the second moment in [0, 1) (default 0.999)")->type_name("B2");
    cmd->add_option("--epsilon", a.epsilon, "adam: added to sqrt(v) (default 1e-8)")->type_name("EPS");
    cmd->add_option("--plot", a.plot, "Also write an SVG picture: the loss curve, or for two variables the path "
                                      "over contour lines of J")
        ->type_name("FILE.svg");
    add_format(cmd, a.format, {"table", "md", "csv", "json"});
    add_digits(cmd, a.digits);
    add_output(cmd, a.output);
    cmd->footer("Example:\n  chainrule descend 'x^2 + sin(y)^2' --from 'x=3, y=1' --lr 0.1 --until 'J < 0.01'\n"
                "  chainrule descend 'x^2' --from x=1.2 --lr 0.1 --optimizer adam --max-steps 50 --plot adam.svg\n"
                "  chainrule descend 'x^2 + sin(y)^2' --from 'x=3, y=1' --method newton --until 'J < 0.01'\n"
                "  (exit code 1 when the run diverges, overflows or leaves the domain of J: the rows so far, then why)\n");
    return cmd;
}

CLI::App* gradcheck_command(CLI::App& app, GradcheckArgs& a) {
    CLI::App* cmd = app.add_subcommand(
        "gradcheck", "Check the reverse-mode gradient of a .chain model (in double) against 50-digit differences");
    cmd->add_option("MODEL", a.model, "The model file (.chain)")->required()->type_name("MODEL.chain");
    cmd->add_option("--order", a.order,
                    "2 checks the Hessian (forward-over-reverse) against 50-digit differences of the gradient, "
                    "and its symmetry")
        ->check(CLI::Range(1, 2))
        ->capture_default_str();
    add_format(cmd, a.format, {"text", "json"});
    add_digits(cmd, a.digits);
    add_output(cmd, a.output);
    cmd->footer("Example:\n  chainrule gradcheck examples/bp_network.chain\n"
                "  chainrule gradcheck examples/bp_network.chain --order 2\n"
                "  (exit code 1 when a component is a FAIL, or the Hessian is not symmetric)\n");
    return cmd;
}

CLI::App* check_command(CLI::App& app, CheckArgs& a) {
    CLI::App* cmd = app.add_subcommand("check", "Check a hand derivation: the verdict on every check line of a model");
    cmd->add_option("MODEL", a.model, "The model file (.chain) with check lines; - reads standard input")
        ->required()
        ->type_name("MODEL.chain");
    add_format(cmd, a.format, {"text", "md", "tex", "pdf", "html", "json"});
    add_digits(cmd, a.digits);
    cmd->add_option("--points", a.points, "Random points at which each formula claim is checked")
        ->check(CLI::Range(std::size_t{20}, std::size_t{10000}))
        ->capture_default_str();
    cmd->add_option("--title", a.title, "The report's title in md, tex and pdf (default: the model's title line, "
                                        "else Claim check)")
        ->check(not_blank("a title has text (leave --title out for the default)"))
        ->type_name("TEXT");
    add_language(cmd, a.language);
    add_output(cmd, a.output);
    cmd->footer("Example:\n  chainrule check examples/bp_network_hand.chain\n"
                "  (exit code 1 when a claim is wrong; carried-forward claims are not wrong)\n");
    return cmd;
}

// CLI11 takes '-x^2' for an option; say how to pass an expression that starts with '-'.
std::string dash_hint(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--") break;
        if (a.size() > 1 && a[0] == '-' && a[1] != '-' && a != "-o" && a != "-h")
            return "; an EXPR that starts with '-' goes after '--' (chainrule grad --at x=1 -- '-x^2')";
    }
    return {};
}

// Runs the command, turning every error into one report on stderr and exit code 2.
int guarded(const std::string& name, std::ostream& err, const std::function<int()>& command) {
    try {
        return command();
    } catch (const lang::LangError& e) {
        err << e.what() << "\n";
    } catch (const std::exception& e) {  // messages that may quote arguments or file text unescaped
        std::string what = e.what();  // "chainrule: gradcheck: …" from the library: said once
        if (what.rfind("chainrule: ", 0) == 0) what.erase(0, 11);
        err << "chainrule " << name << ": error: " << lang::message_text(what) << "\n";
    }
    return kExitBadInput;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app("chainrule: chain-rule derivation worksheets, gradients and gradient descent", "chainrule");
    app.set_version_flag("--version", "chainrule " CHAINRULE_VERSION);
    app.require_subcommand(1);
    app.footer("Run 'chainrule COMMAND --help' for a command's options and an example.\n");
    WorksheetArgs worksheet;
    GradArgs grad;
    DiffArgs diff;
    DescendArgs descend;
    GradcheckArgs gradcheck;
    CheckArgs check;
    ExerciseArgs exercise;
    HessianArgs hessian;
    CLI::App* commands[] = {worksheet_command(app, worksheet), grad_command(app, grad), diff_command(app, diff),
                            descend_command(app, descend), gradcheck_command(app, gradcheck), check_command(app, check),
                            exercise_command(app, exercise), hessian_command(app, hessian)};
    const auto is_command = [&](std::string_view word) {
        return std::any_of(std::begin(commands), std::end(commands), [&](CLI::App* c) { return c->get_name() == word; });
    };
    if (argc > 1 && argv[1][0] != '-' && !is_command(argv[1])) {
        err << "chainrule: error: unknown command '" << lang::message_text(argv[1])
            << "' (commands: worksheet, grad, diff, hessian, descend, gradcheck, check, exercise; see 'chainrule --help')\n";
        return kExitBadInput;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e, out, err);  // --help
        std::string where = "chainrule";
        for (CLI::App* cmd : commands)
            if (cmd->parsed()) where += " " + cmd->get_name();
        // CLI11 quotes the arguments it rejects as they were typed.
        err << where << ": error: " << lang::message_text(e.what()) << dash_hint(argc, argv) << " (see '"
            << where << " --help')\n";
        return kExitBadInput;
    }
    const Streams io{out, err};
    if (commands[0]->parsed()) return guarded("worksheet", err, [&] { return run_worksheet(worksheet, io); });
    if (commands[1]->parsed()) return guarded("grad", err, [&] { return run_grad(grad, io); });
    if (commands[2]->parsed()) return guarded("diff", err, [&] { return run_diff(diff, io); });
    if (commands[3]->parsed()) return guarded("descend", err, [&] { return run_descend(descend, io); });
    if (commands[4]->parsed()) return guarded("gradcheck", err, [&] { return run_gradcheck(gradcheck, io); });
    if (commands[6]->parsed()) return guarded("exercise", err, [&] { return run_exercise(exercise, io); });
    if (commands[7]->parsed()) return guarded("hessian", err, [&] { return run_hessian(hessian, io); });
    return guarded("check", err, [&] { return run_check(check, io); });
}

}  // namespace chainrule::tools
