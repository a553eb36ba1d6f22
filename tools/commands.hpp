#pragma once
/// \file commands.hpp
/// The commands of `chainrule`, each with the options the command line parsed for it.
/// A command computes through chainrule_lang, prints or writes its result, and returns
/// the exit code; errors are thrown (cli.cpp turns them into exit code 2).

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace chainrule::tools {

/// Where results and notes go.
struct Streams {
    std::ostream& out;
    std::ostream& err;
};

struct WorksheetArgs {
    std::string model;
    std::vector<std::string> wrt;
    std::vector<std::string> elementwise;  ///< matrix models: entries to write out, "W[2,1]"
    std::string format = "md";
    std::string style = "auto";
    int digits = 10;
    std::string title;  ///< empty: the model's `title`, else the library's default
    std::string language = "en";  ///< the sheet's prose: en | zh
    int order = 1;                ///< 2 adds the second derivatives
    std::string output;
};

struct GradArgs {
    std::string expression;
    std::string at;
    int digits = 0;  ///< 0: 10 certified digits, or every digit of a double (17) / float (9)
    std::string arithmetic = "certified";  ///< certified | double | float
    std::string format = "text";
    std::string output;
};

struct DiffArgs {
    std::string expression;
    std::string wrt;  ///< one name, or as many names as --order (a mixed derivative: x,y)
    int order = 1;    ///< 1 to 5
    std::string format = "text";
    std::string output;
};

struct HessianArgs {
    std::string target;             ///< an expression (with --at) or MODEL.chain / -
    std::string at;                 ///< the expression's point
    std::vector<std::string> wrt;   ///< a model's params (default: its derive line, else all)
    std::string format = "text";    ///< text | md | tex | json
    int digits = 10;
    std::string output;
};

struct DescendArgs {
    std::string expression;
    std::string from;
    std::string lr;
    std::string until;
    std::size_t max_steps = 100;
    std::string method = "gd";  ///< gd (an optimizer's updates) or newton (Newton's method, line search)
    std::string optimizer;      ///< empty: sgd (typed with --method newton: an error)
    // Hyper-parameters as typed (empty: the optimizer's default), parsed as exact decimals.
    std::string momentum;
    std::string beta1;
    std::string beta2;
    std::string epsilon;
    std::string plot;  ///< SVG file of the loss curve (1 or 3+ variables) or contour path (2)
    std::string format = "table";
    int digits = 10;
    std::string output;
};

struct GradcheckArgs {
    std::string model;
    std::string format = "text";
    int order = 1;  ///< 2: the Hessian against differences of the gradient
    int digits = 17;
    std::string output;
};

struct CheckArgs {
    std::string model;
    std::string format = "text";
    int digits = 10;
    std::size_t points = 24;
    std::string title;  ///< empty: the model's `title`, else "Claim check"
    std::string language = "en";  ///< the report's own words: en | zh
    std::string output;
};

/// The worksheet; exit 1 when a chain-rule result disagrees with reverse mode.
/// chainrule exercise (exercise_command.cpp).
struct ExerciseArgs {
    std::string model;
    std::size_t variants = 30;
    std::uint64_t seed = 1;
    std::string output;            ///< the directory for the class set
    std::string format = "md";     ///< of the sheets and keys: md | tex | pdf
    int digits = 10;
    std::string language = "en";
    std::string answers;           ///< --answers VARIANT.chain: list what to claim
    std::string blank = "numbers"; ///< numbers | formulas | both
    std::vector<std::string> steps = {"forward", "local", "paths", "update"};
};

int run_worksheet(const WorksheetArgs& args, Streams io);
int run_exercise(const ExerciseArgs& args, Streams io);
int run_grad(const GradArgs& args, Streams io);
int run_diff(const DiffArgs& args, Streams io);
/// The Hessian of an expression at a point (--at) or of a model's output by its params.
int run_hessian(const HessianArgs& args, Streams io);
/// The descent table; a note on stderr when --until was not reached (exit code 0).
int run_descend(const DescendArgs& args, Streams io);
/// The gradient check of the model's output w.r.t. its params (reverse mode in double vs
/// 50-digit Richardson differences); exit 1 when a component is a FAIL.
int run_gradcheck(const GradcheckArgs& args, Streams io);
/// The claim check of a model's `check` lines; exit 1 when a claim is wrong (or a
/// formula holds at the model's point only).
int run_check(const CheckArgs& args, Streams io);

}  // namespace chainrule::tools
